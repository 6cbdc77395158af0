// The outbox: every message Parley sends is a D1 row first, then a queue
// message naming it. The consumer hands it to the sender for its channel and
// records the outcome; a failed send is retried and ends dead-lettered, never
// silently dropped. The row keeps the message sealed (outbox-content.ts) until
// it is delivered or expires; then only its delivery record is left.
import type { SecretKeys } from '../auth/secret-box';
import type { RenderedMessage } from '../domain/notification-settings';
import { expireOutboxRows, findOutboxRow, insertOutboxRows, markOutboxSent, setOutboxStatus, staleOutboxIds, touchOutboxRows, type Channel, type OutboxRow } from '../directory/outbox';
import type { Env } from '../env';
import { logError, reasonOf } from '../log';
import type { OutboundMessage } from './messages';
import { openMessageContent, sealMessageContent, type MessageContent } from './outbox-content';
import { sendInBatches } from '../queues';

export type { Channel, MessageContent, OutboxRow };

/** A message to record and send: who it is for, in plaintext only until enqueueMessages seals it. */
export type NewOutboxMessage = Pick<OutboxRow, 'id' | 'org_id' | 'session_id' | 'participant_id' | 'kind' | 'channel'> & MessageContent;

/** A message opened for delivery: its record and what it says. */
export type OutboxMessage = Omit<OutboxRow, 'sealed'> & MessageContent;

/**
 * One message to a participant on one channel: an email carries the
 * subject, the HTML and the long link; an SMS its text and the link inside it
 * (short or long, as the org chose).
 */
export function outboxMessage(
  base: Pick<NewOutboxMessage, 'id' | 'org_id' | 'session_id' | 'kind'>,
  to: { id: string; email: string | null; phone: string | null },
  channel: Channel,
  text: RenderedMessage,
  longUrl: string,
): NewOutboxMessage {
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
 * Record (sealed) and enqueue messages. Ids are chosen by the caller and
 * deterministic for a given invitation, so a replay inserts nothing twice.
 * The queue message names the row and carries nothing else.
 */
export async function enqueueMessages(env: Env, messages: NewOutboxMessage[], at: number): Promise<void> {
  if (messages.length === 0) return;
  const rows = await Promise.all(
    messages.map(async ({ recipient, subject, body, link, ...record }) => ({ ...record, sealed: await sealMessageContent(env, record.id, { recipient, subject, body, link }) })),
  );
  await insertOutboxRows(env.DB, rows, at);
  await sendInBatches(env.OUTBOUND_MESSAGES, rows.map((r): OutboundMessage => ({ outboxId: r.id })));
}

/** A row's message, opened; throws when it was already delivered or has expired (nothing left to open). */
export async function openOutboxMessage(keys: SecretKeys, row: OutboxRow): Promise<OutboxMessage> {
  const { sealed, ...record } = row;
  if (sealed === null) throw new Error(`outbox message ${row.id} is ${row.status}: its content is no longer kept`);
  return { ...record, ...(await openMessageContent(keys, row.id, sealed)) };
}

/** A delivery channel. Real SMS and email providers plug in here. */
export interface Sender {
  send(message: OutboxMessage): Promise<void>;
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
    if (!row || row.status === 'sent' || row.sealed === null) {
      message.ack(); // replay of something already delivered, expired, or nothing to do
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
      // Opened here, inside the try: a key that does not open it (SECRETS_KEY
      // unset, rotated past SECRETS_KEY_PREVIOUS) is retried and ends failed, like a provider's refusal.
      await sender.send(await openOutboxMessage(env, row));
      await markOutboxSent(env.DB, row.id, row.attempts + 1, at());
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

/**
 * How long an undelivered message is kept. Queue retries end within about
 * three hours (RETRY_DELAYS_S); what is left after that is held (no sender
 * for its channel) or failed, and a link a week old is not one to send.
 */
export const OUTBOX_KEEP_MS = 7 * 24 * 3600_000;
/** Rows cleared per cron run: bounded work per run, and the 5-minute cron soon catches up. */
const EXPIRE_BATCH = 500;

/** Clear the sealed message of rows older than OUTBOX_KEEP_MS (delivered ones were cleared on delivery). Run by the cron trigger. */
export function expireOutbox(env: Env, at: number): Promise<number> {
  return expireOutboxRows(env.DB, at - OUTBOX_KEEP_MS, at, EXPIRE_BATCH);
}
