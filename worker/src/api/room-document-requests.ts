// /room/api/requests — the customer sees the documents asked of them, sends
// a photo or PDF for each (replacing it until it is accepted) and can look
// at what they sent.
import { createRoute, z } from '@hono/zod-openapi';
import { documentRequestSchema } from '../contract/document-requests';
import { idSchema } from '../contract/ids';
import { MAX_ATTACHMENT_BYTES, sniffFileType } from '../domain/file-type';
import { unwrap } from '../errors';
import { uploadBody } from './body-limits';
import { createApi, errorResponses, file, json, uploadErrorResponses } from './openapi';
import { ROOM_SECURITY as security, ROOM_TAGS as tags } from './room-caller';
import { evidence } from './evidence';
import { fileField, fileResponse, readForm } from './uploads';

export const roomDocumentRequests = createApi();
const params = z.object({ itemId: idSchema('item') });
const slotParams = params.extend({ slotId: idSchema('slot') });
const theRequest = json(documentRequestSchema, 'The request, each document with its file and the agent’s decision');

roomDocumentRequests.openapi(
  createRoute({
    method: 'get',
    path: '/requests/{itemId}',
    operationId: 'getRoomDocumentRequest',
    tags,
    security,
    summary: 'Documents asked of you: what each is, the note, what you sent and whether it was accepted',
    request: { params },
    responses: { 200: theRequest, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.documentRequest(actor, c.req.valid('param').itemId)), 200);
  },
);

roomDocumentRequests.openapi(
  createRoute({
    method: 'put',
    path: '/requests/{itemId}/slots/{slotId}/file',
    operationId: 'sendRequestedFile',
    tags,
    security,
    summary: 'Send (or replace, until it is accepted) the photo or PDF for one requested document (multipart field "file"; at most 10 MB; a PDF must open: not damaged or password-protected)',
    middleware: [uploadBody(MAX_ATTACHMENT_BYTES)],
    request: { params: slotParams, body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } } } },
    responses: { 200: theRequest, ...uploadErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    const { itemId, slotId } = c.req.valid('param');
    const upload = await fileField(await readForm(c));
    // A PDF the agent could not open (damaged, password-protected, hostile) is refused here, before the room takes it.
    // Checked in the Worker, not the session's object: parsing a large PDF must not hold up everyone's live events.
    if (sniffFileType(new Uint8Array(upload.bytes))?.mime === 'application/pdf') {
      const { inspectPdf } = await import('../documents/inspect-pdf');
      unwrap(await inspectPdf(new Uint8Array(upload.bytes)));
    }
    return c.json(unwrap(await stub.submitRequestedFile(actor, itemId, slotId, { ...upload, evidence: evidence(c) })), 200);
  },
);

roomDocumentRequests.openapi(
  createRoute({
    method: 'get',
    path: '/requests/{itemId}/slots/{slotId}/file',
    operationId: 'downloadRoomRequestedFile',
    tags,
    security,
    summary: 'The file you sent for one requested document',
    request: { params: slotParams },
    responses: { 200: file('The file'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    const { itemId, slotId } = c.req.valid('param');
    return fileResponse(c.env.FILES, unwrap(await stub.requestedFile(actor, itemId, slotId)));
  },
);
