// What the workspace pages show, read through the services the API uses:
// the session list under the search-space rules (directory/session-list.ts)
// and each session's SessionRoom for its live state. Nothing here writes;
// changes go through the JSON API.
import { isId } from '../../contract/ids';
import type { DocumentItemView } from '../../contract/documents';
import type { AgentRoomView, SessionListEntry } from '../../contract/session';
import { DOCUMENT_KINDS, SESSION_STATUSES, type SessionStatus } from '../../domain/catalogue';
import type { Scope } from '../../domain/search-space';
import type { Settings } from '../../domain/settings';
import { agentNames, type AgentRecord } from '../../directory/agents';
import { openSessionOf } from '../../directory/session-index';
import { listSessions, SCOPES, sessionListEntry } from '../../directory/session-list';
import { agentActor } from '../../api/session-access';
import { sessionRoom } from '../../room/address';
import type { Env } from '../../env';

type ListStatus = SessionStatus;

export interface SessionList {
  settings: Settings;
  scopes: Scope[];
  scope: Scope;
  q: string;
  status: ListStatus | null;
  rows: SessionListEntry[];
  /** With single active session on: the agent's session that is still open, which blocks a new start. */
  blocking: SessionListEntry | null;
  agentNames: Map<string, string>;
}

/** The agent's sessions within the search space, as GET /api/v1/sessions lists them; a scope too wide falls back to the widest allowed. */
export async function sessionList(db: D1Database, agent: AgentRecord, query: { scope?: string | undefined; q?: string | undefined; status?: string | undefined }): Promise<SessionList> {
  const q = (query.q ?? '').trim().slice(0, 120);
  const status = (SESSION_STATUSES as readonly string[]).includes(query.status ?? '') ? (query.status as ListStatus) : null;
  const filters = { q: q || undefined, status: status ?? undefined, limit: 100 };
  const asked = SCOPES.includes(query.scope as Scope) ? (query.scope as Scope) : undefined;
  let listing = await listSessions(db, agent, { ...filters, scope: asked });
  if (!listing.ok) listing = await listSessions(db, agent, filters);
  if (!listing.ok) throw new Error('the widest scope is always allowed');
  const [open, names] = await Promise.all([
    listing.settings.session.singleActiveSession ? openSessionOf(db, agent.orgId, agent.id) : Promise.resolve(null),
    listing.scope === 'mine' ? Promise.resolve(new Map<string, string>()) : agentNames(db, agent.orgId),
  ]);
  return {
    settings: listing.settings,
    scopes: listing.scopes,
    scope: listing.scope,
    q,
    status,
    rows: listing.sessions,
    blocking: open ? sessionListEntry(open) : null,
    agentNames: names,
  };
}

export type DocumentViews = Map<string, DocumentItemView>;

export interface SessionPageData {
  view: AgentRoomView;
  /** Each document item's own view (roles, whose turn, fields), for its toolbar. */
  documents: DocumentViews;
}

/** One session as its agent sees it, or null when it is not theirs to see (another org, outside the search space). */
export async function loadSession(env: Env, agent: AgentRecord, sessionId: string): Promise<SessionPageData | null> {
  if (!isId('session', sessionId)) return null;
  const stub = sessionRoom(env, sessionId);
  const actor = agentActor(agent);
  const r = await stub.view(actor);
  if (!r.ok) return null;
  const view = r.value;
  const docs = await Promise.all(view.items.filter((i) => DOCUMENT_KINDS.has(i.kind)).map(async (i) => [i.id, await stub.document(actor, i.id)] as const));
  const documents: DocumentViews = new Map();
  for (const [id, d] of docs) if (d.ok) documents.set(id, d.value);
  return { view, documents };
}
