// What the workspace pages show, read the way the API reads it: the session
// index in D1 under the search-space rules, and each session's SessionRoom
// for its live state. Nothing here writes; changes go through the JSON API.
import type { AgentRecord } from '../../directory/agents';
import { effectiveSettings } from '../../directory/settings-store';
import { searchSessions, type SessionIndexRow } from '../../directory/session-index';
import { scopeWithin, widestScope, type Scope } from '../../domain/search-space';
import type { Settings } from '../../domain/settings';
import { agentActor, viewerOf } from '../../api/session-access';
import type { Env } from '../../env';
import type { DocumentItemView } from '../../contract/documents';
import type { AgentRoomView } from '../../contract/session';

export const SCOPES: Scope[] = ['mine', 'team', 'all'];
export const LIST_STATUSES = ['planned', 'active', 'ended', 'closed'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export interface SessionList {
  settings: Settings;
  scopes: Scope[];
  scope: Scope;
  q: string;
  status: ListStatus | null;
  rows: SessionIndexRow[];
  /** With single active session on: the agent's session that is still open, which blocks a new start. */
  blocking: SessionIndexRow | null;
  agentNames: Map<string, string>;
}

/** The agent's sessions within the search space, as GET /api/v1/sessions lists them. */
export async function listSessions(db: D1Database, agent: AgentRecord, query: { scope?: string | undefined; q?: string | undefined; status?: string | undefined }): Promise<SessionList> {
  const settings = await effectiveSettings(db, agent.orgId, agent.teamId);
  const widest = widestScope(viewerOf(agent), settings.session.searchSpace);
  const scopes = SCOPES.filter((s) => scopeWithin(s, widest));
  // An unknown or too-wide scope falls back to the widest allowed, as the API's default does.
  const scope = scopes.includes(query.scope as Scope) ? (query.scope as Scope) : widest;
  const q = (query.q ?? '').trim().slice(0, 120);
  const status = (LIST_STATUSES as readonly string[]).includes(query.status ?? '') ? (query.status as ListStatus) : null;

  const [rows, open, agents] = await Promise.all([
    searchSessions(db, agent, { scope, status: status ?? undefined, q, limit: 100 }),
    settings.session.singleActiveSession
      ? db
          .prepare(`SELECT * FROM sessions WHERE org_id = ? AND agent_id = ? AND status IN ('planned', 'active') ORDER BY updated_at DESC LIMIT 1`)
          .bind(agent.orgId, agent.id)
          .first<SessionIndexRow>()
      : Promise.resolve(null),
    scope === 'mine' ? Promise.resolve({ results: [] as { id: string; name: string }[] }) : db.prepare('SELECT id, name FROM agents WHERE org_id = ?').bind(agent.orgId).all<{ id: string; name: string }>(),
  ]);
  return {
    settings,
    scopes,
    scope,
    q,
    status,
    rows,
    blocking: open,
    agentNames: new Map(agents.results.map((a) => [a.id, a.name])),
  };
}

export type DocumentViews = Map<string, DocumentItemView>;

export interface SessionPageData {
  view: AgentRoomView;
  /** Each document item's own view (roles, whose turn, fields), for its toolbar. */
  documents: DocumentViews;
}

export const DOCUMENT_KINDS = new Set(['template_document', 'adhoc_document']);

/** One session as its agent sees it, or null when it is not theirs to see (another org, outside the search space). */
export async function loadSession(env: Env, agent: AgentRecord, sessionId: string): Promise<SessionPageData | null> {
  if (!/^ses_[0-9A-Za-z]{16}$/.test(sessionId)) return null;
  const stub = env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
  const actor = agentActor(agent);
  const r = await stub.view(actor);
  if (!r.ok) return null;
  const view = r.value as AgentRoomView;
  const docs = await Promise.all(
    view.items.filter((i) => DOCUMENT_KINDS.has(i.kind)).map(async (i) => [i.id, await stub.document(actor, i.id)] as const),
  );
  const documents: DocumentViews = new Map();
  for (const [id, d] of docs) if (d.ok) documents.set(id, d.value as DocumentItemView);
  return { view, documents };
}

export function sessionStub(env: Env, sessionId: string) {
  return env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
}
