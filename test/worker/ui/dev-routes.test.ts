// Local development routes: only where DEV_ROUTES=true, and never in the way
// of anything else. (Their guard once sat on every path after them: in
// production, with DEV_ROUTES unset, /healthz and the workspace answered 404.)
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../../worker/src/app';

const production = { ...env, DEV_ROUTES: undefined };
const get = (path: string, bindings: typeof env = env, init?: RequestInit) => app.fetch(new Request(`https://parley.test${path}`, init), bindings);

describe('development routes', () => {
  it('answer 404 without DEV_ROUTES, and leave every other route alone', async () => {
    expect((await get('/dev/outbox.json', production)).status).toBe(404);
    expect((await get('/dev/demo-org', production, { method: 'POST' })).status).toBe(404);
    expect((await get('/healthz', production)).status).toBe(200);
    expect((await get('/api/openapi.json', production)).status).toBe(200);
    const signIn = await get('/app/sign-in', production);
    expect(signIn.status).toBe(401);
    expect(await signIn.text()).toContain('This sign-in link is not valid');
  });

  it('POST /dev/demo-org makes the demo org once, with working tokens', async () => {
    const first = (await (await get('/dev/demo-org', env, { method: 'POST', body: '{"ttlHours":2}', headers: { 'Content-Type': 'application/json' } })).json()) as Record<string, string>;
    const again = (await (await get('/dev/demo-org', env, { method: 'POST' })).json()) as Record<string, string>;
    expect(again).toMatchObject({ orgId: first.orgId, teamId: first.teamId, agentId: first.agentId, adminId: first.adminId });
    const me = await get('/api/v1/me', env, { headers: { Authorization: `Bearer ${first.adminToken}` } });
    expect(await me.json()).toMatchObject({ agent: { id: first.adminId, role: 'admin', orgName: 'Demo Org' } });
    expect((await get('/dev/demo-org', env, { method: 'POST', body: '{"ttlHours":0}', headers: { 'Content-Type': 'application/json' } })).status).toBe(422);
  });
});
