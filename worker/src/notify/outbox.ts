// The outbox: every message Parley sends is a D1 row first, then a queue
// message naming it. The consumer hands it to the provider for its channel
// (senders.ts) and records the outcome; a failed send is retried and ends
// failed with the provider's reason, never silently dropped, and never sent
// twice. The row keeps the message sealed (outbox-content.ts) until the
// provider takes it or it expires; then only its delivery record is left,
// which the provider's reports keep current (delivery-reports.ts).
import type { SecretKeys } from '../auth/secret-box';
import type { RenderedMessage } from '../domain/notification-settings';
import { findBlock, type BlockedAddress } from '../directory/blocked-addresses';
import {
  closeOutboxRow,
  expireOutboxRows,
  findOutboxRow,
  forgetOutboxTry,
  insertOutboxRows,
  setOutboxStatus,
  staleOutboxIds,
  startOutboxTry,
  touchOutboxRows,
  type Channel,
  type OutboxRow,
} from '../directory/outbox';
import { OUTAGE_PATIENCE_MS, REFUSABLE_KINDS, retryDelaySeconds } from '../domain/delivery';
import type { Env } from '../env';
import { logError, reasonOf } from '../log';
import { addressKey } from './address-key';
import { block, tellRoom } from './delivery-reports';
import type { OutboundMessage } from './messages';
import { openMessageContent, sealMessageContent, type MessageContent } from './outbox-content';
import { SendFailure, type Sender, type SendOptions } from './sender';
import type { Senders } from './senders';
import { unsubscribeToken } from './unsubscribe';
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
    messages.map(async ({ recipient, subject, body, link, ...record }) => ({
      ...record,
      recipient_key: await addressKey(record.channel, recipient),
      sealed: await sealMessageContent(env, record.id, { recipient, subject, body, link }),
    })),
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

/** Deliveries of one message before it goes to the dead-letter queue: wrangler.toml's max_retries (outbound-messages) + 1. */
export const MAX_ATTEMPTS = 9;

/** The providers for an org's messages (notify/senders.ts); tests hand in fakes. */
export type SendersOf = (orgId: string) => Promise<Senders>;

/** Messages of one batch delivered at once: a batch of 25 is not 25 round trips end to end. */
const BATCH_CONCURRENCY = 8;

/**
 * Deliver a batch. Each message is sent at most once, whatever happens:
 *  - a row the provider already took (or refused for good) has no message left: a replay acks;
 *  - a blocked address (opted out, bounced) is not sent to;
 *  - a try whose outcome is unknown (no answer, or it died mid-way) is checked
 *    with the provider before anything is sent again;
 *  - a provider that is down or busy is retried with backoff (after its Retry-After),
 *    and the rest of the batch for it waits too rather than hammer it;
 *  - a message the provider refuses is failed at once with its reason; one it
 *    could not take for a day (OUTAGE_PATIENCE_MS) is failed with the last reason.
 */
export async function deliverBatch(batch: MessageBatch<OutboundMessage>, env: Env, sendersOf: SendersOf, at: () => number): Promise<void> {
  const senders = new Map<string, Promise<Senders>>();
  // Providers that failed transiently in this batch: the others for them wait as long.
  const resting = new Map<Sender, number>();
  const queue = [...batch.messages];
  const worker = async () => {
    for (let message = queue.shift(); message; message = queue.shift()) {
      try {
        await deliverMessage(message);
      } catch (err) {
        // D1 or the room unreachable: nothing was sent that is not recorded; the message comes back.
        logError('delivery_failed', { outboxId: message.body.outboxId, attempt: message.attempts, reason: reasonOf(err) });
        message.retry({ delaySeconds: IN_FLIGHT_RECHECK_S });
      }
    }
  };
  const deliverMessage = async (message: Message<OutboundMessage>) => {
    const row = await findOutboxRow(env.DB, message.body.outboxId);
    if (!row || row.sealed === null) {
      message.ack(); // replay of something the provider took, or expired: nothing to do
      return;
    }
    let ofOrg = senders.get(row.org_id);
    if (!ofOrg) senders.set(row.org_id, (ofOrg = sendersOf(row.org_id)));
    const sender = (await ofOrg)[row.channel];
    const outcome = sender ? await deliverOne(env, row, sender, message.attempts, () => resting.get(sender) ?? null, at) : await hold(env, row, at());
    if (outcome.retryAfterS === null) {
      message.ack();
      return;
    }
    if (outcome.rest && sender) resting.set(sender, outcome.retryAfterS);
    if (message.attempts >= MAX_ATTEMPTS) {
      // The queue's tries are spent but the message is not done: a fresh queue message waits on (the row keeps its own count).
      try {
        await env.OUTBOUND_MESSAGES.sendBatch([{ body: { outboxId: row.id }, delaySeconds: outcome.retryAfterS }]);
        message.ack();
        return;
      } catch (err) {
        logError('send_requeue_failed', { outboxId: row.id, reason: reasonOf(err) }); // the cron's sweep finds it
      }
    }
    message.retry({ delaySeconds: outcome.retryAfterS });
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, queue.length) }, worker));
}

