// Live sockets and who is online. Sockets hibernate (the runtime keeps them
// open while the object sleeps); each carries who it belongs to, and until
// when its right holds, as its attachment, so presence, fan-out and closing
// survive eviction. A client that reconnects says which event it saw last and
// is sent what it missed.
//
// A socket lives no longer than the right that opened it. Before anything is
// sent, each socket's right is checked again (an agent's token not expired, a
// participant's access not ended or narrowed); a socket whose right is gone
// gets a closing frame, is closed with a 4xxx code, and is sent nothing more.
// The moments rights end on their own are timers: the access timers emit
// events (and so come through here), an agent token's expiry rings the
// socket_expiry timer.
import { now } from '../clock';
import type { SessionEvent } from '../contract/events';
import { CLOSE_CODES, type ClosingReason } from '../contract/closing';
import { REPLAY_LIMIT, clientReviewFrameSchema, type ClientReviewFrame, type LiveFrame } from '../contract/frames';
import type { Result } from '../errors';
import type { Access } from '../domain/access';
import type { Actor } from './actors';
import type { RoomAccess } from './access';
import type { EventListener, EventLog } from './event-log';
import { redactForParticipants } from './redact';
import type { RoomStore } from './store';
import type { Timers } from './timers';

/** A socket's attachment: whose it is, and what its right was when it opened. */
interface Socket {
  kind: 'agent' | 'participant';
  id: string;
  openedAt: number;
  /** An agent's: when the token that opened it expires (ms); null for a credential without one (the org key). */
  expiresAt: number | null;
  /** A participant's: the access it opened into; a narrower one closes it (the client reopens into its limited view). */
  level: 'full' | 'limited' | null;
  /** Set when the server closed it: it is sent nothing more, and its close changes no presence. */
  closed?: true;
}

/**
 * Sockets one caller may hold in one session. A participant has a phone, a
 * laptop and a few tabs; an agent has the workspace, a CRM panel or two and
 * scripts watching. Past the cap the oldest socket gives way (closing
 * "replaced") rather than the new one being refused: a socket whose network
 * vanished stays open for a while, and refusing would lock the person out
 * until it times out; the newest is the one in front of them.
 */
export const MAX_SOCKETS = { participant: 5, agent: 10 } as const;

const CLOSING_MESSAGES: Record<ClosingReason, string> = {
  expired: 'the access that opened this live connection has expired',
  access_ended: 'this session has ended and can no longer be opened',
  access_limited: 'the session has ended: you can still view and download, but not complete anything',
  removed: 'you are no longer part of this session',
  revoked: 'the access that opened this live connection was revoked',
  replaced: 'this session is open in too many windows; this one stopped receiving updates',
};

export interface PresenceHooks {
  /** A participant's socket opened: they see what is new now. */
  arrived(participantId: string): void;
  /** A participant's last socket closed: they are away from now on. */
  left(participantId: string): void;
}

const tagOf = (s: Pick<Socket, 'kind' | 'id'>) => `${s.kind}:${s.id}`;
/**
 * Each socket's attachment as last written, kept beside the stored copy: every
 * event is checked against every socket's, and reading the stored copy is a
 * structured-clone decode, per socket, per event.
 * After hibernation the map starts empty and fills on first read. Written only
 * through attach(), so the two copies never differ.
 */
const attachments = new WeakMap<WebSocket, Readonly<Socket> | null>();
function attachmentOf(ws: WebSocket): Readonly<Socket> | null {
  let socket = attachments.get(ws);
  if (socket === undefined) attachments.set(ws, (socket = Object.freeze(ws.deserializeAttachment() as Socket | null)));
  return socket;
}
function attach(ws: WebSocket, socket: Socket): void {
  ws.serializeAttachment(socket);
  attachments.set(ws, Object.freeze(socket));
}

export class Presence implements EventListener {
  constructor(
    private readonly state: DurableObjectState,
    private readonly store: RoomStore,
    private readonly log: EventLog,
    private readonly access: RoomAccess,
    private readonly timers: Timers,
    private readonly hooks: PresenceHooks,
  ) {
    timers.on('socket_expiry', (timer, at) => {
      timers.take(timer);
      this.sweep(at);
      this.planExpiry();
    });
  }

