// The outbox in D1: every message Parley sends is a row first (notify/outbox.ts
// sends it and records what became of it). What a delivery needs — the
// recipient, subject, text and link — is kept sealed in one column
// (notify/outbox-content.ts) and cleared once the message is delivered or has
// expired; the rest of the row stays as the message's delivery record.

import type { DeliveryStatus } from '../domain/catalogue';

export type Channel = 'sms' | 'email';
export type OutboxStatus = DeliveryStatus;

export interface OutboxRow {
  id: string;
  org_id: string;
  session_id: string;
  participant_id: string;
  kind: string;
  channel: Channel;
  /** The message sealed under SECRETS_KEY; null once delivered or expired. */
  sealed: string | null;
  status: OutboxStatus;
  attempts: number;
  /** Why it is not (yet) delivered, in words: the provider's reason, or the outbox's. */
  last_error: string | null;
  created_at: number;
  updated_at: number;
  /** The provider's id of the message, once it took it. */
  provider_id: string | null;
  /** Who it went out as (a number, a sender name, an address). */
  sender: string | null;
  /** addressKey(channel, recipient): finds the message an inbound reply answers, and the recipient's block. */
  recipient_key: string | null;
  /** When the last try began. */
  tried_at: number | null;
}

export type NewOutboxRow = Pick<OutboxRow, 'id' | 'org_id' | 'session_id' | 'participant_id' | 'kind' | 'channel' | 'recipient_key'> & { sealed: string };

/** Insert messages; an id already there is left alone, so a replay inserts nothing twice. */
export async function insertOutboxRows(db: D1Database, rows: NewOutboxRow[], at: number): Promise<void> {
  if (rows.length === 0) return;
  await db.batch(
    rows.map((r) =>
      db
        .prepare(
          `INSERT OR IGNORE INTO outbox (id, org_id, session_id, participant_id, kind, channel, sealed, recipient_key, status, attempts, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)`,
        )
        .bind(r.id, r.org_id, r.session_id, r.participant_id, r.kind, r.channel, r.sealed, r.recipient_key, at, at),
    ),
  );
}

export function findOutboxRow(db: D1Database, id: string): Promise<OutboxRow | null> {
  return db.prepare('SELECT * FROM outbox WHERE id = ?').bind(id).first<OutboxRow>();
}

/**
 * A status on the way (queued, retrying, unknown, held): the sealed message
 * stays for the next try. A row the provider already reported on, or that
 * expired (its message cleared, maybe while this delivery ran), keeps its status.
 */
export async function setOutboxStatus(db: D1Database, id: string, status: 'queued' | 'held' | 'retrying' | 'unknown', attempts: number, error: string | null, at: number): Promise<void> {
  await db
    .prepare(`UPDATE outbox SET status = ?, attempts = ?, last_error = ?, updated_at = ? WHERE id = ? AND sealed IS NOT NULL AND status IN ${OWN_STATUSES}`)
    .bind(status, attempts, error, at, id)
    .run();
}

/**
 * A try begins: counted, and its start kept, so a try that gets no answer can
 * be checked with the provider for what it created since. Claimed over the
 * status and count it was read with: of two deliveries of one message at once
 * (a message enqueued again by the sweep), one sends and the other gets false.
 */
export async function startOutboxTry(db: D1Database, row: Pick<OutboxRow, 'id' | 'status' | 'attempts'>, at: number): Promise<boolean> {
  const r = await db
    .prepare(`UPDATE outbox SET status = 'sending', attempts = attempts + 1, tried_at = ?, updated_at = ? WHERE id = ? AND sealed IS NOT NULL AND status = ? AND attempts = ?`)
    .bind(at, at, row.id, row.status, row.attempts)
    .run();
  return r.meta.changes > 0;
}

/** The last try's outcome is known now (the provider answered, or a check found nothing): nothing to check before the next. */
export async function forgetOutboxTry(db: D1Database, row: Pick<OutboxRow, 'id'>): Promise<void> {
  await db.prepare('UPDATE outbox SET tried_at = NULL WHERE id = ?').bind(row.id).run();
}

/** Statuses the outbox sets itself, before the provider says anything: a provider's report always wins over them. */
const OWN_STATUSES = `('queued', 'held', 'sending', 'unknown', 'retrying')`;

/**
 * The provider took the message (or refused it for good): the record says so
 * with the provider's id and reason, and the message itself is gone from D1 —
 * nothing will send it again. A provider's report that came first (its
 * callback can beat its answer to the send) keeps its status.
 */
