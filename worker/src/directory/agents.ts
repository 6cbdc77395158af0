// Agents and their orgs: the agent (with the org's sealed token key) that
// authentication needs, and the listing, adding and naming of an org's agents
// (CRM users made agents by the org key: crm-agents.ts).
import { openSecret, sealSecret, type SecretKeys, type SecretStore } from '../auth/secret-box.ts';
import { REVOKED_TOKEN_SQL } from './revoked-tokens.ts';

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

/** An agent as authentication and token minting see them: the record, the org's token key, and whether their tokens still count. */
export type AgentWithSecret = AgentRecord & {
  secret: string;
  /** False once an admin deactivated the agent: none of their tokens is accepted, none is minted. */
  active: boolean;
  /** Tokens minted in an older generation stopped when the agent was deactivated. */
  tokenGeneration: number;
};

const WITH_SECRET = `a.id, a.org_id AS orgId, a.team_id AS teamId, a.email, a.name, a.role, o.name AS orgName, o.secret,
  a.deactivated_at IS NULL AS active, a.token_generation AS tokenGeneration`;
type StoredWithSecret = Omit<AgentWithSecret, 'active'> & { active: number };

async function opened(env: SecretStore, orgId: string, row: StoredWithSecret): Promise<AgentWithSecret> {
  return { ...row, active: row.active === 1, secret: await openOrgSecret(env, orgId, row.secret) };
}

export async function findAgentWithSecret(env: SecretStore, orgId: string, agentId: string): Promise<AgentWithSecret | null> {
  const row = await env.DB.prepare(`SELECT ${WITH_SECRET} FROM agents a JOIN orgs o ON o.id = a.org_id WHERE a.id = ? AND a.org_id = ?`)
    .bind(agentId, orgId)
    .first<StoredWithSecret>();
  return row ? opened(env, orgId, row) : null;
}

/** The agent a token names, and whether that very token was revoked: the one read authentication makes. */
export async function findTokenHolder(env: SecretStore, orgId: string, agentId: string, jti: string): Promise<(AgentWithSecret & { revoked: boolean }) | null> {
  const row = await env.DB.prepare(`SELECT ${WITH_SECRET}, ${REVOKED_TOKEN_SQL} AS revoked FROM agents a JOIN orgs o ON o.id = a.org_id WHERE a.id = ? AND a.org_id = ?`)
    .bind(orgId, jti, agentId, orgId)
    .first<StoredWithSecret & { revoked: number }>();
  return row ? { ...(await opened(env, orgId, row)), revoked: row.revoked === 1 } : null;
}

export async function findOrgSecret(env: SecretStore, orgId: string): Promise<string | null> {
  const row = await env.DB.prepare('SELECT secret FROM orgs WHERE id = ?').bind(orgId).first<{ secret: string }>();
  return row ? openOrgSecret(env, orgId, row.secret) : null;
}

/** A new token key for the org (an admin rotated it): every token signed with the old one stops verifying. False when there is no such org. */
export async function replaceOrgSecret(env: SecretStore, orgId: string, secret: string): Promise<boolean> {
  const res = await env.DB.prepare('UPDATE orgs SET secret = ? WHERE id = ?').bind(await sealOrgSecret(env, orgId, secret), orgId).run();
  return (res.meta.changes ?? 0) > 0;
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

/** The org's agents, each saying whether an admin has deactivated them. */
export async function listAgents(db: D1Database, orgId: string): Promise<Array<Omit<AgentRecord, 'orgId' | 'orgName'> & { active: boolean }>> {
  const { results } = await db
    .prepare('SELECT id, team_id AS teamId, email, name, role, deactivated_at IS NULL AS active FROM agents WHERE org_id = ? ORDER BY name')
    .bind(orgId)
    .all<Omit<AgentRecord, 'orgId' | 'orgName'> & { active: number }>();
  return results.map((a) => ({ ...a, active: a.active === 1 }));
}

/** An agent's id and name by their email in the org (the demo seed finds its agents again). */
export function findAgentByEmail(db: D1Database, orgId: string, email: string): Promise<{ id: string; name: string } | null> {
  return db.prepare('SELECT id, name FROM agents WHERE org_id = ? AND email = ?').bind(orgId, email).first<{ id: string; name: string }>();
}

/** Names, emails and CRM user ids (for agents a CRM made: crm-agents.ts) of some of the org's agents, by id (D1 binds at most 100 parameters a query). */
export async function agentsByIds(db: D1Database, orgId: string, ids: string[]): Promise<Map<string, AgentContact>> {
  const agents = new Map<string, AgentContact>();
  for (let i = 0; i < ids.length; i += AGENTS_PER_QUERY) {
    const chunk = ids.slice(i, i + AGENTS_PER_QUERY);
    const { results } = await db
      .prepare(`SELECT id, email, name, crm_system AS crmSystem, crm_user_id AS crmUserId FROM agents WHERE org_id = ? AND id IN (${chunk.map(() => '?').join(', ')})`)
      .bind(orgId, ...chunk)
      .all<{ id: string; email: string; name: string; crmSystem: string | null; crmUserId: string | null }>();
    for (const r of results) agents.set(r.id, { email: r.email, name: r.name, crmUser: r.crmSystem && r.crmUserId ? { system: r.crmSystem, userId: r.crmUserId } : null });
  }
  return agents;
}

/** What a CRM record says of a session's agent: who they are, and which CRM user they are when a CRM made them an agent. */
export interface AgentContact {
  email: string;
  name: string;
  crmUser: { system: string; userId: string } | null;
}
const AGENTS_PER_QUERY = 90;

/** Every agent's name in the org, by id (the workspace's list shows whose sessions they are). */
export async function agentNames(db: D1Database, orgId: string): Promise<Map<string, string>> {
  const { results } = await db.prepare('SELECT id, name FROM agents WHERE org_id = ?').bind(orgId).all<{ id: string; name: string }>();
  return new Map(results.map((a) => [a.id, a.name]));
}
