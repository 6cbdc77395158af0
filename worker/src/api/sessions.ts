// /api/v1/sessions — start, pre-plan, invite, renew, end, read, list, events, live socket.
import { createRoute, z } from '@hono/zod-openapi';
import { contactSchema } from '../domain/contact';
import { effectiveSettings } from '../directory/settings-store';
import { findOrgSecret } from '../directory/agents';
import { signAgentToken } from '../auth/agent-token';
import { now } from '../clock';
import { findIndexedSession, indexEntryView, searchSessions } from '../directory/session-index';
import { ApiError, unwrap } from '../errors';
import { createApi, errorResponses, jsonResponse } from './openapi';
import { crmRecordSchema, limitSchema, scopeSchema, sessionIdParam, agentIdParam } from './schemas';
import { openSession, viewerOf } from './session-access';
import { scopeWithin, widestScope, type Scope } from '../domain/search-space';
import { lockOrRefuse, startSession } from './start-session';
import { openSocket, socketQuerySchema } from './websocket';

export const sessions = createApi();

const tags = ['Sessions'];
const sessionParams = z.object({ sessionId: sessionIdParam });

sessions.openapi(
  createRoute({
    method: 'post',
    path: '/sessions',
    tags,
    summary: 'Start a session (invite now) or pre-plan one (invite: false)',
    description:
      'Creates a session for a customer (name plus email or phone), optionally linked to a CRM record. With reusable sessions on, ' +
      'a returning customer gets their existing session back (reused: true). With single active session on, a second open session is refused (409).',
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .object({
                customer: contactSchema,
                crmRecord: crmRecordSchema.optional(),
                invite: z.boolean().default(true),
              })
              .strict(),
          },
        },
      },
    },
    responses: { 201: jsonResponse('The new session'), 200: jsonResponse('The reused session'), ...errorResponses },
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
    tags,
    summary: 'List sessions: by CRM record, by agent, or across the search space',
    request: {
      query: z.object({
        scope: scopeSchema.optional().openapi({ description: 'mine, team or all; defaults to the widest the search space allows' }),
        crmSystem: z.enum(['salesforce', 'hubspot']).optional(),
        crmRecordId: z.string().min(1).max(64).optional(),
        agentId: agentIdParam.optional(),
        status: z.enum(['planned', 'active', 'ended', 'closed']).optional(),
        q: z.string().trim().min(1).max(120).optional().openapi({ description: 'customer name contains' }),
        limit: limitSchema,
      }),
    },
    responses: { 200: jsonResponse('Sessions, most recently updated first'), ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const q = c.req.valid('query');
    const widest = widestScope(viewerOf(agent), (await effectiveSettings(c.env.DB, agent.orgId, agent.teamId)).session.searchSpace);
    const scope: Scope = q.scope ?? widest;
    if (!scopeWithin(scope, widest)) {
      throw new ApiError(403, 'search_space', `scope: your search space is "${widest}", so "${scope}" is not allowed`);
    }
    const results = await searchSessions(c.env.DB, agent, { ...q, scope });
    return c.json({ scope, sessions: results.map(indexEntryView) }, 200);
  },
);

sessions.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}',
    tags,
    summary: 'One session with its participants (presence, access), items, messages',
    request: { params: sessionParams },
    responses: { 200: jsonResponse('The session'), ...errorResponses },
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
    tags,
    summary: 'Invite a pre-planned session: the invitations go out and the session begins',
    request: { params: sessionParams },
    responses: { 200: jsonResponse('The session'), ...errorResponses },
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
    tags,
    summary: 'Renew: send the invitation again; the access window restarts from the next open',
    description: 'Available once the customer has opened the invitation. Reopens an ended or closed session.',
    request: { params: sessionParams },
    responses: { 200: jsonResponse('The session'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    // Reopening an ended session counts against single active session.
    const row = await findIndexedSession(c.env.DB, actor.orgId, c.req.valid('param').sessionId);
    if (row && (row.status === 'ended' || row.status === 'closed')) {
      const settings = await effectiveSettings(c.env.DB, row.org_id, row.team_id);
      if (settings.session.singleActiveSession && row.agent_id === actor.agentId) await lockOrRefuse(c, row.id);
    }
    return c.json(unwrap(await stub.renew(actor)), 200);
  },
);

sessions.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/end',
    tags,
    summary: "End the agent's part of the session; the customer keeps the end-of-session access",
    request: { params: sessionParams },
    responses: { 200: jsonResponse('The session'), ...errorResponses },
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
    tags,
    summary: "The session's event log, oldest first, after a version",
    request: {
      params: sessionParams,
      query: z.object({ after: z.coerce.number().int().min(0).default(0), limit: limitSchema }),
    },
    responses: { 200: jsonResponse('Events'), ...errorResponses },
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
    tags,
    summary: 'Live updates over a WebSocket (token in ?token= for browsers)',
    request: {
      params: sessionParams,
      query: socketQuerySchema.extend({ token: z.string().optional().openapi({ description: 'for browsers, which cannot set headers on a WebSocket: a live token (POST …/live-token)' }) }),
    },
    responses: { 101: { description: 'Switching protocols' }, 426: { description: 'Not a WebSocket upgrade' }, ...errorResponses },
  }),
  async (c) => {
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
      return c.json({ error: { code: 'upgrade_required', message: 'connect with a WebSocket' } }, 426);
    }
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    return openSocket(stub, actor, c.req.valid('query').after);
  },
);

sessions.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/live-token',
    tags,
    summary: 'Mint a short-lived token for this session only (for a browser WebSocket from a CRM panel)',
    request: { params: sessionParams },
    responses: { 201: jsonResponse('{ token, expiresAt, socketUrl }: valid for 5 minutes, for this session only'), ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    unwrap(await stub.view(actor)); // only for a session this agent may open
    const agent = c.get('agent');
    const secret = await findOrgSecret(c.env, agent.orgId);
    if (!secret) throw new ApiError(404, 'not_found', 'session not found');
    const exp = Math.floor(now() / 1000) + LIVE_TOKEN_TTL_S;
    const token = await signAgentToken({ org: agent.orgId, sub: agent.id, exp, ses: c.req.valid('param').sessionId }, secret);
    // The panel opens this URL as it is: the token rides in the query, as browsers cannot set WebSocket headers.
    const socketUrl = new URL(`/api/v1/sessions/${c.req.valid('param').sessionId}/ws`, c.env.PUBLIC_URL);
    socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    socketUrl.searchParams.set('token', token);
    return c.json({ token, expiresAt: new Date(exp * 1000).toISOString(), socketUrl: socketUrl.toString() }, 201);
  },
);

const LIVE_TOKEN_TTL_S = 300;
