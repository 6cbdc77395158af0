// "… is typing" both ways. Sockets only listen (presence.ts message()), so
// a client says it is typing over HTTP, at most once every few seconds;
// the room passes a typing frame to the other side's open sockets and
// stores nothing. The agent's typing in a private thread reaches only that
// thread's participant; a participant's reaches the agent alone, so
// participants never see each other typing.
import { now } from '../clock';
import type { LiveFrame } from '../contract/frames';
import { iso } from '../contract/time';
import { customerMay } from '../domain/access';
import { fail, notFound, ok, type Result } from '../errors';
import { actorKey, type Actor } from './actors';
import type { RoomContext } from './context';
import type { Presence } from './presence';

/** A client tells at most this often; the other side shows "typing" for a little longer (client/room/typing.ts). */
export const TYPING_INTERVAL_MS = 2_000;

export class Typing {
  /** When each caller last told: in memory only, as typing is worth nothing once past. */
  private readonly lastTold = new Map<string, number>();

  constructor(
    private readonly ctx: RoomContext,
    private readonly presence: Presence,
  ) {}

  async typing(actor: Actor, threadId: string | null): Promise<Result<{ at: string }>> {
    const { access, store } = this.ctx;
    const who = await access.authorize(actor);
    if (!who.ok) return who;
    if (threadId !== null && (!store.thread(threadId) || !access.canSeeThread(actor, threadId))) return notFound('private session');
    if (actor.kind === 'participant' && !customerMay(who.value.access!, who.value.settings, 'chat')) return fail(403, 'chat_disabled', 'you cannot write in this chat now');
    const at = now();
    const key = actorKey(actor);
    const last = this.lastTold.get(key);
    if (last !== undefined && at - last < TYPING_INTERVAL_MS) return fail(429, 'rate_limited', `typing is told at most once every ${TYPING_INTERVAL_MS / 1000} seconds`);
    this.lastTold.set(key, at);
    const when = iso(at)!;
    if (actor.kind === 'participant') {
      this.presence.tell({ type: 'typing', who: 'participant', id: actor.participantId, threadId, at: when } satisfies LiveFrame, (s) => s.kind === 'agent');
    } else {
      const owner = threadId === null ? null : store.thread(threadId)!.participant_id;
      this.presence.tell({ type: 'typing', who: 'agent', threadId, at: when } satisfies LiveFrame, (s) => s.kind === 'participant' && (owner === null || s.id === owner));
    }
    return ok({ at: when });
  }
}
