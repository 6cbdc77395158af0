// The D1 index of sessions: lists, search and the single-active-session lock.
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

export function indexEntryView(r: SessionIndexRow) {
  return {
    id: r.id,
    status: r.status,
    agentId: r.agent_id,
    teamId: r.team_id,
    customer: { id: r.customer_id, name: r.customer_name },
    crmRecord: r.crm_record_id ? { system: r.crm_system, objectType: r.crm_object, recordId: r.crm_record_id } : null,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function findIndexedSession(db: D1Database, orgId: string, sessionId: string) {
  return db.prepare('SELECT * FROM sessions WHERE id = ? AND org_id = ?').bind(sessionId, orgId).first<SessionIndexRow>();
}

/**
 * Take the agent's single-active-session lock for this session. Atomic: two
 * concurrent starts cannot both win. Returns the session holding the lock.
 */
export async function takeActiveLock(db: D1Database, orgId: string, agentId: string, sessionId: string): Promise<string> {
  const row = await db
    .prepare(
      `INSERT INTO active_session_locks (agent_id, org_id, session_id) VALUES (?, ?, ?)
       ON CONFLICT (agent_id) DO UPDATE SET agent_id = agent_id
       RETURNING session_id`,
    )
    .bind(agentId, orgId, sessionId)
    .first<{ session_id: string }>();
  return row!.session_id;
}

export async function releaseActiveLock(db: D1Database, sessionId: string): Promise<void> {
  await db.prepare('DELETE FROM active_session_locks WHERE session_id = ?').bind(sessionId).run();
}
