// What became of a participant's last message, on their card in the session
// view (agents only: the room's pages never show deliveries), and what the
// agent can do about one that did not arrive: send the invitation again, by
// either channel the participant has an address for, or change their
// contact details (re-engage) while they have not entered yet. The buttons
// are plain: the workspace script sends them to the JSON API
// (client/workspace/participants.ts), and the live refresh re-renders this.
import { DELIVERY_STATUS_LABELS, UNDELIVERED_STATUSES, type DeliveryStatus, type SessionStatus } from '../../domain/catalogue';
import type { DeliveryView, ParticipantView } from '../../contract/session';
import { Time } from './layout';

export const CHANNEL_NAMES: Record<DeliveryView['channel'], string> = { sms: 'SMS', email: 'email' };

const MESSAGE_KINDS: Record<DeliveryView['kind'], string> = {
  invitation_primary: 'Invitation',
  invitation_additional: 'Invitation',
  reminder: 'Reminder',
  new_activity: 'New-activity notice',
  otp: 'One-time code',
};


/** The chip's look: refused outright (bad), stuck or late (warn), arrived (ok); the rest are on their way. */
const TONE: Partial<Record<DeliveryStatus, 'bad' | 'warn' | 'ok'>> = { failed: 'bad', opted_out: 'bad', held: 'warn', expired: 'warn', delivered: 'ok' };

/** The participant's newest message on any channel (the room lists them newest first). */
export const lastDelivery = (p: ParticipantView): DeliveryView | null => p.deliveries[0] ?? null;

/** "Invitation by SMS: Failed", as screen readers are told of a change. */
export function deliverySentence(d: DeliveryView): string {
  return `${MESSAGE_KINDS[d.kind]} by ${CHANNEL_NAMES[d.channel]}: ${DELIVERY_STATUS_LABELS[d.status]}`;
}

export function LastMessage({ p }: { p: ParticipantView }) {
  const d = lastDelivery(p);
  if (!d) return <span class="muted">None sent yet</span>;
  const tone = TONE[d.status];
  const undelivered = UNDELIVERED_STATUSES.has(d.status);
  return (
    <span class="ws-delivery" id={`delivery-${p.id}`} data-delivery={d.status}>
      <span>
        {MESSAGE_KINDS[d.kind]} by {CHANNEL_NAMES[d.channel]}
      </span>{' '}
      <span class={`status${tone ? ` ws-d-${tone}` : ''}`}>
        {tone === 'bad' ? <span aria-hidden="true">✕ </span> : null}
        {DELIVERY_STATUS_LABELS[d.status]}
      </span>
      {undelivered && d.reason ? <span class="ws-delivery-reason">{d.reason}</span> : null}{' '}
      <span class="muted ws-msg-time">
        <Time at={d.updatedAt} />
      </span>
    </span>
  );
}

/**
 * The channels the invitation may go again by: only while the session is
 * active (the API refuses otherwise), after a message that did not arrive,
 * where the participant has an address; their own channel first.
 */
export function resendChannels(p: ParticipantView, status: SessionStatus, smsEnabled: boolean): DeliveryView['channel'][] {
  const d = lastDelivery(p);
  if (status !== 'active' || !d || !UNDELIVERED_STATUSES.has(d.status)) return [];
  const channels = [...(p.email ? (['email'] as const) : []), ...(p.phone && smsEnabled ? (['sms'] as const) : [])];
  return channels.sort((a, b) => Number(b === p.inviteChannel) - Number(a === p.inviteChannel));
}

/** Re-engage is the API's until the participant enters, in a session still open. */
export const mayReengage = (p: ParticipantView, status: SessionStatus) => (status === 'planned' || status === 'active') && p.enteredAt === null;

/** Resend (a button per channel: nothing to lose when the live refresh redraws the card) and Change contact. */
export function MessageActions({ p, status, smsEnabled }: { p: ParticipantView; status: SessionStatus; smsEnabled: boolean }) {
  const channels = resendChannels(p, status, smsEnabled);
  const reengage = mayReengage(p, status);
  if (!channels.length && !reengage) return null;
  return (
    <div class="ws-toolbar ws-person-tools" role="group" aria-label={`Invitation to ${p.name}`}>
      {channels.map((channel) => (
        <button type="button" class="ws-tool ws-tool-main" id={`resend-${p.id}-${channel}`} data-resend={p.id} data-channel={channel} data-name={p.name}>
          {channels.length > 1 ? `Resend by ${CHANNEL_NAMES[channel]}` : 'Resend invitation'}
          <span class="ws-sr">
            {' '}
            to {p.name}
            {channels.length > 1 ? '' : ` by ${CHANNEL_NAMES[channel]}`}
          </span>
        </button>
      ))}
      {reengage ? (
        <button
          type="button"
          class="ws-tool"
          id={`reengage-${p.id}`}
          data-reengage={p.id}
          data-name={p.name}
          data-email={p.email ?? ''}
          data-phone={p.phone ?? ''}
          data-sends={status === 'active' ? '1' : '0'}
        >
          Change contact<span class="ws-sr"> of {p.name}</span>
        </button>
      ) : null}
    </div>
  );
}
