import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret, SecretsKeyError } from '../../../worker/src/auth/secret-box';

const newKey = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const A = { SECRETS_KEY: newKey() };
const B = { SECRETS_KEY: newKey() };
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIE…\n-----END PRIVATE KEY-----';
const HERE = 'crm_connections.private_key:org_1';

describe('secret box', () => {
  it('stores nothing readable, never the same text twice, and opens back to the plaintext', async () => {
    const one = await sealSecret(A, PEM, HERE);
    const two = await sealSecret(A, PEM, HERE);
    expect(one).toMatch(/^sb1\.[\w-]{8}\.[\w-]{16}\.[\w-]+$/);
    expect(one).not.toContain('PRIVATE');
    expect(one).not.toBe(two);
    expect(await openSecret(A, one, HERE)).toBe(PEM);
    expect(await openSecret(A, await sealSecret(A, '', HERE), HERE)).toBe('');
  });

  it('does not open at another place, under another key, or once altered', async () => {
    const sealed = await sealSecret(A, PEM, HERE);
    await expect(openSecret(A, sealed, 'crm_connections.private_key:org_2')).rejects.toThrow(/does not open/);
    await expect(openSecret(B, sealed, HERE)).rejects.toThrow(/neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS/);
    const parts = sealed.split('.');
    const body = parts[3]!;
    parts[3] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    await expect(openSecret(A, parts.join('.'), HERE)).rejects.toThrow(SecretsKeyError);
    await expect(openSecret(A, 'sb1.x.y', HERE)).rejects.toThrow(/malformed/);
  });

  it('rotates: the previous key still opens, the new one seals', async () => {
    const old = await sealSecret(A, PEM, HERE);
    const rotating = { SECRETS_KEY: B.SECRETS_KEY, SECRETS_KEY_PREVIOUS: A.SECRETS_KEY };
    expect(await openSecret(rotating, old, HERE)).toBe(PEM);
    const resealed = await sealSecret(rotating, PEM, HERE);
    expect(await openSecret(B, resealed, HERE)).toBe(PEM);
    expect(resealed.split('.')[1]).not.toBe(old.split('.')[1]);
  });

  it('says what is wrong with the key itself', async () => {
    await expect(sealSecret({}, PEM, HERE)).rejects.toThrow(/SECRETS_KEY is not set/);
    await expect(sealSecret({ SECRETS_KEY: btoa('short') }, PEM, HERE)).rejects.toThrow(/must be 32 bytes, base64 \(it is 5\)/);
    await expect(sealSecret({ SECRETS_KEY: 'not base64!' }, PEM, HERE)).rejects.toThrow(/SECRETS_KEY is not base64/);
  });

  it('refuses a value that was never sealed: a row written straight into D1 is not a secret Parley kept', async () => {
    await expect(openSecret(A, PEM, HERE)).rejects.toThrow(SecretsKeyError);
    await expect(openSecret(A, PEM, HERE)).rejects.toThrow(/crm_connections\.private_key:org_1 is not sealed/);
    await expect(openSecret(A, '', HERE)).rejects.toThrow(/is not sealed/);
    // Almost the prefix is not the prefix.
    await expect(openSecret(A, 'sb1' + (await sealSecret(A, PEM, HERE)).slice(4), HERE)).rejects.toThrow(/is not sealed/);
  });
});
