// /api/v1/sessions — start, pre-plan, invite, renew, end, read, list, events, live socket.
import { createRoute, z } from '@hono/zod-openapi';
import { contactSchema } from '../domain/contact';
import { freshSignInTime } from '../auth/agent-auth';
import { mintAgentToken } from '../auth/mint-agent-token';
import { now } from '../clock';
import { eventPageSchema } from '../contract/events';
import { agentFrameSchema } from '../contract/frames';
import { idSchema } from '../contract/ids';
import { agentRoomSchema, liveTokenSchema, sessionListSchema, startedSessionSchema } from '../contract/session';
import { CRM_SYSTEMS } from '../crm/messages';
import { SESSION_STATUSES } from '../domain/catalogue';
import { ApiError, unwrap } from '../errors';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json, socketResponses } from './openapi';
import { crmRecordSchema, limitSchema, scopeSchema } from './schemas';
import { openSession } from './session-access';
import { listSessions } from '../directory/session-list';
import { lockForReopen, startSession } from './start-session';
import { openSocket, socketQuerySchema } from './websocket';

export const sessions = createApi();

const tags = ['Sessions'];
const sessionParams = z.object({ sessionId: idSchema('session') });
const LIVE_TOKEN_TTL_S = 300;

sessions.openapi(
  createRoute({
    method: 'post',
    path: '/sessions',
    operationId: 'startSession',
    tags,
    summary: 'Start a session (invite now) or pre-plan one (invite: false)',
    description:
      'Creates a session for a customer (name plus email or phone), optionally linked to a CRM record. With reusable sessions on, ' +
      'a returning customer gets their existing session back (reused: true). With single active session on, a second open session is refused (409).',
    middleware: [jsonBody],
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ customer: contactSchema, crmRecord: crmRecordSchema.optional(), invite: z.boolean().default(true) }).strict(),
          },
        },
      },
    },
    responses: { 201: json(startedSessionSchema, 'The new session'), 200: json(startedSessionSchema, 'The reused session'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { reused, view } = await startSession(c, c.req.valid('json'));
    return c.json({ reused, ...view }, reused ? 200 : 201);
  },
);

sessions.openapi(
  createRoute({
    method: 'get',
    path: '/sessions',
    operationId: 'listSessions',
    tags,
    summary: 'List sessions: by CRM record, by agent, or across the search space',
    request: {
      query: z.object({
        scope: scopeSchema.optional().openapi({ description: 'mine, team or all; defaults to the widest the search space allows' }),
        crmSystem: z.enum(CRM_SYSTEMS).optional(),
        crmRecordId: z.string().min(1).max(64).optional(),
        crmObject: z
          .string()
          .trim()
          .min(1)
          .max(80)
          .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be an object API name such as Contact or deals')
          .optional()
          .openapi({ description: "the record's object, any case: a HubSpot record id is unique only within its object" }),
        agentId: idSchema('agent').optional(),
        status: z.enum(SESSION_STATUSES).optional(),
        q: z.string().trim().min(1).max(120).optional().openapi({ description: 'customer name contains' }),
        limit: limitSchema,
      }),
    },
    responses: { 200: json(sessionListSchema, 'Sessions, most recently updated first'), ...errorResponses },
  }),
  async (c) => {
    const { scope, sessions } = unwrap(await listSessions(c.env.DB, c.get('agent'), c.req.valid('query')));
    return c.json({ scope, sessions }, 200);
  },
);

sessions.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}',
    operationId: 'getSession',
    tags,
    summary: 'One session with its participants (presence, access), items, messages',
    request: { params: sessionParams },
    responses: { 200: json(agentRoomSchema, 'The session'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    return c.json(unwrap(await stub.view(actor)), 200);
  },
);

sessions.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/invite',
    operationId: 'inviteSession',
    tags,
    summary: 'Invite a pre-planned session: the invitations go out and the session begins',
    request: { params: sessionParams },
    responses: { 200: json(agentRoomSchema, 'The session'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    return c.json(unwrap(await stub.invite(actor)), 200);
  },
);

