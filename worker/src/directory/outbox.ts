// The outbox in D1: every message Parley sends is a row first (notify/outbox.ts
// sends it and records what became of it).

export type Channel = 'sms' | 'email';
export type OutboxStatus = 'queued' | 'held' | 'sending' | 'sent' | 'retrying' | 'failed';

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

/** Insert messages; an id already there is left alone, so a replay inserts nothing twice. */
export async function insertOutboxRows(db: D1Database, rows: NewOutboxRow[], at: number): Promise<void> {
  if (rows.length === 0) return;
  await db.batch(
    rows.map((r) =>
      db
        .prepare(
          `INSERT OR IGNORE INTO outbox (id, org_id, session_id, participant_id, kind, channel, recipient, subject, body, link, status, attempts, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)`,
        )
        .bind(r.id, r.org_id, r.session_id, r.participant_id, r.kind, r.channel, r.recipient, r.subject, r.body, r.link, at, at),
    ),
  );
}

export function findOutboxRow(db: D1Database, id: string): Promise<OutboxRow | null> {
  return db.prepare('SELECT * FROM outbox WHERE id = ?').bind(id).first<OutboxRow>();
}

export async function setOutboxStatus(db: D1Database, id: string, status: OutboxStatus, attempts: number, error: string | null, at: number): Promise<void> {
  await db.prepare('UPDATE outbox SET status = ?, attempts = ?, last_error = ?, updated_at = ? WHERE id = ?').bind(status, attempts, error, at, id).run();
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
