// Deactivating an agent and bringing them back. Deactivation moves the
// agent's token generation on, so every token they hold stops at once and a
// later reactivation does not revive any of them; the org always keeps one
// active admin.

export type Deactivation =
  | { kind: 'deactivated'; at: number }
  /** Already deactivated (at that time): nothing changed. */
  | { kind: 'already'; at: number }
  /** The only active admin left: the org would have no one to run it. */
  | { kind: 'last_admin' }
  | { kind: 'not_found' };

/**
 * Deactivate an agent. The last-admin rule is part of the one UPDATE, so two
 * admins deactivating each other at the same moment cannot both succeed.
 */
export async function deactivateAgent(db: D1Database, orgId: string, agentId: string, at: number): Promise<Deactivation> {
  const changed = await db
    .prepare(
      `UPDATE agents SET deactivated_at = ?, token_generation = token_generation + 1
       WHERE id = ? AND org_id = ? AND deactivated_at IS NULL
         AND (role <> 'admin' OR EXISTS (SELECT 1 FROM agents other WHERE other.org_id = agents.org_id AND other.id <> agents.id AND other.role = 'admin' AND other.deactivated_at IS NULL))
       RETURNING deactivated_at AS at`,
    )
    .bind(at, agentId, orgId)
    .first<{ at: number }>();
  if (changed) return { kind: 'deactivated', at: changed.at };
  const agent = await db.prepare('SELECT deactivated_at AS at FROM agents WHERE id = ? AND org_id = ?').bind(agentId, orgId).first<{ at: number | null }>();
  if (!agent) return { kind: 'not_found' };
  return agent.at === null ? { kind: 'last_admin' } : { kind: 'already', at: agent.at };
}

/** Let a deactivated agent back in (with new tokens only); false when there is no such agent. Reactivating an active agent changes nothing. */
export async function reactivateAgent(db: D1Database, orgId: string, agentId: string): Promise<boolean> {
  const res = await db.prepare('UPDATE agents SET deactivated_at = NULL WHERE id = ? AND org_id = ?').bind(agentId, orgId).run();
  return (res.meta.changes ?? 0) > 0;
}
