// /api/v1/sessions/{id}/document-requests — the agent asks the customer for
// documents (an ID card's front and back, a passport, a bank statement…),
// looks at each file given, and accepts it or rejects it saying why.
import { createRoute, z } from '@hono/zod-openapi';
import { documentRequestSchema, newDocumentRequestSchema } from '../contract/document-requests';
import { auditTrailSchema } from '../contract/documents';
import { evidence } from './evidence';
import { idSchema } from '../contract/ids';
import { unwrap } from '../errors';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, file, json } from './openapi';
import { reasonSchema } from './schemas';
import { openSession } from './session-access';
import { fileResponse } from './uploads';

export const documentRequests = createApi();
const tags = ['Document requests'];
const params = z.object({ sessionId: idSchema('session'), itemId: idSchema('item') });
const slotParams = params.extend({ slotId: idSchema('slot') });
const theRequest = json(documentRequestSchema, 'The request, each document with its file and decision');

documentRequests.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/document-requests',
    operationId: 'requestDocuments',
    tags,
    summary: 'Ask for documents: each by category ("id_card" asks for its front and back), with a note; the customer sends a photo or PDF for each',
    middleware: [jsonBody],
    request: { params: z.object({ sessionId: idSchema('session') }), body: { required: true, content: { 'application/json': { schema: newDocumentRequestSchema } } } },
    responses: { 201: theRequest, ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    return c.json(unwrap(await stub.addDocumentRequest(actor, c.req.valid('json'))), 201);
  },
);

documentRequests.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/document-requests/{itemId}',
    operationId: 'getDocumentRequest',
    tags,
    summary: 'A request: each document asked for, the file given for it now and your decision',
    request: { params },
    responses: { 200: theRequest, ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.documentRequest(actor, itemId)), 200);
  },
);

documentRequests.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/document-requests/{itemId}/audit',
    operationId: 'getDocumentRequestAudit',
    tags,
    summary: "The request's hash-chained audit trail (asked, each file sent with its hash, each decision), and whether the chain verifies",
    request: { params },
    responses: { 200: json(auditTrailSchema, 'Entries and verification'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.requestAudit(actor, itemId)), 200);
  },
);

documentRequests.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/document-requests/{itemId}/slots/{slotId}/file',
    operationId: 'downloadRequestedFile',
    tags,
    summary: 'The file the customer gave for one requested document (a photo or a PDF), to look at before deciding',
    request: { params: slotParams },
    responses: { 200: file('The file'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId, slotId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return fileResponse(c.env.FILES, unwrap(await stub.requestedFile(actor, itemId, slotId)));
  },
);

documentRequests.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/document-requests/{itemId}/slots/{slotId}/accept',
    operationId: 'acceptRequestedFile',
    tags,
    summary: 'Accept the file given for a requested document; the request completes when every required one is accepted',
    request: { params: slotParams },
    responses: { 200: theRequest, ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId, slotId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.decideRequestedFile(actor, itemId, slotId, 'accept', undefined, evidence(c))), 200);
  },
);

documentRequests.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/document-requests/{itemId}/slots/{slotId}/reject',
    operationId: 'rejectRequestedFile',
    tags,
    summary: 'Reject the file given for a requested document, saying why: the customer sees the reason and is asked again',
    middleware: [jsonBody],
    request: { params: slotParams, body: { required: true, content: { 'application/json': { schema: z.object({ reason: reasonSchema }).strict() } } } },
    responses: { 200: theRequest, ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId, slotId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.decideRequestedFile(actor, itemId, slotId, 'reject', c.req.valid('json').reason, evidence(c))), 200);
  },
);
