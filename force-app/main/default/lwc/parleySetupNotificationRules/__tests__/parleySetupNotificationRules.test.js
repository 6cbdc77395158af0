// The checks on message texts behind the Notifications tab, which mirror the
// Worker's (worker/src/domain/notification-settings.ts): placeholders, the
// link Parley appends or needs, and characters counted as the Worker counts them.
import { TEXT_FIELDS, textProblem } from 'c/parleySetupNotificationRules';

describe('message texts (as worker/src/domain/notification-settings.ts)', () => {
    const field = (name) => TEXT_FIELDS.find((f) => f.field === name);

    it('allows names in SMS texts but not the link, which Parley appends', () => {
        expect(textProblem(field('smsShort'), 'Hi {customerName}, from {orgName}:', 130)).toBeNull();
        expect(textProblem(field('smsShort'), 'Go {link}', 130)).toBe('leave out {link}: the link is added after the text');
        expect(textProblem(field('smsLong'), '   ', 70)).toBe('must not be empty');
        expect(textProblem(field('smsLong'), 'Hi {roleName} {customerName}', 70)).toBeNull();
    });

    it('counts characters as the Worker does: an emoji is one', () => {
        expect(textProblem(field('smsLong'), '👋'.repeat(70), 70)).toBeNull();
        expect(textProblem(field('smsLong'), '👋'.repeat(71), 70)).toMatch(/^must be at most 70 characters/);
    });

    it('wants the link in an email body and one line in a subject', () => {
        expect(textProblem(field('emailHtml'), '<p>Hi</p>', 20000)).toBe('must contain {link}, or the customer has no way into the room');
        expect(textProblem(field('emailHtml'), '<a href="{link}">Open</a>', 20000)).toBeNull();
        expect(textProblem(field('emailSubject'), 'Two\nlines', 200)).toBe('must be one line');
        expect(textProblem(field('emailSubject'), 'About {link}', 200)).toBe(
            '{link} is not a placeholder here; use {customerName}, {roleName}, {agentName}, {orgName}'
        );
    });
});
