// POST /dev/demo-org (local development only): the demo org, made where
// absent (or another like it, by name), with its two templates (dev-demo-templates.ts) and fresh tokens for
// its agent and admin: API tokens for scripts,
// and sign-in link tokens for the workspace (/app/sign-in takes only those). `npm start`, the e2e
// tests and the bench call it once wrangler dev is up, so the seed runs in
// the Worker with its own bindings and secrets, through the same directory
// functions as every org.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../api/context';
import type { TokenUse } from '../auth/agent-token';
import { mintAgentToken } from '../auth/mint-agent-token';
import { now } from '../clock';
import { ensureDemoOrg } from '../directory/demo-org';
import { ApiError } from '../errors';
import { ensureDemoTemplates } from './dev-demo-templates';
import { devOnly } from './dev-only';

export const devDemoOrg = new Hono<AppEnv>();
devDemoOrg.use('/dev/*', devOnly);

const body = z
  .object({
    ttlHours: z.number().int().min(1).max(720).default(24),
    /** Another org made like the demo one (the bench writes back for many orgs at once). */
    org: z.string().trim().min(1).max(80).optional(),
  })
  .strict();

devDemoOrg.post('/dev/demo-org', async (c) => {
  const parsed = body.safeParse(await c.req.json().catch(() => ({})));
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    throw new ApiError(422, 'invalid_request', field === 'org' ? "body.org: an org's name, 1 to 80 characters" : field === 'ttlHours' ? 'body.ttlHours: must be a whole number of hours, 1 to 720' : 'body: only ttlHours and org');
  }
  const at = now();
  const demo = await ensureDemoOrg(c.env, at, parsed.data.org);
  const templates = await ensureDemoTemplates(c.env, demo, at);
  const nowS = Math.floor(at / 1000);
  const exp = nowS + parsed.data.ttlHours * 3600;
  // Unlike a CRM's two-minute sign-in link, this one lasts as long as the API
  // tokens: `npm start` prints it once, and the e2e tests sign in with it again and again.
  const token = async (agentId: string, use: TokenUse) => {
    const minted = await mintAgentToken(c.env, { orgId: demo.orgId, agentId, use, exp, auth: nowS });
    if (!minted.ok) throw new ApiError(409, 'demo_agent_deactivated', `the demo org's ${agentId} is deactivated; reactivate them (POST /api/v1/agents/${agentId}/reactivate)`);
    return minted.token;
  };
  return c.json(
    {
      ...demo,
      templates,
      agentToken: await token(demo.agentId, 'api'),
      adminToken: await token(demo.adminId, 'api'),
      agentSignInToken: await token(demo.agentId, 'sign_in'),
      adminSignInToken: await token(demo.adminId, 'sign_in'),
      expiresAt: new Date(exp * 1000).toISOString(),
    },
    200,
  );
});
