// /api/v1/me, /api/v1/teams, /api/v1/agents — who is who in the org, the
// agents' API tokens, and taking tokens back: deactivating an agent, and
// rotating the org's token key.
import { createRoute, z } from '@hono/zod-openapi';
import { agentSchema, agentListSchema, agentStatusSchema, meSchema, teamListSchema, teamSchema, tokenKeyRotationSchema, tokenSchema } from '../contract/directory';
import { idSchema } from '../contract/ids';
import { iso } from '../contract/time';
import { emailSchema, personNameSchema } from '../domain/contact';
import { addAgent, listAgents, replaceOrgSecret } from '../directory/agents';
import { deactivateAgent, reactivateAgent } from '../directory/agent-status';
import { effectiveSettings } from '../directory/settings-store';
import { addTeam, findTeam, listTeams } from '../directory/teams';
import { mintAgentToken } from '../auth/mint-agent-token';
import { forgetTokens, freshSignInTime, requireAdmin } from '../auth/agent-auth';
import { forgetCrmCallers } from '../auth/crm-caller';
import { base64url, newId, randomBytes } from '../auth/crypto';
import { closeAgentSockets } from '../room/agent-sockets';
import { ApiError } from '../errors';
import { now } from '../clock';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const directory = createApi();
const tags = ['Directory'];

directory.use('/teams', async (c, next) => (c.req.method === 'GET' ? next() : requireAdmin(c, next)));
directory.use('/agents', requireAdmin);
directory.use('/agents/*', requireAdmin);
directory.use('/org/token-key/*', requireAdmin);

directory.openapi(
  createRoute({ method: 'get', path: '/me', operationId: 'getMe', tags, summary: 'The signed-in agent and the settings in force for them', responses: { 200: json(meSchema, 'Agent'), ...errorResponses } }),
  async (c) => {
    const agent = c.get('agent');
    return c.json({ agent, settings: await effectiveSettings(c.env.DB, agent.orgId, agent.teamId) }, 200);
  },
);

directory.openapi(
  createRoute({ method: 'get', path: '/teams', operationId: 'listTeams', tags, summary: "The org's teams", responses: { 200: json(teamListSchema, 'Teams'), ...errorResponses } }),
  async (c) => c.json({ teams: await listTeams(c.env.DB, c.get('agent').orgId) }, 200),
);

directory.openapi(
  createRoute({
    method: 'post',
    path: '/teams',
    operationId: 'createTeam',
    tags,
    summary: 'Create a team (admin)',
    middleware: [jsonBody],
    request: { body: { required: true, content: { 'application/json': { schema: z.object({ name: z.string().trim().min(1).max(80) }).strict() } } } },
    responses: { 201: json(teamSchema, 'Team'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { name } = c.req.valid('json');
    const id = newId('tem');
    if (!(await addTeam(c.env.DB, { id, orgId: c.get('agent').orgId, name, at: now() }))) throw new ApiError(409, 'duplicate', `name: a team called "${name}" already exists`);
    return c.json({ id, name }, 201);
  },
);

directory.openapi(
  createRoute({ method: 'get', path: '/agents', operationId: 'listAgents', tags, summary: "The org's agents (admin)", responses: { 200: json(agentListSchema, 'Agents'), ...errorResponses } }),
  async (c) => c.json({ agents: await listAgents(c.env.DB, c.get('agent').orgId) }, 200),
);

directory.openapi(
  createRoute({
    method: 'post',
    path: '/agents',
    operationId: 'addAgent',
    tags,
    summary: 'Add an agent or admin (admin)',
    middleware: [jsonBody],
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ name: personNameSchema, email: emailSchema, role: z.enum(['agent', 'admin']).default('agent'), teamId: idSchema('team').nullable().optional() }).strict(),
          },
        },
      },
    },
    responses: { 201: json(agentSchema, 'Agent'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const body = c.req.valid('json');
    if (body.teamId && !(await findTeam(c.env.DB, orgId, body.teamId))) throw new ApiError(422, 'invalid_request', 'teamId: no such team in this org');
    const agent = { id: newId('agt'), teamId: body.teamId ?? null, email: body.email, name: body.name, role: body.role };
    if (!(await addAgent(c.env.DB, { ...agent, orgId, at: now() }))) throw new ApiError(409, 'duplicate', `email: an agent with ${body.email} already exists`);
    return c.json(agent, 201);
  },
);

