// Taking agent tokens back: an admin deactivates an agent (every token they
// hold stops at once, their sockets close, a reactivation brings none back)
// or rotates the org's token key (every token signed before stops); revoked
// token ids are kept only until their tokens would have expired.
import { env, exports } from 'cloudflare:workers';
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { mintAgentToken } from '../../../worker/src/auth/mint-agent-token';
import { deactivateAgent } from '../../../worker/src/directory/agent-status';
import { purgeRevokedTokens, revokeToken } from '../../../worker/src/directory/revoked-tokens';
import worker from '../../../worker/src/index';
import { BASE, call, makeOrg, signInToWorkspace, startSession, type Org } from '../../helpers/world';

const me = (token: string) => call('GET', '/api/v1/me', { token });

describe('deactivating an agent', () => {
  it("stops every token they hold at once: API tokens, the workspace cookie, a sign-in link, a live token", async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Dora Deact', email: `d-${crypto.randomUUID()}@example.com` });
    const workspace = await signInToWorkspace(org.alice);
    const link = new URL((await call('POST', '/api/v1/workspace-link', { token: org.alice.token })).json.url);
    const live = (await call('POST', `/api/v1/sessions/${s.session.id}/live-token`, { token: org.alice.token })).json.token as string;
    expect((await me(org.alice.token)).status).toBe(200);

    const res = await call('POST', `/api/v1/agents/${org.alice.id}/deactivate`, { token: org.admin.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: org.alice.id, active: false });
    expect(Date.parse(res.json.deactivatedAt)).toBeLessThanOrEqual(Date.now());

    // At once: the check authentication made a moment ago is not reused.
    const refused = await me(org.alice.token);
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('agent_deactivated');
    expect((await workspace.api('GET', '/me')).status).toBe(401);
    expect((await workspace.get('/app')).status).toBe(401);
    expect((await call('GET', `/api/v1/sessions/${s.session.id}`, { token: live })).status).toBe(401);
    const signIn = await exports.default.fetch(new Request(`${BASE}${link.pathname}${link.search}`, { redirect: 'manual' }));
    expect(signIn.status).toBe(401);
    expect(await signIn.text()).toContain('deactivated');
    // The others are untouched; the admin sees who is deactivated.
    expect((await me(org.bob.token)).status).toBe(200);
    const list = await call('GET', '/api/v1/agents', { token: org.admin.token });
    expect(list.json.agents.find((a: { id: string }) => a.id === org.alice.id).active).toBe(false);
    expect(list.json.agents.find((a: { id: string }) => a.id === org.bob.id).active).toBe(true);
  });

  it('mints them no new token, and a reactivation brings back none of the old ones', async () => {
    const org = await makeOrg();
    await call('POST', `/api/v1/agents/${org.alice.id}/deactivate`, { token: org.admin.token });
    const mint = await call('POST', `/api/v1/agents/${org.alice.id}/tokens`, { token: org.admin.token, body: { ttlHours: 1 } });
    expect(mint.status).toBe(409);
    expect(mint.json.error.code).toBe('agent_deactivated');

    const back = await call('POST', `/api/v1/agents/${org.alice.id}/reactivate`, { token: org.admin.token });
    expect(back.status).toBe(200);
    expect(back.json).toEqual({ id: org.alice.id, active: true, deactivatedAt: null });
    const old = await me(org.alice.token);
    expect(old.status).toBe(401);
    expect(old.json.error.code).toBe('token_revoked');
    const fresh = await call('POST', `/api/v1/agents/${org.alice.id}/tokens`, { token: org.admin.token, body: { ttlHours: 1 } });
    expect(fresh.status).toBe(201);
    expect((await me(fresh.json.token)).json.agent.id).toBe(org.alice.id);
  });

  it('closes their live sockets', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Sina Socket', email: `s-${crypto.randomUUID()}@example.com` });
    const res = await exports.default.fetch(new Request(`${BASE}/api/v1/sessions/${s.session.id}/ws?token=${org.alice.token}`, { headers: { Upgrade: 'websocket' } }));
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const closed = new Promise<number>((resolve) => ws.addEventListener('close', (e) => resolve(e.code)));
    ws.accept();
    expect((await call('POST', `/api/v1/agents/${org.alice.id}/deactivate`, { token: org.admin.token })).status).toBe(200);
    const code = await Promise.race([closed, new Promise<'open'>((r) => setTimeout(() => r('open'), 2000))]);
    expect(code).not.toBe('open');
  });

  it('is for admins, within their org; an admin cannot deactivate themself', async () => {
    const org = await makeOrg();
    const other = await makeOrg('Other');
    expect((await call('POST', `/api/v1/agents/${org.bob.id}/deactivate`, { token: org.alice.token })).status).toBe(403);
    expect((await call('POST', `/api/v1/agents/${org.bob.id}/deactivate`, { token: other.admin.token })).status).toBe(404);
    expect((await call('POST', `/api/v1/agents/${org.bob.id}/reactivate`, { token: other.admin.token })).status).toBe(404);
    expect((await call('POST', '/api/v1/agents/agt_AAAAAAAAAAAAAAAA/deactivate', { token: org.admin.token })).status).toBe(404);
    const self = await call('POST', `/api/v1/agents/${org.admin.id}/deactivate`, { token: org.admin.token });
    expect(self.status).toBe(409);
    expect(self.json.error).toMatchObject({ code: 'cannot_deactivate_self', message: expect.stringContaining('yourself') });
    expect((await me(org.admin.token)).status).toBe(200);
    expect((await me(org.bob.token)).status).toBe(200);
  });

  it('never leaves the org without an active admin (409), even when two admins deactivate each other at once', async () => {
    const org = await makeOrg();
    const second = await call('POST', '/api/v1/agents', { token: org.admin.token, body: { name: 'Sam Second', email: `sam-${crypto.randomUUID()}@example.com`, role: 'admin' } });
    const [a, b] = await Promise.all([deactivateAgent(env.DB, org.id, org.admin.id, Date.now()), deactivateAgent(env.DB, org.id, second.json.id, Date.now())]);
    expect([a.kind, b.kind].sort()).toEqual(['deactivated', 'last_admin']);
    // The one admin left is refused as the last.
    const left = a.kind === 'deactivated' ? second.json.id : org.admin.id;
    expect(await deactivateAgent(env.DB, org.id, left, Date.now())).toEqual({ kind: 'last_admin' });
    // Deactivating twice changes nothing.
    const gone = a.kind === 'deactivated' ? org.admin.id : second.json.id;
    expect((await deactivateAgent(env.DB, org.id, gone, Date.now())).kind).toBe('already');
  });

  it('the last-admin refusal is a clear 409 from the API', async () => {
    const org = await makeOrg();
    // Reachable only through a stale check: an admin deactivated a moment ago (their tokens still remembered by this
    // isolate for up to 5 s) targets the one active admin left.
    const second = await call('POST', '/api/v1/agents', { token: org.admin.token, body: { name: 'Sam Second', email: `sam-${crypto.randomUUID()}@example.com`, role: 'admin' } });
    const secondToken = await call('POST', `/api/v1/agents/${second.json.id}/tokens`, { token: org.admin.token, body: { ttlHours: 1 } });
    expect((await call('GET', '/api/v1/me', { token: secondToken.json.token })).status).toBe(200); // remembered by this isolate for a few seconds
    await env.DB.prepare('UPDATE agents SET deactivated_at = ? WHERE id = ?').bind(Date.now(), second.json.id).run();
    const res = await call('POST', `/api/v1/agents/${org.admin.id}/deactivate`, { token: secondToken.json.token });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'last_admin', message: expect.stringContaining('last active admin') });
  });
});

