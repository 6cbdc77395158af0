import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SignerIdentityError } from '../../../../worker/src/documents/signer-identity';
import { pkcs12Transport } from '../../../../worker/src/documents/transports/pkcs12';
import { OPENSSL_EC_P256_P12_BASE64, OPENSSL_P12_PASSWORD } from '../../../fixtures/openssl-p12';

const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

describe('pkcs12Transport', () => {
  it('opens a file once per isolate: every transport over the same file and password shares its identity', async () => {
    const first = await pkcs12Transport(bytes(env.SEAL_P12!), env.SEAL_P12_PASSWORD!).identity();
    const again = await pkcs12Transport(bytes(env.SEAL_P12!), env.SEAL_P12_PASSWORD!).identity();
    expect(again).toBe(first);
    const other = await pkcs12Transport(bytes(OPENSSL_EC_P256_P12_BASE64), OPENSSL_P12_PASSWORD).identity();
    expect(other).not.toBe(first);
    expect(other.commonName).toBe('Parley Test EC Sealing');
  });

  it('keeps no failure: a wrong password fails every time, and the right one still opens the file', async () => {
    const p12 = bytes(OPENSSL_EC_P256_P12_BASE64);
    await expect(pkcs12Transport(p12, 'wrong').identity()).rejects.toThrow(SignerIdentityError);
    await expect(pkcs12Transport(p12, 'wrong').identity()).rejects.toThrow(SignerIdentityError);
    expect((await pkcs12Transport(p12, OPENSSL_P12_PASSWORD).identity()).commonName).toBe('Parley Test EC Sealing');
  });
});
