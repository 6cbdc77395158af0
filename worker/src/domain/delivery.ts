// How a message's delivery status may move (notify/delivery-reports.ts):
// forward only, so a provider's callbacks arriving out of order ("delivered"
// before "sent") or twice never move it back, and a final status stays —
// except that a delivered email whose reader then complains is opted out.
import type { DeliveryStatus } from './catalogue';

const RANK: Record<DeliveryStatus, number> = {
  queued: 0,
  held: 1,
  sending: 1,
  unknown: 1,
  retrying: 1,
  sent: 2,
  delivered: 3,
  failed: 3,
  opted_out: 3,
  expired: 3,
};

/** The outbox's own statuses between tries: whatever the provider then says of the message is news. */
const BETWEEN_TRIES: ReadonlySet<DeliveryStatus> = new Set(['held', 'sending', 'unknown', 'retrying']);
const PROVIDER_SAYS: ReadonlySet<DeliveryStatus> = new Set(['queued', 'sent', 'delivered', 'failed', 'opted_out']);

/** The status after `reported`, or null when the report changes nothing. */
export function nextDeliveryStatus(current: DeliveryStatus, reported: DeliveryStatus): DeliveryStatus | null {
  if (current === reported) return null;
  // A try that got no answer, then the provider's "queued": it has the message after all.
  if (BETWEEN_TRIES.has(current) && PROVIDER_SAYS.has(reported)) return reported;
  if (current === 'delivered' && reported === 'opted_out') return reported;
  const from = RANK[current];
  const to = RANK[reported];
  if (from === 3) return null;
  return to >= from ? reported : null;
}

/** The kinds of message a recipient may refuse (List-Unsubscribe): the notices Parley sends on its own, not the invitations an agent sends. */
export const REFUSABLE_KINDS: ReadonlySet<string> = new Set(['reminder', 'new_activity']);

/**
 * Seconds to wait before delivery try `attempt + 1`: 10 s, 30 s, 1 min, 5 min,
 * 15 min, 30 min, then hourly — about three hours in all across the queue's
 * tries; never sooner than the provider asked (Retry-After), never beyond
 * the 12 hours a queue retry may be delayed.
 */
export function retryDelaySeconds(attempt: number, retryAfterS: number | null): number {
  const steps = [10, 30, 60, 300, 900, 1800, 3600];
  const backoff = steps[Math.min(Math.max(attempt, 1) - 1, steps.length - 1)]!;
  return retryAfterS === null ? backoff : Math.min(Math.max(backoff, retryAfterS), 12 * 3600);
}

/**
 * How long a message waits out a provider that is down or busy before it is
 * failed: a day. Until then an outage costs it nothing — not its tries, not
 * its place — and it goes out when the provider returns.
 */
export const OUTAGE_PATIENCE_MS = 24 * 3600_000;