describe("rotating the org's token key", () => {
  async function rotate(org: Org) {
    const res = await call('POST', '/api/v1/org/token-key/rotate', { token: org.admin.token });
    expect(res.status).toBe(200);
    expect(Date.parse(res.json.rotatedAt)).toBeLessThanOrEqual(Date.now());
  }

  it('stops every token signed with the old key, the caller’s too; tokens minted after work', async () => {
    const org = await makeOrg();
    const workspace = await signInToWorkspace(org.bob);
    expect((await me(org.alice.token)).status).toBe(200);
    const stored = async () => (await env.DB.prepare('SELECT secret FROM orgs WHERE id = ?').bind(org.id).first<{ secret: string }>())!.secret;
    const before = await stored();
    await rotate(org);
    // The new key is kept sealed, like the first.
    expect(await stored()).not.toBe(before);
    expect(await stored()).toMatch(/^sb1\./);
    for (const token of [org.alice.token, org.bob.token, org.admin.token]) expect((await me(token)).status).toBe(401);
    expect((await workspace.api('GET', '/me')).status).toBe(401);
    // A new token, signed with the new key (as the CRM's org key or a new sign-in would get one), works, and so do the ones it mints.
    const nowS = Math.floor(Date.now() / 1000);
    const admin = await mintAgentToken(env, { orgId: org.id, agentId: org.admin.id, use: 'api', exp: nowS + 600, auth: nowS });
    expect(admin.ok).toBe(true);
    const adminToken = (admin as { token: string }).token;
    expect((await me(adminToken)).status).toBe(200);
    const minted = await call('POST', `/api/v1/agents/${org.alice.id}/tokens`, { token: adminToken, body: { ttlHours: 1 } });
    expect((await me(minted.json.token)).json.agent.id).toBe(org.alice.id);
    // Another org is untouched.
    const other = await makeOrg('Other');
    expect((await me(other.alice.token)).status).toBe(200);
  });

  it("closes every agent's live sockets (opened with tokens of the old key), not the customers'", async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Rita Rotate', email: `r-${crypto.randomUUID()}@example.com` });
    const open = async (token: string) => {
      const res = await exports.default.fetch(new Request(`${BASE}/api/v1/sessions/${s.session.id}/ws?token=${token}`, { headers: { Upgrade: 'websocket' } }));
      expect(res.status).toBe(101);
      const ws = res.webSocket!;
      const frames: string[] = [];
      const closed = new Promise<number>((resolve) => ws.addEventListener('close', (e) => resolve(e.code)));
      ws.addEventListener('message', (e) => frames.push(String(e.data)));
      ws.accept();
      return { closed, frames };
    };
    const alice = await open(org.alice.token);
    const admin = await open(org.admin.token);
    await rotate(org);
    const timeout = new Promise<'open'>((r) => setTimeout(() => r('open'), 2000));
    expect(await Promise.race([alice.closed, timeout])).toBe(4005);
    expect(await Promise.race([admin.closed, timeout])).toBe(4005);
    expect(alice.frames.map((f) => JSON.parse(f).type)).toContain('closing');
  });

  it('is for admins only', async () => {
    const org = await makeOrg();
    expect((await call('POST', '/api/v1/org/token-key/rotate', { token: org.alice.token })).status).toBe(403);
    expect((await me(org.alice.token)).status).toBe(200);
  });
});

