// How far each side has read the chat, so each sees "Read" ✓✓ under its
// own messages: the agent's mark (reader 'agent') and each participant's
// (their id), kept as the time of the newest message they have seen
// (schema v8, chat_reads). A client marks when the chat is in view; a
// mark that moves is one upsert and one frame to the other side's open
// sockets, like presence: no event-log row per read.
import type { LiveFrame } from '../contract/frames';
import { iso } from '../contract/time';
import { ok, type Result } from '../errors';
import type { Actor } from './actors';
import type { RoomContext } from './context';
import type { Presence } from './presence';

export class ChatReads {
  constructor(
    private readonly ctx: RoomContext,
    private readonly presence: Presence,
  ) {}

  /** The caller has seen every message they can see, up to now: the other side is told when the mark moved. */
  async markRead(actor: Actor): Promise<Result<{ readUntil: string | null }>> {
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    const until = this.newestSeenBy(actor);
    if (until === null) return ok({ readUntil: null });
    const reader = actor.kind === 'agent' ? 'agent' : actor.participantId;
    if (this.ctx.store.markChatRead(reader, until)) {
      const at = iso(until)!;
      if (actor.kind === 'agent') this.presence.tell({ type: 'read', who: 'agent', until: at } satisfies LiveFrame, (s) => s.kind === 'participant');
      else this.presence.tell({ type: 'read', who: 'participant', id: actor.participantId, until: at } satisfies LiveFrame, (s) => s.kind === 'agent');
    }
    return ok({ readUntil: iso(until) });
  }

  /** The time of the newest message the caller can see (the main chat, and their private thread or, for the agent, every one); null when none. */
  private newestSeenBy(actor: Actor): number | null {
    const { store } = this.ctx;
    const threads = actor.kind === 'agent' ? store.threads().map((t) => t.id) : [store.threadOf(actor.participantId)?.id].filter((id): id is string => id !== undefined);
    const newest = [null, ...threads].map((threadId) => store.recentMessages(threadId, 1)[0]?.created_at ?? null);
    return newest.reduce<number | null>((a, b) => (b === null ? a : a === null ? b : Math.max(a, b)), null);
  }
}

/**
 * Whether the other side has read a message: a participant's, by the agent;
 * the agent's, by a participant who can see it (anyone in the room for the
 * main chat, the thread's participant for a private one).
 */
export function readByOtherSide(m: { author: { kind: 'agent' | 'participant' }; threadId: string | null; createdAt: string }, reads: ReadonlyMap<string, number>, threadOwner: (threadId: string) => string | null): boolean {
  const at = Date.parse(m.createdAt);
  if (m.author.kind === 'participant') return (reads.get('agent') ?? -1) >= at;
  if (m.threadId !== null) {
    const owner = threadOwner(m.threadId);
    return owner !== null && (reads.get(owner) ?? -1) >= at;
  }
  for (const [reader, until] of reads) if (reader !== 'agent' && until >= at) return true;
  return false;
}
