// Every agent token says what it is for, and each way in takes only its own
// kind: an API token for the Authorization header, a sign-in link's token for
// /app/sign-in only, the workspace's token from its cookie only, a live token
// for its one session. A token without a purpose (the old form) is no token.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { peekAgentToken, signAgentToken } from '../../../worker/src/auth/agent-token';
import { signInLinkToken, signTestToken } from '../../helpers/agent-tokens';
import { BASE, call, makeOrg, signInToWorkspace, startSession } from '../../helpers/world';

const cookieToken = (cookie: string) => /__Host-parley_agent=([^;]+)/.exec(cookie)![1]!;

describe('the purpose claim', () => {
  it('is stamped by each minting route: API token, sign-in link, live token, workspace cookie', async () => {
    const org = await makeOrg();
    const api = await call('POST', `/api/v1/agents/${org.alice.id}/tokens`, { token: org.admin.token, body: { ttlHours: 1 } });
    expect(peekAgentToken(api.json.token)).toMatchObject({ use: 'api', sub: org.alice.id });
    const link = await call('POST', '/api/v1/workspace-link', { token: org.alice.token });
    expect(peekAgentToken(new URL(link.json.url).searchParams.get('token')!)).toMatchObject({ use: 'sign_in' });
    const s = await startSession(org.alice, { name: 'Petra Purpose', email: `p-${crypto.randomUUID()}@example.com` });
    const live = await call('POST', `/api/v1/sessions/${s.session.id}/live-token`, { token: org.alice.token });
    expect(peekAgentToken(live.json.token)).toMatchObject({ use: 'socket', ses: s.session.id });
    const b = await signInToWorkspace(org.alice);
    expect(peekAgentToken(cookieToken(b.cookie!))).toMatchObject({ use: 'workspace' });
    // Every token has an id of its own.
    const ids = [api.json.token, live.json.token, cookieToken(b.cookie!)].map((t) => peekAgentToken(t)!.jti);
    expect(new Set(ids).size).toBe(3);
  });

  it('is required: claims without a purpose, an id or a generation, or with an unknown purpose, are malformed', async () => {
    const full = { org: 'org_A', sub: 'agt_B', use: 'api', jti: 'j1', gen: 0, iat: 1, auth: 1, exp: 2_000_000_000 } as const;
    expect(peekAgentToken(await signAgentToken(full, 's'))).toEqual(full);
    for (const missing of ['use', 'jti', 'gen', 'iat', 'auth'] as const) {
      const { [missing]: _gone, ...rest } = full;
      expect(peekAgentToken(await signAgentToken(rest as never, 's')), missing).toBeNull();
    }
    expect(peekAgentToken(await signAgentToken({ ...full, use: 'admin' } as never, 's'))).toBeNull();
    expect(peekAgentToken(await signAgentToken({ ...full, gen: -1 }, 's'))).toBeNull();
    expect(peekAgentToken(await signAgentToken({ ...full, gen: 0.5 }, 's'))).toBeNull();
    // A session binding only on a socket token, and always on one.
    expect(peekAgentToken(await signAgentToken({ ...full, ses: 'ses_x' }, 's'))).toBeNull();
    expect(peekAgentToken(await signAgentToken({ ...full, use: 'socket' }, 's'))).toBeNull();
    expect(peekAgentToken(await signAgentToken({ ...full, use: 'socket', ses: 'ses_x' }, 's'))).toMatchObject({ use: 'socket', ses: 'ses_x' });
  });

  it('an old-form token (org, sub, exp only), correctly signed, gets 401 from the API', async () => {
    const org = await makeOrg();
    const old = await signAgentToken({ org: org.id, sub: org.alice.id, exp: Math.floor(Date.now() / 1000) + 3600 } as never, org.secret);
    const res = await call('GET', '/api/v1/me', { token: old });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('invalid_token');
  });
});

describe('each way in takes only its own kind of token', () => {
  it('the API header takes an API token, and refuses a sign-in link token and a workspace token', async () => {
    const org = await makeOrg();
    expect((await call('GET', '/api/v1/me', { token: org.alice.token })).status).toBe(200);
    const signIn = await call('GET', '/api/v1/me', { token: await signInLinkToken(org, org.alice.id) });
    expect(signIn.status).toBe(401);
    expect(signIn.json.error).toMatchObject({ code: 'wrong_token_use', message: expect.stringContaining('only opens /app/sign-in') });
    const workspace = await call('GET', '/api/v1/me', { token: await signTestToken(org, org.alice.id, { use: 'workspace' }) });
    expect(workspace.status).toBe(401);
    expect(workspace.json.error.code).toBe('wrong_token_use');
  });

  it('the workspace cookie takes only a workspace token', async () => {
    const org = await makeOrg();
    for (const use of ['api', 'sign_in'] as const) {
      const token = await signTestToken(org, org.alice.id, { use });
      const res = await call('GET', '/api/v1/me', { headers: { Cookie: `__Host-parley_agent=${token}`, 'X-Parley-App': '1' } });
      expect(res.status, use).toBe(401);
      expect(res.json.error.code).toBe('wrong_token_use');
    }
    const workspace = await signTestToken(org, org.alice.id, { use: 'workspace' });
    expect((await call('GET', '/api/v1/me', { headers: { Cookie: `__Host-parley_agent=${workspace}`, 'X-Parley-App': '1' } })).status).toBe(200);
  });

  it('a workspace cookie cannot be carried to /app/sign-in, nor the cookie of another kind of token', async () => {
    const org = await makeOrg();
    const b = await signInToWorkspace(org.alice);
    const res = await exports.default.fetch(new Request(`${BASE}/app/sign-in?token=${encodeURIComponent(cookieToken(b.cookie!))}`, { redirect: 'manual' }));
    expect(res.status).toBe(401);
    expect(res.headers.get('Set-Cookie')).toBeNull();
  });

  it('a live token opens its session’s socket and reads, and nothing else', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Lia Live', email: `l-${crypto.randomUUID()}@example.com` });
    const other = await startSession(org.alice, { name: 'Otto Other', email: `o-${crypto.randomUUID()}@example.com` });
    const live = (await call('POST', `/api/v1/sessions/${s.session.id}/live-token`, { token: org.alice.token })).json.token as string;
    expect((await call('GET', `/api/v1/sessions/${s.session.id}`, { token: live })).status).toBe(200);
    expect((await call('GET', `/api/v1/sessions/${other.session.id}`, { token: live })).status).toBe(403);
    expect((await call('POST', '/api/v1/workspace-link', { token: live })).status).toBe(403);
    const socket = await exports.default.fetch(new Request(`${BASE}/api/v1/sessions/${s.session.id}/ws?token=${live}`, { headers: { Upgrade: 'websocket' } }));
    expect(socket.status).toBe(101);
    socket.webSocket!.accept();
    socket.webSocket!.close();
    // A sign-in link token in ?token= opens no socket.
    const signIn = await signInLinkToken(org, org.alice.id);
    const refused = await exports.default.fetch(new Request(`${BASE}/api/v1/sessions/${s.session.id}/ws?token=${signIn}`, { headers: { Upgrade: 'websocket' } }));
    expect(refused.status).toBe(401);
  });
});
