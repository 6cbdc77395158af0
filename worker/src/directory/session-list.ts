// The sessions an agent may list: the search space (SPEC §2) applied to the
// session index, the one way the API's GET /sessions and the workspace's
// list page find sessions. A scope wider than the agent may search is
// refused here; the page falls back to the widest allowed instead.
import type { SessionListEntry } from '../contract/session';
import { scopeWithin, widestScope, type Scope } from '../domain/search-space';
import type { Settings } from '../domain/settings';
import type { AgentRecord } from './agents';
import { searchSessions, type SessionIndexRow } from './session-index';
import { effectiveSettings } from './settings-store';

export const SCOPES: readonly Scope[] = ['mine', 'team', 'all'];

export interface SessionQuery {
  scope?: Scope | undefined;
  agentId?: string | undefined;
  crmSystem?: string | undefined;
  crmRecordId?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  limit: number;
}

export type SessionListing =
  | { ok: true; settings: Settings; scope: Scope; scopes: Scope[]; sessions: SessionListEntry[] }
  | { ok: false; asked: Scope; widest: Scope };

/** The agent's sessions within their search space, most recently updated first. */
export async function listSessions(db: D1Database, agent: AgentRecord, query: SessionQuery): Promise<SessionListing> {
  const settings = await effectiveSettings(db, agent.orgId, agent.teamId);
  const widest = widestScope({ teamId: agent.teamId, admin: agent.role === 'admin' }, settings.session.searchSpace);
  const scope = query.scope ?? widest;
  if (!scopeWithin(scope, widest)) return { ok: false, asked: scope, widest };
  const rows = await searchSessions(db, agent, { ...query, scope });
  return { ok: true, settings, scope, scopes: SCOPES.filter((s) => scopeWithin(s, widest)), sessions: rows.map(sessionListEntry) };
}

export function sessionListEntry(r: SessionIndexRow): SessionListEntry {
  return {
    id: r.id,
    status: r.status as SessionListEntry['status'],
    agentId: r.agent_id,
    teamId: r.team_id,
    customer: { id: r.customer_id, name: r.customer_name },
    crmRecord: r.crm_record_id ? { system: r.crm_system!, objectType: r.crm_object, recordId: r.crm_record_id } : null,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
