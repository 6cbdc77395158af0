// What an agent token must look like before its signature is even checked,
// and when it stops: exactly at `exp`. Pure, so the mutation runner
// (scripts/mutation.mjs) can use it; token-signature.test.ts pins the
// signature itself.
import { describe, expect, it } from 'vitest';
import { newTokenId, peekAgentToken, signAgentToken, verifyAgentToken, type AgentTokenClaims } from '../../../worker/src/auth/agent-token';
import { base64url, hmacSha256 } from '../../../worker/src/auth/crypto';
import { signTestToken } from '../../helpers/agent-tokens';

const KEY = 'org-token-key-for-shape-tests';
const ORG = { id: 'org_Shape', secret: KEY };
const MALFORMED = { ok: false, reason: 'malformed' };

const claimsOf = (token: string) => JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as AgentTokenClaims;
/** A token with these exact claims, properly signed: only its shape can refuse it. */
const signed = (claims: Record<string, unknown>) => signAgentToken(claims as unknown as AgentTokenClaims, KEY);

/** A token whose payload is exactly this JSON text, properly signed (JSON.stringify could not write 1e999). */
async function signedText(json: string) {
  const payload = base64url(new TextEncoder().encode(json));
  return `v1.${payload}.${base64url(await hmacSha256(KEY, `v1.${payload}`))}`;
}

describe('an agent token expires exactly at exp', () => {
  it('is valid a millisecond before exp and expired at exp', async () => {
    const token = await signTestToken(ORG, 'agt_Shape');
    const exp = claimsOf(token).exp;
    expect((await verifyAgentToken(token, KEY, exp * 1000 - 1)).ok).toBe(true);
    expect(await verifyAgentToken(token, KEY, exp * 1000)).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('a well-formed agent token', () => {
  it('every claim it is signed with is needed: without any one, it is malformed', async () => {
    const claims = claimsOf(await signTestToken(ORG, 'agt_Shape'));
    for (const name of Object.keys(claims)) {
      const { [name]: _dropped, ...rest } = claims as unknown as Record<string, unknown>;
      expect(await verifyAgentToken(await signed(rest), KEY, Date.now()), `without ${name}`).toEqual(MALFORMED);
    }
  });

  it('a time that JSON reads as Infinity is no time: such a token would never expire', async () => {
    const claims = claimsOf(await signTestToken(ORG, 'agt_Shape'));
    const json = JSON.stringify(claims).replace(/"exp":\d+/, '"exp":1e999');
    expect(json).toContain('1e999');
    expect(await verifyAgentToken(await signedText(json), KEY, Date.now())).toEqual(MALFORMED);
  });

  it('a payload that is no object is malformed, even signed', async () => {
    for (const json of ['5', '"org_Shape"', 'true', 'null', '[]']) expect(await verifyAgentToken(await signedText(json), KEY, Date.now()), json).toEqual(MALFORMED);
  });

  it('has a fresh 16-character base62 id', () => {
    expect(newTokenId()).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(newTokenId()).not.toBe(newTokenId());
  });

  it('org, sub and jti are 1 to 64 characters', async () => {
    const claims = claimsOf(await signTestToken(ORG, 'agt_Shape'));
    for (const name of ['org', 'sub', 'jti']) {
      expect(peekAgentToken(await signed({ ...claims, [name]: 'x' })), `${name} of 1`).not.toBeNull();
      expect(peekAgentToken(await signed({ ...claims, [name]: 'x'.repeat(64) })), `${name} of 64`).not.toBeNull();
      expect(peekAgentToken(await signed({ ...claims, [name]: 'x'.repeat(65) })), `${name} of 65`).toBeNull();
      expect(peekAgentToken(await signed({ ...claims, [name]: '' })), `${name} empty`).toBeNull();
      expect(peekAgentToken(await signed({ ...claims, [name]: 7 })), `${name} a number`).toBeNull();
    }
  });

  it('has a known use, a whole non-negative generation, and numeric times', async () => {
    const claims = claimsOf(await signTestToken(ORG, 'agt_Shape'));
    const bad = [{ use: 'admin' }, { gen: -1 }, { gen: 1.5 }, { gen: '0' }, { exp: '9999999999' }, { iat: null }, { auth: 'now' }];
    for (const change of bad) expect(peekAgentToken(await signed({ ...claims, ...change })), JSON.stringify(change)).toBeNull();
    expect(peekAgentToken(await signed({ ...claims, gen: 0 }))).not.toBeNull();
    expect(peekAgentToken(await signed({ ...claims, gen: 3 }))).not.toBeNull();
  });

  it('binds a session on a socket token, and only there', async () => {
    const claims = claimsOf(await signTestToken(ORG, 'agt_Shape'));
    expect(peekAgentToken(await signed({ ...claims, use: 'socket', ses: 'ses_Shape' }))).not.toBeNull();
    expect(peekAgentToken(await signed({ ...claims, use: 'socket' }))).toBeNull();
    expect(peekAgentToken(await signed({ ...claims, use: 'api', ses: 'ses_Shape' }))).toBeNull();
  });

  it('is v1, three parts, a payload of at most 2048 characters, JSON of an object', async () => {
    const token = await signTestToken(ORG, 'agt_Shape');
    const [, payload, sig] = token.split('.');
    expect(await verifyAgentToken(`v2.${payload}.${sig}`, KEY, Date.now())).toEqual(MALFORMED);
    expect(await verifyAgentToken(`v1.${payload}`, KEY, Date.now())).toEqual(MALFORMED);
    expect(await verifyAgentToken(`${token}.x`, KEY, Date.now())).toEqual(MALFORMED);
    expect(await verifyAgentToken(`v1.${payload}*.${sig}`, KEY, Date.now())).toEqual(MALFORMED);
    expect(await verifyAgentToken(`v1.${btoa('null')}.${sig}`, KEY, Date.now())).toEqual(MALFORMED);
    expect(await verifyAgentToken(`v1.${btoa('[1]')}.${sig}`, KEY, Date.now())).toEqual(MALFORMED);
    expect(await verifyAgentToken('', KEY, Date.now())).toEqual(MALFORMED);
    // At most 2048 payload characters, checked before decoding: an extra claim pads it to the bound and past it.
    const withPayloadOf = async (chars: number) => {
      for (let n = 0; n < 2048; n++) {
        const t = await signed({ ...claimsOf(token), pad: 'x'.repeat(n) });
        if (t.split('.')[1]!.length === chars) return t;
      }
      throw new Error(`no payload of ${chars} characters`);
    };
    expect((await verifyAgentToken(await withPayloadOf(2048), KEY, Date.now())).ok).toBe(true);
    expect(await verifyAgentToken(await withPayloadOf(2050), KEY, Date.now())).toEqual(MALFORMED);
  });
});
