// A participant's last message on their card in the workspace
// (worker/src/ui/workspace/participant-message.tsx): each status in the
// catalogue's words, the reason only for a message that did not arrive, the
// refused ones marked, and Resend offered by the channels the participant can
// be reached on, only while the session is active.
import { describe, expect, it } from 'vitest';
import type { DeliveryView, ParticipantView } from '../../../worker/src/contract/session';
import { DELIVERY_STATUSES, DELIVERY_STATUS_LABELS, type SessionStatus } from '../../../worker/src/domain/catalogue';
import { LastMessage, MessageActions } from '../../../worker/src/ui/workspace/participant-message';

const delivery = (over: Partial<DeliveryView> = {}): DeliveryView => ({
  messageId: 'msg_par_Sam0000000000001_1_sms',
  kind: 'invitation_additional',
  channel: 'sms',
  status: 'failed',
  reason: 'Unreachable destination handset (Twilio 30003)',
  updatedAt: '2026-11-21T11:31:26.512Z',
  ...over,
});

const sam = (over: Partial<ParticipantView> = {}): ParticipantView => ({
  id: 'par_Sam0000000000001',
  primary: false,
  roleName: 'Co-signer',
  name: 'Sam <Ortiz>',
  online: false,
  lastSeenAt: null,
  enteredAt: null,
  consentedAt: null,
  authStatus: 'none',
  authenticatedAt: null,
  completed: false,
  completedAt: null,
  invitedAt: '2026-11-21T11:31:20.000Z',
  inviteCount: 1,
  windowStartedAt: null,
  email: 'sam@example.com',
  phone: '+14155550188',
  inviteChannel: 'sms',
  language: null,
  access: { level: 'full', reason: 'open', until: null },
  deliveries: [delivery()],
  assignedBy: null,
  ...over,
});

const html = (node: unknown) => String(node ?? '');
const last = (d: Partial<DeliveryView>) => html(LastMessage({ p: sam({ deliveries: [delivery(d)] }) }));
const buttons = (p: ParticipantView, status: SessionStatus, smsEnabled = true) =>
  [...html(MessageActions({ p, status, smsEnabled })).matchAll(/<button[^>]*id="([^"]+)"[^>]*>(.*?)<\/button>/g)].map((m) => [m[1], m[2]!.replace(/<[^>]+>/g, '')]);

describe("a participant's last message", () => {
  it('reads every status in the catalogue\'s words', () => {
    for (const status of DELIVERY_STATUSES) expect(last({ status }), status).toContain(`${DELIVERY_STATUS_LABELS[status]}</span>`);
  });

  it('marks the refused ones, and says why only for a message that did not arrive', () => {
    const failed = last({});
    expect(failed).toContain('Invitation by SMS');
    expect(failed).toContain('<span class="status ws-d-bad"><span aria-hidden="true">✕ </span>Failed</span>');
    expect(failed).toContain('<span class="ws-delivery-reason">Unreachable destination handset (Twilio 30003)</span>');
    expect(last({ status: 'opted_out', reason: 'Replied STOP' })).toContain('ws-d-bad');
    const held = last({ status: 'held', reason: 'no SMS provider is connected', kind: 'reminder' });
    expect(held).toContain('Reminder by SMS');
    expect(held).toContain('<span class="status ws-d-warn">Not sent: no provider</span>');
    expect(held).toContain('no SMS provider is connected');
    // Still being retried: the provider's passing reason is not the agent's to act on.
    const retrying = last({ status: 'retrying', reason: 'Twilio is busy (HTTP 429)' });
    expect(retrying).toContain('<span class="status">Retrying</span>');
    expect(retrying).not.toContain('Twilio is busy');
    expect(last({ status: 'delivered', reason: null, channel: 'email' })).toContain('<span class="status ws-d-ok">Delivered</span>');
    expect(last({ reason: '<b>bold</b>' })).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html(LastMessage({ p: sam({ deliveries: [] }) }))).toContain('None sent yet');
  });

  it('offers Resend by each channel, their own first, only while the session is active and the message did not arrive', () => {
    // Names escaped, as all user text is.
    expect(buttons(sam(), 'active')).toEqual([
      ['resend-par_Sam0000000000001-sms', 'Resend by SMS to Sam &lt;Ortiz&gt;'],
      ['resend-par_Sam0000000000001-email', 'Resend by email to Sam &lt;Ortiz&gt;'],
      ['reengage-par_Sam0000000000001', 'Change contact of Sam &lt;Ortiz&gt;'],
    ]);
    // One address: one button, its channel said to screen readers.
    expect(buttons(sam({ email: null }), 'active')[0]).toEqual(['resend-par_Sam0000000000001-sms', 'Resend invitation to Sam &lt;Ortiz&gt; by SMS']);
    for (const status of ['queued', 'sending', 'sent', 'delivered', 'retrying'] as const) {
      expect(buttons(sam({ deliveries: [delivery({ status })] }), 'active').map(([id]) => id), status).toEqual(['reengage-par_Sam0000000000001']);
    }
    for (const status of ['held', 'expired', 'opted_out'] as const) {
      expect(buttons(sam({ deliveries: [delivery({ status })] }), 'active'), status).toHaveLength(3);
    }
    // A pre-planned session sends nothing yet; an ended one sends nothing more.
    expect(buttons(sam(), 'planned').map(([id]) => id)).toEqual(['reengage-par_Sam0000000000001']);
    expect(buttons(sam(), 'ended')).toEqual([]);
    // Once in the room, the contact details stay.
    expect(buttons(sam({ enteredAt: '2026-11-21T11:40:00.000Z' }), 'active').map(([id]) => id)).toEqual(['resend-par_Sam0000000000001-sms', 'resend-par_Sam0000000000001-email']);
  });

  it('offers no SMS while text messages are turned off for the org', () => {
    expect(buttons(sam({ enteredAt: '2026-11-21T11:40:00.000Z' }), 'active', false).map(([id]) => id)).toEqual(['resend-par_Sam0000000000001-email']);
    expect(buttons(sam({ email: null }), 'active', false).map(([id]) => id)).toEqual(['reengage-par_Sam0000000000001']);
  });
});