sessions.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/renew',
    operationId: 'renewSession',
    tags,
    summary: 'Renew: send the invitation again; the access window restarts from the next open',
    description: 'Available once the customer has opened the invitation. Reopens an ended or closed session.',
    request: { params: sessionParams },
    responses: { 200: json(agentRoomSchema, 'The session'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    await lockForReopen(c, sessionId);
    return c.json(unwrap(await stub.renew(actor)), 200);
  },
);

sessions.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/end',
    operationId: 'endSession',
    tags,
    summary: "End the agent's part of the session; the customer keeps the end-of-session access",
    request: { params: sessionParams },
    responses: { 200: json(agentRoomSchema, 'The session'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    return c.json(unwrap(await stub.end(actor)), 200);
  },
);

sessions.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/events',
    operationId: 'listSessionEvents',
    tags,
    summary: "The session's event log, oldest first, after a version",
    request: {
      params: sessionParams,
      query: z.object({ after: z.coerce.number().int().min(0).default(0), limit: limitSchema }),
    },
    responses: { 200: json(eventPageSchema, 'Events'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    const { after, limit } = c.req.valid('query');
    return c.json({ events: unwrap(await stub.events(actor, after, limit)) }, 200);
  },
);

sessions.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/ws',
    operationId: 'openSessionSocket',
    tags,
    summary: 'Live updates over a WebSocket (token in ?token= for browsers)',
    description:
      "From a browser, the Origin must be Parley's own or one of the org's CRM origins (crmOrigins in /settings/security), else 403; " +
      'a signed-in workspace (cookie) must send one. The socket closes (a closing frame, then a 4xxx code) when the token that opened it expires ' +
      'or the agent is deactivated. At most 10 sockets per agent per session: an 11th closes the oldest.',
    request: {
      params: sessionParams,
      query: socketQuerySchema.extend({ token: z.string().optional().openapi({ description: 'for browsers, which cannot set headers on a WebSocket: a live token (POST …/live-token)' }) }),
    },
    responses: { ...socketResponses(agentFrameSchema), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    // The socket lives no longer than the token that opened it (none for the org key); a workspace token comes only from the cookie.
    const token = c.get('agentToken');
    const live = token ? { ...actor, expiresAt: token.exp * 1000 } : actor;
    return openSocket(c, stub, live, c.req.valid('query').after, { credential: token?.use === 'workspace' ? 'cookie' : 'sent', orgId: actor.orgId });
  },
);

sessions.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/live-token',
    operationId: 'mintLiveToken',
    tags,
    summary: 'Mint a short-lived token for this session only (for a browser WebSocket from a CRM panel)',
    request: { params: sessionParams },
    responses: { 201: json(liveTokenSchema, 'Valid for 5 minutes, for this session only'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    unwrap(await stub.view(actor)); // only for a session this agent may open
    const agent = c.get('agent');
    const exp = Math.floor(now() / 1000) + LIVE_TOKEN_TTL_S;
    const minted = await mintAgentToken(c.env, { orgId: agent.orgId, agentId: agent.id, use: 'socket', exp, auth: await freshSignInTime(c), ses: sessionId });
    if (!minted.ok) throw minted.reason === 'deactivated' ? new ApiError(401, 'agent_deactivated', 'this agent has been deactivated by an admin') : new ApiError(404, 'not_found', 'session not found');
    const token = minted.token;
    // The panel opens this URL as it is: the token rides in the query, as browsers cannot set WebSocket headers.
    const socketUrl = new URL(`/api/v1/sessions/${sessionId}/ws`, c.env.PUBLIC_URL);
    socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    socketUrl.searchParams.set('token', token);
    return c.json({ token, expiresAt: new Date(exp * 1000).toISOString(), socketUrl: socketUrl.toString() }, 201);
  },
);
