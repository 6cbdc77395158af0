// Session events: every state change, numbered per session. One member of
// the union per event type, each with its own data. The same record is
// stored in the session's log, pushed to sockets and sent to the CRM queue;
// participants' sockets get the redacted form (participantEventSchema).
import { z } from '@hono/zod-openapi';
import { ITEM_STATUSES, PAYMENT_STATES } from '../domain/catalogue';
import { LOCALES } from '../i18n/locales';
import { idPattern } from './ids';
import { deliverySchema, itemSchema, messageSchema, participantMessageSchema, participantPublicSchema, participantSchema, participantSessionSchema, sessionViewSchema } from './session';
import { annotationSchema } from './reviews';
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
  'participant.message_status',
  'participant.forgotten',
  'participant.otp_sent',
  'participant.otp_locked',
  'participant.otp_viewed',
  'participant.authenticated',
  'item.created',
  'item.status_changed',
  'document.signed',
  'document.roles_assigned',
  'document.seal_failed',
  'request.file_submitted',
  'request.file_accepted',
  'request.file_rejected',
  'payment.updated',
  'review.page_turned',
  'review.lead_taken',
  'review.annotation_added',
  'review.annotation_removed',
  'message.posted',
  'private_session.opened',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Event types that are always for agents only (audience "agents"): the participants' form has no member for them. */
export const AGENTS_ONLY_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  'document.seal_failed',
  'participant.message_status',
  'participant.otp_sent',
  'participant.otp_locked',
  'participant.otp_viewed',
]);

/** Who sees an event: everyone, the agent and one participant (a private session), or agents only (none of a participant's business). */
export type Audience = 'all' | 'agents' | `participant:${string}`;
const audienceSchema = z
  .string()
  .regex(new RegExp(`^(all|agents|participant:${idPattern('participant')})$`))
  .openapi({ description: '"all", "agents" (never sent to participants), or "participant:<id>" for a private session' }) as unknown as z.ZodType<Audience>;

/** Who did it: "agent:<id>", "participant:<id>" or "system". */
export type ActorKey = 'system' | `agent:${string}` | `participant:${string}`;
const actorSchema = z
  .string()
  .regex(new RegExp(`^(system|agent:${idPattern('agent')}|participant:${idPattern('participant')})$`))
  .openapi({ description: '"agent:<id>", "participant:<id>" or "system"' }) as unknown as z.ZodType<ActorKey>;

/**
 * How one audience sees events. Agents see the session as it is (who works it,
 * its customer and CRM records), participants in full, where people connected
 * from, how invitations and notices went and whom a session was taken from.
 * Participants see only what their room shows.
 */
interface EventForm {
  actor: z.ZodType;
  session: z.ZodType;
  participant: z.ZodType;
  message: z.ZodType;
  /** ip and userAgent of an entry or a consent. */
  evidence: z.ZodRawShape;
  /** The channel of an invitation. */
  invitation: z.ZodRawShape;
  /** The channels of a notice. */
  notice: z.ZodRawShape;
  /** The agent a session was taken from. */
  reassignment: z.ZodRawShape;
  /** Strict objects: a key the form does not list fails parsing (participants' form). */
  strict: boolean;
}

