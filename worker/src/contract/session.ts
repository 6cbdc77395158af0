// A session as the API, the room and the workspace show it: the session
// itself, its participants (the agent's view with contact details and
// access; the public view other participants get), its items and chat, and
// the two whole-room views (the agent's and one participant's).
import { z } from '@hono/zod-openapi';
import { ACCESS_LEVELS, ACCESS_REASONS } from '../domain/access';
import { DELIVERY_STATUSES, ITEM_KINDS, ITEM_STATUSES, SEARCH_SPACES, SESSION_STATUSES } from '../domain/catalogue';
import { LOCALES } from '../i18n/locales';
import { appSummarySchema } from './apps';
import { brandSchema } from './branding';
import { exampleId, type IdKind } from './ids';
import { isoTime, isoTimeOrNull } from './time';

const id = (kind: IdKind) => z.string().openapi({ example: exampleId(kind) });

export const crmRecordViewSchema = z
  .object({
    system: z.string().openapi({ example: 'salesforce' }),
    objectType: z.string().nullable(),
    recordId: z.string(),
  })
  .openapi('CrmRecord');

export const sessionViewSchema = z
  .object({
    id: id('session'),
    status: z.enum(SESSION_STATUSES),
    agentId: id('agent'),
    teamId: z.string().nullable(),
    customerId: id('customer'),
    crmRecord: crmRecordViewSchema.nullable(),
    createdAt: isoTime,
    invitedAt: isoTimeOrNull,
    endedAt: isoTimeOrNull,
    closedAt: isoTimeOrNull,
    version: z.number().int().nonnegative().openapi({ description: 'the number of the last event in the session' }),
  })
  .openapi('Session');
export type SessionView = z.infer<typeof sessionViewSchema>;

export const accessViewSchema = z
  .object({ level: z.enum(ACCESS_LEVELS), reason: z.enum(ACCESS_REASONS), until: isoTimeOrNull })
  .openapi('Access', { description: 'what the participant may do now, and until when' });
export type AccessView = z.infer<typeof accessViewSchema>;

/** What anyone in the session may see of a participant: status, never contact details. */
const participantPublicShape = {
  id: id('participant'),
  primary: z.boolean(),
  roleName: z.string(),
  name: z.string(),
  online: z.boolean(),
  lastSeenAt: isoTimeOrNull,
  enteredAt: isoTimeOrNull,
  consentedAt: isoTimeOrNull,
  authStatus: z.string(),
  authenticatedAt: isoTimeOrNull.openapi({ description: 'when the participant last proved themselves with a one-time code (authStatus says how: otp_sms, otp_email); null when never' }),
  completed: z.boolean(),
  completedAt: isoTimeOrNull,
};

/**
 * A participant as the other participants see them (in their room and in
 * their events): status, never contact details, nor when and how often they
 * were invited or when their access window began. Strict: a key that is not
 * listed here is a leak, and a test that reads it fails.
 */
export const participantPublicSchema = z.object(participantPublicShape).strict().openapi('ParticipantPublic');
export type ParticipantPublicView = z.infer<typeof participantPublicSchema>;

/** What became of a participant's last message on one channel: the agent's, never a participant's. */
export const deliverySchema = z
  .object({
    messageId: z.string(),
    kind: z.enum(['invitation_primary', 'invitation_additional', 'reminder', 'new_activity', 'otp']),
    channel: z.enum(['sms', 'email']),
    status: z.enum(DELIVERY_STATUSES),
    reason: z.string().nullable().openapi({ description: 'why it is not delivered, in words the agent can act on (the provider\'s reason, an opt-out, a bounce)' }),
    updatedAt: isoTime,
  })
  .openapi('Delivery');
export type DeliveryView = z.infer<typeof deliverySchema>;

