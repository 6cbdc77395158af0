// Who may see and do what in this session, asked on every call: an agent of
// the session's org within their search space (anyone else learns nothing,
// not even that it exists); a participant who proves their device with the
// room cookie, at the access level the session's state and settings allow.
import { now } from '../clock';
import type { Audience } from '../contract/events';
import { computeAccess, type Access } from '../domain/access';
import { PREPARING_STATUSES } from '../domain/catalogue';
import { canSee } from '../domain/search-space';
import type { Settings } from '../domain/settings';
import { sha256Hex } from '../auth/crypto';
import { fail, notFound, ok, type Failure, type Result } from '../errors';
import type { Actor, AgentActor } from './actors';
import type { DirectoryCache } from './directory-cache';
import type { ItemRow } from './rows';
import type { ParticipantRow, RoomStore, SessionRow } from './store';

export interface Authorized {
  session: SessionRow;
  settings: Settings;
  /** A participant's access now; null for agents. */
  access: Access | null;
}

export class RoomAccess {
  constructor(
    private readonly store: RoomStore,
    private readonly directory: DirectoryCache,
  ) {}

  /**
   * The session, if this agent may open it: their own, or within their search
   * space (team or all); admins see all of their org's.
   */
  async agentSession(actor: AgentActor): Promise<Result<SessionRow>> {
    const s = this.store.session();
    if (!s || s.org_id !== actor.orgId) return notFound('session');
    if (s.agent_id === actor.agentId) return ok(s);
    // Read fresh, not cached: a narrowed search space must close the door at once.
    const space = (await this.directory.settingsFor(actor.teamId, { fresh: true })).session.searchSpace;
    return canSee(actor, space, { agentId: s.agent_id, teamId: s.team_id }) ? ok(s) : notFound('session');
  }

  /** Who is calling and what they may do now. Participants prove themselves with their device token. */
  async authorize(actor: Actor): Promise<Result<Authorized>> {
    const s = this.store.session();
    const notSignedIn = fail(401, 'not_signed_in', 'open the room from your invitation link');
    if (!s) return actor.kind === 'agent' ? notFound('session') : notSignedIn;
    if (actor.kind === 'agent') {
      const visible = await this.agentSession(actor);
      return visible.ok ? ok({ session: s, settings: await this.directory.settings(), access: null }) : visible;
    }
    const p = this.store.participant(actor.participantId);
    if (!p || (await this.deviceOf(actor.deviceToken)) !== p.id) return notSignedIn;
    const settings = await this.directory.settings();
    const access = accessOf(s, p, settings);
    if (access.level === 'none') return { ...fail(403, `access_${access.reason}`, accessMessage(access)), redirectUrl: access.redirectUrl };
    return ok({ session: s, settings, access });
  }

  /** Null when the participant may complete things; else the refusal naming until when they may still view. */
  requireFullAccess(access: Access): Failure | null {
    if (access.level === 'full') return null;
    const until = access.until ? ` until ${new Date(access.until).toISOString()}` : '';
    return fail(403, 'limited_access', `the session has ended: you can view and download${until}, but not complete anything`);
  }

  /** The participant a device token belongs to, if any. */
  async deviceOf(deviceToken: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(deviceToken)) return null;
    return this.store.deviceOwner(await hashDevice(deviceToken));
  }

  /** A participant's access by the settings last read (no I/O: usable inside a change, and before a socket is sent anything). */
  cachedAccessOf(p: ParticipantRow, at = now()): Access {
    return accessOf(this.store.session()!, p, this.directory.cachedSettings(), at);
  }

  /** Private threads are seen by their participant and the agent; the main chat by everyone. Asked of callers and of a document's signers. */
  canSeeThread(actor: { kind: 'agent' } | { kind: 'participant'; participantId: string }, threadId: string | null): boolean {
    if (threadId === null || actor.kind === 'agent') return true;
    return this.store.thread(threadId)?.participant_id === actor.participantId;
  }

  /**
   * Whether this actor may open an item: its thread must be theirs, and a
   * participant never sees one still being prepared (a draft, a workflow's
   * step before its turn, a document the agent signs first), so nothing can
   * be viewed, paid or sent for out of turn.
   */
  canSeeItem(actor: { kind: 'agent' } | { kind: 'participant'; participantId: string }, item: Pick<ItemRow, 'thread_id' | 'status'>): boolean {
    return this.canSeeThread(actor, item.thread_id) && (actor.kind === 'agent' || !PREPARING_STATUSES.has(item.status));
  }

  /** Who an event about something in this thread goes to. */
  audienceOf(threadId: string | null): Audience {
    if (!threadId) return 'all';
    return `participant:${this.store.thread(threadId)!.participant_id}`;
  }
}

export function accessOf(s: SessionRow, p: ParticipantRow, settings: Settings, at = now()): Access {
  return computeAccess({ status: s.status, endedAt: s.ended_at, windowStartedAt: p.window_started_at, settings, now: at });
}

export function hashDevice(token: string): Promise<string> {
  return sha256Hex(`parley-device:${token}`);
}

export function accessMessage(access: Access): string {
  switch (access.reason) {
    case 'window_expired':
      return 'this session has expired; ask your agent to renew it';
    case 'auto_closed':
      return 'this session was closed after a period of inactivity; ask your agent to renew it';
    case 'not_invited':
      return 'this session has not started yet';
    default:
      return 'this session has ended and can no longer be opened';
  }
}
