// /api/v1/me, /api/v1/teams, /api/v1/agents — who is who in the org.
import { createRoute, z } from '@hono/zod-openapi';
import { emailSchema, personNameSchema } from '../domain/contact';
import { effectiveSettings } from '../directory/settings-store';
import { findOrgSecret } from '../directory/agents';
import { signAgentToken } from '../auth/agent-token';
import { requireAdmin } from '../auth/agent-auth';
import { newId } from '../auth/crypto';
import { ApiError } from '../errors';
import { now } from '../clock';
import { createApi, errorResponses, jsonResponse } from './openapi';
import { agentIdParam, teamIdParam } from './schemas';

export const directory = createApi();
const tags = ['Directory'];

directory.use('/teams', async (c, next) => (c.req.method === 'GET' ? next() : requireAdmin(c, next)));
directory.use('/agents', requireAdmin);
directory.use('/agents/*', requireAdmin);

directory.openapi(
  createRoute({ method: 'get', path: '/me', tags, summary: 'The signed-in agent and the settings in force for them', responses: { 200: jsonResponse('Agent'), ...errorResponses } }),
  async (c) => {
    const agent = c.get('agent');
    return c.json({ agent, settings: await effectiveSettings(c.env.DB, agent.orgId, agent.teamId) }, 200);
  },
);

directory.openapi(
  createRoute({ method: 'get', path: '/teams', tags, summary: "The org's teams", responses: { 200: jsonResponse('Teams'), ...errorResponses } }),
  async (c) => {
    const { results } = await c.env.DB.prepare('SELECT id, name FROM teams WHERE org_id = ? ORDER BY name').bind(c.get('agent').orgId).all();
    return c.json({ teams: results }, 200);
  },
);

directory.openapi(
  createRoute({
    method: 'post',
    path: '/teams',
    tags,
    summary: 'Create a team (admin)',
    request: { body: { required: true, content: { 'application/json': { schema: z.object({ name: z.string().trim().min(1).max(80) }).strict() } } } },
    responses: { 201: jsonResponse('Team'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const { name } = c.req.valid('json');
    const id = newId('tem');
    const inserted = await c.env.DB.prepare('INSERT INTO teams (id, org_id, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id')
      .bind(id, orgId, name, now())
      .first();
    if (!inserted) throw new ApiError(409, 'duplicate', `name: a team called "${name}" already exists`);
    return c.json({ id, name }, 201);
  },
);

directory.openapi(
  createRoute({ method: 'get', path: '/agents', tags, summary: "The org's agents (admin)", responses: { 200: jsonResponse('Agents'), ...errorResponses } }),
  async (c) => {
    const { results } = await c.env.DB.prepare('SELECT id, team_id AS teamId, email, name, role FROM agents WHERE org_id = ? ORDER BY name').bind(c.get('agent').orgId).all();
    return c.json({ agents: results }, 200);
  },
);

directory.openapi(
  createRoute({
    method: 'post',
    path: '/agents',
    tags,
    summary: 'Add an agent or admin (admin)',
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .object({ name: personNameSchema, email: emailSchema, role: z.enum(['agent', 'admin']).default('agent'), teamId: teamIdParam.nullable().optional() })
              .strict(),
          },
        },
      },
    },
    responses: { 201: jsonResponse('Agent'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const body = c.req.valid('json');
    if (body.teamId) {
      const team = await c.env.DB.prepare('SELECT 1 FROM teams WHERE id = ? AND org_id = ?').bind(body.teamId, orgId).first();
      if (!team) throw new ApiError(422, 'invalid_request', 'teamId: no such team in this org');
    }
    const id = newId('agt');
    const inserted = await c.env.DB.prepare('INSERT INTO agents (id, org_id, team_id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id')
      .bind(id, orgId, body.teamId ?? null, body.email, body.name, body.role, now())
      .first();
    if (!inserted) throw new ApiError(409, 'duplicate', `email: an agent with ${body.email} already exists`);
    return c.json({ id, teamId: body.teamId ?? null, email: body.email, name: body.name, role: body.role }, 201);
  },
);

directory.openapi(
  createRoute({
    method: 'post',
    path: '/agents/{agentId}/tokens',
    tags,
    summary: 'Mint an API token for an agent (admin)',
    request: {
      params: z.object({ agentId: agentIdParam }),
      body: { required: true, content: { 'application/json': { schema: z.object({ ttlHours: z.number().int().min(1).max(720).default(24) }).strict() } } },
    },
    responses: { 201: jsonResponse('Token and its expiry'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const { agentId } = c.req.valid('param');
    const exists = await c.env.DB.prepare('SELECT 1 FROM agents WHERE id = ? AND org_id = ?').bind(agentId, orgId).first();
    const secret = await findOrgSecret(c.env, orgId);
    if (!exists || !secret) throw new ApiError(404, 'not_found', 'agent not found');
    const exp = Math.floor(now() / 1000) + c.req.valid('json').ttlHours * 3600;
    return c.json({ token: await signAgentToken({ org: orgId, sub: agentId, exp }, secret), expiresAt: new Date(exp * 1000).toISOString() }, 201);
  },
);