/** A participant as the agent sees them: contact details, invitations and access included. */
export const participantSchema = z
  .object({
    ...participantPublicShape,
    invitedAt: isoTimeOrNull,
    inviteCount: z.number().int(),
    windowStartedAt: isoTimeOrNull,
    email: z.string().nullable(),
    phone: z.string().nullable(),
    inviteChannel: z.enum(['sms', 'email']),
    language: z.enum(LOCALES).nullable().openapi({ description: "the language of the participant's room and messages, set at invitation or chosen by them in the room; null: their browser's" }),
    access: accessViewSchema,
    deliveries: z.array(deliverySchema).openapi({ description: 'the last message on each channel, newest first' }),
    assignedBy: id('participant').nullable().openapi({ description: 'the participant (the customer) who gave this one\'s contact details in their Assign step; null when an agent added them' }),
  })
  .openapi('Participant');
export type ParticipantView = z.infer<typeof participantSchema>;

/**
 * One of a customer's "My contacts": a participant they assigned in an Assign
 * step, with the contact details they gave, and how far that person got.
 */
export const myContactSchema = z
  .object({
    id: id('participant'),
    roleName: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    status: z.enum(['not_invited', 'invited', 'entered', 'completed']).openapi({ description: 're-engaging (change the contact, resend) is possible until "entered"' }),
  })
  .openapi('MyContact');
export type MyContactView = z.infer<typeof myContactSchema>;

/**
 * One signer of a document item: a role, who holds it, and whether they have
 * completed it. Public to everyone in the session (participant ids and role
 * names are), so strict: a contact detail added here would fail parsing.
 */
export const itemSignerSchema = z
  .object({
    role: z.string(),
    participantId: id('participant').nullable().openapi({ description: 'who holds the role; null: the agent, or nobody yet while pending' }),
    pending: z.boolean().openapi({ description: 'the customer still has to name who takes this role (their Assign step); participantId is null until then' }),
    done: z.boolean(),
    doneAt: isoTimeOrNull,
    turn: z.boolean().openapi({ description: 'whether this role may sign now: every open role when the order is parallel, only the first open one when it is sequential' }),
  })
  .strict()
  .openapi('ItemSigner');
export type ItemSignerView = z.infer<typeof itemSignerSchema>;

export const itemSchema = z
  .object({
    id: id('item'),
    kind: z.enum(ITEM_KINDS),
    name: z.string(),
    status: z.enum(ITEM_STATUSES),
    assignees: z.array(z.string()).openapi({ description: 'participant ids' }),
    threadId: z.string().nullable(),
    reason: z.string().nullable(),
    signers: z.array(itemSignerSchema).nullable().openapi({
      description:
        "a document's signers in its role order, for its own count (done / signers.length): every role someone holds, and the roles the customer still has to assign (pending). A role left out (optional, unassigned or skipped) is not listed. null for items that are not documents.",
    }),
    createdAt: isoTime,
    updatedAt: isoTime,
    parentId: z.string().nullable().optional().openapi({ description: "a workflow step's workflow item; absent or null for an item on its own" }),
    position: z.number().int().positive().nullable().optional().openapi({ description: "a workflow step's place, from 1" }),
    optional: z.boolean().optional().openapi({ description: 'a workflow step the customer or agent may skip' }),
    app: appSummarySchema.nullable().optional().openapi({ description: 'what an app item (document request, payment, shared review, workflow) carries beside its status, by kind; absent for other kinds' }),
  })
  .openapi('Item');
export type ItemView = z.infer<typeof itemSchema>;

export const messageSchema = z
  .object({
    id: id('message'),
    threadId: z.string().nullable(),
    author: z.object({ kind: z.enum(['agent', 'participant']), id: z.string() }),
    text: z.string().nullable(),
    file: z.object({ id: id('file'), name: z.string(), type: z.string(), size: z.number().int() }).nullable(),
    createdAt: isoTime,
    read: z.boolean().optional().openapi({ description: "in a room's views: whether the other side read it (a participant's message, the agent; the agent's, a participant who sees it); absent in events" }),
  })
  .openapi('Message');
export type MessageView = z.infer<typeof messageSchema>;

/**
 * A message as participants see it: an agent's is signed "agent", without
 * the agent's id (participants never learn who in the org works the session).
 */
