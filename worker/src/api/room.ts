// /room/api — what the customer's room calls, signed in by the room cookie
// (room-caller.ts); the documents' routes are in room-documents.ts.
import { createRoute, z } from '@hono/zod-openapi';
import { participantFrameSchema } from '../contract/frames';
import { idSchema } from '../contract/ids';
import { consentSchema, disclosureSchema } from '../contract/room';
import { chatReadSchema, itemSchema, messageSchema, participantRoomSchema, typingSchema } from '../contract/session';
import { MAX_ATTACHMENT_BYTES } from '../domain/file-type';
import { unwrap } from '../errors';
import { localeFromAcceptLanguage } from '../i18n/locales';
import { jsonBody, uploadBody } from './body-limits';
import { evidence } from './evidence';
import { attachmentFormSchema, messageBodySchema, statusMoveSchema, typingBodySchema } from './schemas';
import { ROOM_SECURITY as security, ROOM_TAGS as tags, roomSignIn } from './room-caller';
import { roomContacts } from './room-contacts';
import { roomDocuments } from './room-documents';
import { roomDocumentRequests } from './room-document-requests';
import { roomReviews } from './room-reviews';
import { roomPayments } from './room-payments';
import { roomLanguage } from './room-language';
import { bodyErrorResponses, createApi, errorResponses, file, json, socketResponses, uploadErrorResponses } from './openapi';
import { fileResponse, readUpload } from './uploads';
import { openSocket, socketQuerySchema } from './websocket';

export const roomApi = createApi();
roomApi.use('*', roomSignIn);

roomApi.openapi(
  createRoute({ method: 'get', path: '/state', operationId: 'getRoom', tags, security, summary: 'The room as this participant sees it', responses: { 200: json(participantRoomSchema, 'Room state'), ...errorResponses } }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.participantRoom(actor)), 200);
  },
);

roomApi.openapi(
  createRoute({
    method: 'get',
    path: '/consent',
    operationId: 'getDisclosure',
    tags,
    security,
    summary: 'The disclosure to read before consenting to do business electronically',
    responses: { 200: json(disclosureSchema, 'Disclosure text, its SHA-256, and when you consented'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.disclosure(actor, localeFromAcceptLanguage(c.req.header('Accept-Language')))), 200);
  },
);

roomApi.openapi(
  createRoute({
    method: 'post',
    path: '/consent',
    operationId: 'giveConsent',
    tags,
    security,
    summary: 'Consent to do business electronically (recorded with time, IP and user agent)',
    responses: { 200: json(consentSchema, 'Consent recorded'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.consent(actor, evidence(c), localeFromAcceptLanguage(c.req.header('Accept-Language')))), 200);
  },
);

roomApi.openapi(
  createRoute({
    method: 'post',
    path: '/messages',
    operationId: 'postRoomMessage',
    tags,
    security,
    summary: 'Send a chat message',
    middleware: [jsonBody],
    request: { body: { required: true, content: { 'application/json': { schema: messageBodySchema } } } },
    responses: { 201: json(messageSchema, 'The message'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.postMessage(actor, c.req.valid('json'))), 201);
  },
);

roomApi.openapi(
  createRoute({
    method: 'post',
    path: '/attachments',
    operationId: 'postRoomAttachment',
    tags,
    security,
    summary: 'Send a file (multipart field "file"; PDF or image, at most 10 MB)',
    middleware: [uploadBody(MAX_ATTACHMENT_BYTES)],
    request: { body: { required: true, content: { 'multipart/form-data': { schema: attachmentFormSchema } } } },
    responses: { 201: json(messageSchema, 'The message carrying the file'), ...uploadErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.uploadAttachment(actor, await readUpload(c))), 201);
  },
);

roomApi.openapi(
  createRoute({
    method: 'post',
    path: '/chat/read',
    operationId: 'markRoomChatRead',
    tags,
    security,
    summary: 'Say you have read the chat up to its newest message (the agent sees "Read")',
    responses: { 200: json(chatReadSchema, 'Read up to'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.markChatRead(actor)), 200);
  },
);

roomApi.openapi(
  createRoute({
    method: 'post',
    path: '/typing',
    operationId: 'roomTyping',
    tags,
    security,
    summary: 'Say you are typing (at most once every 2 seconds); the agent sees it for a moment, nothing is stored',
    middleware: [jsonBody],
    request: { body: { required: true, content: { 'application/json': { schema: typingBodySchema } } } },
    responses: { 200: json(typingSchema, 'The agent was told'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.typing(actor, c.req.valid('json').threadId ?? null)), 200);
  },
);

roomApi.openapi(
  createRoute({
    method: 'get',
    path: '/files/{fileId}',
    operationId: 'downloadRoomFile',
    tags,
    security,
    summary: 'Download a file of this session (also during limited access)',
    request: { params: z.object({ fileId: idSchema('file') }) },
    responses: { 200: file('The file'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return fileResponse(c.env.FILES, unwrap(await stub.file(actor, c.req.valid('param').fileId)));
  },
);

roomApi.openapi(
  createRoute({
    method: 'post',
    path: '/items/{itemId}/status',
    operationId: 'moveRoomItem',
    tags,
    security,
    summary: 'Open, work on, complete or decline (with a reason) an item addressed to you',
    middleware: [jsonBody],
    request: { params: z.object({ itemId: idSchema('item') }), body: { required: true, content: { 'application/json': { schema: statusMoveSchema } } } },
    responses: { 200: json(itemSchema, 'The item'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    const { status, reason } = c.req.valid('json');
    return c.json(unwrap(await stub.setItemStatus(actor, c.req.valid('param').itemId, status, reason)), 200);
  },
);

roomApi.openapi(
  createRoute({
    method: 'get',
    path: '/ws',
    operationId: 'openRoomSocket',
    tags,
    security,
    summary: 'Live updates for this participant over a WebSocket',
    description:
      "Only from Parley's own pages: the Origin must be Parley's, else 403. The socket closes (a closing frame, then a 4xxx code) when the " +
      "participant's access ends or turns limited, or their link is revoked. At most 5 sockets per participant: a 6th closes the oldest.",
    request: { query: socketQuerySchema },
    responses: { ...socketResponses(participantFrameSchema), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    // Signed in by the room cookie, which the browser sends by itself: only a page on Parley may open it.
    return openSocket(c, stub, actor, c.req.valid('query').after, { credential: 'cookie', orgId: null });
  },
);

roomApi.route('/', roomDocuments);
roomApi.route('/', roomDocumentRequests);
roomApi.route('/', roomReviews);
roomApi.route('/', roomPayments);
roomApi.route('/', roomContacts);
roomApi.route('/', roomLanguage);
