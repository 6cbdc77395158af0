// The message that carries a one-time code (room/otp.ts): short, in the
// org's name, the code and how long it lives, and never a link — a code
// arrives on the channel the invitation did not use, and a link in it would
// make the second channel a second way in rather than a second proof. In the
// participant's language (i18n/messages/notify.ts), English when they have none.
import { escapeHtml } from '../domain/notification-settings';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales';
import { messagesOf } from '../i18n/catalogue';
import { makeTranslator } from '../i18n/translate';
import type { NewOutboxMessage } from './outbox';

export interface OtpMessageInput {
  /** The outbox row's id: deterministic for one code, so a replay queues nothing twice. */
  id: string;
  orgId: string;
  sessionId: string;
  participantId: string;
  channel: 'sms' | 'email';
  /** The email address or phone number the code goes to. */
  recipient: string;
  orgName: string;
  code: string;
  /** Minutes the code lives: said in the message, so the person knows to hurry. */
  lifeMinutes: number;
  /** The participant's language; null: English. */
  language?: Locale | null | undefined;
}

/** The outbox message for a code. Its body is the one place the code is kept in the clear, sealed with the row like an invitation's link. */
export function otpMessage(m: OtpMessageInput): NewOutboxMessage {
  const locale = m.language ?? DEFAULT_LOCALE;
  const t = makeTranslator(locale, messagesOf(locale));
  const email = m.channel === 'email';
  const vars = { orgName: m.orgName, code: m.code, minutes: m.lifeMinutes };
  return {
    id: m.id,
    org_id: m.orgId,
    session_id: m.sessionId,
    participant_id: m.participantId,
    kind: 'otp',
    channel: m.channel,
    recipient: m.recipient,
    // A header: a line break in the org's name must not start a new one.
    subject: email ? t('notify.otp.emailSubject', vars).replace(/[\r\n]+/g, ' ') : null,
    body: email ? t('notify.otp.emailHtml', { ...vars, orgName: escapeHtml(m.orgName) }) : t('notify.otp.sms', vars),
    // No link: the content's link field is required by the outbox, and empty says "none".
    link: '',
  };
}
