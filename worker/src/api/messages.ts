// /api/v1/sessions/{id}/messages and files — chat with text and attachments.
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../contract/ids';
import { chatReadSchema, messageSchema, typingSchema } from '../contract/session';
import { MAX_ATTACHMENT_BYTES } from '../domain/file-type';
import { unwrap } from '../errors';
import { jsonBody, uploadBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, file, json, uploadErrorResponses } from './openapi';
import { attachmentFormSchema, messageBodySchema, typingBodySchema } from './schemas';
import { openSession } from './session-access';
import { fileResponse, readUpload } from './uploads';

export const messages = createApi();
const tags = ['Chat'];
const sessionParams = z.object({ sessionId: idSchema('session') });

messages.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/messages',
    operationId: 'postMessage',
    tags,
    summary: 'Send a chat message (optionally inside a private session)',
    middleware: [jsonBody],
    request: { params: sessionParams, body: { required: true, content: { 'application/json': { schema: messageBodySchema } } } },
    responses: { 201: json(messageSchema, 'The message'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    return c.json(unwrap(await stub.postMessage(actor, c.req.valid('json'))), 201);
  },
);

messages.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/attachments',
    operationId: 'postAttachment',
    tags,
    summary: 'Send a file in the chat (multipart field "file"; PDF or image, at most 10 MB; type read from the bytes)',
    middleware: [uploadBody(MAX_ATTACHMENT_BYTES)],
    request: { params: sessionParams, body: { required: true, content: { 'multipart/form-data': { schema: attachmentFormSchema } } } },
    responses: { 201: json(messageSchema, 'The message carrying the file'), ...uploadErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    return c.json(unwrap(await stub.uploadAttachment(actor, await readUpload(c))), 201);
  },
);

messages.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/files/{fileId}',
    operationId: 'downloadFile',
    tags,
    summary: 'Download a file sent in the session',
    request: { params: z.object({ sessionId: idSchema('session'), fileId: idSchema('file') }) },
    responses: { 200: file('The file'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, fileId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return fileResponse(c.env.FILES, unwrap(await stub.file(actor, fileId)));
  },
);

messages.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/chat/read',
    operationId: 'markChatRead',
    tags,
    summary: 'Say the agent has read the chat (and every private session) up to its newest message: participants see "Read"',
    request: { params: sessionParams },
    responses: { 200: json(chatReadSchema, 'Read up to'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    return c.json(unwrap(await stub.markChatRead(actor)), 200);
  },
);

messages.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/typing',
    operationId: 'agentTyping',
    tags,
    summary: "Say the agent is typing (at most once every 2 seconds): the customer sees it for a moment (in a private session, only its participant); nothing is stored",
    middleware: [jsonBody],
    request: { params: sessionParams, body: { required: true, content: { 'application/json': { schema: typingBodySchema } } } },
    responses: { 200: json(typingSchema, 'The participants were told'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    return c.json(unwrap(await stub.typing(actor, c.req.valid('json').threadId ?? null)), 200);
  },
);
