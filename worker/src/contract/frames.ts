// What a live socket carries, server to client. A client connects with
// ?after=<the last event number it has>; the server answers hello, then the
// events it missed (or resync when there were too many to replay), then
// every new event and presence change as it happens. Clients send only
// "ping" (answered "pong" without waking the session); everything else goes
// through the HTTP API.
import { z } from '@hono/zod-openapi';
import { participantEventSchema, sessionEventSchema } from './events';
import { epochMs, isoTime } from './time';

/** First frame on every socket: the session's last event number and the server's time. */
export const helloFrameSchema = z.object({ type: z.literal('hello'), version: z.number().int().nonnegative(), at: epochMs }).openapi('HelloFrame');

/** Someone's socket opened (their first) or closed (their last). */
export const presenceFrameSchema = z
  .object({ type: z.literal('presence'), who: z.enum(['agent', 'participant']), id: z.string(), online: z.boolean(), at: isoTime })
  .openapi('PresenceFrame');

/** One event, in the form this socket may see. */
export const agentEventFrameSchema = z.object({ type: z.literal('event'), event: sessionEventSchema }).openapi('EventFrame');
export const participantEventFrameSchema = z.object({ type: z.literal('event'), event: participantEventSchema }).openapi('ParticipantEventFrame');

/** More was missed than the socket replays: fetch the whole state again, then carry on from `version`. */
export const resyncFrameSchema = z.object({ type: z.literal('resync'), version: z.number().int().nonnegative() }).openapi('ResyncFrame');

/** Sent before the server closes the socket for a reason the client should show (access ended, signed out). */
export const errorFrameSchema = z.object({ type: z.literal('error'), code: z.string(), message: z.string() }).openapi('ErrorFrame');

export const agentFrameSchema = z.discriminatedUnion('type', [helloFrameSchema, presenceFrameSchema, agentEventFrameSchema, resyncFrameSchema, errorFrameSchema]).openapi('AgentFrame');
export const participantFrameSchema = z.discriminatedUnion('type', [helloFrameSchema, presenceFrameSchema, participantEventFrameSchema, resyncFrameSchema, errorFrameSchema]).openapi('ParticipantFrame');

export type AgentFrame = z.infer<typeof agentFrameSchema>;
export type ParticipantFrame = z.infer<typeof participantFrameSchema>;
/** Any frame a Parley socket sends, to either side. */
export type LiveFrame = AgentFrame | ParticipantFrame;

/** How many missed events a reconnecting socket is sent before it is told to resync instead. */
export const REPLAY_LIMIT = 200;
