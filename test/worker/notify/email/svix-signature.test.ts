// Resend's webhooks are signed with Svix's scheme. The vector below is
// Svix's published example: Resend's "Verify Webhooks Requests" page shows
// these svix-id / svix-timestamp / svix-signature headers and payload, and
// Svix's own library tests sign them with this secret
// (svix/svix-webhooks, python/tests/test_webhooks.py, test_sign_function:
// whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw → v1,g0hM9SsE…OE=). Matching it
// shows the verifier reads the scheme as Svix does, not only as our fake does.
import { describe, expect, it } from 'vitest';
import { SVIX_TOLERANCE_MS, verifySvixSignature } from '../../../../worker/src/notify/email/svix-signature';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = '1614265330';
const BODY = '{"test": 2432232314}';
const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const SIGNED_AT_MS = Number(TIMESTAMP) * 1000;

const headers = (over: Record<string, string | null> = {}) => {
  const h = new Headers({ 'svix-id': ID, 'svix-timestamp': TIMESTAMP, 'svix-signature': SIGNATURE });
  for (const [name, value] of Object.entries(over)) {
    if (value === null) h.delete(name);
    else h.set(name, value);
  }
  return h;
};

describe('verifySvixSignature: the published example', () => {
  it('accepts Svix’s example request', async () => {
    expect(await verifySvixSignature(SECRET, headers(), BODY, SIGNED_AT_MS)).toBe(true);
  });

  it('accepts it up to five minutes either side of its timestamp', async () => {
    expect(await verifySvixSignature(SECRET, headers(), BODY, SIGNED_AT_MS + SVIX_TOLERANCE_MS)).toBe(true);
    expect(await verifySvixSignature(SECRET, headers(), BODY, SIGNED_AT_MS - SVIX_TOLERANCE_MS)).toBe(true);
  });

  it('takes the secret without its whsec_ prefix too, as Svix’s libraries do', async () => {
    expect(await verifySvixSignature('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', headers(), BODY, SIGNED_AT_MS)).toBe(true);
  });

  it('accepts when any one of several signatures matches (a secret being rotated)', async () => {
    const rotating = `v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,xyz ${SIGNATURE}`;
    expect(await verifySvixSignature(SECRET, headers({ 'svix-signature': rotating }), BODY, SIGNED_AT_MS)).toBe(true);
  });
});

describe('verifySvixSignature: refusals', () => {
  it('refuses a body changed after signing, even by one character or whitespace', async () => {
    expect(await verifySvixSignature(SECRET, headers(), '{"test": 2432232315}', SIGNED_AT_MS)).toMatch(/no signature .* matches/);
    expect(await verifySvixSignature(SECRET, headers(), '{"test":2432232314}', SIGNED_AT_MS)).toMatch(/no signature .* matches/);
  });

  it('refuses another message id or timestamp under the same signature', async () => {
    expect(await verifySvixSignature(SECRET, headers({ 'svix-id': 'msg_other' }), BODY, SIGNED_AT_MS)).toMatch(/no signature/);
    expect(await verifySvixSignature(SECRET, headers({ 'svix-timestamp': '1614265331' }), BODY, SIGNED_AT_MS)).toMatch(/no signature/);
  });

  it('refuses another secret', async () => {
    expect(await verifySvixSignature('whsec_c2VjcmV0LW9mLWFub3RoZXItZW5kcG9pbnQ=', headers(), BODY, SIGNED_AT_MS)).toMatch(/no signature/);
  });

  it('refuses a tampered signature and signatures of another version', async () => {
    expect(await verifySvixSignature(SECRET, headers({ 'svix-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=' }), BODY, SIGNED_AT_MS)).toMatch(/no signature/);
    expect(await verifySvixSignature(SECRET, headers({ 'svix-signature': SIGNATURE.replace('v1,', 'v2,') }), BODY, SIGNED_AT_MS)).toMatch(/no signature/);
    expect(await verifySvixSignature(SECRET, headers({ 'svix-signature': 'v1,not base64!' }), BODY, SIGNED_AT_MS)).toMatch(/no signature/);
  });

  it('refuses a stale timestamp (a replay) and one from the future', async () => {
    expect(await verifySvixSignature(SECRET, headers(), BODY, SIGNED_AT_MS + SVIX_TOLERANCE_MS + 1000)).toMatch(/301 s old/);
    expect(await verifySvixSignature(SECRET, headers(), BODY, SIGNED_AT_MS - SVIX_TOLERANCE_MS - 1000)).toMatch(/301 s in the future/);
    expect(await verifySvixSignature(SECRET, headers({ 'svix-timestamp': 'yesterday' }), BODY, SIGNED_AT_MS)).toMatch(/not a number/);
  });

  it('names a missing header', async () => {
    for (const name of ['svix-id', 'svix-timestamp', 'svix-signature']) {
      expect(await verifySvixSignature(SECRET, headers({ [name]: null }), BODY, SIGNED_AT_MS)).toBe(`missing ${name} header`);
    }
  });

  it('names a malformed secret', async () => {
    for (const secret of ['', 'whsec_', 'whsec_not base64!', 'whsec_abcde']) {
      expect(await verifySvixSignature(secret, headers(), BODY, SIGNED_AT_MS)).toMatch(/secret is malformed/);
    }
  });
});
