// /api/v1/sessions/{id}/items — the generic interaction record and its status machine.
import { createRoute, z } from '@hono/zod-openapi';
import { ITEM_KINDS, ITEM_STATUSES } from '../domain/item-status';
import { unwrap } from '../errors';
import { createApi, errorResponses, jsonResponse } from './openapi';
import { itemIdParam, participantIdParam, sessionIdParam, threadIdParam } from './schemas';
import { openSession } from './session-access';

export const items = createApi();
const tags = ['Items'];

items.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/items',
    tags,
    summary: 'Send an item (draft in a pre-planned session, sent otherwise)',
    request: {
      params: z.object({ sessionId: sessionIdParam }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .object({
                kind: z.enum(ITEM_KINDS),
                name: z.string().trim().min(1).max(200),
                assigneeIds: z.array(participantIdParam).min(1).max(20).optional().openapi({ description: 'defaults to the customer' }),
                threadId: threadIdParam.optional().openapi({ description: 'send inside a private session' }),
                draft: z.boolean().optional(),
              })
              .strict(),
          },
        },
      },
    },
    responses: { 201: jsonResponse('The item'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    return c.json(unwrap(await stub.addItem(actor, c.req.valid('json'))), 201);
  },
);

items.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/items/{itemId}/status',
    tags,
    summary: "Move an item as the agent (send, cancel, reject with a reason, …); illegal moves get 409",
    request: {
      params: z.object({ sessionId: sessionIdParam, itemId: itemIdParam }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ status: z.enum(ITEM_STATUSES), reason: z.string().trim().min(1).max(500).optional() }).strict(),
          },
        },
      },
    },
    responses: { 200: jsonResponse('The item'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    const { status, reason } = c.req.valid('json');
    return c.json(unwrap(await stub.setItemStatus(actor, itemId, status, reason)), 200);
  },
);
