// /room/api/documents — the customer (or a co-signer) fills, signs, declines and downloads.
import { createRoute, z } from '@hono/zod-openapi';
import { documentItemSchema } from '../contract/documents';
import { fieldIdSchema, idSchema } from '../contract/ids';
import { unwrap } from '../errors';
import { jsonBody } from './body-limits';
import { evidence } from './evidence';
import { bodyErrorResponses, createApi, errorResponses, file, json } from './openapi';
import { ROOM_SECURITY as security, ROOM_TAGS as tags } from './room-caller';
import { fieldValueBodySchema, reasonSchema } from './schemas';
import { fileResponse } from './uploads';
import { drawnImageResponse } from './drawn-image';

export const roomDocuments = createApi();
const params = z.object({ itemId: idSchema('item') });
const theDocument = json(documentItemSchema, 'The document');

roomDocuments.openapi(
  createRoute({
    method: 'get',
    path: '/documents/{itemId}',
    operationId: 'getRoomDocument',
    tags,
    security,
    summary: 'A document addressed to you: its pages, fields, whose turn it is',
    request: { params },
    responses: { 200: theDocument, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.document(actor, c.req.valid('param').itemId, evidence(c))), 200);
  },
);

roomDocuments.openapi(
  createRoute({
    method: 'put',
    path: '/documents/{itemId}/fields/{fieldId}',
    operationId: 'fillField',
    tags,
    security,
    summary: 'Fill one of your fields; the value is checked here (signatures need consent first)',
    middleware: [jsonBody],
    request: { params: params.extend({ fieldId: fieldIdSchema }), body: { required: true, content: { 'application/json': { schema: fieldValueBodySchema } } } },
    responses: { 200: theDocument, ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    const { itemId, fieldId } = c.req.valid('param');
    return c.json(unwrap(await stub.fillField(actor, itemId, fieldId, c.req.valid('json').value, evidence(c))), 200);
  },
);

roomDocuments.openapi(
  createRoute({
    method: 'post',
    path: '/documents/{itemId}/complete',
    operationId: 'signDocument',
    tags,
    security,
    summary: 'Sign: finish your part once every required field is filled',
    request: { params },
    responses: { 200: theDocument, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.completeDocument(actor, c.req.valid('param').itemId, evidence(c))), 200);
  },
);

roomDocuments.openapi(
  createRoute({
    method: 'post',
    path: '/documents/{itemId}/decline',
    operationId: 'declineDocument',
    tags,
    security,
    summary: 'Decline the document, with a reason',
    middleware: [jsonBody],
    request: { params, body: { required: true, content: { 'application/json': { schema: z.object({ reason: reasonSchema }).strict() } } } },
    responses: { 200: theDocument, ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.declineDocument(actor, c.req.valid('param').itemId, c.req.valid('json').reason, evidence(c))), 200);
  },
);

roomDocuments.openapi(
  createRoute({
    method: 'get',
    path: '/documents/{itemId}/pdf',
    operationId: 'downloadRoomDocument',
    tags,
    security,
    summary: 'Download the document (also during limited access)',
    request: { params },
    responses: { 200: file('The PDF', 'application/pdf'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    const found = unwrap(await stub.documentPdf(actor, c.req.valid('param').itemId, evidence(c)));
    return fileResponse(c.env.FILES, { ...found, type: 'application/pdf' });
  },
);

roomDocuments.openapi(
  createRoute({
    method: 'post',
    path: '/documents/{itemId}/approval',
    operationId: 'decideApproval',
    tags,
    security,
    summary: 'Approve a document forwarded to you, or decline it with a reason',
    middleware: [jsonBody],
    request: {
      params,
      body: { required: true, content: { 'application/json': { schema: z.object({ decision: z.enum(['approve', 'decline']), reason: reasonSchema.optional() }).strict() } } },
    },
    responses: { 200: theDocument, ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    const { decision, reason } = c.req.valid('json');
    return c.json(unwrap(await stub.decideApproval(actor, c.req.valid('param').itemId, decision, reason, evidence(c))), 200);
  },
);

roomDocuments.openapi(
  createRoute({
    method: 'get',
    path: '/documents/{itemId}/original',
    operationId: 'getOriginalDocument',
    tags,
    security,
    summary: 'The original PDF, for rendering its pages under the fields',
    request: { params },
    responses: {
      200: file('The PDF', 'application/pdf'),
      206: file('The bytes of one "Range: bytes=…" asked for, with Content-Range (several ranges get the whole file, 200)', 'application/pdf'),
      416: { description: 'The range starts past the end of the file: Content-Range gives its size ("bytes */size")' },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    const found = unwrap(await stub.documentOriginal(actor, c.req.valid('param').itemId));
    // By byte ranges: the document page reads the first page and the cross-reference table first.
    const res = await fileResponse(c.env.FILES, { ...found, type: 'application/pdf' }, { header: c.req.header('Range') });
    res.headers.set('Content-Disposition', 'inline');
    return res;
  },
);

roomDocuments.openapi(
  createRoute({
    method: 'get',
    path: '/documents/{itemId}/fields/{fieldId}/image',
    operationId: 'getRoomFieldImage',
    tags,
    security,
    summary: 'A drawn signature or initials, as the PNG drawn (404 when the field holds no drawing)',
    request: { params: params.extend({ fieldId: fieldIdSchema }) },
    responses: { 200: file('The drawing', 'image/png'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    const { itemId, fieldId } = c.req.valid('param');
    return drawnImageResponse(unwrap(await stub.documentFieldImage(actor, itemId, fieldId)));
  },
);
