// The key a connected app verifies JWT assertions with. Salesforce takes the
// app's X.509 certificate ("Use digital signatures"); tests often have only
// the public key. Both PEM forms are read here into a WebCrypto RS256 key.

import * as der from '../../../worker/src/documents/der.ts';

const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

function pemBody(pem: string, label: string): Uint8Array | undefined {
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(pem);
  if (!m) return undefined;
  const binary = atob(m[1]!.replace(/\s+/g, ''));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** SubjectPublicKeyInfo of a certificate: the field after subject in tbsCertificate. */
function certificateKeyInfo(certificate: Uint8Array): Uint8Array {
  const [tbs] = der.children(der.read(certificate));
  if (!tbs) throw new Error('not an X.509 certificate');
  const fields = der.children(tbs);
  const skip = fields[0]?.tag === der.contextTag(0) ? 1 : 0; // [0] version, absent in v1
  const spki = fields[skip + 5];
  if (!spki) throw new Error('not an X.509 certificate');
  return spki.der;
}

/** Reads "-----BEGIN CERTIFICATE-----" or "-----BEGIN PUBLIC KEY-----" PEM. */
export async function importVerificationKey(pem: string): Promise<CryptoKey> {
  const certificate = pemBody(pem, 'CERTIFICATE');
  const spki = certificate ? certificateKeyInfo(certificate) : pemBody(pem, 'PUBLIC KEY');
  if (!spki) throw new Error('expected a PEM certificate or public key');
  return crypto.subtle.importKey('spki', new Uint8Array(spki), RS256, false, ['verify']);
}

export async function verifyRs256(key: CryptoKey, signature: Uint8Array, signed: Uint8Array): Promise<boolean> {
  return crypto.subtle.verify(RS256, key, new Uint8Array(signature), new Uint8Array(signed));
}
