import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, makeOrg } from '../../helpers/world';
import { signAgentToken, verifyAgentToken } from '../../../worker/src/auth/agent-token';
import { hashLinkSecret, looksLikeCode, looksLikeToken, mintParticipantLink } from '../../../worker/src/auth/participant-link';
import { timingSafeEqual } from '../../../worker/src/auth/crypto';

describe('agent tokens', () => {
  const claims = { org: 'org_A', sub: 'agt_B', use: 'api', jti: 'tok_C', gen: 0, iat: 1, auth: 1, exp: 2_000_000_000 } as const;
  it('verify with the right secret, before expiry', async () => {
    const t = await signAgentToken(claims, 'secret-1');
    expect(await verifyAgentToken(t, 'secret-1', 1_000)).toEqual({ ok: true, claims });
  });
  it('fail with another org secret, after expiry, or when tampered', async () => {
    const t = await signAgentToken(claims, 'secret-1');
    expect(await verifyAgentToken(t, 'secret-2', 1_000)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifyAgentToken(t, 'secret-1', 2_000_000_000_000)).toEqual({ ok: false, reason: 'expired' });
    const [v, , sig] = t.split('.');
    const forged = `${v}.${btoa(JSON.stringify({ ...claims, sub: 'agt_admin' })).replace(/=+$/, '')}.${sig}`;
    expect((await verifyAgentToken(forged, 'secret-1', 1_000)).ok).toBe(false);
    expect(await verifyAgentToken('garbage', 'secret-1', 1_000)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe("the org's token key", () => {
  it('is stored sealed: what D1 holds signs no token the Worker accepts', async () => {
    const org = await makeOrg();
    const stored = (await env.DB.prepare('SELECT secret FROM orgs WHERE id = ?').bind(org.id).first<{ secret: string }>())!.secret;
    expect(stored).toMatch(/^sb1\./);
    expect(stored).not.toContain(org.secret);
    const nowS = Math.floor(Date.now() / 1000);
    const forged = await signAgentToken({ org: org.id, sub: org.alice.id, use: 'api', jti: 'forged', gen: 0, iat: nowS, auth: nowS, exp: nowS + 60 }, stored);
    expect((await call('GET', '/api/v1/me', { token: forged })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { token: org.alice.token })).status).toBe(200);
  });
});

describe('participant links', () => {
  it('carry at least 128 random bits and are stored only as hashes', async () => {
    const a = await mintParticipantLink();
    const b = await mintParticipantLink();
    expect(looksLikeToken(a.token)).toBe(true); // 32 bytes
    expect(looksLikeCode(a.code)).toBe(true); // 22 base62 chars ≈ 131 bits
    expect(a.code.length * Math.log2(62)).toBeGreaterThanOrEqual(128);
    expect(a.token).not.toBe(b.token);
    expect(a.tokenHash).toBe(await hashLinkSecret(a.token));
    expect(a.tokenHash).not.toContain(a.token);
  });
  it('compare in constant time', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('the agent workspace cookie', () => {
  it('authenticates only with the X-Parley-App header (no cross-site riding) or on a socket', async () => {
    const { makeOrg, call, signInToWorkspace } = await import('../../helpers/world');
    const org = await makeOrg();
    const b = await signInToWorkspace(org.alice);
    const cookie = b.cookie!;
    expect(cookie.startsWith('__Host-parley_agent=')).toBe(true);
    expect((await call('GET', '/api/v1/me', { headers: { Cookie: cookie } })).status).toBe(401);
    const me = await call('GET', '/api/v1/me', { headers: { Cookie: cookie, 'X-Parley-App': '1' } });
    expect(me.status).toBe(200);
    expect(me.json.agent.id).toBe(org.alice.id);
  });
});
