// /api/v1/workspace-link — a CRM panel opens the agent workspace for the work
// a panel cannot hold: it asks, through its authenticated callout, for a
// sign-in link that works for two minutes; /app/sign-in exchanges it for the
// workspace's own cookie.
import { createRoute, z } from '@hono/zod-openapi';
import { signAgentToken } from '../auth/agent-token';
import { findOrgSecret } from '../directory/agents';
import { ApiError } from '../errors';
import { now } from '../clock';
import { signInLinkSchema } from '../contract/directory';
import { idSchema } from '../contract/ids';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const workspaceLink = createApi();
const LINK_TTL_S = 120;

workspaceLink.openapi(
  createRoute({
    method: 'post',
    path: '/workspace-link',
    operationId: 'mintWorkspaceLink',
    tags: ['Directory'],
    summary: 'A two-minute sign-in link to the agent workspace (optionally straight to one session)',
    middleware: [jsonBody],
    request: { body: { required: false, content: { 'application/json': { schema: z.object({ sessionId: idSchema('session').optional() }).strict() } } } },
    responses: { 201: json(signInLinkSchema, 'The link and when it stops working'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const secret = await findOrgSecret(c.env, agent.orgId);
    if (!secret) throw new ApiError(404, 'not_found', 'agent not found');
    const exp = Math.floor(now() / 1000) + LINK_TTL_S;
    const token = await signAgentToken({ org: agent.orgId, sub: agent.id, exp }, secret);
    const sessionId = c.req.header('Content-Type')?.includes('json') ? c.req.valid('json')?.sessionId : undefined;
    const url = new URL('/app/sign-in', c.env.PUBLIC_URL);
    url.searchParams.set('token', token);
    if (sessionId) url.searchParams.set('next', `/app/sessions/${sessionId}`);
    return c.json({ url: url.toString(), expiresAt: new Date(exp * 1000).toISOString() }, 201);
  },
);
