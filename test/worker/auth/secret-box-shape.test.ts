// A stored secret must have the shape Parley seals: `sb1.<key id>.<12-byte
// IV>.<ciphertext>`; anything else is refused as malformed before any key is
// tried. Found missing by the mutation runner (scripts/mutation.mjs).
import { describe, expect, it } from 'vitest';
import { base64url } from '../../../worker/src/auth/crypto';
import { openSecret, sealSecret } from '../../../worker/src/auth/secret-box';

const KEYS = { SECRETS_KEY: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))) };
const HERE = 'orgs.secret:org_Shape';

describe('a sealed secret', () => {
  it('with an IV of any length but 12 bytes is malformed, even with a ciphertext', async () => {
    const [prefix, id, , sealed] = (await sealSecret(KEYS, 'token key', HERE)).split('.');
    for (const length of [8, 11, 13, 16]) {
      const other = [prefix, id, base64url(new Uint8Array(length)), sealed].join('.');
      await expect(openSecret(KEYS, other, HERE), `IV of ${length} bytes`).rejects.toThrow(`the secret stored at ${HERE} is malformed`);
    }
  });

  it('without a key id or an IV, or with a ciphertext that is no base64url, is malformed', async () => {
    const [prefix, id, iv, sealed] = (await sealSecret(KEYS, 'token key', HERE)).split('.');
    for (const broken of [[prefix, '', iv, sealed], [prefix, id, '', sealed], [prefix, id, iv, '***']]) {
      await expect(openSecret(KEYS, broken.join('.'), HERE), broken.join('.')).rejects.toThrow('is malformed');
    }
  });
});
