// /api/v1/me, /api/v1/teams, /api/v1/agents — who is who in the org.
import { createRoute, z } from '@hono/zod-openapi';
import { agentSchema, agentListSchema, meSchema, teamListSchema, teamSchema, tokenSchema } from '../contract/directory';
import { idSchema } from '../contract/ids';
import { emailSchema, personNameSchema } from '../domain/contact';
import { addAgent, agentExists, findOrgSecret, listAgents } from '../directory/agents';
import { effectiveSettings } from '../directory/settings-store';
import { addTeam, findTeam, listTeams } from '../directory/teams';
import { signAgentToken } from '../auth/agent-token';
import { requireAdmin } from '../auth/agent-auth';
import { newId } from '../auth/crypto';
import { ApiError } from '../errors';
import { now } from '../clock';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const directory = createApi();
const tags = ['Directory'];

directory.use('/teams', async (c, next) => (c.req.method === 'GET' ? next() : requireAdmin(c, next)));
directory.use('/agents', requireAdmin);
directory.use('/agents/*', requireAdmin);

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
    const secret = await findOrgSecret(c.env, orgId);
    if (!(await agentExists(c.env.DB, orgId, agentId)) || !secret) throw new ApiError(404, 'not_found', 'agent not found');
    const exp = Math.floor(now() / 1000) + c.req.valid('json').ttlHours * 3600;
    return c.json({ token: await signAgentToken({ org: orgId, sub: agentId, exp }, secret), expiresAt: new Date(exp * 1000).toISOString() }, 201);
  },
);
