// An agent token's signature is checked whole, character by character: one
// character short, one character changed (even to a character that decodes
// to the same bytes), empty, borrowed from another token, or left on a
// changed payload, and the token is refused as a bad signature. Pure: only the
// module's own sign and verify, so it also runs in the mutation runner
// (scripts/mutation.mjs).
import { describe, expect, it } from 'vitest';
import { verifyAgentToken } from '../../../worker/src/auth/agent-token';
import { signTestToken } from '../../helpers/agent-tokens';

const KEY = 'org-token-key-for-signature-tests';
const ORG = { id: 'org_Signature', secret: KEY };
const NOW = Date.now();
const BAD = { ok: false, reason: 'bad_signature' };
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const parts = (token: string) => {
  const [version, payload, signature] = token.split('.') as [string, string, string];
  return { version, payload, signature };
};
const json = (payload: string) => JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
const encode = (claims: Record<string, unknown>) => btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('an agent token signature', () => {
  it('verifies as signed (the control for every case below)', async () => {
    const token = await signTestToken(ORG, 'agt_Signer');
    const check = await verifyAgentToken(token, KEY, NOW);
    expect(check.ok).toBe(true);
    // HMAC-SHA256 in base64url without padding: 43 characters.
    expect(parts(token).signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('cut short by one character is refused', async () => {
    const { version, payload, signature } = parts(await signTestToken(ORG, 'agt_Signer'));
    expect(await verifyAgentToken(`${version}.${payload}.${signature.slice(0, -1)}`, KEY, NOW)).toEqual(BAD);
    expect(await verifyAgentToken(`${version}.${payload}.${signature.slice(1)}`, KEY, NOW)).toEqual(BAD);
  });

  it('with its last character changed is refused, whatever it is changed to', async () => {
    const { version, payload, signature } = parts(await signTestToken(ORG, 'agt_Signer'));
    const last = signature.at(-1)!;
    // The character one bit away decodes to the same 32 bytes (the last
    // character carries 2 padding bits): a byte-wise compare would take it.
    const sameBytes = B64URL[B64URL.indexOf(last) ^ 1]!;
    const others = new Set([sameBytes, 'A', 'Q', 'g', 'w', '0', '-', '_'].filter((c) => c !== last));
    expect(others.size).toBeGreaterThanOrEqual(6);
    for (const other of others) {
      expect(await verifyAgentToken(`${version}.${payload}.${signature.slice(0, -1)}${other}`, KEY, NOW), `last character ${last} → ${other}`).toEqual(BAD);
    }
  });

  it('with its first or a middle character changed is refused', async () => {
    const { version, payload, signature } = parts(await signTestToken(ORG, 'agt_Signer'));
    const swap = (i: number) => signature.slice(0, i) + (signature[i] === 'A' ? 'B' : 'A') + signature.slice(i + 1);
    expect(await verifyAgentToken(`${version}.${payload}.${swap(0)}`, KEY, NOW)).toEqual(BAD);
    expect(await verifyAgentToken(`${version}.${payload}.${swap(21)}`, KEY, NOW)).toEqual(BAD);
  });

  it('one character longer, or padded, is refused', async () => {
    const { version, payload, signature } = parts(await signTestToken(ORG, 'agt_Signer'));
    expect(await verifyAgentToken(`${version}.${payload}.${signature}A`, KEY, NOW)).toEqual(BAD);
    expect(await verifyAgentToken(`${version}.${payload}.${signature}=`, KEY, NOW)).toEqual(BAD);
  });

  it('empty is refused', async () => {
    const { version, payload } = parts(await signTestToken(ORG, 'agt_Signer'));
    expect(await verifyAgentToken(`${version}.${payload}.`, KEY, NOW)).toEqual(BAD);
  });

  it("borrowed from another token of the same org's key is refused", async () => {
    const mine = parts(await signTestToken(ORG, 'agt_Signer'));
    const theirs = parts(await signTestToken(ORG, 'agt_Admin'));
    expect(await verifyAgentToken(`${mine.version}.${mine.payload}.${theirs.signature}`, KEY, NOW)).toEqual(BAD);
    expect(await verifyAgentToken(`${theirs.version}.${theirs.payload}.${mine.signature}`, KEY, NOW)).toEqual(BAD);
  });

  it('left on a changed payload is refused', async () => {
    const { version, payload, signature } = parts(await signTestToken(ORG, 'agt_Signer'));
    const claims = json(payload);
    const changed = [
      { ...claims, sub: 'agt_Admin' },
      { ...claims, exp: (claims.exp as number) + 3600 },
      { ...claims, use: 'workspace' },
      { ...claims, org: 'org_Other' },
      { ...claims, gen: (claims.gen as number) + 1 },
      // The same claims in another order: other bytes, so another signature.
      Object.fromEntries(Object.entries(claims).reverse()),
    ];
    for (const c of changed) {
      expect(await verifyAgentToken(`${version}.${encode(c)}.${signature}`, KEY, NOW), JSON.stringify(c)).toEqual(BAD);
    }
  });

  it('made with another key is refused', async () => {
    const token = await signTestToken(ORG, 'agt_Signer', {}, `${KEY}-rotated`);
    expect(await verifyAgentToken(token, KEY, NOW)).toEqual(BAD);
  });

  it('is checked before expiry: a forged expired token is a bad signature, not an expired one', async () => {
    const expired = parts(await signTestToken(ORG, 'agt_Signer', { exp: Math.floor(NOW / 1000) - 60 }));
    expect(await verifyAgentToken(`${expired.version}.${expired.payload}.${expired.signature}`, KEY, NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyAgentToken(`${expired.version}.${expired.payload}.${expired.signature.slice(0, -1)}`, KEY, NOW)).toEqual(BAD);
  });
});
