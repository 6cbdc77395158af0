// The outbox: every message Parley sends is a D1 row first, then a queue
// message naming it. The consumer hands it to the sender for its channel and
// records the outcome; a failed send is retried and ends dead-lettered, never
// silently dropped.
import type { RenderedMessage } from '../domain/notification-settings';
import { findOutboxRow, insertOutboxRows, setOutboxStatus, staleOutboxIds, touchOutboxRows, type Channel, type NewOutboxRow, type OutboxRow } from '../directory/outbox';
import type { Env } from '../env';
import { logError, reasonOf } from '../log';
import type { OutboundMessage } from './messages';
import { sendInBatches } from '../queues';

export type { Channel, NewOutboxRow, OutboxRow };

/**
 * One message to a participant on one channel, as the outbox keeps it: an
 * email carries the subject, the HTML and the long link; an SMS its text and
 * the link inside it (short or long, as the org chose).
 */
export function outboxMessage(
  base: Pick<NewOutboxRow, 'id' | 'org_id' | 'session_id' | 'kind'>,
  to: { id: string; email: string | null; phone: string | null },
  channel: Channel,
  text: RenderedMessage,
  longUrl: string,
): NewOutboxRow {
  const email = channel === 'email';
  return {
    ...base,
    participant_id: to.id,
    channel,
    recipient: email ? to.email! : to.phone!,
    subject: email ? text.emailSubject : null,
    body: email ? text.emailHtml : text.sms,
    link: email ? longUrl : text.smsLink,
  };
}

/**
 * Record and enqueue messages. Ids are chosen by the caller and deterministic
 * for a given invitation, so a replay inserts nothing twice.
 */
export async function enqueueMessages(env: Env, rows: NewOutboxRow[], at: number): Promise<void> {
  if (rows.length === 0) return;
  await insertOutboxRows(env.DB, rows, at);
  await sendInBatches(env.OUTBOUND_MESSAGES, rows.map((r) => ({ outboxId: r.id })));
}

/** A delivery channel. Real SMS and email providers plug in here. */
export interface Sender {
  send(message: OutboxRow): Promise<void>;
}

export type Senders = Partial<Record<Channel, Sender>>;

/** Senders configured for this deployment. None yet: messages wait as "held" in the outbox. */
export function configuredSenders(_env: Env): Senders {
  return {};
}

/** Deliveries of one message before it goes to the dead-letter queue: wrangler.toml's max_retries (outbound-messages) + 1. */
export const MAX_ATTEMPTS = 9;
/** Waits before the 2nd, 3rd… delivery; the last one repeats. */
const RETRY_DELAYS_S = [10, 30, 60, 300, 900, 1800, 3600];

export async function deliverBatch(batch: MessageBatch<OutboundMessage>, env: Env, senders: Senders, at: () => number): Promise<void> {
  for (const message of batch.messages) {
    const row = await findOutboxRow(env.DB, message.body.outboxId);
    if (!row || row.status === 'sent') {
      message.ack(); // replay of something already delivered, or nothing to do
      continue;
    }
    const sender = senders[row.channel];
    if (!sender) {
      await setOutboxStatus(env.DB, row.id, 'held', row.attempts, `no ${row.channel} sender configured`, at());
      message.ack();
      continue;
    }
    try {
      await setOutboxStatus(env.DB, row.id, 'sending', row.attempts + 1, null, at());
      await sender.send(row);
      await setOutboxStatus(env.DB, row.id, 'sent', row.attempts + 1, null, at());
      message.ack();
    } catch (err) {
      const reason = reasonOf(err);
      // The queue dead-letters it after this delivery: the row must say so.
      const lastTry = message.attempts >= MAX_ATTEMPTS;
      logError('send_failed', { outboxId: row.id, sessionId: row.session_id, channel: row.channel, attempt: message.attempts, final: lastTry, reason });
      await setOutboxStatus(env.DB, row.id, lastTry ? 'failed' : 'retrying', row.attempts + 1, reason, at());
      message.retry({ delaySeconds: RETRY_DELAYS_S[Math.min(message.attempts - 1, RETRY_DELAYS_S.length - 1)] ?? 60 });
    }
  }
}

/** A message still queued after this long lost its queue message (or the send died mid-way). */
const STALE_MS = 5 * 60_000;

/**
 * Re-enqueue messages whose queue message was lost: the D1 row is written
 * first, so a failed queue send leaves it 'queued'; a crashed consumer leaves
 * it 'sending'. Run by the cron trigger; the consumer is idempotent, so a
 * message enqueued twice is still sent once.
 */
export async function requeueStale(env: Env, at: number): Promise<number> {
  const ids = await staleOutboxIds(env.DB, at - STALE_MS, 100);
  if (ids.length === 0) return 0;
  await sendInBatches(env.OUTBOUND_MESSAGES, ids.map((outboxId) => ({ outboxId })));
  await touchOutboxRows(env.DB, ids, at);
  return ids.length;
}
