// /api/v1/sessions/{id}/participants — additional participants, re-engage, private sessions.
import { createRoute, z } from '@hono/zod-openapi';
import { contactSchema, emailSchema, personNameSchema, phoneSchema } from '../domain/contact';
import { withOrgPhonePrefix } from './local-phone';
import { unwrap } from '../errors';
import { createApi, errorResponses, jsonResponse } from './openapi';
import { participantIdParam, sessionIdParam } from './schemas';
import { openSession } from './session-access';

export const participants = createApi();
const tags = ['Participants'];

participants.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/participants',
    tags,
    summary: 'Add a participant (co-signer, approver…) with their own link; invited at once if the session is active',
    request: {
      params: z.object({ sessionId: sessionIdParam }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .object({ roleName: z.string().trim().min(1).max(60), contact: contactSchema })
              .strict(),
          },
        },
      },
    },
    responses: { 201: jsonResponse('The participant'), ...errorResponses },
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
    tags,
    summary: 'Re-engage: change contact details and resend the invitation (until the participant has entered)',
    description: 'The previous link stops working. Refused with 409 once the participant has entered the room.',
    request: {
      params: z.object({ sessionId: sessionIdParam, participantId: participantIdParam }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .object({ name: personNameSchema.optional(), email: emailSchema.optional(), phone: phoneSchema.optional() })
              .strict()
              .refine((b) => Object.keys(b).length > 0, { message: 'give at least one of name, email, phone' }),
          },
        },
      },
    },
    responses: { 200: jsonResponse('The participant'), ...errorResponses },
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
    tags,
    summary: 'Open a private session with one participant (its messages and items are seen only by the two of you)',
    request: { params: z.object({ sessionId: sessionIdParam, participantId: participantIdParam }) },
    responses: { 200: jsonResponse('The private session: threadId to use for messages and items'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, participantId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.openPrivateSession(actor, participantId)), 200);
  },
);
