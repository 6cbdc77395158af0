// The sessions an agent may list: the search space (SPEC §2) applied to the
// session index, the one way the API's GET /sessions and the workspace's
// list page find sessions. A scope wider than the agent may search is
// refused, or (for the page) falls back to the widest allowed.
import type { SessionListEntry } from '../contract/session';
import { crmLinkOf } from '../crm/messages';
import { searchScope, viewerOf, type Scope } from '../domain/search-space';
import type { Settings } from '../domain/settings';
import { ok, type Result } from '../errors';
import type { AgentRecord } from './agents';
import { searchSessions, type SessionIndexRow, type SessionSearch } from './session-index';
import { effectiveSettings } from './settings-store';

export type SessionQuery = Omit<SessionSearch, 'scope'> & { scope?: Scope | undefined };

export interface SessionListing {
  settings: Settings;
  scope: Scope;
  scopes: Scope[];
  sessions: SessionListEntry[];
}

/** The agent's sessions within their search space, most recently updated first. */
export async function listSessions(db: D1Database, agent: AgentRecord, query: SessionQuery, tooWide: 'refuse' | 'widest' = 'refuse'): Promise<Result<SessionListing>> {
  const settings = await effectiveSettings(db, agent.orgId, agent.teamId);
  const chosen = searchScope(viewerOf(agent), settings.session.searchSpace, query.scope, tooWide);
  if (!chosen.ok) return chosen;
  const { scope, allowed } = chosen.value;
  const rows = await searchSessions(db, agent, { ...query, scope });
  return ok({ settings, scope, scopes: allowed, sessions: rows.map(sessionListEntry) });
}

export function sessionListEntry(r: SessionIndexRow): SessionListEntry {
  return {
    id: r.id,
    status: r.status as SessionListEntry['status'],
    agentId: r.agent_id,
    teamId: r.team_id,
    customer: { id: r.customer_id, name: r.customer_name },
    crmRecord: crmLinkOf(r),
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
