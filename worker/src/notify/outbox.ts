// The outbox: every message Parley sends is a D1 row first, then a queue
// message naming it. The consumer hands it to the sender for its channel and
// records the outcome; a failed send is retried and ends dead-lettered, never
// silently dropped.
import type { RenderedMessage } from '../domain/notification-settings';
import type { Env } from '../env';
import { sendInBatches } from '../queues';

export type Channel = 'sms' | 'email';
export type OutboxStatus = 'queued' | 'held' | 'sending' | 'sent' | 'retrying' | 'failed';

export interface OutboundMessage {
  outboxId: string;
}

export interface OutboxRow {
  id: string;
  org_id: string;
  session_id: string;
  participant_id: string;
  kind: string;
  channel: Channel;
  recipient: string;
  subject: string | null;
  body: string;
  link: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export type NewOutboxRow = Pick<OutboxRow, 'id' | 'org_id' | 'session_id' | 'participant_id' | 'kind' | 'channel' | 'recipient' | 'subject' | 'body' | 'link'>;

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
  await env.DB.batch(
    rows.map((r) =>
      env.DB.prepare(
        `INSERT OR IGNORE INTO outbox (id, org_id, session_id, participant_id, kind, channel, recipient, subject, body, link, status, attempts, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)`,
      ).bind(r.id, r.org_id, r.session_id, r.participant_id, r.kind, r.channel, r.recipient, r.subject, r.body, r.link, at, at),
    ),
  );
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

const RETRY_DELAYS_S = [10, 30, 60, 300, 900, 1800, 3600];

export async function deliverBatch(batch: MessageBatch<OutboundMessage>, env: Env, senders: Senders, at: () => number): Promise<void> {
  for (const message of batch.messages) {
    const row = await env.DB.prepare('SELECT * FROM outbox WHERE id = ?').bind(message.body.outboxId).first<OutboxRow>();
    if (!row || row.status === 'sent') {
      message.ack(); // replay of something already delivered, or nothing to do
      continue;
    }
    const sender = senders[row.channel];
    if (!sender) {
      await setStatus(env, row.id, 'held', row.attempts, `no ${row.channel} sender configured`, at());
      message.ack();
      continue;
    }
    try {
      await setStatus(env, row.id, 'sending', row.attempts + 1, null, at());
      await sender.send(row);
      await setStatus(env, row.id, 'sent', row.attempts + 1, null, at());
      message.ack();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const lastTry = message.attempts > RETRY_DELAYS_S.length;
      await setStatus(env, row.id, lastTry ? 'failed' : 'retrying', row.attempts + 1, reason, at());
      message.retry({ delaySeconds: RETRY_DELAYS_S[Math.min(message.attempts - 1, RETRY_DELAYS_S.length - 1)] ?? 60 });
    }
  }
}

function setStatus(env: Env, id: string, status: OutboxStatus, attempts: number, error: string | null, at: number) {
  return env.DB.prepare('UPDATE outbox SET status = ?, attempts = ?, last_error = ?, updated_at = ? WHERE id = ?')
    .bind(status, attempts, error, at, id)
    .run();
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
  const { results } = await env.DB.prepare(
    `SELECT id FROM outbox WHERE status IN ('queued', 'sending') AND updated_at < ? ORDER BY updated_at LIMIT 100`,
  )
    .bind(at - STALE_MS)
    .all<{ id: string }>();
  if (results.length === 0) return 0;
  await sendInBatches(env.OUTBOUND_MESSAGES, results.map((r) => ({ outboxId: r.id })));
  await env.DB.batch(results.map((r) => env.DB.prepare('UPDATE outbox SET updated_at = ? WHERE id = ?').bind(at, r.id)));
  return results.length;
}