export const participantMessageSchema = z
  .object({
    id: id('message'),
    threadId: z.string().nullable(),
    author: z.discriminatedUnion('kind', [z.object({ kind: z.literal('agent') }).strict(), z.object({ kind: z.literal('participant'), id: id('participant') }).strict()]),
    text: z.string().nullable(),
    file: z.object({ id: id('file'), name: z.string(), type: z.string(), size: z.number().int() }).strict().nullable(),
    createdAt: isoTime,
    read: z.boolean().optional().openapi({ description: 'in the room view: whether the other side read it (your message, the agent)' }),
  })
  .strict()
  .openapi('ParticipantMessage');
export type ParticipantMessageView = z.infer<typeof participantMessageSchema>;

/** What marking the chat read answers: up to when the caller has now read it (null: nothing to read yet). */
export const chatReadSchema = z.object({ readUntil: isoTimeOrNull }).openapi('ChatRead');
/** What "I am typing" answers: when the other side was told. */
export const typingSchema = z.object({ at: isoTime }).openapi('Typing');

/** The session as participants see it: its state, not who works it, for which customer record or CRM record. */
export const participantSessionSchema = z
  .object({ id: id('session'), status: z.enum(SESSION_STATUSES), endedAt: isoTimeOrNull, version: z.number().int().nonnegative() })
  .strict()
  .openapi('ParticipantSession');
export type ParticipantSessionView = z.infer<typeof participantSessionSchema>;

export const privateSessionSchema = z.object({ threadId: id('thread'), participantId: id('participant') }).openapi('PrivateSession');

/** The whole session as its agent sees it. */
export const agentRoomSchema = z
  .object({
    session: sessionViewSchema,
    participants: z.array(participantSchema),
    items: z.array(itemSchema),
    messages: z.array(messageSchema).openapi({ description: 'the latest 200 messages of the main chat, oldest first' }),
    privateSessions: z.array(privateSessionSchema),
    agentOnline: z.boolean(),
  })
  .openapi('AgentRoom');
export type AgentRoomView = z.infer<typeof agentRoomSchema>;

/** POST /sessions: the session, and whether reusable sessions brought an existing one back. */
export const startedSessionSchema = agentRoomSchema.extend({ reused: z.boolean() }).openapi('StartedSession');

/** The room as one participant sees it. Strict, like everything a participant is sent. */
export const participantRoomSchema = z
  .object({
    session: participantSessionSchema,
    access: accessViewSchema,
    may: z.object({ chat: z.boolean(), attach: z.boolean(), act: z.boolean() }).strict(),
    me: z
      .object({ ...participantPublicShape, email: z.string().nullable(), phone: z.string().nullable(), language: z.enum(LOCALES).nullable().openapi({ description: "the participant's own language for the room and their messages; null: their browser's" }) })
      .strict(),
    others: z.array(participantPublicSchema),
    agentOnline: z.boolean(),
    brand: brandSchema,
    agent: z.object({ name: z.string().openapi({ description: 'the agent working the session, by name only (never their id)' }), online: z.boolean() }).strict(),
    items: z.array(itemSchema),
    messages: z.array(participantMessageSchema),
    privateSessionId: z.string().nullable(),
  })
  .strict()
  .openapi('ParticipantRoom');
export type ParticipantRoomView = z.infer<typeof participantRoomSchema>;

/** One row of the session index: what lists and search show. */
export const sessionListEntrySchema = z
  .object({
    id: id('session'),
    status: z.enum(SESSION_STATUSES),
    agentId: id('agent'),
    teamId: z.string().nullable(),
    customer: z.object({ id: id('customer'), name: z.string() }),
    crmRecord: crmRecordViewSchema.nullable(),
    version: z.number().int(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .openapi('SessionListEntry');
export type SessionListEntry = z.infer<typeof sessionListEntrySchema>;

export const sessionListSchema = z
  .object({ scope: z.enum(SEARCH_SPACES), sessions: z.array(sessionListEntrySchema) })
  .openapi('SessionList');

export const liveTokenSchema = z
  .object({ token: z.string(), expiresAt: isoTime, socketUrl: z.string().openapi({ example: 'wss://parley.example.net/api/v1/sessions/ses_…/ws?token=…' }) })
  .openapi('LiveToken');
