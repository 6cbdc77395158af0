// The outbox in D1: every message Parley sends is a row first (notify/outbox.ts
// sends it and records what became of it). What a delivery needs — the
// recipient, subject, text and link — is kept sealed in one column
// (notify/outbox-content.ts) and cleared once the message is delivered or has
// expired; the rest of the row stays as the message's delivery record.

export type Channel = 'sms' | 'email';
export type OutboxStatus = 'queued' | 'held' | 'sending' | 'sent' | 'retrying' | 'failed' | 'expired';

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
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export type NewOutboxRow = Pick<OutboxRow, 'id' | 'org_id' | 'session_id' | 'participant_id' | 'kind' | 'channel'> & { sealed: string };

/** Insert messages; an id already there is left alone, so a replay inserts nothing twice. */
export async function insertOutboxRows(db: D1Database, rows: NewOutboxRow[], at: number): Promise<void> {
  if (rows.length === 0) return;
  await db.batch(
    rows.map((r) =>
      db
        .prepare(
          `INSERT OR IGNORE INTO outbox (id, org_id, session_id, participant_id, kind, channel, sealed, status, attempts, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)`,
        )
        .bind(r.id, r.org_id, r.session_id, r.participant_id, r.kind, r.channel, r.sealed, at, at),
    ),
  );
}

export function findOutboxRow(db: D1Database, id: string): Promise<OutboxRow | null> {
  return db.prepare('SELECT * FROM outbox WHERE id = ?').bind(id).first<OutboxRow>();
}

/**
 * A status on the way (queued, sending, retrying, held, failed): the sealed
 * message stays for the next try. A row already sent or expired (its message
 * cleared, maybe while this delivery ran) keeps its final status.
 */
export async function setOutboxStatus(db: D1Database, id: string, status: Exclude<OutboxStatus, 'sent' | 'expired'>, attempts: number, error: string | null, at: number): Promise<void> {
  await db.prepare('UPDATE outbox SET status = ?, attempts = ?, last_error = ?, updated_at = ? WHERE id = ? AND sealed IS NOT NULL').bind(status, attempts, error, at, id).run();
}

/** Delivered: the record says so, and the message itself is gone from D1. */
export async function markOutboxSent(db: D1Database, id: string, attempts: number, at: number): Promise<void> {
  await db.prepare(`UPDATE outbox SET status = 'sent', sealed = NULL, attempts = ?, last_error = NULL, updated_at = ? WHERE id = ?`).bind(attempts, at, id).run();
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

/** Messages still queued or sending since before `before`: their queue message was lost. */
export async function staleOutboxIds(db: D1Database, before: number, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare(`SELECT id FROM outbox WHERE status IN ('queued', 'sending') AND updated_at < ? ORDER BY updated_at LIMIT ?`)
    .bind(before, limit)
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
