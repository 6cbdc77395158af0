// The notification texts in every language (domain/notification-settings.ts):
// Parley's own in each language keep the same rules as an admin's (limits,
// placeholders, the link in emails), and an admin's change in one language
// leaves the others on Parley's words in theirs.
import { describe, expect, it } from 'vitest';
import {
  applyNotificationPatch,
  DEFAULT_NOTIFICATION_SETTINGS,
  defaultMessages,
  MESSAGE_TYPES,
  messageTextsSchema,
  messagesIn,
  renderMessage,
  resolveNotificationSettings,
} from '../../../worker/src/domain/notification-settings';
import { LOCALES } from '../../../worker/src/i18n/locales';

describe("Parley's texts in each language", () => {
  for (const locale of LOCALES) {
    it(`${locale}: every message keeps the rules an admin's text must keep`, () => {
      const messages = defaultMessages(locale);
      for (const type of MESSAGE_TYPES) {
        const checked = messageTextsSchema.safeParse(messages[type]);
        expect(checked.success, `${locale} ${type}: ${checked.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`).toBe(true);
      }
    });
  }

  it('the English ones are the defaults under messages; the others under languages', () => {
    expect(DEFAULT_NOTIFICATION_SETTINGS.messages).toEqual(defaultMessages('en'));
    expect(DEFAULT_NOTIFICATION_SETTINGS.languages.he).toEqual(defaultMessages('he'));
    expect(defaultMessages('fr').invitation.emailSubject).toBe('{agentName} de {orgName} vous invite dans un espace sécurisé');
  });

  it('a short-link SMS still fits one segment, in Hebrew too', () => {
    const rendered = renderMessage(defaultMessages('he').reminder, { customerName: 'דנה', roleName: 'לקוח', agentName: 'אבי', orgName: 'נורת׳ווינד' }, { longUrl: 'https://parley.test/room/join/x', shortUrl: 'https://p.test/r/ABCDEFGH' }, true);
    expect(Array.from(rendered.sms).length).toBeLessThanOrEqual(160);
    expect(rendered.sms).toContain('שלום דנה');
  });
});

describe("an admin's texts per language", () => {
  it('are stored for the language changed; a language left alone keeps Parley\'s words in it, not the admin\'s English', () => {
    const outcome = applyNotificationPatch({}, { messages: { invitation: { emailSubject: 'Come in, {customerName}' } }, languages: { es: { invitation: { emailSubject: 'Pasa, {customerName}' } } } });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.stored.languages?.es?.invitation).toEqual({ emailSubject: 'Pasa, {customerName}' });
    const settings = resolveNotificationSettings(outcome.stored);
    expect(messagesIn(settings, 'en').invitation.emailSubject).toBe('Come in, {customerName}');
    expect(messagesIn(settings, 'es').invitation.emailSubject).toBe('Pasa, {customerName}');
    expect(messagesIn(settings, 'fr').invitation.emailSubject).toBe(defaultMessages('fr').invitation.emailSubject);
    expect(messagesIn(settings, null).invitation.emailSubject).toBe('Come in, {customerName}');
  });

  it('follow the same rules in every language', () => {
    const tooLong = applyNotificationPatch({}, { languages: { de: { reminder: { smsLong: 'x'.repeat(71) } } } });
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.issues[0]).toMatchObject({ path: ['languages', 'de', 'reminder', 'smsLong'], message: expect.stringContaining('at most 70 characters') });
    const noLink = applyNotificationPatch({}, { languages: { he: { invitation: { emailHtml: '<p>שלום</p>' } } } });
    expect(noLink.ok).toBe(false);
  });

  it('a language Parley does not speak, or English under languages, is refused by name', () => {
    for (const language of ['pt', 'en']) {
      const outcome = applyNotificationPatch({}, { languages: { [language]: { invitation: { emailSubject: 'Olá' } } } });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.issues[0]!.message).toBe(`${language}: not a language here; use es, fr, de, he (English texts are under messages)`);
    }
  });
});
