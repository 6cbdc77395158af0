// /room/api/documents — the customer (or a co-signer) fills, signs, declines and downloads.
import { createRoute, z } from '@hono/zod-openapi';
import { fieldValueSchema } from '../domain/fields';
import { unwrap } from '../errors';
import { evidence } from './documents';
import { createApi, errorResponses, jsonResponse } from './openapi';
import { roomCaller } from './room';
import { itemIdParam } from './schemas';
import { fileResponse } from './uploads';

export const roomDocuments = createApi();
const tags = ['Customer room'];
const params = z.object({ itemId: itemIdParam });

roomDocuments.openapi(
  createRoute({ method: 'get', path: '/documents/{itemId}', tags, summary: 'A document addressed to you: its pages, fields, whose turn it is', request: { params }, responses: { 200: jsonResponse('The document'), ...errorResponses } }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    return c.json(unwrap(await stub.document(actor, c.req.valid('param').itemId, evidence(c))), 200);
  },
);

roomDocuments.openapi(
  createRoute({
    method: 'put',
    path: '/documents/{itemId}/fields/{fieldId}',
    tags,
    summary: 'Fill one of your fields; the value is checked here (signatures need consent first)',
    request: {
      params: params.extend({ fieldId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a field id') }),
      body: { required: true, content: { 'application/json': { schema: z.object({ value: fieldValueSchema }).strict() } } },
    },
    responses: { 200: jsonResponse('The document'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    const { itemId, fieldId } = c.req.valid('param');
    return c.json(unwrap(await stub.fillField(actor, itemId, fieldId, c.req.valid('json').value, evidence(c))), 200);
  },
);

roomDocuments.openapi(
  createRoute({ method: 'post', path: '/documents/{itemId}/complete', tags, summary: 'Sign: finish your part once every required field is filled', request: { params }, responses: { 200: jsonResponse('The document'), ...errorResponses } }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    return c.json(unwrap(await stub.completeDocument(actor, c.req.valid('param').itemId, evidence(c))), 200);
  },
);

roomDocuments.openapi(
  createRoute({
    method: 'post',
    path: '/documents/{itemId}/decline',
    tags,
    summary: 'Decline the document, with a reason',
    request: { params, body: { required: true, content: { 'application/json': { schema: z.object({ reason: z.string().trim().min(1).max(500) }).strict() } } } },
    responses: { 200: jsonResponse('The document'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    return c.json(unwrap(await stub.declineDocument(actor, c.req.valid('param').itemId, c.req.valid('json').reason, evidence(c))), 200);
  },
);

roomDocuments.openapi(
  createRoute({ method: 'get', path: '/documents/{itemId}/pdf', tags, summary: 'Download the document (also during limited access)', request: { params }, responses: { 200: { description: 'The PDF' }, ...errorResponses } }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    const file = unwrap(await stub.documentPdf(actor, c.req.valid('param').itemId, evidence(c)));
    return fileResponse(c.env.FILES, { ...file, type: 'application/pdf' });
  },
);

roomDocuments.openapi(
  createRoute({
    method: 'post',
    path: '/documents/{itemId}/approval',
    tags,
    summary: 'Approve a document forwarded to you, or decline it with a reason',
    request: {
      params,
      body: {
        required: true,
        content: { 'application/json': { schema: z.object({ decision: z.enum(['approve', 'decline']), reason: z.string().trim().min(1).max(500).optional() }).strict() } },
      },
    },
    responses: { 200: jsonResponse('The document'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    const { decision, reason } = c.req.valid('json');
    return c.json(unwrap(await stub.decideApproval(actor, c.req.valid('param').itemId, decision, reason, evidence(c))), 200);
  },
);

roomDocuments.openapi(
  createRoute({
    method: 'get',
    path: '/documents/{itemId}/original',
    tags,
    summary: 'The original PDF, for rendering its pages under the fields',
    request: { params },
    responses: { 200: { description: 'The PDF' }, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    const file = unwrap(await stub.documentOriginal(actor, c.req.valid('param').itemId));
    const res = await fileResponse(c.env.FILES, { ...file, type: 'application/pdf' });
    res.headers.set('Content-Disposition', 'inline');
    return res;
  },
);
