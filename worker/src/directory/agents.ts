// Agents and their orgs: the agent (with the org's sealed token key) that
// authentication needs, CRM users provisioned as agents on their first call,
// and the listing, adding and naming of an org's agents.
import { openSecret, sealSecret, type SecretKeys, type SecretStore } from '../auth/secret-box.ts';
export interface AgentRecord {
  id: string;
  orgId: string;
  teamId: string | null;
  email: string;
  name: string;
  role: 'agent' | 'admin';
  orgName: string;
}

// The org's HMAC key for its agent tokens is kept sealed (auth/secret-box.ts):
// a copy of the database must not let anyone mint tokens.
const secretContext = (orgId: string) => `orgs.secret:${orgId}`;

/** A new org's token key, in the form D1 keeps it. */
export function sealOrgSecret(keys: SecretKeys, orgId: string, secret: string): Promise<string> {
  return sealSecret(keys, secret, secretContext(orgId));
}

/** The org's token key from the form D1 keeps it in. */
function openOrgSecret(keys: SecretKeys, orgId: string, stored: string): Promise<string> {
  return openSecret(keys, stored, secretContext(orgId));
}

export async function findAgentWithSecret(env: SecretStore, orgId: string, agentId: string) {
  const row = await env.DB.prepare(
    `SELECT a.id, a.org_id AS orgId, a.team_id AS teamId, a.email, a.name, a.role, o.name AS orgName, o.secret
     FROM agents a JOIN orgs o ON o.id = a.org_id WHERE a.id = ? AND a.org_id = ?`,
  )
    .bind(agentId, orgId)
    .first<AgentRecord & { secret: string }>();
  return row ? { ...row, secret: await openOrgSecret(env, orgId, row.secret) } : null;
}

export async function findOrgSecret(env: SecretStore, orgId: string): Promise<string | null> {
  const row = await env.DB.prepare('SELECT secret FROM orgs WHERE id = ?').bind(orgId).first<{ secret: string }>();
  return row ? openOrgSecret(env, orgId, row.secret) : null;
}

/**
 * The agent behind a CRM user, made on their first call: a Salesforce user
 * with Parley's permission set is an agent without any other sign-up. Name
 * and role follow the CRM (the org key vouches for both); the team is the
 * admin's to set in Parley.
 */
export async function provisionCrmAgent(
  db: D1Database,
  orgId: string,
  user: { email: string; name: string; role: 'agent' | 'admin' },
  newAgentId: string,
  at: number,
): Promise<AgentRecord | null> {
  await db
    .prepare(
      `INSERT INTO agents (id, org_id, team_id, email, name, role, created_at) SELECT ?, ?, NULL, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM orgs WHERE id = ?)
       ON CONFLICT (org_id, email) DO UPDATE SET name = excluded.name, role = excluded.role WHERE agents.name <> excluded.name OR agents.role <> excluded.role`,
    )
    .bind(newAgentId, orgId, user.email, user.name, user.role, at, orgId)
    .run();
  return db
    .prepare(
      `SELECT a.id, a.org_id AS orgId, a.team_id AS teamId, a.email, a.name, a.role, o.name AS orgName
       FROM agents a JOIN orgs o ON o.id = a.org_id WHERE a.org_id = ? AND a.email = ?`,
    )
    .bind(orgId, user.email)
    .first<AgentRecord>();
}

/** The names messages and certificates are signed with: the org's and the session's agent's. */
export async function findNames(db: D1Database, orgId: string, agentId: string): Promise<{ orgName: string; agentName: string } | null> {
  return db
    .prepare('SELECT o.name AS orgName, a.name AS agentName FROM orgs o JOIN agents a ON a.org_id = o.id AND a.id = ? WHERE o.id = ?')
    .bind(agentId, orgId)
    .first<{ orgName: string; agentName: string }>();
}

/** An agent to add: the record, less what the org supplies, and when. */
export type NewAgent = Omit<AgentRecord, 'orgName'> & { at: number };

/** A new agent or admin; false when the org already has one with that email. */
export async function addAgent(db: D1Database, a: NewAgent): Promise<boolean> {
  const inserted = await db
    .prepare('INSERT INTO agents (id, org_id, team_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id')
    .bind(a.id, a.orgId, a.teamId, a.email, a.name, a.role, a.at)
    .first();
  return inserted !== null;
}

export async function listAgents(db: D1Database, orgId: string): Promise<Array<Omit<AgentRecord, 'orgId' | 'orgName'>>> {
  return (await db.prepare('SELECT id, team_id AS teamId, email, name, role FROM agents WHERE org_id = ? ORDER BY name').bind(orgId).all<Omit<AgentRecord, 'orgId' | 'orgName'>>()).results;
}

/** An agent's id and name by their email in the org (the demo seed finds its agents again). */
export function findAgentByEmail(db: D1Database, orgId: string, email: string): Promise<{ id: string; name: string } | null> {
  return db.prepare('SELECT id, name FROM agents WHERE org_id = ? AND email = ?').bind(orgId, email).first<{ id: string; name: string }>();
}

export async function agentExists(db: D1Database, orgId: string, agentId: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS found FROM agents WHERE id = ? AND org_id = ?').bind(agentId, orgId).first()) !== null;
}

/** Names and emails of some of the org's agents, by id (D1 binds at most 100 parameters a query). */
export async function agentsByIds(db: D1Database, orgId: string, ids: string[]): Promise<Map<string, { email: string; name: string }>> {
  const agents = new Map<string, { email: string; name: string }>();
  for (let i = 0; i < ids.length; i += AGENTS_PER_QUERY) {
    const chunk = ids.slice(i, i + AGENTS_PER_QUERY);
    const { results } = await db
      .prepare(`SELECT id, email, name FROM agents WHERE org_id = ? AND id IN (${chunk.map(() => '?').join(', ')})`)
      .bind(orgId, ...chunk)
      .all<{ id: string; email: string; name: string }>();
    for (const r of results) agents.set(r.id, { email: r.email, name: r.name });
  }
  return agents;
}
const AGENTS_PER_QUERY = 90;

/** Every agent's name in the org, by id (the workspace's list shows whose sessions they are). */
export async function agentNames(db: D1Database, orgId: string): Promise<Map<string, string>> {
  const { results } = await db.prepare('SELECT id, name FROM agents WHERE org_id = ?').bind(orgId).all<{ id: string; name: string }>();
  return new Map(results.map((a) => [a.id, a.name]));
}
