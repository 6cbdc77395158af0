// Agents made by the org key: a CRM user becomes an agent on their first call,
// found again by their CRM user id (never by email), and only agents made this
// way are ever found or changed by it. An account made in Parley is out of the
// key's reach, whatever email the CRM sends.
import type { CrmSystem } from '../crm/messages';
import type { AgentRecord } from './agents';

/** The CRM user a key call acts for, as the caller vouched for them (the role already decided by the org's policy). */
export interface CrmUser {
  system: CrmSystem;
  /** The CRM's own id for the user (a Salesforce User Id, 18-character form). */
  userId: string;
  email: string;
  name: string;
  /** null: the CRM says nothing of roles (HubSpot): a new agent is an agent, an existing one keeps the role Parley gave them. */
  role: 'agent' | 'admin' | null;
}

export type CrmAgentAnswer =
  | { kind: 'agent'; agent: AgentRecord }
  /** The email is another agent's: one made in Parley, or another CRM user's. */
  | { kind: 'email_taken'; by: 'parley' | 'crm' }
  /** An admin deactivated the agent: the key acts for them no more than their tokens do. */
  | { kind: 'deactivated' }
  | { kind: 'no_org' };

const AGENT_COLUMNS = 'a.id, a.org_id AS orgId, a.team_id AS teamId, a.email, a.name, a.role, o.name AS orgName, a.deactivated_at IS NOT NULL AS deactivated';

async function findCrmAgent(db: D1Database, orgId: string, user: CrmUser): Promise<(AgentRecord & { deactivated: boolean }) | null> {
  const row = await db
    .prepare(`SELECT ${AGENT_COLUMNS} FROM agents a JOIN orgs o ON o.id = a.org_id WHERE a.org_id = ? AND a.origin = 'crm' AND a.crm_system = ? AND a.crm_user_id = ?`)
    .bind(orgId, user.system, user.userId)
    .first<AgentRecord & { deactivated: number }>();
  if (!row) return null;
  const { deactivated, ...agent } = row;
  return { ...agent, deactivated: deactivated === 1 };
}

/** Who else in the org has this email, if anyone. */
async function emailHolder(db: D1Database, orgId: string, email: string): Promise<'parley' | 'crm' | null> {
  const row = await db.prepare('SELECT origin FROM agents WHERE org_id = ? AND email = ?').bind(orgId, email).first<{ origin: 'parley' | 'crm' }>();
  return row?.origin ?? null;
}

const isUniqueViolation = (e: unknown) => e instanceof Error && /UNIQUE constraint failed/i.test(e.message);

/**
 * The agent behind a CRM user, made on their first call: a Salesforce user
 * with Parley's permission set is an agent without any other sign-up. Their
 * email, name and role follow the CRM on every call (the org key vouches for
 * them; the role given here is already what the org lets the CRM assert);
 * the team is the admin's to set in Parley.
 */
export async function provisionCrmAgent(db: D1Database, orgId: string, user: CrmUser, newAgentId: string, at: number): Promise<CrmAgentAnswer> {
  let found = await findCrmAgent(db, orgId, user);
  if (!found) {
    // Any unique index refuses it quietly: the same CRM user made by a parallel call, or an email someone already has.
    await db
      .prepare(
        `INSERT INTO agents (id, org_id, team_id, email, name, role, created_at, origin, crm_system, crm_user_id)
         SELECT ?, ?, NULL, ?, ?, ?, ?, 'crm', ?, ? WHERE EXISTS (SELECT 1 FROM orgs WHERE id = ?) ON CONFLICT DO NOTHING`,
      )
      .bind(newAgentId, orgId, user.email, user.name, user.role ?? 'agent', at, user.system, user.userId, orgId)
      .run();
    found = await findCrmAgent(db, orgId, user);
    if (!found) {
      const holder = await emailHolder(db, orgId, user.email);
      return holder ? { kind: 'email_taken', by: holder } : { kind: 'no_org' };
    }
  }
  // Nothing of a deactivated agent changes either: what an admin stopped stays as it was.
  const { deactivated, ...agent } = found;
  if (deactivated) return { kind: 'deactivated' };
  const role = user.role ?? agent.role;
  if (agent.email === user.email && agent.name === user.name && agent.role === role) return { kind: 'agent', agent };
  try {
    await db
      .prepare(`UPDATE agents SET email = ?, name = ?, role = ? WHERE id = ? AND org_id = ? AND origin = 'crm'`)
      .bind(user.email, user.name, role, agent.id, orgId)
      .run();
  } catch (e) {
    // The CRM user's new email is another agent's.
    if (!isUniqueViolation(e)) throw e;
    return { kind: 'email_taken', by: (await emailHolder(db, orgId, user.email)) ?? 'crm' };
  }
  return { kind: 'agent', agent: { ...agent, email: user.email, name: user.name, role } };
}
