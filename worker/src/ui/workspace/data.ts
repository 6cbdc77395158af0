// What the workspace pages show, read through the services the API uses:
// the session list under the search-space rules (directory/session-list.ts)
// and each session's SessionRoom for its live state. Nothing here writes;
// changes go through the JSON API.
import { describeStripeAccount } from '../../directory/stripe-accounts';
import type { PaymentLimits } from '../../domain/payment';
import { isId } from '../../contract/ids';
import type { DocumentItemView } from '../../contract/documents';
import type { AgentRoomView, MessageView, SessionListEntry } from '../../contract/session';
import { DOCUMENT_KINDS, SEARCH_SPACES, SESSION_STATUSES, type SessionStatus } from '../../domain/catalogue';
import type { Scope } from '../../domain/search-space';
import type { Settings } from '../../domain/settings';
import { agentNames, type AgentRecord } from '../../directory/agents';
import { openSessionOf } from '../../directory/session-index';
import { effectiveSettings } from '../../directory/settings-store';
import { listSessions, sessionListEntry } from '../../directory/session-list';
import { unwrap } from '../../errors';
import { agentActor } from '../../api/session-access';
import { sessionRoom } from '../../room/address';
import type { Env } from '../../env';

export interface SessionList {
  settings: Settings;
  scopes: Scope[];
  scope: Scope;
  q: string;
  status: SessionStatus | null;
  rows: SessionListEntry[];
  /** With single active session on: the agent's session that is still open, which blocks a new start. */
  blocking: SessionListEntry | null;
  agentNames: Map<string, string>;
}

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined => (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

/** The agent's sessions within the search space, as GET /api/v1/sessions lists them; a scope too wide falls back to the widest allowed. */
export async function sessionList(db: D1Database, agent: AgentRecord, query: { scope?: string | undefined; q?: string | undefined; status?: string | undefined }): Promise<SessionList> {
  const q = (query.q ?? '').trim().slice(0, 120);
  const status = oneOf(SESSION_STATUSES, query.status) ?? null;
  const listed = await listSessions(db, agent, { q: q || undefined, status: status ?? undefined, scope: oneOf(SEARCH_SPACES, query.scope), limit: 100 }, 'widest');
  const listing = unwrap(listed);
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

/** A private conversation with one participant: seen by them and agents only. */
export interface PrivateThread {
  threadId: string;
  participantId: string;
  messages: MessageView[];
}

export interface SessionPageData {
  view: AgentRoomView;
  /** Each document item's own view (roles, whose turn, fields), for its toolbar. */
  documents: DocumentViews;
  /** The private threads with their messages, shown apart from the main chat (private-session.tsx). */
  privateThreads: PrivateThread[];
  /** The admin lets agents see participants' one-time codes (settings.session.agentMaySeeOtp): each card offers "Show code". */
  mayShowOtp: boolean;
  /** The channel rules a new participant's contact follows (the template form's participant list): SMS off hides phone fields; OTP asks for both. */
  channels: { smsEnabled: boolean; otpRequired: boolean };
  /** What an agent may ask for payment (the org's Stripe account's limits); null when Stripe is not connected. */
  payments: PaymentLimits | null;
}

/** One session as its agent sees it, or null when it is not theirs to see (another org, outside the search space). */
export async function loadSession(env: Env, agent: AgentRecord, sessionId: string): Promise<SessionPageData | null> {
  if (!isId('session', sessionId)) return null;
  const stub = sessionRoom(env, sessionId);
  const actor = agentActor(agent);
  const r = await stub.view(actor);
  if (!r.ok) return null;
  const view = r.value;
  const [docs, threads, settings, stripe] = await Promise.all([
    Promise.all(view.items.filter((i) => DOCUMENT_KINDS.has(i.kind)).map(async (i) => [i.id, await stub.document(actor, i.id)] as const)),
    stub.privateThreads(actor),
    effectiveSettings(env.DB, agent.orgId, view.session.teamId),
    describeStripeAccount(env.DB, agent.orgId),
  ]);
  const documents: DocumentViews = new Map();
  for (const [id, d] of docs) if (d.ok) documents.set(id, d.value);
  return {
    view,
    documents,
    privateThreads: threads.ok ? threads.value : [],
    mayShowOtp: settings.session.agentMaySeeOtp,
    channels: { smsEnabled: settings.session.smsEnabled, otpRequired: settings.session.otpRequired },
    payments: stripe ? { currencies: stripe.currencies, minAmount: stripe.minAmount, maxAmount: stripe.maxAmount } : null,
  };
}
