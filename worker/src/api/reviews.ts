// /api/v1/sessions/{id}/reviews — the agent opens one of the session's
// documents to review with the customer, leads or follows, marks it up with
// them (api/review-routes.ts, shared with the room), and ends the review.
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../contract/ids';
import { newReviewSchema } from '../contract/reviews';
import { unwrap } from '../errors';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses } from './openapi';
import { reviewRoutes, theReview } from './review-routes';
import { openSession } from './session-access';

export const reviews = createApi();
const tags = ['Shared review'];
const params = z.object({ sessionId: idSchema('session'), itemId: idSchema('item') });

reviews.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/reviews',
    operationId: 'startReview',
    tags,
    summary: "Open one of the session's documents to review with the customer: both see the same page live, each other's pointer, and the marks either leaves",
    middleware: [jsonBody],
    request: { params: z.object({ sessionId: idSchema('session') }), body: { required: true, content: { 'application/json': { schema: newReviewSchema } } } },
    responses: { 201: theReview, ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    return c.json(unwrap(await stub.addReview(actor, c.req.valid('json'))), 201);
  },
);

reviewRoutes(reviews, {
  path: '/sessions/{sessionId}/reviews/{itemId}',
  params,
  tags,
  operationId: (name) => name,
  caller: (c) => openSession(c, c.req.param('sessionId')!),
});

reviews.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/reviews/{itemId}/end',
    operationId: 'endReview',
    tags,
    summary: 'End the review: its item is completed; its highlights and comments stay to be seen',
    request: { params },
    responses: { 200: theReview, ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.endReview(actor, itemId)), 200);
  },
);
