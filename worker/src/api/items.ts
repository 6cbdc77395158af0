// /api/v1/sessions/{id}/items — the generic interaction record and its status
// machine, and an admin's retry of a document whose sealing failed.
import { createRoute, z } from '@hono/zod-openapi';
import { requireAdmin } from '../auth/agent-auth';
import { idSchema } from '../contract/ids';
import { documentItemSchema } from '../contract/documents';
import { itemSchema } from '../contract/session';
import { unwrap } from '../errors';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';
import { statusMoveSchema } from './schemas';
import { openSession } from './session-access';

export const items = createApi();
const tags = ['Items'];

items.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/items',
    operationId: 'addItem',
    tags,
    summary: 'Send a task (draft in a pre-planned session, sent otherwise)',
    middleware: [jsonBody],
    request: {
      params: z.object({ sessionId: idSchema('session') }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .object({
                kind: z.literal('task').openapi({
                  description:
                    'a task the customer marks done. Documents, document requests, payments, shared reviews and workflows need proof to be done and are sent through their own routes (sendTemplate, the document-requests, payments, reviews and workflows routes)',
                }),
                name: z.string().trim().min(1).max(200),
                assigneeIds: z.array(idSchema('participant')).min(1).max(20).optional().openapi({ description: 'defaults to the customer' }),
                threadId: idSchema('thread').optional().openapi({ description: 'send inside a private session' }),
                draft: z.boolean().optional(),
              })
              .strict(),
          },
        },
      },
    },
    responses: { 201: json(itemSchema, 'The item'), ...bodyErrorResponses, ...errorResponses },
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
    operationId: 'moveItem',
    tags,
    summary: 'Move an item as the agent (send, cancel, reject with a reason, …); illegal moves get 409',
    middleware: [jsonBody],
    request: {
      params: z.object({ sessionId: idSchema('session'), itemId: idSchema('item') }),
      body: { required: true, content: { 'application/json': { schema: statusMoveSchema } } },
    },
    responses: { 200: json(itemSchema, 'The item'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    const { status, reason } = c.req.valid('json');
    const item = unwrap(await stub.setItemStatus(actor, itemId, status, reason));
    if (item.kind !== 'payment' || status !== 'cancelled') return c.json(item, 200);
    // A cancelled payment can no longer be paid at Stripe either (payments/intents.ts).
    const { cancelIntent } = await import('../payments/intents');
    await cancelIntent(c.env, stub, actor, itemId);
    return c.json(item, 200);
  },
);

items.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/items/{itemId}/seal',
    operationId: 'retrySealing',
    tags,
    summary: 'Admin: seal again a document whose sealing failed (its tries start over); 409 when it has not failed',
    middleware: [requireAdmin],
    request: { params: z.object({ sessionId: idSchema('session'), itemId: idSchema('item') }) },
    responses: { 200: json(documentItemSchema, 'The item and its document after the try: sealed, or being retried again'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.retrySealing(actor, itemId)), 200);
  },
);