describe('revoked token ids', () => {
  it('are kept until their token would have expired, then purged by the cron', async () => {
    const org = await makeOrg();
    const nowS = Math.floor(Date.now() / 1000);
    await revokeToken(env.DB, org.id, 'gone-already', nowS - 1);
    await revokeToken(env.DB, org.id, 'still-live', nowS + 3600);
    await revokeToken(env.DB, org.id, 'still-live', nowS + 3600); // twice is harmless
    await worker.scheduled(createScheduledController(), env);
    const { results } = await env.DB.prepare('SELECT jti FROM revoked_tokens WHERE org_id = ? ORDER BY jti').bind(org.id).all<{ jti: string }>();
    expect(results.map((r) => r.jti)).toEqual(['still-live']);
    expect(await purgeRevokedTokens(env.DB, (nowS + 3600) * 1000)).toBeGreaterThanOrEqual(1);
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM revoked_tokens WHERE org_id = ?').bind(org.id).first<{ n: number }>())!.n).toBe(0);
  });

  it('sign-out writes down the cookie’s token only when it verifies', async () => {
    const org = await makeOrg();
    const count = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM revoked_tokens WHERE org_id = ?').bind(org.id).first<{ n: number }>())!.n;
    const forged = await exports.default.fetch(
      new Request(`${BASE}/app/sign-out`, { method: 'POST', headers: { Cookie: `__Host-parley_agent=${org.alice.token.slice(0, -2)}xx` }, redirect: 'manual' }),
    );
    expect(forged.status).toBe(303);
    expect(await count()).toBe(0);
    const b = await signInToWorkspace(org.alice);
    await b.fetch('POST', '/app/sign-out');
    expect(await count()).toBe(1);
  });
});
