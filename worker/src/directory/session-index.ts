// The D1 index of sessions: lists, search and the single-active-session lock.
import type { Scope } from '../domain/search-space';
import { Where } from './where';
// Rows are written here when a session is created and refreshed by its
// SessionRoom afterwards.
export interface SessionIndexRow {
  id: string;
  org_id: string;
  agent_id: string;
  team_id: string | null;
  customer_id: string;
  customer_name: string;
  status: string;
  crm_system: string | null;
  crm_object: string | null;
  crm_record_id: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

/** A new session's row, written before its SessionRoom is created (at version 0, planned). */
export async function indexNewSession(
  db: D1Database,
  s: { id: string; orgId: string; agentId: string; teamId: string | null; customerId: string; customerName: string; crm: { system: string; objectType: string | null; recordId: string } | null; at: number },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO sessions (id, org_id, agent_id, team_id, customer_id, customer_name, status, crm_system, crm_object, crm_record_id, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'planned', ?, ?, ?, 0, ?, ?)`,
    )
    .bind(s.id, s.orgId, s.agentId, s.teamId, s.customerId, s.customerName, s.crm?.system ?? null, s.crm?.objectType ?? null, s.crm?.recordId ?? null, s.at, s.at)
    .run();
}

export async function findIndexedSession(db: D1Database, orgId: string, sessionId: string) {
  return db.prepare('SELECT * FROM sessions WHERE id = ? AND org_id = ?').bind(sessionId, orgId).first<SessionIndexRow>();
}

/** The org's sessions linked to records of `system`, most recently changed first. */
export async function crmLinkedSessions(db: D1Database, orgId: string, system: string, limit: number) {
  const { results } = await db
    .prepare('SELECT id, crm_object, crm_record_id FROM sessions WHERE org_id = ? AND crm_system = ? ORDER BY updated_at DESC LIMIT ?')
    .bind(orgId, system, limit)
    .all<{ id: string; crm_object: string | null; crm_record_id: string }>();
  return results;
}

/** Statuses of a session the agent is still working in: an ended one (even with after-end access for the customer) is not. */
const OPEN_STATUSES = `('planned', 'active')`;
export const isOpenStatus = (status: string) => status === 'planned' || status === 'active';

/** What taking the single-active-session lock came to. */
export type ActiveLock =
  | { taken: true }
  /** Another session holds the lock (it may be over, or no longer the agent's: the caller checks). */
  | { taken: false; holder: string }
  /** The agent has another session open, lock or not (started before the setting was on, or handed to them). */
  | { taken: false; open: SessionIndexRow };

/**
 * Take the agent's single-active-session lock for this session, unless they
 * already have another session open. One D1 batch (a transaction): the lock
 * row is inserted only when no other session of the agent is planned or
 * active, so two concurrent starts cannot both win, and sessions started
 * while the setting was off count as well as those that hold the lock.
 */
export async function takeActiveLock(db: D1Database, orgId: string, agentId: string, sessionId: string): Promise<ActiveLock> {
  const [lock, open] = await db.batch([
    db
      .prepare(
        `INSERT INTO active_session_locks (agent_id, org_id, session_id)
         SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM sessions WHERE org_id = ?2 AND agent_id = ?1 AND status IN ${OPEN_STATUSES} AND id <> ?3)
         ON CONFLICT (agent_id) DO UPDATE SET agent_id = agent_id
         RETURNING session_id`,
      )
      .bind(agentId, orgId, sessionId),
    db
      .prepare(`SELECT * FROM sessions WHERE org_id = ? AND agent_id = ? AND status IN ${OPEN_STATUSES} AND id <> ? ORDER BY updated_at DESC, id LIMIT 1`)
      .bind(orgId, agentId, sessionId),
  ]);
  const holder = (lock!.results as { session_id: string }[])[0]?.session_id;
  if (holder === sessionId) return { taken: true };
  if (holder !== undefined) return { taken: false, holder };
  // Nothing inserted and no conflict: the NOT EXISTS found a session, which the batch's second read (same transaction) returns.
  return { taken: false, open: (open!.results as SessionIndexRow[])[0]! };
}

/**
 * Bring a session's row up to date from its SessionRoom: status, agent and
 * team, at `version` (a row only ever moves forward). A session that is over
 * releases its agent's single-active-session lock in the same batch.
 */
export async function refreshSessionIndex(
  db: D1Database,
  s: { id: string; orgId: string; status: string; agentId: string; teamId: string | null },
  version: number,
  at: number,
): Promise<void> {
  const statements = [
    db
      .prepare('UPDATE sessions SET status = ?, agent_id = ?, team_id = ?, version = ?, updated_at = ? WHERE id = ? AND org_id = ? AND version < ?')
      .bind(s.status, s.agentId, s.teamId, version, at, s.id, s.orgId, version),
  ];
  if (!isOpenStatus(s.status)) statements.push(releaseLockStatement(db, s.id));
  await db.batch(statements);
}

/** With single active session on: the agent's session that is still open, which blocks a new start. */
export function openSessionOf(db: D1Database, orgId: string, agentId: string): Promise<SessionIndexRow | null> {
  return db
    .prepare(`SELECT * FROM sessions WHERE org_id = ? AND agent_id = ? AND status IN ${OPEN_STATUSES} ORDER BY updated_at DESC LIMIT 1`)
    .bind(orgId, agentId)
    .first<SessionIndexRow>();
}

/** Releasing the lock a session holds, as a statement: run alone, or in a batch with the session's index update. */
function releaseLockStatement(db: D1Database, sessionId: string): D1PreparedStatement {
  return db.prepare('DELETE FROM active_session_locks WHERE session_id = ?').bind(sessionId);
}

export async function releaseActiveLock(db: D1Database, sessionId: string): Promise<void> {
  await releaseLockStatement(db, sessionId).run();
}

/** Releasing one agent's lock left behind by a session that is over or now another agent's (whose own lock on it, if any, stays). */
export async function releaseAgentLock(db: D1Database, agentId: string, sessionId: string): Promise<void> {
  await db.prepare('DELETE FROM active_session_locks WHERE agent_id = ? AND session_id = ?').bind(agentId, sessionId).run();
}

export interface SessionSearch {
  /** Already checked against the search space. */
  scope: Scope;
  agentId?: string | undefined;
  crmSystem?: string | undefined;
  crmRecordId?: string | undefined;
  /** The record's object (contacts, Contact…), matched without regard to case: HubSpot's ids are unique only within an object. */
  crmObject?: string | undefined;
  status?: string | undefined;
  /** Customer name contains (case-insensitive). */
  q?: string | undefined;
  limit: number;
}

/** Sessions an agent may list, most recently updated first: the one query behind the API list and the workspace. */
export async function searchSessions(db: D1Database, agent: { id: string; orgId: string; teamId: string | null }, f: SessionSearch): Promise<SessionIndexRow[]> {
  const where = new Where().and('org_id = ?', agent.orgId);
  if (f.scope === 'mine') where.and('agent_id = ?', agent.id);
  if (f.scope === 'team') where.and('(agent_id = ? OR (team_id IS NOT NULL AND team_id = ?))', agent.id, agent.teamId);
  if (f.agentId) where.and('agent_id = ?', f.agentId);
  if (f.crmRecordId) where.and('crm_record_id = ?', f.crmRecordId);
  if (f.crmSystem) where.and('crm_system = ?', f.crmSystem);
  if (f.crmObject) where.and('lower(crm_object) = lower(?)', f.crmObject);
  if (f.status) where.and('status = ?', f.status);
  // instr, not LIKE: D1 caps LIKE patterns at 50 bytes, and nothing needs escaping.
  if (f.q) where.and('instr(lower(customer_name), lower(?)) > 0', f.q);
  const { results } = await db.prepare(`SELECT * FROM sessions ${where} ORDER BY updated_at DESC, id LIMIT ?`).bind(...where.values, f.limit).all<SessionIndexRow>();
  return results;
}

/**
 * The org's sessions a change may still matter to: every one not closed
 * (planned, active, or ended with after-end access), optionally only one
 * team's. What settings changes and agent revocations reach at once.
 */
export async function openSessionIds(db: D1Database, orgId: string, teamId?: string): Promise<string[]> {
  const query =
    teamId === undefined
      ? db.prepare(`SELECT id FROM sessions WHERE org_id = ? AND status <> 'closed'`).bind(orgId)
      : db.prepare(`SELECT id FROM sessions WHERE org_id = ? AND team_id = ? AND status <> 'closed'`).bind(orgId, teamId);
  return (await query.all<{ id: string }>()).results.map((r) => r.id);
}
