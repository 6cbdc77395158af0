// /api/v1/sessions/{id}/messages and files — chat with text and attachments.
import { createRoute, z } from '@hono/zod-openapi';
import { unwrap } from '../errors';
import { createApi, errorResponses, jsonResponse } from './openapi';
import { fileIdParam, messageTextSchema, sessionIdParam, threadIdParam } from './schemas';
import { openSession } from './session-access';
import { fileResponse, readUpload } from './uploads';

export const messages = createApi();
const tags = ['Chat'];
const sessionParams = z.object({ sessionId: sessionIdParam });

messages.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/messages',
    tags,
    summary: 'Send a chat message (optionally inside a private session)',
    request: {
      params: sessionParams,
      body: {
        required: true,
        content: { 'application/json': { schema: z.object({ text: messageTextSchema, threadId: threadIdParam.optional() }).strict() } },
      },
    },
    responses: { 201: jsonResponse('The message'), ...errorResponses },
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
    tags,
    summary: 'Send a file in the chat (multipart field "file"; PDF or image, at most 10 MB; type read from the bytes)',
    request: {
      params: sessionParams,
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }), text: z.string().optional(), threadId: z.string().optional() }),
          },
        },
      },
    },
    responses: { 201: jsonResponse('The message carrying the file'), 413: { description: 'Too large' }, 415: { description: 'Not an accepted type' }, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    const upload = await readUpload(c);
    return c.json(unwrap(await stub.uploadAttachment(actor, upload)), 201);
  },
);

messages.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/files/{fileId}',
    tags,
    summary: 'Download a file sent in the session',
    request: { params: z.object({ sessionId: sessionIdParam, fileId: fileIdParam }) },
    responses: { 200: { description: 'The file' }, ...errorResponses },
  }),
  async (c) => {
    const { sessionId, fileId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return fileResponse(c.env.FILES, unwrap(await stub.file(actor, fileId)));
  },
);
