// Live sockets and who is online. Sockets hibernate (the runtime keeps them
// open while the object sleeps); each carries who it belongs to as its
// attachment, so presence and fan-out survive eviction. A client that
// reconnects says which event it saw last and is sent what it missed.
import { now } from '../clock';
import type { ParticipantSessionEvent, SessionEvent } from '../contract/events';
import { REPLAY_LIMIT, type LiveFrame } from '../contract/frames';
import type { ParticipantRedactedView } from '../contract/session';
import type { Actor } from './actors';
import type { RoomAccess } from './access';
import type { EventListener, EventLog } from './event-log';
import type { RoomStore } from './store';

interface Socket {
  kind: 'agent' | 'participant';
  id: string;
}

export interface PresenceHooks {
  /** A participant's socket opened: they see what is new now. */
  arrived(participantId: string): void;
  /** A participant's last socket closed: they are away from now on. */
  left(participantId: string): void;
}

const tagOf = (s: Socket) => `${s.kind}:${s.id}`;

export class Presence implements EventListener {
  constructor(
    private readonly state: DurableObjectState,
    private readonly store: RoomStore,
    private readonly log: EventLog,
    private readonly access: RoomAccess,
    private readonly hooks: PresenceHooks,
  ) {}

  /**
   * A socket for this caller: hello, then the events after `after` this
   * caller may see (or resync when there are too many), then live frames.
   */
  async accept(actor: Actor, after: number | null): Promise<Response> {
    const who = await this.access.authorize(actor);
    if (!who.ok) return new Response(who.message, { status: who.status });
    const socket: Socket = actor.kind === 'agent' ? { kind: 'agent', id: actor.agentId } : { kind: 'participant', id: actor.participantId };
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.state.acceptWebSocket(server, [tagOf(socket)]);
    server.serializeAttachment(socket);
    const wasOnline = this.state.getWebSockets(tagOf(socket)).length > 1;
    const at = now();
    if (socket.kind === 'participant') {
      this.store.markSeen(socket.id, at);
      this.hooks.arrived(socket.id);
    }
    const version = this.store.version();
    send(server, { type: 'hello', version, at });
    if (after !== null && after < version) this.replay(server, socket, after, version);
    if (!wasOnline) this.broadcastPresence(socket, true, at);
    return new Response(null, { status: 101, webSocket: client });
  }

  private replay(ws: WebSocket, socket: Socket, after: number, version: number): void {
    const missed = this.log.read(after, REPLAY_LIMIT + 1);
    if (missed.length > REPLAY_LIMIT) return send(ws, { type: 'resync', version });
    for (const event of missed) {
      const frame = frameFor(socket, event);
      if (frame) ws.send(frame);
    }
  }

  /** Clients only listen; "ping" is answered by the runtime without waking the object. */
  message(ws: WebSocket, data: string | ArrayBuffer): void {
    if (data === 'ping') return;
    send(ws, { type: 'error', code: 'listen_only', message: 'this socket only listens: send changes through the HTTP API' });
  }

  closed(ws: WebSocket): void {
    const socket = ws.deserializeAttachment() as Socket | null;
    if (!socket) return;
    const stillOpen = this.state.getWebSockets(tagOf(socket)).filter((w) => w !== ws && w.readyState === WebSocket.OPEN);
    const at = now();
    if (socket.kind === 'participant') this.store.markSeen(socket.id, at);
    if (stillOpen.length > 0) return;
    this.broadcastPresence(socket, false, at, ws);
    if (socket.kind === 'participant') this.hooks.left(socket.id);
  }

  /**
   * The agent's right is gone: their sockets here close with a reason, and,
   * their attachment cleared first, nothing more is sent on them.
   */
  closeAgent(agentId: string): void {
    for (const ws of this.state.getWebSockets(`agent:${agentId}`)) {
      ws.serializeAttachment(null);
      try {
        ws.close(4003, 'access revoked');
      } catch {
        /* already closing */
      }
    }
  }

  /** Online means an open socket: one that is closing no longer counts. */
  online(participantId: string): boolean {
    return this.state.getWebSockets(`participant:${participantId}`).some((ws) => ws.readyState === WebSocket.OPEN);
  }

  agentOnline(): boolean {
    return this.state.getWebSockets().some((ws) => ws.readyState === WebSocket.OPEN && (ws.deserializeAttachment() as Socket | null)?.kind === 'agent');
  }

  /** Committed events go to every socket allowed to see them, each form serialized once. */
  committed(events: SessionEvent[]): void {
    for (const event of events) this.broadcast(event);
  }

  private broadcast(event: SessionEvent): void {
    const forAgents = JSON.stringify({ type: 'event', event } satisfies LiveFrame);
    let forParticipants: string | null = null;
    for (const ws of this.state.getWebSockets()) {
      const socket = ws.deserializeAttachment() as Socket | null;
      if (!socket) continue;
      let payload: string;
      if (socket.kind === 'agent') payload = forAgents;
      else if (visibleTo(socket, event)) payload = forParticipants ??= JSON.stringify({ type: 'event', event: redactForParticipants(event) } satisfies LiveFrame);
      else continue;
      trySend(ws, payload);
    }
  }

  // Participants in a private session still see who is online: presence carries no content.
  private broadcastPresence(socket: Socket, online: boolean, at: number, except?: WebSocket): void {
    const msg = JSON.stringify({ type: 'presence', who: socket.kind, id: socket.id, online, at: new Date(at).toISOString() } satisfies LiveFrame);
    for (const ws of this.state.getWebSockets()) if (ws !== except) trySend(ws, msg);
  }
}

function visibleTo(socket: Socket, event: SessionEvent): boolean {
  return socket.kind === 'agent' || event.audience === 'all' || event.audience === `participant:${socket.id}`;
}

function frameFor(socket: Socket, event: SessionEvent): string | null {
  if (!visibleTo(socket, event)) return null;
  return JSON.stringify({ type: 'event', event: socket.kind === 'agent' ? event : redactForParticipants(event) } satisfies LiveFrame);
}

/** Participants never see each other's contact details, nor where someone connected from. */
export function redactForParticipants(event: SessionEvent): ParticipantSessionEvent {
  const data: Record<string, unknown> = { ...event.data };
  delete data['ip'];
  delete data['userAgent'];
  const p = data['participant'] as Record<string, unknown> | undefined;
  if (p) {
    const { email: _e, phone: _p, inviteChannel: _c, access: _a, ...rest } = p;
    data['participant'] = rest as ParticipantRedactedView;
  }
  return { ...event, data } as ParticipantSessionEvent;
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
