// Teams in D1: agents belong to at most one; a team's settings override the org's.
import { parseOverrides } from './settings-store';
import type { StoredOverrides } from '../domain/settings';

export interface TeamRow {
  id: string;
  name: string;
}

export async function listTeams(db: D1Database, orgId: string): Promise<TeamRow[]> {
  return (await db.prepare('SELECT id, name FROM teams WHERE org_id = ? ORDER BY name').bind(orgId).all<TeamRow>()).results;
}

/** A new team; false when the org already has one of that name. */
export async function addTeam(db: D1Database, t: { id: string; orgId: string; name: string; at: number }): Promise<boolean> {
  const inserted = await db.prepare('INSERT INTO teams (id, org_id, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id').bind(t.id, t.orgId, t.name, t.at).first();
  return inserted !== null;
}

export function findTeamByName(db: D1Database, orgId: string, name: string): Promise<TeamRow | null> {
  return db.prepare('SELECT id, name FROM teams WHERE org_id = ? AND name = ?').bind(orgId, name).first<TeamRow>();
}

/** A team of the org with its own settings (what it overrides), or null. */
export async function findTeam(db: D1Database, orgId: string, teamId: string): Promise<(TeamRow & { overrides: StoredOverrides }) | null> {
  const row = await db.prepare('SELECT id, name, settings_json FROM teams WHERE id = ? AND org_id = ?').bind(teamId, orgId).first<{ id: string; name: string; settings_json: string | null }>();
  return row ? { id: row.id, name: row.name, overrides: parseOverrides(row.settings_json) } : null;
}

export async function saveTeamOverrides(db: D1Database, orgId: string, teamId: string, overrides: StoredOverrides): Promise<void> {
  await db.prepare('UPDATE teams SET settings_json = ? WHERE id = ? AND org_id = ?').bind(JSON.stringify(overrides), teamId, orgId).run();
}

/** Every team with its agent count and how many settings it overrides: the admin's teams page. */
export async function teamsWithCounts(db: D1Database, orgId: string): Promise<Array<TeamRow & { agents: number; overrides: number }>> {
  const { results } = await db
    .prepare(
      `SELECT t.id, t.name, t.settings_json, (SELECT COUNT(*) FROM agents a WHERE a.team_id = t.id AND a.org_id = t.org_id) AS agents
       FROM teams t WHERE t.org_id = ? ORDER BY t.name`,
    )
    .bind(orgId)
    .all<{ id: string; name: string; settings_json: string | null; agents: number }>();
  return results.map((t) => {
    const o = parseOverrides(t.settings_json);
    return { id: t.id, name: t.name, agents: t.agents, overrides: Object.keys(o.session ?? {}).length + Object.keys(o.afterEnd ?? {}).length };
  });
}
