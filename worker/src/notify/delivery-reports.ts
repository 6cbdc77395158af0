// What became of a message, wherever the news comes from — the outbox's own
// tries, a provider's status callback or webhook, a STOP reply — recorded on
// its outbox row (forward only: domain/delivery.ts), acted on (an address
// that bounced or opted out is blocked) and told to the session's room, which
// shows it on the participant live and sends it on to the CRM.
import { blockAddress, type BlockReason } from '../directory/blocked-addresses';
import { findOutboxByProviderId, findOutboxRow, reportOnOutboxRow, type OutboxRow } from '../directory/outbox';
import type { DeliveryStatus } from '../domain/catalogue';
import { nextDeliveryStatus } from '../domain/delivery';
import type { Env } from '../env';
import { sessionRoom } from '../room/address';
import { logError, reasonOf } from '../log';
import type { StatusReport } from './sender';

/** A participant's message as the room records it. */
export interface MessageDelivery {
  participantId: string;
  messageId: string;
  kind: string;
  channel: OutboxRow['channel'];
  status: DeliveryStatus;
  reason: string | null;
  /** When the message was made: the room keeps the newest message per channel. */
  createdAt: number;
  at: number;
}

/**
 * Tell the session's room. Best effort: the outbox row already holds the
 * status, and a room that missed it learns the next one (each report carries
 * the whole state, not a change).
 */
export async function tellRoom(
  env: Env,
  row: Pick<OutboxRow, 'id' | 'session_id' | 'participant_id' | 'kind' | 'channel' | 'created_at'>,
  status: DeliveryStatus,
  reason: string | null,
  at: number,
): Promise<void> {
  try {
    await sessionRoom(env, row.session_id).messageDelivery({ participantId: row.participant_id, messageId: row.id, kind: row.kind, channel: row.channel, status, reason, createdAt: row.created_at, at });
  } catch (err) {
    logError('delivery_report_not_told', { outboxId: row.id, sessionId: row.session_id, status, reason: reasonOf(err) });
  }
}

export type ReportOutcome = 'applied' | 'unchanged' | 'unknown_message';

/**
 * Apply a provider's report. `orgIds`: the orgs the reporting account serves
 * (an org's own account reports on that org's messages only); null for
 * Parley's own account.
 */
export async function applyStatusReport(env: Env, report: StatusReport, orgIds: string[] | null, at: number): Promise<ReportOutcome> {
  // The row named in the callback (it may not know the provider's id yet: the send's answer was lost), else by the provider's id.
  let row = (report.outboxId ? await findOutboxRow(env.DB, report.outboxId) : null) ?? (await findOutboxByProviderId(env.DB, report.providerId));
  if (!row || (orgIds && !orgIds.includes(row.org_id)) || (row.provider_id !== null && row.provider_id !== report.providerId)) return 'unknown_message';
  if (report.blockAddress && row.recipient_key) {
    // A number that said STOP (Twilio's 21610) has opted out; an email reader who complained has complained.
    await block(env.DB, row, report.blockAddress === 'bounced' ? 'bounced' : row.channel === 'sms' ? 'opted_out' : 'complained', report.reason, at);
  }
  // Two reports at once: each applies over the status it read, and the loser reads again.
  for (let tries = 0; tries < 3; tries++) {
    const next = nextDeliveryStatus(row.status, report.status);
    if (next === null) {
      if (row.provider_id === null) await reportOnOutboxRow(env.DB, row, { status: row.status, providerId: report.providerId, sender: report.sender, reason: row.last_error }, at);
      return 'unchanged';
    }
    if (await reportOnOutboxRow(env.DB, row, { status: next, providerId: report.providerId, sender: report.sender, reason: report.reason }, at)) {
      await tellRoom(env, row, next, report.reason, at);
      return 'applied';
    }
    row = (await findOutboxRow(env.DB, row.id))!;
  }
  return 'unchanged';
}

export function block(db: D1Database, row: Pick<OutboxRow, 'org_id' | 'recipient_key' | 'channel'>, reason: BlockReason, detail: string | null, at: number): Promise<void> {
  return blockAddress(db, { org_id: row.org_id, address_key: row.recipient_key!, channel: row.channel, reason, detail }, at);
}
