// The message that carries a one-time code (room/otp.ts): short, in the
// org's name, the code and how long it lives, and never a link — a code
// arrives on the channel the invitation did not use, and a link in it would
// make the second channel a second way in rather than a second proof.
import { escapeHtml } from '../domain/notification-settings';
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
}

/** The outbox message for a code. Its body is the one place the code is kept in the clear, sealed with the row like an invitation's link. */
export function otpMessage(m: OtpMessageInput): NewOutboxMessage {
  const sentence = `Your ${m.orgName} code is ${m.code}. It expires in ${m.lifeMinutes} minutes. Do not share it with anyone.`;
  const email = m.channel === 'email';
  return {
    id: m.id,
    org_id: m.orgId,
    session_id: m.sessionId,
    participant_id: m.participantId,
    kind: 'otp',
    channel: m.channel,
    recipient: m.recipient,
    subject: email ? `Your ${m.orgName} code` : null,
    body: email
      ? `<p>Your ${escapeHtml(m.orgName)} code is <strong>${m.code}</strong>.</p><p>It expires in ${m.lifeMinutes} minutes. Do not share it with anyone: nobody from ${escapeHtml(m.orgName)} will ask you for it.</p>`
      : sentence,
    // No link: the content's link field is required by the outbox, and empty says "none".
    link: '',
  };
}
