// The bounds of notification settings (SPEC §7), each on both sides, in
// literal numbers, the defaults in full, and the SMS cut to one 160-character
// segment. Found missing by the mutation runner (scripts/mutation.mjs).
import { describe, expect, it } from 'vitest';
import { applyNotificationPatch, DEFAULT_NOTIFICATION_SETTINGS as D, renderMessage, type MessageTexts } from '../../../worker/src/domain/notification-settings';

const passes = (patch: unknown) => applyNotificationPatch({}, patch).ok;
const issues = (patch: unknown) => {
  const out = applyNotificationPatch({}, patch);
  return out.ok ? [] : out.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('general settings', () => {
  it('an email sender name of 1 to 64 characters, not blank', () => {
    expect(passes({ general: { emailSenderName: 'e'.repeat(64) } })).toBe(true);
    expect(issues({ general: { emailSenderName: 'e'.repeat(65) } })).toEqual(['general.emailSenderName: must be at most 64 characters']);
    expect(passes({ general: { emailSenderName: 'A' } })).toBe(true);
    expect(issues({ general: { emailSenderName: '  ' } })).toEqual(['general.emailSenderName: must not be empty (use null for the org name)']);
  });

  it('a time zone name of at most 64 characters', () => {
    expect(issues({ general: { timeZone: `Europe/${'x'.repeat(58)}` } })).toContain('general.timeZone: must be at most 64 characters');
    expect(issues({ general: { timeZone: `Europe/${'x'.repeat(57)}` } })).not.toContain('general.timeZone: must be at most 64 characters');
  });
});

describe('refusals', () => {
  it('name the field by its path, list positions as numbers', () => {
    const out = applyNotificationPatch({}, { reminders: { weekdays: ['mon', 'someday'] } });
    expect(out.ok).toBe(false);
    expect(out.ok ? [] : out.issues.map((i) => i.path)).toContainEqual(['reminders', 'weekdays', 1]);
  });
});

describe('reminders', () => {
  it('1 to 30 of them, and their window ends after it starts', () => {
    expect(passes({ reminders: { maxTotal: 1 } })).toBe(true);
    expect(passes({ reminders: { maxTotal: 30 } })).toBe(true);
    expect(passes({ reminders: { maxTotal: 0 } })).toBe(false);
    expect(passes({ reminders: { maxTotal: 31 } })).toBe(false);
    expect(passes({ reminders: { from: '09:00', to: '09:01' } })).toBe(true);
    expect(issues({ reminders: { from: '09:00', to: '09:00' } })).toEqual(['reminders.to: must be later than from (the range is within one day)']);
  });

  it('new activity: 1 to 1440 minutes offline', () => {
    expect(passes({ newActivity: { offlineMinutes: 1 } })).toBe(true);
    expect(passes({ newActivity: { offlineMinutes: 1440 } })).toBe(true);
    expect(passes({ newActivity: { offlineMinutes: 0 } })).toBe(false);
    expect(passes({ newActivity: { offlineMinutes: 1441 } })).toBe(false);
  });

  it('defaults: weekday reminders 09:00 to 18:00 after 2 hours offline, at most 3; activity after 10 minutes, then quiet for an hour', () => {
    expect(D.reminders).toEqual({ enabled: true, offlineMinutes: 120, weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00', maxTotal: 3, channels: ['sms', 'email'] });
    expect(D.newActivity).toEqual({ enabled: true, offlineMinutes: 10, quietMinutes: 60, channels: ['sms', 'email'] });
  });
});

describe('the SMS with a short link', () => {
  const texts = (smsShort: string): MessageTexts => ({ ...D.messages.invitation, smsShort });
  const values = { customerName: 'Cora', roleName: 'Customer', agentName: 'Alice', orgName: 'Acme' };
  const render = (smsShort: string, shortUrl: string) => renderMessage(texts(smsShort), values, { longUrl: 'https://p.example/room/join/x', shortUrl }, true).sms;

  it('is cut to fit one 160-character segment exactly, with an ellipsis', () => {
    const shortUrl = `https://p.example/r/${'c'.repeat(40)}`; // 60 characters: 99 are left for the text
    const sms = render('w'.repeat(130), shortUrl);
    expect(sms).toHaveLength(160);
    expect(sms).toBe(`${'w'.repeat(98)}… ${shortUrl}`);
    expect(render('w'.repeat(99), shortUrl)).toBe(`${'w'.repeat(99)} ${shortUrl}`);
  });

  it('is the link alone when no text fits', () => {
    const shortUrl = `https://p.example/r/${'c'.repeat(138)}`; // 158 characters: one is left, too few for text and ellipsis
    expect(render('Hello', shortUrl)).toBe(shortUrl);
    const longer = `https://p.example/r/${'c'.repeat(137)}`; // two are left: one character and the ellipsis
    expect(render('Hello', longer)).toBe(`H… ${longer}`);
  });
});