interface Outcome {
  /** Null: done with (acked); else retry after this many seconds. */
  retryAfterS: number | null;
  /** The provider itself is down or busy: hold back the rest of the batch for it. */
  rest?: boolean;
}

async function hold(env: Env, row: OutboxRow, at: number): Promise<Outcome> {
  const reason = `no ${row.channel === 'sms' ? 'SMS' : 'email'} provider is connected`;
  await setOutboxStatus(env.DB, row.id, 'held', row.attempts, reason, at);
  if (row.status !== 'held') await tellRoom(env, row, 'held', reason, at);
  return { retryAfterS: null };
}

async function deliverOne(env: Env, row: OutboxRow, sender: Sender, attempt: number, resting: () => number | null, at: () => number): Promise<Outcome> {
  let message: OutboxMessage;
  try {
    message = await openOutboxMessage(env, row);
  } catch (err) {
    // SECRETS_KEY unset or rotated past SECRETS_KEY_PREVIOUS: the fix is the operator's, so retried, then failed.
    return failed(env, row, new SendFailure('transient', reasonOf(err)), attempt, at());
  }
  const blocked = row.recipient_key ? await findBlock(env.DB, row.org_id, row.recipient_key) : null;
  if (blocked) {
    const status = blocked.reason === 'bounced' ? 'failed' : 'opted_out';
    return close(env, row, { status, providerId: null, sender: null, reason: blockedReason(blocked) }, at());
  }
  const restingS = resting();
  if (restingS !== null) return { retryAfterS: restingS };
  // Another delivery of this message is sending it now: look again once it is done.
  const inFlight = row.status === 'sending' && row.tried_at !== null && at() - row.tried_at < STALE_MS;
  if (inFlight) return { retryAfterS: IN_FLIGHT_RECHECK_S };

  const options = await sendOptions(env, row);
  // A try began whose outcome nobody learnt (no answer, a check that failed, a
  // consumer that died mid-way): it may have reached the provider. Ask first,
  // and keep asking until the provider answers; only then send again.
  if (row.tried_at !== null) {
    try {
      const found = await sender.reconcile(message, { ...options, since: row.tried_at });
      if (found) return close(env, row, { status: found.status, providerId: found.providerId, sender: found.sender, reason: null }, at());
    } catch (err) {
      const failure = err instanceof SendFailure ? err : new SendFailure('unknown', reasonOf(err));
      return failed(env, row, new SendFailure('unknown', failure.message, failure.code, failure.retryAfterS), attempt, at());
    }
    await forgetOutboxTry(env.DB, row);
    row = { ...row, tried_at: null };
  }
  if (!(await startOutboxTry(env.DB, row, at()))) return { retryAfterS: IN_FLIGHT_RECHECK_S };
  try {
    const accepted = await sender.send(message, options);
    return close(env, row, { status: accepted.status, providerId: accepted.providerId, sender: accepted.sender, reason: null }, at());
  } catch (err) {
    const failure = err instanceof SendFailure ? err : new SendFailure('unknown', reasonOf(err));
    // The provider answered (refused, down, busy): that try created nothing, and there is nothing to check.
    if (failure.kind !== 'unknown') await forgetOutboxTry(env.DB, row);
    return failed(env, { ...row, attempts: row.attempts + 1 }, failure, attempt, at());
  }
}

/**
 * A try failed. The provider refused the message: failed now, with its
 * reason. The provider was down, busy or silent: retried with backoff, for as
 * long as OUTAGE_PATIENCE_MS from when the message was made, however many
 * queue tries that takes.
 */
