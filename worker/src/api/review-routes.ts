// A shared review's routes, the same for both sides of it: the agent's under
// /api/v1/sessions/{sessionId}/reviews/{itemId} (api/reviews.ts) and the
// customer's under /room/api/reviews/{itemId} (api/room-reviews.ts). Each side
// says how its caller is found; the SessionRoom decides what that caller may
// do (room/shared-review.ts).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { idSchema } from '../contract/ids';
import { newAnnotationSchema, reviewLeadSchema, reviewPointerSchema, reviewViewSchema } from '../contract/reviews';
import { isoTime } from '../contract/time';
import { unwrap } from '../errors';
import type { Actor } from '../room/actors';
import type { sessionRoom } from '../room/address';
import { jsonBody } from './body-limits';
import type { AppEnv } from './context';
import { bodyErrorResponses, errorResponses, file, json } from './openapi';
import { fileResponse } from './uploads';

export interface ReviewSide {
  /** The review's path, with {itemId}: "/sessions/{sessionId}/reviews/{itemId}". */
  path: string;
  params: z.ZodObject<{ itemId: ReturnType<typeof idSchema> } & z.ZodRawShape>;
  tags: string[];
  security?: { [name: string]: string[] }[];
  /** This side's name for an operation: getReview → getRoomReview. */
  operationId(name: string): string;
  caller(c: Context<AppEnv>): { stub: ReturnType<typeof sessionRoom>; actor: Actor };
}

export const theReview = json(reviewViewSchema, 'The review: pages, who leads and where, and every highlight and comment');

export function reviewRoutes(api: OpenAPIHono<AppEnv>, side: ReviewSide): void {
  const { path, params, tags, security } = side;
  const itemIdOf = (c: Context<AppEnv>) => (c.req.valid as (t: 'param') => { itemId: string })('param').itemId;
  const route = <R extends Parameters<typeof createRoute>[0]>(r: R) => createRoute({ ...r, tags, ...(security ? { security } : {}) });

  api.openapi(
    route({ method: 'get', path, operationId: side.operationId('getReview'), summary: 'A shared review: its pages, who leads and on which page, and the highlights and comments', request: { params }, responses: { 200: theReview, ...errorResponses } }),
    async (c) => {
      const { stub, actor } = side.caller(c);
      return c.json(unwrap(await stub.review(actor, itemIdOf(c))), 200);
    },
  );

  api.openapi(
    route({ method: 'get', path: `${path}/pdf`, operationId: side.operationId('downloadReviewPdf'), summary: 'The PDF under review', request: { params }, responses: { 200: file('The PDF', 'application/pdf'), ...errorResponses } }),
    async (c) => {
      const { stub, actor } = side.caller(c);
      const pdf = unwrap(await stub.reviewPdf(actor, itemIdOf(c)));
      return fileResponse(c.env.FILES, { ...pdf, type: 'application/pdf' });
    },
  );

  api.openapi(
    route({
      method: 'post',
      path: `${path}/lead`,
      operationId: side.operationId('leadReview'),
      summary: 'Lead the review: turn to a page (whoever turns leads, the others follow), or take the lead where it is',
      middleware: [jsonBody],
      request: { params, body: { required: true, content: { 'application/json': { schema: reviewLeadSchema } } } },
      responses: { 200: theReview, ...bodyErrorResponses, ...errorResponses },
    }),
    async (c) => {
      const { stub, actor } = side.caller(c);
      const { page } = (c.req.valid as (t: 'json') => z.infer<typeof reviewLeadSchema>)('json');
      return c.json(unwrap(await stub.leadReview(actor, itemIdOf(c), page)), 200);
    },
  );

  api.openapi(
    route({
      method: 'post',
      path: `${path}/pointer`,
      operationId: side.operationId('pointInReview'),
      summary: "Show the others where you point (and, leading, how far down the page you are); passed on live, never stored; at most 25 a second (a burst of 4)",
      middleware: [jsonBody],
      request: { params, body: { required: true, content: { 'application/json': { schema: reviewPointerSchema } } } },
      responses: { 200: json(z.object({ at: isoTime }), 'Passed on'), ...bodyErrorResponses, ...errorResponses },
    }),
    async (c) => {
      const { stub, actor } = side.caller(c);
      const pointer = (c.req.valid as (t: 'json') => z.infer<typeof reviewPointerSchema>)('json');
      return c.json(unwrap(await stub.pointInReview(actor, itemIdOf(c), pointer)), 200);
    },
  );

  api.openapi(
    route({
      method: 'post',
      path: `${path}/annotations`,
      operationId: side.operationId('annotateReview'),
      summary: 'Leave a highlight or a comment on a page; both sides see it live, and it stays with the review',
      middleware: [jsonBody],
      request: { params, body: { required: true, content: { 'application/json': { schema: newAnnotationSchema } } } },
      responses: { 201: theReview, ...bodyErrorResponses, ...errorResponses },
    }),
    async (c) => {
      const { stub, actor } = side.caller(c);
      const input = (c.req.valid as (t: 'json') => z.infer<typeof newAnnotationSchema>)('json');
      return c.json(unwrap(await stub.annotateReview(actor, itemIdOf(c), input)), 201);
    },
  );

  api.openapi(
    route({
      method: 'delete',
      path: `${path}/annotations/{annotationId}`,
      operationId: side.operationId('removeReviewAnnotation'),
      summary: 'Take a highlight or comment away (its author, or the agent)',
      request: { params: params.extend({ annotationId: idSchema('annotation') }) },
      responses: { 200: theReview, ...errorResponses },
    }),
    async (c) => {
      const { stub, actor } = side.caller(c);
      const { annotationId } = (c.req.valid as (t: 'param') => { annotationId: string })('param');
      return c.json(unwrap(await stub.removeReviewAnnotation(actor, itemIdOf(c), annotationId)), 200);
    },
  );
}
