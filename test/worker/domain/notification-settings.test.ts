import { describe, expect, it } from 'vitest';
import {
  applyNotificationPatch,
  DEFAULT_NOTIFICATION_SETTINGS,
  MESSAGE_TYPES,
  notificationSettingsSchema,
  renderMessage,
  resolveNotificationSettings,
  SMS_LONG_MAX,
  SMS_SEGMENT,
  SMS_SHORT_MAX,
  type MessageTexts,
} from '../../../worker/src/domain/notification-settings';

const D = DEFAULT_NOTIFICATION_SETTINGS;

/** The issues of a patch that must fail, as "path: message". */
function refused(patch: unknown, stored = {}) {
  const out = applyNotificationPatch(stored, patch);
  if (out.ok) throw new Error(`expected ${JSON.stringify(patch)} to be refused`);
  return out.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
function accepted(patch: unknown, stored = {}) {
  const out = applyNotificationPatch(stored, patch);
  if (!out.ok) throw new Error(`expected ${JSON.stringify(patch)} to pass: ${JSON.stringify(out.issues)}`);
  return out;
}

describe('defaults', () => {
  it('pass their own rules, for every message type', () => {
    expect(notificationSettingsSchema.safeParse(D).success).toBe(true);
    expect(Object.keys(D.messages)).toEqual([...MESSAGE_TYPES]);
    for (const t of MESSAGE_TYPES) {
      expect(D.messages[t].smsLong.length).toBeLessThanOrEqual(SMS_LONG_MAX);
      expect(D.messages[t].smsShort.length).toBeLessThanOrEqual(SMS_SHORT_MAX);
      expect(D.messages[t].emailHtml).toContain('{link}');
    }
    expect(D.general).toEqual({ smsSenderName: 'Parley', defaultPhonePrefix: null, emailSenderName: null, shortLinks: true, timeZone: 'UTC' });
  });

  it('fit one SMS uncut for everyday names and a real short link', () => {
    const values = { customerName: 'Cora Customer', roleName: 'Co-signer', agentName: 'Alice Agent', orgName: 'Acme Insurance' };
    const links = { longUrl: `https://parley.example.com/room/join/${'t'.repeat(43)}`, shortUrl: `https://parley.example.com/r/${'c'.repeat(22)}` };
    for (const t of MESSAGE_TYPES) {
      for (const shortLinks of [true, false]) {
        const { sms } = renderMessage(D.messages[t], values, links, shortLinks);
        expect(sms, `${t} ${shortLinks ? 'short' : 'long'}`).not.toContain('…');
        if (shortLinks) expect(sms.length).toBeLessThanOrEqual(SMS_SEGMENT);
      }
    }
  });

  it('fill everything an org did not change, and stored junk counts as unchanged', () => {
    expect(resolveNotificationSettings({})).toEqual(D);
    for (const junk of [null, 'x', 3, [], { general: 'x', messages: [1], reminders: null }]) expect(resolveNotificationSettings(junk)).toEqual(D);
    const s = resolveNotificationSettings({ general: { smsSenderName: 'Acme' }, messages: { reminder: { emailSubject: 'Hi {customerName}' } } });
    expect(s.general).toEqual({ ...D.general, smsSenderName: 'Acme' });
    expect(s.messages.reminder).toEqual({ ...D.messages.reminder, emailSubject: 'Hi {customerName}' });
    expect(s.messages.invitation).toEqual(D.messages.invitation);
  });

  it('replace a stored value that no longer passes, and a reminder window that ends before it starts', () => {
    const s = resolveNotificationSettings({ general: { smsSenderName: 'Far too long a name', timeZone: 'Mars/Olympus' }, reminders: { from: '17:00', to: '08:00', maxTotal: 5 } });
    expect(s.general.smsSenderName).toBe('Parley');
    expect(s.general.timeZone).toBe('UTC');
    expect(s.reminders).toEqual(D.reminders);
  });
});

describe('patches', () => {
  it('change only what they name and keep earlier changes', () => {
    const first = accepted({ messages: { invitation: { smsShort: 'Hi {customerName}, your room at {orgName}:' } }, general: { shortLinks: false } });
    const second = accepted({ messages: { invitation: { emailSubject: 'Your room at {orgName}' } }, reminders: { weekdays: ['sat'] } }, first.stored);
    expect(second.settings.messages.invitation).toEqual({ ...D.messages.invitation, smsShort: 'Hi {customerName}, your room at {orgName}:', emailSubject: 'Your room at {orgName}' });
    expect(second.settings.general.shortLinks).toBe(false);
    expect(second.settings.reminders.weekdays).toEqual(['sat']);
    expect(second.stored).toMatchObject({ general: { shortLinks: false }, messages: { invitation: { smsShort: expect.any(String), emailSubject: expect.any(String) } } });
    // Only changes are stored, so new default wording still reaches this org's other texts.
    expect(second.stored.messages?.reminder).toEqual({});
  });

  it('name the field and the limit of texts that are too long', () => {
    expect(refused({ messages: { invitation: { smsLong: 'x'.repeat(71) } } })).toEqual(['messages.invitation.smsLong: must be at most 70 characters (the long link is added after it)']);
    expect(refused({ messages: { reminder: { smsShort: 'x'.repeat(131) } } })).toEqual(['messages.reminder.smsShort: must be at most 130 characters (the short link is added after it)']);
    expect(refused({ messages: { newActivity: { emailSubject: 'x'.repeat(201) } } })).toEqual(['messages.newActivity.emailSubject: must be at most 200 characters']);
    expect(refused({ messages: { invitationAdditional: { emailHtml: `{link}${'x'.repeat(20_000)}` } } })).toEqual(['messages.invitationAdditional.emailHtml: must be at most 20000 characters']);
    accepted({ messages: { invitation: { smsLong: 'x'.repeat(70), smsShort: 'y'.repeat(130) } } });
    // Characters, not UTF-16 units: an emoji counts once.
    accepted({ messages: { invitation: { smsLong: '🙂'.repeat(70), emailHtml: `{link}${'𐀀'.repeat(19_994)}` } } });
    expect(refused({ messages: { invitation: { smsLong: '🙂'.repeat(71) } } })[0]).toMatch(/^messages\.invitation\.smsLong: must be at most 70 characters/);
  });

  it('check placeholders: known names only, the link appended to SMS, and required in the email body', () => {
    expect(refused({ messages: { invitation: { smsShort: 'Hi {firstName}' } } })).toEqual([
      'messages.invitation.smsShort: {firstName} is not a placeholder here; use {customerName}, {roleName}, {agentName}, {orgName}',
    ]);
    expect(refused({ messages: { invitation: { smsLong: 'Open {link}' } } })).toEqual(['messages.invitation.smsLong: leave out {link}: the link is added after the text']);
    expect(refused({ messages: { reminder: { emailSubject: 'Go to {link}' } } })[0]).toContain('{link} is not a placeholder here');
    expect(refused({ messages: { reminder: { emailSubject: 'Two\nlines' } } })).toEqual(['messages.reminder.emailSubject: must be one line']);
    expect(refused({ messages: { reminder: { emailHtml: '<p>Hello {customerName}</p>' } } })).toEqual([
      'messages.reminder.emailHtml: must contain {link}, or the customer has no way into the room',
    ]);
    expect(refused({ messages: { reminder: { smsLong: '   ' } } })).toEqual(['messages.reminder.smsLong: must not be empty']);
    // Braces that are not placeholders (CSS in the HTML) are left alone.
    accepted({ messages: { reminder: { emailHtml: '<style>p { color: #333 }</style><a href="{link}">{agentName}</a>' } } });
  });

  it('check the general settings', () => {
    accepted({ general: { smsSenderName: 'Acme Bank', defaultPhonePrefix: '+44', emailSenderName: 'Acme Support', timeZone: 'Europe/London' } });
    accepted({ general: { defaultPhonePrefix: null, emailSenderName: null } });
    expect(refused({ general: { smsSenderName: 'Acme Bank Ltd' } })).toEqual(['general.smsSenderName: must be at most 11 characters (SMS sender names allow no more)']);
    expect(refused({ general: { smsSenderName: 'Acme-Bank' } })[0]).toMatch(/^general\.smsSenderName: must be letters A–Z, digits and spaces/);
    expect(refused({ general: { smsSenderName: '12345' } })).toEqual(['general.smsSenderName: must contain a letter (a sender of digits only reads as a phone number)']);
    expect(refused({ general: { defaultPhonePrefix: '44' } })).toEqual(['general.defaultPhonePrefix: must be + and a country calling code, e.g. +1 or +44']);
    expect(refused({ general: { defaultPhonePrefix: '+999' } })).toEqual(['general.defaultPhonePrefix: is not a country calling code in use']);
    expect(refused({ general: { emailSenderName: 'Acme <evil@example.com>' } })[0]).toMatch(/^general\.emailSenderName: must be plain text/);
    expect(refused({ general: { emailSenderName: 'Acme\r\nBcc: x@example.com' } })[0]).toMatch(/^general\.emailSenderName: must be plain text/);
    for (const zone of ['Mars/Olympus', '+02:00', 'Europe/London/../x', '']) {
      expect(refused({ general: { timeZone: zone } })).toEqual(['general.timeZone: must be an IANA time zone such as Europe/London or America/New_York']);
    }
    expect(refused({ general: { shortLinks: 'yes' } })).toEqual(['general.shortLinks: must be true or false']);
    expect(refused({ general: { colour: 'red' } })[0]).toMatch(/^general: /);
  });

  it('check reminders and new-activity rules, including from before to across two patches', () => {
    const stored = accepted({ reminders: { from: '10:00', to: '16:00' } }).stored;
    expect(refused({ reminders: { to: '09:30' } }, stored)).toEqual(['reminders.to: must be later than from (the range is within one day)']);
    expect(refused({ reminders: { from: '24:00' } })).toEqual(['reminders.from: must be a time of day as HH:MM, 00:00 to 23:59']);
    expect(refused({ reminders: { offlineMinutes: 4 } })).toEqual(['reminders.offlineMinutes: must be 5 to 10080 minutes']);
    expect(refused({ reminders: { maxTotal: 1.5 } })).toEqual(['reminders.maxTotal: must be a whole number of reminders']);
    expect(refused({ reminders: { weekdays: [] } })).toEqual(['reminders.weekdays: must name at least one day']);
    expect(refused({ reminders: { weekdays: ['mon', 'mon'] } })).toEqual(['reminders.weekdays: must name each day at most once']);
    expect(refused({ reminders: { weekdays: ['monday'] } })).toEqual(['reminders.weekdays.0: must be one of mon, tue, wed, thu, fri, sat, sun']);
    expect(refused({ newActivity: { channels: [] } })).toEqual(['newActivity.channels: must name sms, email or both']);
    expect(refused({ newActivity: { channels: ['fax'] } })).toEqual(['newActivity.channels.0: must be sms or email']);
    expect(refused({ newActivity: { quietMinutes: -1 } })).toEqual(['newActivity.quietMinutes: must be 0 to 10080 minutes']);
    const ok = accepted({ newActivity: { enabled: false, quietMinutes: 0, channels: ['email'] }, reminders: { enabled: false } });
    expect(ok.settings.newActivity).toEqual({ ...D.newActivity, enabled: false, quietMinutes: 0, channels: ['email'] });
  });
});

describe('renderMessage', () => {
  const values = { customerName: 'Cora', roleName: 'Customer', agentName: 'Alice', orgName: 'Acme' };
  const links = { longUrl: `https://parley.test/room/join/${'t'.repeat(43)}`, shortUrl: `https://parley.test/r/${'c'.repeat(22)}` };
  const texts = (over: Partial<MessageTexts>): MessageTexts => ({ ...D.messages.invitation, ...over });

  it('sends the short-link text with short links on, and the long-link text otherwise', () => {
    const t = texts({ smsShort: 'Hi {customerName}, {agentName} of {orgName} here:', smsLong: '{orgName}: your room' });
    expect(renderMessage(t, values, links, true)).toMatchObject({ sms: `Hi Cora, Alice of Acme here: ${links.shortUrl}`, smsLink: links.shortUrl });
    expect(renderMessage(t, values, links, false)).toMatchObject({ sms: `Acme: your room ${links.longUrl}`, smsLink: links.longUrl });
  });

  it('keeps a short-link SMS inside one segment and the long-link text inside 70 characters', () => {
    const long = { ...values, orgName: 'A'.repeat(120) };
    const short = renderMessage(texts({ smsShort: '{orgName} invites you' }), long, links, true).sms;
    expect(short.length).toBeLessThanOrEqual(SMS_SEGMENT);
    expect(short).toMatch(/A… https:\/\/parley\.test\/r\/c{22}$/);
    const longLink = renderMessage(texts({ smsLong: '{orgName} invites you' }), long, links, false).sms;
    expect(longLink.slice(0, -links.longUrl.length - 1)).toHaveLength(SMS_LONG_MAX);
    // Characters are counted as the limits count them (an emoji is one), and a cut never splits one.
    expect(renderMessage(texts({ smsLong: '{orgName}' }), { ...values, orgName: '𐀀'.repeat(70) }, links, false).sms).toBe(`${'𐀀'.repeat(70)} ${links.longUrl}`);
    const emoji = renderMessage(texts({ smsLong: '{orgName}' }), { ...values, orgName: '𐀀'.repeat(80) }, links, false).sms;
    expect(emoji).toBe(`${'𐀀'.repeat(69)}… ${links.longUrl}`);
  });

  it('escapes every name in the HTML body, puts the long link in it, and fills each placeholder once', () => {
    const t = texts({ emailHtml: '<p>Hello {customerName} ({roleName})</p><p>{agentName} at {orgName}</p><a href="{link}">open</a> {link}' });
    const html = renderMessage(t, { customerName: '<script>x</script>', roleName: 'A<B', agentName: 'Tom & "Jerry"', orgName: "O'Brien {link}" }, links, true).emailHtml;
    expect(html).toBe(
      `<p>Hello &lt;script&gt;x&lt;/script&gt; (A&lt;B)</p><p>Tom &amp; &quot;Jerry&quot; at O&#39;Brien {link}</p><a href="${links.longUrl}">open</a> ${links.longUrl}`,
    );
  });

  it('writes the subject on one line, whatever the names hold', () => {
    const subject = renderMessage(texts({ emailSubject: '{agentName} from {orgName}' }), { ...values, agentName: 'Alice\r\nBcc: x@example.com' }, links, true).emailSubject;
    expect(subject).toBe('Alice Bcc: x@example.com from Acme');
  });
});
