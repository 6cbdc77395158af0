// /api/v1/sessions/{id}/participants — additional participants, re-engage, private sessions.
import { createRoute, z } from '@hono/zod-openapi';
import { contactChangeSchema, contactSchema } from '../domain/contact';
import { idSchema } from '../contract/ids';
import { participantSchema, privateSessionSchema } from '../contract/session';
import { unwrap } from '../errors';
import { jsonBody } from './body-limits';
import { withOrgPhonePrefix } from './local-phone';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';
import { openSession } from './session-access';

export const participants = createApi();
const tags = ['Participants'];

participants.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/participants/{participantId}/resend',
    operationId: 'resendInvitation',
    tags,
    summary: 'Send the participant a fresh invitation with the same contact details, on their channel or the one named',
    description: 'For a message that failed or never arrived. Links already sent keep working. 409 unless the session is active; 422 when the participant has no address on that channel.',
    middleware: [jsonBody],
    request: {
      params: z.object({ sessionId: idSchema('session'), participantId: idSchema('participant') }),
      body: { required: false, content: { 'application/json': { schema: z.object({ channel: z.enum(['sms', 'email']).optional() }).strict() } } },
    },
    responses: { 200: json(participantSchema, 'The participant, with the new message queued'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { sessionId, participantId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    const body = (c.req.valid('json') as { channel?: 'sms' | 'email' } | undefined) ?? {};
    return c.json(unwrap(await stub.resendInvitation(actor, participantId, body.channel)), 200);
  },
);

participants.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/participants',
    operationId: 'addParticipant',
    tags,
    summary: 'Add a participant (co-signer, approver…) with their own link; invited at once if the session is active',
    middleware: [jsonBody],
    request: {
      params: z.object({ sessionId: idSchema('session') }),
      body: { required: true, content: { 'application/json': { schema: z.object({ roleName: z.string().trim().min(1).max(60), contact: contactSchema }).strict() } } },
    },
    responses: { 201: json(participantSchema, 'The participant'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    const { roleName, contact } = c.req.valid('json');
    return c.json(unwrap(await stub.addParticipant(actor, { roleName, ...(await withOrgPhonePrefix(c, contact, 'body.contact.phone')) })), 201);
  },
);

participants.openapi(
  createRoute({
    method: 'patch',
    path: '/sessions/{sessionId}/participants/{participantId}',
    operationId: 'reengageParticipant',
    tags,
    summary: 'Re-engage: change contact details and resend the invitation (until the participant has entered)',
    description: 'The previous link stops working. Refused with 409 once the participant has entered the room.',
    middleware: [jsonBody],
    request: {
      params: z.object({ sessionId: idSchema('session'), participantId: idSchema('participant') }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: contactChangeSchema,
          },
        },
      },
    },
    responses: { 200: json(participantSchema, 'The participant'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { sessionId, participantId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.reengage(actor, participantId, await withOrgPhonePrefix(c, c.req.valid('json'), 'body.phone'))), 200);
  },
);

participants.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/participants/{participantId}/private',
    operationId: 'openPrivateSession',
    tags,
    summary: 'Open a private session with one participant (its messages and items are seen only by the two of you)',
    request: { params: z.object({ sessionId: idSchema('session'), participantId: idSchema('participant') }) },
    responses: { 200: json(privateSessionSchema, 'The private session: threadId to use for messages and items'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, participantId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.openPrivateSession(actor, participantId)), 200);
  },
);

/** A participant's live one-time code, as an agent the admin allows reads it (to read out on the phone). */
const participantOtpSchema = z
  .object({
    code: z.string().regex(/^\d{6}$/),
    channel: z.enum(['sms', 'email']).openapi({ description: 'where the code was sent' }),
    sentAt: z.string().datetime(),
    expiresAt: z.string().datetime(),
  })
  .strict()
  .openapi('ParticipantOtp');

participants.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/participants/{participantId}/otp',
    operationId: 'getParticipantOtp',
    tags,
    summary: "The participant's current one-time code, when the admin lets agents see codes",
    description: "Each reading is recorded in the session's event log (participant.otp_viewed, agents only). 403 otp_hidden when the admin does not allow it; 404 no_live_code when no code is waiting (none sent, used, or expired).",
    request: { params: z.object({ sessionId: idSchema('session'), participantId: idSchema('participant') }) },
    responses: { 200: json(participantOtpSchema, 'The live code'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, participantId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    // Never cached anywhere on the way: the answer is a secret for as long as it lives.
    c.header('Cache-Control', 'no-store');
    return c.json(unwrap(await stub.participantOtp(actor, participantId)), 200);
  },
);
