// Which webhooks an accepted email leads to, and what they carry. Resend's
// test addresses decide ("Send Test Emails"): delivered@resend.dev is
// delivered, bounced@resend.dev bounces with SMTP 550 5.1.1 (unknown user),
// complained@resend.dev is delivered and then marked as spam, and
// suppressed@resend.dev is suppressed as an address that bounced before; the
// first three take a +label (delivered+signup@resend.dev). Any other address
// is treated as delivered: the fake has nowhere else to send it.
// Payloads follow the event pages: { type, created_at, data } with the
// email's id, from, to, subject and tags as an object of name → value.

export type EmailEventType = 'email.sent' | 'email.delivered' | 'email.bounced' | 'email.complained' | 'email.suppressed';

export interface PlannedEvent {
  type: EmailEventType;
  /** After the email was accepted: a served fake posts it then (fake-resend's deliverWebhooks takes all at once). */
  delayMs: number;
  /** Event-specific data: bounce, suppressed. */
  extra: Record<string, unknown>;
}

/** What the webhook data says about the email itself. */
export interface EventEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  tags: Record<string, string>;
  createdAt: number;
}

const SENT_AFTER_MS = 50;
const OUTCOME_AFTER_MS = 300;
const COMPLAINT_AFTER_MS = 600;

const sent: PlannedEvent = { type: 'email.sent', delayMs: SENT_AFTER_MS, extra: {} };
const delivered: PlannedEvent = { type: 'email.delivered', delayMs: OUTCOME_AFTER_MS, extra: {} };

/** The test address a recipient is, label removed: "bounced" for bounced+x@resend.dev; null for any other address. */
export function testAddress(recipient: string): 'delivered' | 'bounced' | 'complained' | 'suppressed' | null {
  const m = /^([a-z]+)(\+[^@]*)?@resend\.dev$/i.exec(recipient.trim());
  if (!m) return null;
  const kind = m[1]!.toLowerCase();
  // The suppressed address takes no label yet.
  if (kind === 'suppressed') return m[2] === undefined ? 'suppressed' : null;
  return kind === 'delivered' || kind === 'bounced' || kind === 'complained' ? kind : null;
}

export function plannedEvents(recipient: string): PlannedEvent[] {
  switch (testAddress(recipient)) {
    case 'bounced':
      return [
        sent,
        {
          type: 'email.bounced',
          delayMs: OUTCOME_AFTER_MS,
          extra: {
            bounce: {
              diagnosticCode: ['smtp; 550 5.1.1 The email account that you tried to reach does not exist (unknown user)'],
              message: "The recipient's email provider sent a hard bounce message: 550 5.1.1 unknown user.",
              subType: 'General',
              type: 'Permanent',
            },
          },
        },
      ];
    case 'complained':
      return [sent, delivered, { type: 'email.complained', delayMs: COMPLAINT_AFTER_MS, extra: {} }];
    case 'suppressed':
      return [
        sent,
        {
          type: 'email.suppressed',
          delayMs: OUTCOME_AFTER_MS,
          extra: {
            suppressed: {
              message: 'Resend has suppressed sending to this address because it has previously bounced.',
              type: 'OnAccountSuppressionList',
            },
          },
        },
      ];
    default:
      return [sent, delivered];
  }
}

export function eventPayload(event: PlannedEvent, email: EventEmail, at: number): Record<string, unknown> {
  return {
    type: event.type,
    created_at: new Date(at).toISOString(),
    data: {
      created_at: new Date(email.createdAt).toISOString(),
      email_id: email.id,
      message_id: `<${email.id}@email.resend.fake>`,
      from: email.from,
      to: email.to,
      subject: email.subject,
      tags: email.tags,
      ...event.extra,
    },
  };
}