export async function closeOutboxRow(
  db: D1Database,
  id: string,
  outcome: { status: 'queued' | 'sent' | 'failed' | 'opted_out' | 'held'; providerId: string | null; sender: string | null; reason: string | null },
  at: number,
): Promise<void> {
  await db
    .prepare(
      `UPDATE outbox SET status = CASE WHEN status IN ${OWN_STATUSES} THEN ?1 ELSE status END,
         last_error = CASE WHEN status IN ${OWN_STATUSES} THEN ?2 ELSE last_error END,
         sealed = NULL, tried_at = NULL, provider_id = COALESCE(provider_id, ?3), sender = COALESCE(sender, ?4), updated_at = ?5
       WHERE id = ?6`,
    )
    .bind(outcome.status, outcome.reason, outcome.providerId, outcome.sender, at, id)
    .run();
}

/**
 * What a provider reported (sent, delivered, failed…) — it has the message, so
 * nothing will send it again — applied only over the status it was read with, so two reports racing do not undo each
 * other: false when the row changed in between (read it again).
 */
export async function reportOnOutboxRow(
  db: D1Database,
  row: Pick<OutboxRow, 'id' | 'status'>,
  report: { status: OutboxStatus; providerId: string; sender: string | null; reason: string | null },
  at: number,
): Promise<boolean> {
  // The provider has the message: it must never be sent again, so what a send needs goes now.
  const r = await db
    .prepare('UPDATE outbox SET status = ?, provider_id = ?, sender = COALESCE(?, sender), last_error = ?, sealed = NULL, tried_at = NULL, updated_at = ? WHERE id = ? AND status = ?')
    .bind(report.status, report.providerId, report.sender, report.reason, at, row.id, row.status)
    .run();
  return r.meta.changes > 0;
}

export function findOutboxByProviderId(db: D1Database, providerId: string): Promise<OutboxRow | null> {
  return db.prepare('SELECT * FROM outbox WHERE provider_id = ?').bind(providerId).first<OutboxRow>();
}

/**
 * The latest SMS that went to `recipientKey` from `sender` (or from a sender
 * not yet known: a Messaging Service picks it), within `orgIds` when given:
 * the message an inbound reply answers.
 */
export async function latestSmsTo(db: D1Database, recipientKey: string, sender: string, orgIds: string[] | null): Promise<OutboxRow | null> {
  const orgFilter = orgIds ? ` AND org_id IN (${orgIds.map(() => '?').join(', ')})` : '';
  return db
    .prepare(
      `SELECT * FROM outbox WHERE recipient_key = ? AND channel = 'sms' AND provider_id IS NOT NULL AND (sender = ? OR sender IS NULL)${orgFilter}
       ORDER BY created_at DESC LIMIT 1`,
    )
    .bind(recipientKey, sender, ...(orgIds ?? []))
    .first<OutboxRow>();
}

/**
 * Clear the sealed message of rows made before `before` that still hold one
 * (at most `limit` of them): undelivered ones become 'expired'. Returns how
 * many were cleared.
 */
export async function expireOutboxRows(db: D1Database, before: number, at: number, limit: number): Promise<number> {
  const r = await db
    .prepare(
      `UPDATE outbox SET sealed = NULL, status = CASE status WHEN 'sent' THEN 'sent' ELSE 'expired' END, updated_at = ?
       WHERE id IN (SELECT id FROM outbox WHERE sealed IS NOT NULL AND created_at < ? ORDER BY created_at LIMIT ?)`,
    )
    .bind(at, before, limit)
    .run();
  return r.meta.changes;
}

/**
 * Messages whose queue message was lost: queued, sending or unchecked since
 * before `before`; retrying since before `retryingBefore` (a retry waits at
 * most the queue's 12-hour delay).
 */
export async function staleOutboxIds(db: D1Database, before: number, retryingBefore: number, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM outbox WHERE sealed IS NOT NULL AND ((status IN ('queued', 'sending', 'unknown') AND updated_at < ?) OR (status = 'retrying' AND updated_at < ?))
       ORDER BY updated_at LIMIT ?`,
    )
    .bind(before, retryingBefore, limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

export async function touchOutboxRows(db: D1Database, ids: string[], at: number): Promise<void> {
  if (ids.length) await db.batch(ids.map((id) => db.prepare('UPDATE outbox SET updated_at = ? WHERE id = ?').bind(at, id)));
}

/** The latest messages, of one session or all (the local outbox page). */
export async function recentOutbox(db: D1Database, sessionId: string | undefined, limit = 200): Promise<OutboxRow[]> {
  const stmt = sessionId
    ? db.prepare('SELECT * FROM outbox WHERE session_id = ? ORDER BY created_at DESC, id LIMIT ?').bind(sessionId, limit)
    : db.prepare('SELECT * FROM outbox ORDER BY created_at DESC, id LIMIT ?').bind(limit);
  return (await stmt.all<OutboxRow>()).results;
}
