// Migration 0008 takes the plaintext out of outbox rows already in D1. SQL
// cannot seal, so a row keeps its delivery record and loses its text: a
// delivered one stays 'sent', one not yet delivered becomes 'expired'. Run on
// SQLite (what D1 is) from Node, on the outbox as 0001 made it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, it } from 'vitest';

const MIGRATIONS = path.resolve(import.meta.dirname, '../../../worker/migrations');
const migration = (name: string) => readFileSync(path.join(MIGRATIONS, name), 'utf8');

it('0008 keeps every message’s record, drops its plaintext link, text and recipient, and expires the undelivered', () => {
  const db = new DatabaseSync(':memory:');
  db.exec(migration('0001_directory.sql'));
  const insert = db.prepare(
    `INSERT INTO outbox (id, org_id, session_id, participant_id, kind, channel, recipient, subject, body, link, status, attempts, last_error, created_at, updated_at)
     VALUES (?, 'org_1', 'ses_1', ?, 'invitation_primary', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  insert.run('msg_sent', 'par_1', 'email', 'cora@example.com', 'Your room', '<a href="https://p.test/room/join/SECRET1">join</a>', 'https://p.test/room/join/SECRET1', 'sent', 1, null, 1000, 1100);
  insert.run('msg_held', 'par_2', 'sms', '+15550100', null, 'Join https://p.test/r/SECRET2', 'https://p.test/r/SECRET2', 'held', 0, 'no sms sender configured', 2000, 2100);
  insert.run('msg_retrying', 'par_3', 'email', 'dan@example.com', 'Your room', 'Join SECRET3', 'https://p.test/room/join/SECRET3', 'retrying', 2, 'provider said 503', 3000, 3100);

  db.exec(migration('0008_outbox_sealed.sql'));

  const rows = db.prepare('SELECT * FROM outbox ORDER BY id').all() as Record<string, unknown>[];
  expect(JSON.stringify(rows)).not.toMatch(/SECRET|example\.com|\+1555|Your room/);
  expect(Object.keys(rows[0]!).sort()).toEqual(
    ['attempts', 'channel', 'created_at', 'id', 'kind', 'last_error', 'org_id', 'participant_id', 'sealed', 'session_id', 'status', 'updated_at'].sort(),
  );
  expect(rows.map((r) => [r.id, r.status, r.sealed, r.attempts, r.created_at])).toEqual([
    ['msg_held', 'expired', null, 0, 2000],
    ['msg_retrying', 'expired', null, 2, 3000],
    ['msg_sent', 'sent', null, 1, 1000],
  ]);
  expect(rows.find((r) => r.id === 'msg_held')!.last_error).toMatch(/kept in plaintext/);

  // The new shape takes new rows, and the indexes the queries use exist.
  db.prepare(`INSERT INTO outbox (id, org_id, session_id, participant_id, kind, channel, sealed, status, created_at, updated_at) VALUES ('n', 'o', 's', 'p', 'k', 'sms', 'sb1.x', 'queued', 1, 1)`).run();
  const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name).sort();
  expect(indexes).toEqual(['outbox_by_session', 'outbox_recent', 'outbox_unexpired']);
});
