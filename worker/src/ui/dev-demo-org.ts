// POST /dev/demo-org (local development only): the demo org, made where
// absent, with fresh tokens for its agent and admin. `npm start`, the e2e
// tests and the bench call it once wrangler dev is up, so the seed runs in
// the Worker with its own bindings and secrets, through the same directory
// functions as every org.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../api/context';
import { signAgentToken } from '../auth/agent-token';
import { now } from '../clock';
import { findOrgSecret } from '../directory/agents';
import { ensureDemoOrg } from '../directory/demo-org';
import { ApiError } from '../errors';
import { devOnly } from './dev-only';

export const devDemoOrg = new Hono<AppEnv>();
devDemoOrg.use('/dev/*', devOnly);

const body = z.object({ ttlHours: z.number().int().min(1).max(720).default(24) }).strict();

devDemoOrg.post('/dev/demo-org', async (c) => {
  const parsed = body.safeParse(await c.req.json().catch(() => ({})));
  if (!parsed.success) throw new ApiError(422, 'invalid_request', 'body.ttlHours: must be a whole number of hours, 1 to 720');
  const at = now();
  const demo = await ensureDemoOrg(c.env, at);
  const secret = (await findOrgSecret(c.env, demo.orgId))!;
  const exp = Math.floor(at / 1000) + parsed.data.ttlHours * 3600;
  const token = (agentId: string) => signAgentToken({ org: demo.orgId, sub: agentId, exp }, secret);
  return c.json({ ...demo, agentToken: await token(demo.agentId), adminToken: await token(demo.adminId), expiresAt: new Date(exp * 1000).toISOString() }, 200);
});
