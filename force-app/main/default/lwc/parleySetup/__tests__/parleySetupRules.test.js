// The pure pieces behind the page: range checks that mirror the Worker,
// the patch of changed fields, and reading Apex errors.
import { SETTINGS, describeValue, numberFromInput, validateSetting } from 'c/parleySetupSettingRules';
import { changedFields, isEmptyPatch } from 'c/parleySetupPatch';
import { errorMessage, isAdminOnly } from 'c/parleySetupApexError';
import { TEXT_FIELDS, textProblem } from 'c/parleySetupNotificationRules';

const def = (key) => SETTINGS.find((d) => d.key === key);
const message = (key, value) => {
    const found = validateSetting(def(key), value);
    return found ? found.message : null;
};

describe('setting ranges (as worker/src/domain/settings.ts)', () => {
    it.each([
        ['accessWindowHours', 1, null],
        ['accessWindowHours', 2160, null],
        ['accessWindowHours', 0, 'Access window after first open (hours): must be 1 to 2160 hours'],
        ['accessWindowHours', 2161, 'Access window after first open (hours): must be 1 to 2160 hours'],
        ['fullAccessHours', 0, null],
        ['fullAccessHours', 168, null],
        ['fullAccessHours', 169, 'Full access (hours): must be 0 to 168 hours'],
        ['limitedAccessHours', -1, 'Limited access (hours): must be 0 to 168 hours'],
        ['limitedAccessHours', '', 'Limited access (hours): must be a number of hours'],
        ['limitedAccessHours', 2.5, 'Limited access (hours): must be a whole number of hours']
    ])('%s = %p', (key, value, expected) => {
        expect(message(key, value)).toBe(expected);
    });

    it('takes a duration of up to 30 days 23 hours 59 minutes, longer than zero, or off', () => {
        expect(message('inactiveAutoClose', null)).toBeNull();
        expect(message('inactiveAutoClose', { days: 30, hours: 23, minutes: 59 })).toBeNull();
        expect(message('inactiveAutoClose', { days: 31, hours: 0, minutes: 0 })).toBe(
            'Close inactive sessions automatically: must be 0 to 30 days'
        );
        expect(validateSetting(def('inactiveAutoClose'), { days: 0, hours: 0, minutes: 60 }).part).toBe('minutes');
        expect(message('inactiveAutoClose', { days: 0, hours: 0, minutes: 0 })).toBe(
            'Close inactive sessions automatically: must be longer than zero minutes (switch it off instead)'
        );
    });

    it('takes an http(s) URL or none for the redirect', () => {
        expect(message('redirectUrl', null)).toBeNull();
        expect(message('redirectUrl', 'https://help.example.com/a?b=c')).toBeNull();
        expect(message('redirectUrl', 'ftp://help.example.com')).toMatch(/must be an http\(s\) URL/);
        expect(message('redirectUrl', `https://e.com/${'a'.repeat(2048)}`)).toBe(
            'Redirect URL for denied customers: must be at most 2048 characters'
        );
    });

    it('lets a team inherit anything', () => {
        for (const d of SETTINGS) expect(validateSetting(d, 'inherit')).toBeNull();
    });

    it('reads number inputs, keeping what is not a number for the message', () => {
        expect(numberFromInput('42')).toBe(42);
        expect(numberFromInput(' 7 ')).toBe(7);
        expect(numberFromInput('')).toBe('');
        expect(numberFromInput('abc')).toBe('abc');
    });

    it('describes values for "Inherit from org"', () => {
        expect(describeValue(def('customerChat'), false)).toBe('off');
        expect(describeValue(def('accessWindowHours'), 1)).toBe('1 hour');
        expect(describeValue(def('inactiveAutoClose'), { days: 0, hours: 1, minutes: 30 })).toBe('after 1 hour 30 minutes');
        expect(describeValue(def('inactiveAutoClose'), null)).toBe('off');
        expect(describeValue(def('redirectUrl'), null)).toBe('none');
    });
});

describe('changedFields', () => {
    it('keeps only changed settings, and a duration whole', () => {
        const saved = { session: { customerChat: true, inactiveAutoClose: { days: 1, hours: 0, minutes: 0 } }, afterEnd: { chatAllowed: true } };
        const draft = { session: { customerChat: true, inactiveAutoClose: { days: 1, hours: 2, minutes: 0 } }, afterEnd: { chatAllowed: true } };
        expect(changedFields(saved, draft, 2)).toEqual({ session: { inactiveAutoClose: { days: 1, hours: 2, minutes: 0 } } });
        expect(isEmptyPatch(changedFields(saved, saved, 2))).toBe(true);
    });

    it('goes down to one text of one message, and sends lists whole', () => {
        const saved = { messages: { reminder: { smsLong: 'a', smsShort: 'b' } }, reminders: { weekdays: ['mon', 'tue'] } };
        const draft = { messages: { reminder: { smsLong: 'a', smsShort: 'c' } }, reminders: { weekdays: ['tue', 'mon'] } };
        expect(changedFields(saved, draft, 3)).toEqual({ messages: { reminder: { smsShort: 'c' } }, reminders: { weekdays: ['tue', 'mon'] } });
    });

    it('sends "inherit" and null as values', () => {
        expect(changedFields({ s: { a: 1, b: 'x' } }, { s: { a: 'inherit', b: null } }, 2)).toEqual({ s: { a: 'inherit', b: null } });
    });
});

describe('Apex errors', () => {
    it('reads the message of an AuraHandledException, a DML error list, or an Error', () => {
        expect(errorMessage({ body: { message: 'body.session.customerChat: must be on or off' } })).toBe(
            'body.session.customerChat: must be on or off'
        );
        expect(errorMessage({ body: [{ message: 'one' }, { message: 'two' }] })).toBe('one; two');
        expect(errorMessage({ body: { pageErrors: [{ message: 'page' }], fieldErrors: { Name: [{ message: 'field' }] } } })).toBe('page; field');
        expect(errorMessage(new Error('plain'))).toBe('plain');
        expect(errorMessage(undefined)).toBe('Something went wrong. Try again.');
    });

    it('knows the admin-only refusal by the permission it names', () => {
        expect(isAdminOnly({ body: { message: 'Parley setup is for Parley admins: ask for the Parley Admin permission set.' } })).toBe(true);
        expect(isAdminOnly({ body: { message: 'Missing custom permission Parley_Admin' } })).toBe(true);
        expect(isAdminOnly({ body: { message: 'Read timed out' } })).toBe(false);
    });
});

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