function eventUnion<F extends EventForm>(form: F) {
  // Same output type either way; strict only refuses keys the form does not list.
  const object = (form.strict ? z.strictObject : z.object) as typeof z.object;
  const { actor, session, participant, message } = form as Pick<F, 'actor' | 'session' | 'participant' | 'message'>;
  const head = { version: z.number().int().positive(), at: epochMs, actor, audience: audienceSchema };
  const withSession = <T extends string>(type: T) => object({ ...head, type: z.literal(type), data: object({ session }) });
  const withParticipant = <T extends string>(type: T) => object({ ...head, type: z.literal(type), data: object({ participant }) });
  const options = [
    withSession('session.created'),
    withSession('session.invited'),
    withSession('session.renewed'),
    withSession('session.ended'),
    object({ ...head, type: z.literal('session.closed'), data: object({ session, reason: z.literal('inactive') }) }),
    withSession('session.access_limited'),
    withSession('session.access_ended'),
    object({ ...head, type: z.literal('session.reassigned'), data: object({ session, ...(form.reassignment as F['reassignment']) }) }),
    withParticipant('participant.added'),
    object({ ...head, type: z.literal('participant.invited'), data: object({ participant, ...(form.invitation as F['invitation']) }) }),
    withParticipant('participant.reengaged'),
    object({ ...head, type: z.literal('participant.entered'), data: object({ participant, ...(form.evidence as F['evidence']) }) }),
    withParticipant('participant.access_expired'),
    withParticipant('participant.completed'),
    object({
      ...head,
      type: z.literal('participant.consented'),
      // The language of the disclosure agreed to (null: the org's own text; absent: consented before disclosures spoke several languages).
      data: object({ participant, ...(form.evidence as F['evidence']), disclosureSha256: z.string(), disclosureLanguage: z.enum(LOCALES).nullable().optional() }),
    }),
    object({
      ...head,
      type: z.literal('participant.notified'),
      data: object({ participant, kind: z.enum(['reminder', 'new_activity']), ...(form.notice as F['notice']) }),
    }),
    // A participant's message was delivered, failed, bounced, opted out… (room/deliveries.ts). Agents only.
    object({ ...head, type: z.literal('participant.message_status'), data: object({ participant, delivery: deliverySchema }) }),
    // The participant's personal data was erased (room/forgetting.ts): the participant as they are now, under a neutral name, with no contact details.
    withParticipant('participant.forgotten'),
    // One-time codes (room/otp.ts): never the code itself. Sent and locked are agents only, and so is an agent viewing a code.
    object({ ...head, type: z.literal('participant.otp_sent'), data: object({ participant, channel: z.enum(['sms', 'email']), purpose: z.enum(['enter', 'takeover']) }) }),
    object({ ...head, type: z.literal('participant.otp_locked'), data: object({ participant, until: epochMs }) }),
    object({ ...head, type: z.literal('participant.otp_viewed'), data: object({ participant, channel: z.enum(['sms', 'email']) }) }),
    // The participant proved themselves with a code; takeover: their new device replaced the ones before (single device access).
    object({
      ...head,
      type: z.literal('participant.authenticated'),
      data: object({ participant, method: z.enum(['otp_sms', 'otp_email']), takeover: z.boolean(), ...(form.evidence as F['evidence']) }),
    }),
    object({ ...head, type: z.literal('item.created'), data: object({ item: itemSchema }) }),
    object({ ...head, type: z.literal('item.status_changed'), data: object({ item: itemSchema, from: z.enum(ITEM_STATUSES) }) }),
    object({ ...head, type: z.literal('document.signed'), data: object({ item: itemSchema, roles: z.array(z.string()) }) }),
    // The customer named who takes the roles left to them (their Assign step, room/role-requests.ts), or skipped optional ones.
    object({ ...head, type: z.literal('document.roles_assigned'), data: object({ item: itemSchema, assigned: z.array(z.string()), skipped: z.array(z.string()) }) }),
    // Parley gave up sealing a signed document (room/sealing.ts) until an admin retries it. Audience "agents": never sent to participants.
    object({
      ...head,
      type: z.literal('document.seal_failed'),
      data: object({ item: itemSchema, reason: z.string().openapi({ description: 'why the last try failed, in words for the agent' }), attempts: z.number().int().positive() }),
    }),
    // A document request (room/document-requests.ts): a file given for one requested document, and the agent's decision on it (a rejection says why).
    object({ ...head, type: z.literal('request.file_submitted'), data: object({ item: itemSchema, slotId: z.string() }) }),
    object({ ...head, type: z.literal('request.file_accepted'), data: object({ item: itemSchema, slotId: z.string() }) }),
    object({ ...head, type: z.literal('request.file_rejected'), data: object({ item: itemSchema, slotId: z.string(), reason: z.string() }) }),
    object({ ...head, type: z.literal('payment.updated'), data: object({ item: itemSchema, state: z.enum(PAYMENT_STATES) }) }),
    // A shared review (room/shared-review.ts): the leader turned the page (whoever turns it leads), someone took the lead, a mark was left or taken away.
    object({ ...head, type: z.literal('review.page_turned'), data: object({ item: itemSchema, page: z.number().int().positive(), leader: z.string() }) }),
    object({ ...head, type: z.literal('review.lead_taken'), data: object({ item: itemSchema, page: z.number().int().positive(), leader: z.string() }) }),
    object({ ...head, type: z.literal('review.annotation_added'), data: object({ item: itemSchema, annotation: annotationSchema }) }),
    object({ ...head, type: z.literal('review.annotation_removed'), data: object({ item: itemSchema, annotationId: z.string() }) }),
    object({ ...head, type: z.literal('message.posted'), data: object({ message }) }),
    object({ ...head, type: z.literal('private_session.opened'), data: object({ threadId: z.string(), participantId: z.string() }) }),
  ] as const;
  // Participants are never sent an agents-only event, so their form has none.
  return z.discriminatedUnion('type', (form.strict ? options.filter((o) => !AGENTS_ONLY_EVENT_TYPES.has(o.shape.type.value)) : options) as unknown as typeof options);
}

/** An event as stored, as agents receive it, and as the CRM queue carries it. */
export const sessionEventSchema = eventUnion({
  actor: actorSchema,
  session: sessionViewSchema,
  participant: participantSchema,
  message: messageSchema,
  evidence: { ip: z.string().nullable(), userAgent: z.string().nullable() },
  invitation: { channel: z.enum(['sms', 'email']) },
  notice: { channels: z.array(z.enum(['sms', 'email'])) },
  reassignment: { from: z.string() },
  strict: false,
}).openapi('SessionEvent');
export type SessionEvent = z.infer<typeof sessionEventSchema>;

/** Who did it, as participants are told: "agent" (never which one), "participant:<id>" or "system". */
export type ParticipantActorKey = 'system' | 'agent' | `participant:${string}`;
const participantActorSchema = z
  .string()
  .regex(new RegExp(`^(system|agent|participant:${idPattern('participant')})$`))
  .openapi({ description: '"agent", "participant:<id>" or "system"' }) as unknown as z.ZodType<ParticipantActorKey>;

/**
 * An event as a participant's socket receives it (presence.ts redacts it):
 * no agent, customer or CRM record ids, no contact details, invitations or
 * access windows of anyone, no IPs. Strict, so a test proves it of every type.
 */
export const participantEventSchema = eventUnion({
  actor: participantActorSchema,
  session: participantSessionSchema,
  participant: participantPublicSchema,
  message: participantMessageSchema,
  evidence: {},
  invitation: {},
  notice: {},
  reassignment: {},
  strict: true,
}).openapi('ParticipantSessionEvent');
export type ParticipantSessionEvent = z.infer<typeof participantEventSchema>;

/** The data of one event type. */
export type EventData<T extends EventType> = Extract<SessionEvent, { type: T }>['data'];

export const eventPageSchema = z.object({ events: z.array(sessionEventSchema) }).openapi('EventPage');
