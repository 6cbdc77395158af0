// Agents and their orgs, as the API's authentication needs them.
export interface AgentRecord {
  id: string;
  orgId: string;
  teamId: string | null;
  email: string;
  name: string;
  role: 'agent' | 'admin';
  orgName: string;
}

export async function findAgentWithSecret(db: D1Database, orgId: string, agentId: string) {
  return db
    .prepare(
      `SELECT a.id, a.org_id AS orgId, a.team_id AS teamId, a.email, a.name, a.role, o.name AS orgName, o.secret
       FROM agents a JOIN orgs o ON o.id = a.org_id WHERE a.id = ? AND a.org_id = ?`,
    )
    .bind(agentId, orgId)
    .first<AgentRecord & { secret: string }>();
}

export async function findOrgSecret(db: D1Database, orgId: string): Promise<string | null> {
  const row = await db.prepare('SELECT secret FROM orgs WHERE id = ?').bind(orgId).first<{ secret: string }>();
  return row?.secret ?? null;
}
