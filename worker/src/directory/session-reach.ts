// The reach (domain/session-reach.ts) of some of an org's sessions, from D1's
// session index, which the room refreshes before it publishes the events that
// bring a session to the CRM write-back.
import { parseOverrides } from './settings-store';
import { reachOf, type SessionReach } from '../domain/session-reach';
import { resolveSettings } from '../domain/settings';

/** The reach of some of the org's sessions, by session id (D1 binds at most 100 parameters a query). */
export async function sessionReach(db: D1Database, orgId: string, sessionIds: string[]): Promise<Map<string, SessionReach>> {
  const reach = new Map<string, SessionReach>();
  if (sessionIds.length === 0) return reach;
  const org = await db.prepare('SELECT settings_json FROM orgs WHERE id = ?').bind(orgId).first<{ settings_json: string | null }>();
  const orgOverrides = parseOverrides(org?.settings_json);
  for (let i = 0; i < sessionIds.length; i += SESSIONS_PER_QUERY) {
    const chunk = sessionIds.slice(i, i + SESSIONS_PER_QUERY);
    const { results } = await db
      .prepare(
        `SELECT s.id, t.name AS team, t.settings_json AS teamSettings FROM sessions s
         LEFT JOIN teams t ON t.id = s.team_id AND t.org_id = s.org_id
         WHERE s.org_id = ? AND s.id IN (${chunk.map(() => '?').join(', ')})`,
      )
      .bind(orgId, ...chunk)
      .all<{ id: string; team: string | null; teamSettings: string | null }>();
    for (const r of results) {
      const space = resolveSettings(orgOverrides, r.team === null ? null : parseOverrides(r.teamSettings)).session.searchSpace;
      reach.set(r.id, reachOf(r.team, space));
    }
  }
  return reach;
}
const SESSIONS_PER_QUERY = 90;
