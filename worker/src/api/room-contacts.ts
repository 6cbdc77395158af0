// /room/api — the customer assigns the roles the agent left to them (the
// Assign step of a document) and keeps an eye on whom they assigned ("My
// contacts"), re-engaging one until they enter. The rules are in
// room/role-requests.ts.
import { createRoute, z } from '@hono/zod-openapi';
import { assignStepSchema, documentItemSchema } from '../contract/documents';
import { idSchema } from '../contract/ids';
import { myContactSchema } from '../contract/session';
import { contactChangeSchema, contactSchema } from '../domain/contact';
import { unwrap } from '../errors';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';
import { ROOM_SECURITY as security, ROOM_TAGS as tags } from './room-caller';

export const roomContacts = createApi();
const params = z.object({ itemId: idSchema('item') });

const roleAnswerSchema = z.union([z.object({ contact: contactSchema }).strict(), z.object({ skip: z.literal(true) }).strict()], {
  error: 'give {"contact": {"name", "email"?, "phone"?}} or, for an optional role, {"skip": true}',
});

roomContacts.openapi(
  createRoute({
    method: 'get',
    path: '/items/{itemId}/assign',
    operationId: 'getAssignStep',
    tags,
    security,
    summary: 'The roles of a document the agent left for you to assign (empty: nothing to assign)',
    request: { params },
    responses: { 200: json(assignStepSchema, 'The roles waiting for you'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.assignStep(actor, c.req.valid('param').itemId)), 200);
  },
);

roomContacts.openapi(
  createRoute({
    method: 'post',
    path: '/items/{itemId}/assign',
    operationId: 'assignRoles',
    tags,
    security,
    summary: 'Say who takes each role left to you: a contact (they get their own invitation), or skip an optional one',
    description:
      'Every role waiting for you must be answered. A required role cannot be skipped (422 naming it); a skipped optional role leaves the routing, ' +
      'and the document completes without it. Until every required role is given, your own fields stay closed (409 assign_first).',
    middleware: [jsonBody],
    request: {
      params,
      body: { required: true, content: { 'application/json': { schema: z.object({ roles: z.record(z.string().min(1).max(60), roleAnswerSchema) }).strict() } } },
    },
    responses: { 200: json(documentItemSchema, 'The document, with its roles assigned'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.assignRoles(actor, c.req.valid('param').itemId, c.req.valid('json').roles)), 200);
  },
);

roomContacts.openapi(
  createRoute({
    method: 'get',
    path: '/contacts',
    operationId: 'getMyContacts',
    tags,
    security,
    summary: 'My contacts: the people you assigned, with the details you gave and how far they got',
    responses: {
      200: json(z.object({ contacts: z.array(myContactSchema), smsEnabled: z.boolean().openapi({ description: 'false: text messages are off, so re-engaging takes an email, not a phone' }) }), 'Your contacts'),
      ...errorResponses,
    },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.myContacts(actor)), 200);
  },
);

roomContacts.openapi(
  createRoute({
    method: 'patch',
    path: '/contacts/{participantId}',
    operationId: 'reengageMyContact',
    tags,
    security,
    summary: 'Re-engage one of your contacts: correct their details and send a fresh invitation (until they have entered)',
    description: 'Their previous link stops working. 409 already_entered once they have entered; 404 for anyone you did not assign.',
    middleware: [jsonBody],
    request: {
      params: z.object({ participantId: idSchema('participant') }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: contactChangeSchema,
          },
        },
      },
    },
    responses: { 200: json(myContactSchema, 'The contact, with a fresh invitation on its way'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.reengageMyContact(actor, c.req.valid('param').participantId, c.req.valid('json'))), 200);
  },
);
