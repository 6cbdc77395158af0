// /room/api — what the customer's room calls, authenticated by the room cookie.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { ROOM_COOKIE, parseRoomCookie } from '../auth/room-cookie';
import { ITEM_STATUSES } from '../domain/item-status';
import { ApiError, unwrap } from '../errors';
import type { ParticipantActor } from '../room/actors';
import type { AppEnv } from './context';
import { createApi, errorResponses, jsonResponse } from './openapi';
import { fileIdParam, itemIdParam, messageTextSchema, threadIdParam } from './schemas';
import { roomStub } from './session-access';
import { fileResponse, readUpload } from './uploads';
import { openSocket, socketQuerySchema } from './websocket';

export const roomApi = createApi();
const tags = ['Customer room'];

/**
 * Room calls that change something must carry X-Parley-Room: 1. A cross-site
 * form cannot set a custom header, and we grant no CORS preflight, so a
 * forged request never arrives with the cookie.
 */
roomApi.use('*', createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'GET' && c.req.header('X-Parley-Room') !== '1') {
    throw new ApiError(403, 'missing_room_header', 'room requests must carry the header X-Parley-Room: 1');
  }
  await next();
}));

export function roomCaller(c: Context<AppEnv>): { stub: ReturnType<typeof roomStub>; actor: ParticipantActor } {
  const cookie = parseRoomCookie(getCookie(c, ROOM_COOKIE));
  if (!cookie) throw new ApiError(401, 'not_signed_in', 'open the room from your invitation link');
  return {
    stub: roomStub(c, cookie.sessionId),
    actor: { kind: 'participant', participantId: cookie.participantId, deviceToken: cookie.deviceToken },
  };
}

function evidence(c: Context<AppEnv>) {
  return { ip: c.req.header('CF-Connecting-IP') ?? null, userAgent: c.req.header('User-Agent')?.slice(0, 300) ?? null };
}

roomApi.openapi(
  createRoute({ method: 'get', path: '/state', tags, summary: 'The room as this participant sees it', responses: { 200: jsonResponse('Room state'), ...errorResponses } }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    return c.json(unwrap(await stub.participantRoom(actor)), 200);
  },
);

roomApi.openapi(
  createRoute({ method: 'get', path: '/consent', tags, summary: 'The disclosure to read before consenting to do business electronically', responses: { 200: jsonResponse('Disclosure text, its SHA-256, and when you consented'), ...errorResponses } }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    return c.json(unwrap(await stub.disclosure(actor)), 200);
  },
);

roomApi.openapi(
  createRoute({
    method: 'post',
    path: '/consent',
    tags,
    summary: 'Consent to do business electronically (recorded with time, IP and user agent)',
    responses: { 200: jsonResponse('Consent recorded'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    return c.json(unwrap(await stub.consent(actor, evidence(c))), 200);
  },
);

roomApi.openapi(
  createRoute({
    method: 'post',
    path: '/messages',
    tags,
    summary: 'Send a chat message',
    request: { body: { required: true, content: { 'application/json': { schema: z.object({ text: messageTextSchema, threadId: threadIdParam.optional() }).strict() } } } },
    responses: { 201: jsonResponse('The message'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    return c.json(unwrap(await stub.postMessage(actor, c.req.valid('json'))), 201);
  },
);

roomApi.openapi(
  createRoute({
    method: 'post',
    path: '/attachments',
    tags,
    summary: 'Send a file (multipart field "file"; PDF or image, at most 10 MB)',
    responses: { 201: jsonResponse('The message carrying the file'), 413: { description: 'Too large' }, 415: { description: 'Not an accepted type' }, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    return c.json(unwrap(await stub.uploadAttachment(actor, await readUpload(c))), 201);
  },
);

roomApi.openapi(
  createRoute({
    method: 'get',
    path: '/files/{fileId}',
    tags,
    summary: 'Download a file of this session (also during limited access)',
    request: { params: z.object({ fileId: fileIdParam }) },
    responses: { 200: { description: 'The file' }, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    return fileResponse(c.env.FILES, unwrap(await stub.file(actor, c.req.valid('param').fileId)));
  },
);

roomApi.openapi(
  createRoute({
    method: 'post',
    path: '/items/{itemId}/status',
    tags,
    summary: 'Open, work on, complete or decline (with a reason) an item addressed to you',
    request: {
      params: z.object({ itemId: itemIdParam }),
      body: { required: true, content: { 'application/json': { schema: z.object({ status: z.enum(ITEM_STATUSES), reason: z.string().trim().min(1).max(500).optional() }).strict() } } },
    },
    responses: { 200: jsonResponse('The item'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = roomCaller(c);
    const { status, reason } = c.req.valid('json');
    return c.json(unwrap(await stub.setItemStatus(actor, c.req.valid('param').itemId, status, reason)), 200);
  },
);

roomApi.openapi(
  createRoute({
    method: 'get',
    path: '/ws',
    tags,
    summary: 'Live updates for this participant over a WebSocket',
    request: { query: socketQuerySchema },
    responses: { 101: { description: 'Switching protocols' }, 426: { description: 'Not a WebSocket upgrade' }, ...errorResponses },
  }),
  async (c) => {
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
      return c.json({ error: { code: 'upgrade_required', message: 'connect with a WebSocket' } }, 426);
    }
    const { stub, actor } = roomCaller(c);
    return openSocket(stub, actor, c.req.valid('query').after);
  },
);