  /**
   * A socket for this caller: hello, then the events after `after` this
   * caller may see (or resync when there are too many), then live frames.
   */
  async accept(actor: Actor, after: number | null): Promise<Response> {
    const who = await this.access.authorize(actor);
    if (!who.ok) return new Response(who.message, { status: who.status });
    const at = now();
    const expiresAt = actor.kind === 'agent' ? (actor.expiresAt ?? null) : null;
    if (expiresAt !== null && expiresAt <= at) return new Response('the agent token has expired', { status: 401 });
    const socket: Socket =
      actor.kind === 'agent'
        ? { kind: 'agent', id: actor.agentId, openedAt: at, expiresAt, level: null }
        : { kind: 'participant', id: actor.participantId, openedAt: at, expiresAt: null, level: who.value.access!.level === 'full' ? 'full' : 'limited' };
    const earlier = this.openSockets(tagOf(socket));
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.state.acceptWebSocket(server, [tagOf(socket)]);
    attach(server, socket);
    if (socket.kind === 'participant') {
      this.store.markSeen(socket.id, at);
      this.hooks.arrived(socket.id);
    }
    const version = this.store.version();
    send(server, { type: 'hello', version, at });
    if (after !== null && after < version) this.replay(server, socket, after, version);
    if (earlier.length === 0) this.broadcastPresence(socket, true, at);
    // Over the cap, the oldest give way; the caller stays online on the new one.
    const excess = earlier.length + 1 - MAX_SOCKETS[socket.kind];
    if (excess > 0) for (const [ws, s] of earlier.sort((a, b) => a[1].openedAt - b[1].openedAt).slice(0, excess)) this.shut(ws, s, 'replaced');
    if (expiresAt !== null) {
      this.planExpiry();
      await this.timers.arm();
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  private replay(ws: WebSocket, socket: Socket, after: number, version: number): void {
    const missed = this.log.read(after, REPLAY_LIMIT + 1);
    if (missed.length > REPLAY_LIMIT) return send(ws, { type: 'resync', version });
    for (const event of missed) {
      if (!visibleTo(socket, event)) continue;
      const frame: LiveFrame = socket.kind === 'agent' ? { type: 'event', event } : { type: 'event', event: redactForParticipants(event) };
      trySend(ws, JSON.stringify(frame));
    }
  }

  /**
   * Clients mostly listen: "ping" is answered by the runtime without waking
   * the object, and a pointer in a shared review is handed to `pointed`
   * (room/shared-review.ts) on behalf of the socket's owner, while the socket's
   * right holds: it is not closed, and an agent's token has not expired.
   */
  message(ws: WebSocket, data: string | ArrayBuffer, pointed: (from: { kind: 'agent' | 'participant'; id: string }, frame: ClientReviewFrame) => Result<unknown>): void {
    if (data === 'ping') return;
    const socket = attachmentOf(ws);
    const frame = typeof data === 'string' ? parseClientFrame(data) : null;
    if (!frame) return send(ws, { type: 'error', code: 'listen_only', message: 'this socket takes "ping" and review pointers; send changes through the HTTP API' });
    if (!isOpen(ws, socket) || (socket!.expiresAt !== null && socket!.expiresAt <= now())) return;
    const done = pointed({ kind: socket!.kind, id: socket!.id }, frame);
    if (!done.ok) send(ws, { type: 'error', code: done.code, message: done.message });
  }

  /** The client closed the socket (or it failed): presence changes when it was their last. */
  closed(ws: WebSocket): void {
    const socket = attachmentOf(ws);
    if (!socket || socket.closed) return; // closed by the server, which already said so
    this.settle([socket], now(), ws);
  }

  /**
   * An agent's right is gone (deactivated): their sockets here close now. With
   * no agent named, every agent's: the org's token key was replaced, so no
   * token any agent socket was opened with verifies any more.
   */
  closeAgent(agentId?: string): void {
    if (agentId !== undefined) return this.closeAll({ kind: 'agent', id: agentId }, 'revoked');
    const shut = this.openSockets()
      .filter(([, socket]) => socket.kind === 'agent')
      .map(([ws, socket]) => (this.shut(ws, socket, 'revoked'), socket));
    if (shut.length > 0) this.settle(shut, now());
  }

  /** The participant's link was revoked or they left the session: their sockets close now. */
  closeParticipant(participantId: string, reason: 'revoked' | 'removed'): void {
    this.closeAll({ kind: 'participant', id: participantId }, reason);
  }

  /** Something a right depends on changed without an event (the admin's settings): check every socket now. */
  recheck(): void {
    this.sweep(now());
  }

  /** Online means an open socket: one that is closing no longer counts. */
  online(participantId: string): boolean {
    return this.openSockets(`participant:${participantId}`).length > 0;
  }

  agentOnline(): boolean {
    return this.state.getWebSockets().some((ws) => isOpen(ws, attachmentOf(ws)) && attachmentOf(ws)!.kind === 'agent');
  }

  /**
   * A passing frame (someone typing, or reading) to the open sockets `to`
   * picks: not an event, so not logged, not replayed, and missed by anyone
   * offline, as it should be.
   */
  tell(frame: LiveFrame, to: (socket: { kind: 'agent' | 'participant'; id: string }) => boolean): void {
    const payload = JSON.stringify(frame);
    for (const [ws, socket] of this.openSockets()) if (to(socket)) trySend(ws, payload);
  }

  /**
   * Committed events go to every socket still allowed to see them, each form
   * serialized once. Each socket's right is checked first, at this moment: a
   * socket whose right ended is closed instead, and gets none of them.
   */
  committed(events: SessionEvent[]): void {
    const forAgents = events.map((event) => JSON.stringify({ type: 'event', event } satisfies LiveFrame));
    const forParticipants: (string | undefined)[] = [];
    this.sweep(now(), (ws, socket) => {
      events.forEach((event, i) => {
        if (socket.kind === 'agent') trySend(ws, forAgents[i]!);
        else if (visibleTo(socket, event)) trySend(ws, (forParticipants[i] ??= JSON.stringify({ type: 'event', event: redactForParticipants(event) } satisfies LiveFrame)));
      });
    });
  }

  /** Every open socket's right checked at `at`: those whose right ended close; `then` is called with each of the others. */
  private sweep(at: number, then?: (ws: WebSocket, socket: Socket) => void): void {
    const accessOf = new Map<string, Access | null>();
    const shut: Socket[] = [];
    for (const ws of this.state.getWebSockets()) {
      const socket = attachmentOf(ws);
      if (!isOpen(ws, socket)) continue;
      let access: Access | null | undefined;
      if (socket!.kind === 'participant' && (access = accessOf.get(socket!.id)) === undefined) accessOf.set(socket!.id, (access = this.participantAccess(socket!.id, at)));
      const ended = rightEnded(socket!, at, access ?? null);
      if (ended) {
        this.shut(ws, socket!, ended);
        shut.push(socket!);
        continue;
      }
      // Access widened again (renewed): a later narrowing must close this socket too.
      if (socket!.level === 'limited' && access?.level === 'full') attach(ws, { ...socket!, level: 'full' });
      then?.(ws, socket!);
    }
    if (shut.length > 0) this.settle(shut, at);
  }

  /** A participant's access now, by the settings last read (the settings API tells the room at once when they change); null when they are gone. */
  private participantAccess(participantId: string, at: number): Access | null {
    const p = this.store.participant(participantId);
    return p ? this.access.cachedAccessOf(p, at) : null;
  }

  /** The closing frame, then the close; the attachment says so first, so nothing more is sent on it. */
  private shut(ws: WebSocket, socket: Socket, reason: ClosingReason): void {
    trySend(ws, JSON.stringify({ type: 'closing', reason, message: CLOSING_MESSAGES[reason] } satisfies LiveFrame));
    attach(ws, { ...socket, closed: true });
    try {
      ws.close(CLOSE_CODES[reason], reason);
    } catch {
      /* already closing */
    }
  }

  private closeAll(who: Pick<Socket, 'kind' | 'id'>, reason: ClosingReason): void {
    const shut = this.openSockets(tagOf(who)).map(([ws, socket]) => {
      this.shut(ws, socket, reason);
      return socket;
    });
    if (shut.length > 0) this.settle(shut, now());
  }

  /** After sockets closed: whoever has none left open is offline from now (told to the others, and to notices). */
  private settle(closed: Socket[], at: number, closing?: WebSocket): void {
    const gone = new Map(closed.map((s) => [tagOf(s), s]));
    for (const [tag, socket] of gone) {
      if (socket.kind === 'participant') this.store.markSeen(socket.id, at);
      if (this.openSockets(tag).some(([ws]) => ws !== closing)) continue;
      this.broadcastPresence(socket, false, at, closing);
      if (socket.kind === 'participant') this.hooks.left(socket.id);
    }
  }

  /** The open sockets of one caller (or of everyone), with their attachments. */
  private openSockets(tag?: string): [WebSocket, Socket][] {
    const open: [WebSocket, Socket][] = [];
    for (const ws of this.state.getWebSockets(tag)) {
      const socket = attachmentOf(ws);
      if (isOpen(ws, socket)) open.push([ws, socket!]);
    }
    return open;
  }

  /** The socket_expiry timer at the earliest token expiry among open sockets (none: no timer). */
  private planExpiry(): void {
    let earliest: number | null = null;
    for (const ws of this.state.getWebSockets()) {
      const socket = attachmentOf(ws);
      if (isOpen(ws, socket) && socket!.expiresAt !== null && (earliest === null || socket!.expiresAt < earliest)) earliest = socket!.expiresAt;
    }
    this.timers.plan({ kind: 'socket_expiry' }, earliest);
  }

  // Participants in a private session still see who is online: presence carries no content, and never which agent.
  private broadcastPresence(socket: Socket, online: boolean, at: number, closing?: WebSocket): void {
    const frame = { type: 'presence', who: socket.kind, id: socket.id, online, at: new Date(at).toISOString() } satisfies LiveFrame;
    const forAgents = JSON.stringify(frame);
    const forParticipants = socket.kind === 'agent' ? JSON.stringify({ type: 'presence', who: 'agent', online, at: frame.at } satisfies LiveFrame) : forAgents;
    for (const ws of this.state.getWebSockets()) {
      const to = attachmentOf(ws);
      if (ws !== closing && isOpen(ws, to)) trySend(ws, to!.kind === 'agent' ? forAgents : forParticipants);
    }
  }
}

/**
 * Why a socket's right has ended by `at`, or null while it holds: an agent's
 * is their token's; a participant's is their access now (`access`, null when
 * they are no longer in the session), narrower than it opened into or none.
 */
function rightEnded(socket: Socket, at: number, access: Access | null): ClosingReason | null {
  if (socket.kind === 'agent') return socket.expiresAt !== null && socket.expiresAt <= at ? 'expired' : null;
  if (!access) return 'removed';
  if (access.level === 'none') return access.reason === 'window_expired' ? 'expired' : 'access_ended';
  return access.level === 'limited' && socket.level === 'full' ? 'access_limited' : null;
}

function parseClientFrame(data: string): ClientReviewFrame | null {
  try {
    const parsed = clientReviewFrameSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isOpen(ws: WebSocket, socket: Socket | null): boolean {
  return socket !== null && !socket.closed && ws.readyState === WebSocket.OPEN;
}

function visibleTo(socket: Socket, event: SessionEvent): boolean {
  return socket.kind === 'agent' || event.audience === 'all' || event.audience === `participant:${socket.id}`;
}

function send(ws: WebSocket, frame: LiveFrame): void {
  trySend(ws, JSON.stringify(frame));
}

function trySend(ws: WebSocket, payload: string): void {
  try {
    ws.send(payload);
  } catch {
    /* a closing socket; its close handler updates presence */
  }
}