async function failed(env: Env, row: OutboxRow, failure: SendFailure, attempt: number, at: number): Promise<Outcome> {
  const reason = failure.message;
  const final = failure.kind === 'permanent' || failure.kind === 'opted_out' || at - row.created_at >= OUTAGE_PATIENCE_MS;
  logError('send_failed', { outboxId: row.id, sessionId: row.session_id, channel: row.channel, kind: failure.kind, code: failure.code, attempt, final, reason });
  if (failure.kind === 'opted_out') {
    if (row.recipient_key) await block(env.DB, row, 'opted_out', reason, at);
    return close(env, row, { status: 'opted_out', providerId: null, sender: null, reason }, at);
  }
  if (final) {
    // After a send with no answer, it may yet have gone out: the reason says so.
    const why = failure.kind === 'unknown' ? `${reason} (the provider never answered: it may have been sent)` : reason;
    return close(env, row, { status: 'failed', providerId: null, sender: null, reason: why }, at);
  }
  const status = failure.kind === 'unknown' ? 'unknown' : 'retrying';
  await setOutboxStatus(env.DB, row.id, status, row.attempts, reason, at);
  // The agent hears of the first retry and of each new reason, not of every try.
  if (row.status !== status || row.last_error !== reason) await tellRoom(env, row, status === 'unknown' ? 'retrying' : status, reason, at);
  return { retryAfterS: retryDelaySeconds(attempt, failure.retryAfterS), rest: failure.kind === 'transient' };
}

async function close(env: Env, row: OutboxRow, outcome: Parameters<typeof closeOutboxRow>[2], at: number): Promise<Outcome> {
  await closeOutboxRow(env.DB, row.id, outcome, at);
  await tellRoom(env, row, outcome.status, outcome.reason, at);
  return { retryAfterS: null };
}

function blockedReason(b: BlockedAddress): string {
  const since = new Date(b.created_at).toISOString().slice(0, 10);
  if (b.reason === 'bounced') return `not sent: this address bounced on ${since}${b.detail ? ` (${b.detail})` : ''}; change the contact`;
  if (b.reason === 'complained') return `not sent: the recipient marked our email as spam on ${since}`;
  return `not sent: the recipient opted out on ${since}${b.detail ? ` (${b.detail})` : ''}`;
}

/** What a provider needs besides the message: the key that makes its tries one send, where to report, how to refuse more. */
async function sendOptions(env: Env, row: OutboxRow): Promise<SendOptions> {
  const base = env.PUBLIC_URL.replace(/\/$/, '');
  return {
    idempotencyKey: `parley-${row.id}`,
    statusCallbackUrl: `${base}/hooks/twilio/status?m=${encodeURIComponent(row.id)}`,
    unsubscribeUrl: row.channel === 'email' && REFUSABLE_KINDS.has(row.kind) ? `${base}/hooks/email/unsubscribe/${await unsubscribeToken(env, row.id)}` : null,
  };
}

/** A message still queued after this long lost its queue message (or the send died mid-way). */
const STALE_MS = 5 * 60_000;
/** When another delivery holds the message, how long until this one looks again. */
const IN_FLIGHT_RECHECK_S = 60;
/** A retrying message waits at most the queue's 12-hour delay: idle longer, its queue message was lost. */
const RETRY_STALE_MS = 13 * 3600_000;

/**
 * Re-enqueue messages whose queue message was lost: the D1 row is written
 * first, so a failed queue send leaves it 'queued'; a crashed consumer leaves
 * it 'sending'. Run by the cron trigger; the consumer is idempotent, so a
 * message enqueued twice is still sent once.
 */
export async function requeueStale(env: Env, at: number): Promise<number> {
  const ids = await staleOutboxIds(env.DB, at - STALE_MS, at - RETRY_STALE_MS, 100);
  if (ids.length === 0) return 0;
  await sendInBatches(env.OUTBOUND_MESSAGES, ids.map((outboxId) => ({ outboxId })));
  await touchOutboxRows(env.DB, ids, at);
  return ids.length;
}

/**
 * How long an undelivered message is kept. Retries end within a day
 * (OUTAGE_PATIENCE_MS); what is left after that is held (no provider for its
 * channel) or failed, and a link a week old is not one to send.
 */
export const OUTBOX_KEEP_MS = 7 * 24 * 3600_000;
/** Rows cleared per cron run: bounded work per run, and the 5-minute cron soon catches up. */
const EXPIRE_BATCH = 500;

/** Clear the sealed message of rows older than OUTBOX_KEEP_MS (delivered ones were cleared on delivery). Run by the cron trigger. */
export function expireOutbox(env: Env, at: number): Promise<number> {
  return expireOutboxRows(env.DB, at - OUTBOX_KEEP_MS, at, EXPIRE_BATCH);
}
