// /api/v1/workspace-link — a CRM panel opens the agent workspace for the work
// a panel cannot hold: it asks, through its authenticated callout, for a
// sign-in link that works for two minutes; /app/sign-in exchanges it for the
// workspace's own cookie. Asked with a token (the workspace's own cookie
// among them), the link continues that token's sign-in: it keeps the time the
// sign-in began, so renewing never outlives the cap (auth/sign-in-lifetime.ts).
import { createRoute, z } from '@hono/zod-openapi';
import { freshSignInTime } from '../auth/agent-auth';
import { mintAgentToken } from '../auth/mint-agent-token';
import { SIGN_IN_MAX_AGE_S, signInLinkExpiry } from '../auth/sign-in-lifetime';
import { ApiError } from '../errors';
import { now } from '../clock';
import { signInLinkSchema } from '../contract/directory';
import { idSchema } from '../contract/ids';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';
import { embedPath } from '../ui/workspace/hubspot-embed';

const linkRequestSchema = z
  .object({
    sessionId: idSchema('session').optional(),
    embed: z.enum(['hubspot']).optional().openapi({ description: "'hubspot': the session's page as HubSpot's modal frame may show it (needs sessionId)" }),
  })
  .strict()
  .refine((b) => !b.embed || b.sessionId, { message: 'embed needs sessionId: only a session page opens inside HubSpot', path: ['embed'] });

export const workspaceLink = createApi();

workspaceLink.openapi(
  createRoute({
    method: 'post',
    path: '/workspace-link',
    operationId: 'mintWorkspaceLink',
    tags: ['Directory'],
    summary: 'A two-minute sign-in link to the agent workspace (optionally straight to one session)',
    middleware: [jsonBody],
    request: { body: { required: false, content: { 'application/json': { schema: linkRequestSchema } } } },
    responses: { 201: json(signInLinkSchema, 'The link and when it stops working'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const auth = await freshSignInTime(c);
    const exp = signInLinkExpiry(auth, Math.floor(now() / 1000));
    if (exp === null) throw new ApiError(403, 'sign_in_too_old', `this sign-in began more than ${SIGN_IN_MAX_AGE_S / 86400} days ago and cannot be renewed: sign in again from the CRM (or with a new token)`);
    const minted = await mintAgentToken(c.env, { orgId: agent.orgId, agentId: agent.id, use: 'sign_in', exp, auth });
    if (!minted.ok) throw minted.reason === 'deactivated' ? new ApiError(401, 'agent_deactivated', 'this agent has been deactivated by an admin') : new ApiError(404, 'not_found', 'agent not found');
    const token = minted.token;
    const body = c.req.header('Content-Type')?.includes('json') ? c.req.valid('json') : undefined;
    const url = new URL('/app/sign-in', c.env.PUBLIC_URL);
    url.searchParams.set('token', token);
    if (body?.sessionId) url.searchParams.set('next', body.embed === 'hubspot' ? embedPath(body.sessionId) : `/app/sessions/${body.sessionId}`);
    return c.json({ url: url.toString(), expiresAt: new Date(exp * 1000).toISOString() }, 201);
  },
);