directory.openapi(
  createRoute({
    method: 'post',
    path: '/agents/{agentId}/tokens',
    operationId: 'mintAgentToken',
    tags,
    summary: 'Mint an API token for an agent (admin)',
    middleware: [jsonBody],
    request: {
      params: z.object({ agentId: idSchema('agent') }),
      body: { required: true, content: { 'application/json': { schema: z.object({ ttlHours: z.number().int().min(1).max(720).default(24) }).strict() } } },
    },
    responses: { 201: json(tokenSchema, 'Token and its expiry'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const { agentId } = c.req.valid('param');
    // The admin's own token checked again, uncached: one revoked a moment ago in another isolate mints nothing.
    await freshSignInTime(c);
    const at = Math.floor(now() / 1000);
    const exp = at + c.req.valid('json').ttlHours * 3600;
    // An API token is a new grant by the admin: its sign-in begins now.
    const minted = await mintAgentToken(c.env, { orgId, agentId, use: 'api', exp, auth: at });
    if (!minted.ok && minted.reason === 'deactivated') throw new ApiError(409, 'agent_deactivated', 'agentId: this agent is deactivated; reactivate them first');
    if (!minted.ok) throw new ApiError(404, 'not_found', 'agent not found');
    return c.json({ token: minted.token, expiresAt: new Date(exp * 1000).toISOString() }, 201);
  },
);

const agentParams = z.object({ agentId: idSchema('agent') });

directory.openapi(
  createRoute({
    method: 'post',
    path: '/agents/{agentId}/deactivate',
    operationId: 'deactivateAgent',
    tags,
    summary: 'Deactivate an agent: every token they hold stops at once and their live sockets close (admin)',
    request: { params: agentParams },
    responses: { 200: json(agentStatusSchema, 'The agent, deactivated'), ...errorResponses },
  }),
  async (c) => {
    const admin = c.get('agent');
    const { agentId } = c.req.valid('param');
    if (agentId === admin.id) throw new ApiError(409, 'cannot_deactivate_self', 'agentId: you cannot deactivate yourself; another admin can');
    const result = await deactivateAgent(c.env.DB, admin.orgId, agentId, now());
    if (result.kind === 'not_found') throw new ApiError(404, 'not_found', 'agent not found');
    if (result.kind === 'last_admin') throw new ApiError(409, 'last_admin', 'agentId: this is the last active admin of the org; make another admin first');
    // At once here; other isolates within seconds (agent-auth.ts). Sockets are closed even when
    // the agent already was deactivated: asking again finishes what a failed first try left.
    forgetTokens(admin.orgId, agentId);
    forgetCrmCallers(admin.orgId);
    await closeAgentSockets(c.env, admin.orgId, agentId);
    return c.json({ id: agentId, active: false, deactivatedAt: iso(result.at) }, 200);
  },
);

directory.openapi(
  createRoute({
    method: 'post',
    path: '/agents/{agentId}/reactivate',
    operationId: 'reactivateAgent',
    tags,
    summary: 'Let a deactivated agent back in; tokens minted before the deactivation stay void (admin)',
    request: { params: agentParams },
    responses: { 200: json(agentStatusSchema, 'The agent, active'), ...errorResponses },
  }),
  async (c) => {
    const { agentId } = c.req.valid('param');
    if (!(await reactivateAgent(c.env.DB, c.get('agent').orgId, agentId))) throw new ApiError(404, 'not_found', 'agent not found');
    return c.json({ id: agentId, active: true, deactivatedAt: null }, 200);
  },
);

directory.openapi(
  createRoute({
    method: 'post',
    path: '/org/token-key/rotate',
    operationId: 'rotateTokenKey',
    tags,
    summary: "Replace the org's token-signing key: every agent token signed before stops, the caller's too (admin)",
    responses: { 200: json(tokenKeyRotationSchema, 'The key was replaced'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    // 32 random bytes, like a new org's key (directory/demo-org.ts).
    if (!(await replaceOrgSecret(c.env, orgId, base64url(randomBytes(32))))) throw new ApiError(404, 'not_found', 'org not found');
    forgetTokens(orgId);
    await closeAgentSockets(c.env, orgId);
    return c.json({ rotatedAt: new Date(now()).toISOString() }, 200);
  },
);
