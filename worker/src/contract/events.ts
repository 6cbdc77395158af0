// Session events: every state change, numbered per session. One member of
// the union per event type, each with its own data. The same record is
// stored in the session's log, pushed to sockets and sent to the CRM queue;
// participants' sockets get the redacted form (no contact details, no IP).
import { z } from '@hono/zod-openapi';
import { ITEM_STATUSES } from '../domain/catalogue';
import { idPattern } from './ids';
import { itemSchema, messageSchema, participantRedactedSchema, participantSchema, sessionViewSchema } from './session';
import { epochMs } from './time';

export const EVENT_TYPES = [
  'session.created',
  'session.invited',
  'session.renewed',
  'session.ended',
  'session.closed',
  'session.access_limited',
  'session.access_ended',
  'session.reassigned',
  'participant.added',
  'participant.invited',
  'participant.reengaged',
  'participant.entered',
  'participant.access_expired',
  'participant.completed',
  'participant.consented',
  'participant.notified',
  'item.created',
  'item.status_changed',
  'document.signed',
  'message.posted',
  'private_session.opened',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Who sees an event: everyone, or the agent and one participant (a private session). */
export type Audience = 'all' | `participant:${string}`;
const audienceSchema = z
  .string()
  .regex(new RegExp(`^(all|participant:${idPattern('participant')})$`))
  .openapi({ description: '"all", or "participant:<id>" for a private session' }) as unknown as z.ZodType<Audience>;

/** Who did it: "agent:<id>", "participant:<id>" or "system". */
export type ActorKey = 'system' | `agent:${string}` | `participant:${string}`;
const actorSchema = z
  .string()
  .regex(new RegExp(`^(system|agent:${idPattern('agent')}|participant:${idPattern('participant')})$`))
  .openapi({ description: '"agent:<id>", "participant:<id>" or "system"' }) as unknown as z.ZodType<ActorKey>;

/** The event union for one audience: agents see participants in full and where they connected from; participants do not. */
function eventUnion<P extends z.ZodType>(participant: P, evidence: { ip?: z.ZodType; userAgent?: z.ZodType }) {
  const head = { version: z.number().int().positive(), at: epochMs, actor: actorSchema, audience: audienceSchema };
  const withSession = <T extends string>(type: T) => z.object({ ...head, type: z.literal(type), data: z.object({ session: sessionViewSchema }) });
  const withParticipant = <T extends string>(type: T) => z.object({ ...head, type: z.literal(type), data: z.object({ participant }) });
  return z.discriminatedUnion('type', [
    withSession('session.created'),
    withSession('session.invited'),
    withSession('session.renewed'),
    withSession('session.ended'),
    z.object({ ...head, type: z.literal('session.closed'), data: z.object({ session: sessionViewSchema, reason: z.literal('inactive') }) }),
    withSession('session.access_limited'),
    withSession('session.access_ended'),
    z.object({ ...head, type: z.literal('session.reassigned'), data: z.object({ session: sessionViewSchema, from: z.string() }) }),
    withParticipant('participant.added'),
    z.object({ ...head, type: z.literal('participant.invited'), data: z.object({ participant, channel: z.enum(['sms', 'email']) }) }),
    withParticipant('participant.reengaged'),
    z.object({ ...head, type: z.literal('participant.entered'), data: z.object({ participant, ...evidence }) }),
    withParticipant('participant.access_expired'),
    withParticipant('participant.completed'),
    z.object({ ...head, type: z.literal('participant.consented'), data: z.object({ participant, ...evidence, disclosureSha256: z.string() }) }),
    z.object({
      ...head,
      type: z.literal('participant.notified'),
      data: z.object({ participant, kind: z.enum(['reminder', 'new_activity']), channels: z.array(z.enum(['sms', 'email'])) }),
    }),
    z.object({ ...head, type: z.literal('item.created'), data: z.object({ item: itemSchema }) }),
    z.object({ ...head, type: z.literal('item.status_changed'), data: z.object({ item: itemSchema, from: z.enum(ITEM_STATUSES) }) }),
    z.object({ ...head, type: z.literal('document.signed'), data: z.object({ item: itemSchema, roles: z.array(z.string()) }) }),
    z.object({ ...head, type: z.literal('message.posted'), data: z.object({ message: messageSchema }) }),
    z.object({ ...head, type: z.literal('private_session.opened'), data: z.object({ threadId: z.string(), participantId: z.string() }) }),
  ]);
}

const evidence = { ip: z.string().nullable(), userAgent: z.string().nullable() };

/** An event as stored, as agents receive it, and as the CRM queue carries it. */
export const sessionEventSchema = eventUnion(participantSchema, evidence).openapi('SessionEvent');
export type SessionEvent = z.infer<typeof sessionEventSchema>;

/** An event as a participant's socket receives it. */
export const participantEventSchema = eventUnion(participantRedactedSchema, {}).openapi('ParticipantSessionEvent');
export type ParticipantSessionEvent = z.infer<typeof participantEventSchema>;

/** The data of one event type. */
export type EventData<T extends EventType> = Extract<SessionEvent, { type: T }>['data'];

export const eventPageSchema = z.object({ events: z.array(sessionEventSchema) }).openapi('EventPage');
