// What a live socket carries, server to client. A client connects with
// ?after=<the last event number it has>; the server answers hello, then the
// events it missed (or resync when there were too many to replay), then
// every new event and presence change as it happens, until a closing frame
// says why the server closes it (closing.ts). Clients send "ping" (answered
// "pong" without waking the session) and, in a shared review, where their
// pointer is (clientReviewFrameSchema); everything else goes through the
// HTTP API.
import { z } from '@hono/zod-openapi';
import { CLOSING_REASONS } from './closing';
import { participantEventSchema, sessionEventSchema } from './events';
import { epochMs, isoTime } from './time';

/** First frame on every socket: the session's last event number and the server's time. */
export const helloFrameSchema = z.object({ type: z.literal('hello'), version: z.number().int().nonnegative(), at: epochMs }).openapi('HelloFrame');

/** Someone's socket opened (their first) or closed (their last). */
export const presenceFrameSchema = z
  .object({ type: z.literal('presence'), who: z.enum(['agent', 'participant']), id: z.string(), online: z.boolean(), at: isoTime })
  .openapi('PresenceFrame');

/** The same, as participants get it: a participant's id, but never which agent. */
export const participantPresenceFrameSchema = z
  .object({
    type: z.literal('presence'),
    who: z.enum(['agent', 'participant']),
    id: z.string().optional().openapi({ description: "the participant's id; absent for the agent" }),
    online: z.boolean(),
    at: isoTime,
  })
  .strict()
  .openapi('ParticipantPresenceFrame');

/**
 * Someone is writing in the chat (room/typing.ts): shown as "… is typing"
 * on the other side until a few seconds pass without another. Carries no
 * text, and is never stored. threadId: the private conversation it is in.
 */
export const typingFrameSchema = z
  .object({ type: z.literal('typing'), who: z.enum(['agent', 'participant']), id: z.string(), threadId: z.string().nullable(), at: isoTime })
  .openapi('TypingFrame');
export const participantTypingFrameSchema = z
  .object({ type: z.literal('typing'), who: z.literal('agent'), threadId: z.string().nullable(), at: isoTime })
  .strict()
  .openapi('ParticipantTypingFrame');

/** The other side read the chat up to `until` (room/chat-reads.ts): "Read" ✓✓ under the messages sent before it. */
export const readFrameSchema = z
  .object({ type: z.literal('read'), who: z.enum(['agent', 'participant']), id: z.string(), until: isoTime })
  .openapi('ReadFrame');
export const participantReadFrameSchema = z.object({ type: z.literal('read'), who: z.literal('agent'), until: isoTime }).strict().openapi('ParticipantReadFrame');

/**
 * Where someone in a shared review points, and for the leader, how far down
 * the page they scrolled (room/shared-review.ts): drawn on the other side
 * until the next one. Never stored. x/y null: the pointer left the page.
 */
export const reviewFrameSchema = z
  .object({
    type: z.literal('review'),
    itemId: z.string(),
    who: z.enum(['agent', 'participant']),
    id: z.string(),
    page: z.number().int().positive(),
    x: z.number().nullable(),
    y: z.number().nullable(),
    scroll: z.number().nullable(),
    at: isoTime,
  })
  .openapi('ReviewFrame');
export const participantReviewFrameSchema = z
  .object({
    type: z.literal('review'),
    itemId: z.string(),
    who: z.enum(['agent', 'participant']),
    id: z.string().optional().openapi({ description: "the participant's id; absent for the agent" }),
    page: z.number().int().positive(),
    x: z.number().nullable(),
    y: z.number().nullable(),
    scroll: z.number().nullable(),
    at: isoTime,
  })
  .strict()
  .openapi('ParticipantReviewFrame');

/**
 * The one thing a client says on its socket besides "ping": where its pointer
 * is in a shared review (a board sends one every 60 ms; the HTTP route
 * POST …/reviews/{id}/pointer takes the same for API callers).
 */
export const clientReviewFrameSchema = z
  .object({
    type: z.literal('review'),
    itemId: z.string(),
    page: z.number().int().positive(),
    x: z.number().min(0).max(1).nullable(),
    y: z.number().min(0).max(1).nullable(),
    scroll: z.number().min(0).max(1).optional(),
  })
  .strict()
  .refine((p) => (p.x === null) === (p.y === null), 'x and y are both given, or both null')
  .openapi('ClientReviewFrame');
export type ClientReviewFrame = z.infer<typeof clientReviewFrameSchema>;

/** One event, in the form this socket may see. */
export const agentEventFrameSchema = z.object({ type: z.literal('event'), event: sessionEventSchema }).openapi('EventFrame');
export const participantEventFrameSchema = z.object({ type: z.literal('event'), event: participantEventSchema }).strict().openapi('ParticipantEventFrame');

/** More was missed than the socket replays: fetch the whole state again, then carry on from `version`. */
export const resyncFrameSchema = z.object({ type: z.literal('resync'), version: z.number().int().nonnegative() }).openapi('ResyncFrame');

/** A message the socket could not take (clients only listen); the socket stays open. */
export const errorFrameSchema = z.object({ type: z.literal('error'), code: z.string(), message: z.string() }).openapi('ErrorFrame');

/** The last frame before the server closes the socket; nothing follows it. The client should not reconnect as before, but show `message` or reload. */
export const closingFrameSchema = z.object({ type: z.literal('closing'), reason: z.enum(CLOSING_REASONS), message: z.string() }).openapi('ClosingFrame');

export const agentFrameSchema = z
  .discriminatedUnion('type', [helloFrameSchema, presenceFrameSchema, agentEventFrameSchema, resyncFrameSchema, errorFrameSchema, closingFrameSchema, typingFrameSchema, readFrameSchema, reviewFrameSchema])
  .openapi('AgentFrame');
export const participantFrameSchema = z
  .discriminatedUnion('type', [
    helloFrameSchema,
    participantPresenceFrameSchema,
    participantEventFrameSchema,
    resyncFrameSchema,
    errorFrameSchema,
    closingFrameSchema,
    participantTypingFrameSchema,
    participantReadFrameSchema,
    participantReviewFrameSchema,
  ])
  .openapi('ParticipantFrame');

export type AgentFrame = z.infer<typeof agentFrameSchema>;
export type ParticipantFrame = z.infer<typeof participantFrameSchema>;
/** Any frame a Parley socket sends, to either side. */
export type LiveFrame = AgentFrame | ParticipantFrame;

/** How many missed events a reconnecting socket is sent before it is told to resync instead. */
export const REPLAY_LIMIT = 200;
