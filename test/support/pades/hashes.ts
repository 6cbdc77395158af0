// The digest algorithms a PAdES signature may name, by OID, and hashing with
// WebCrypto. Shared by the CMS, signing-certificate and timestamp checks.

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';

/** The WebCrypto name of a digest OID, or undefined for one we do not know. */
export function digestName(oid: string): string | undefined {
  return DIGESTS[oid];
}

export async function digest(algorithmOid: string, data: Uint8Array): Promise<Uint8Array> {
  const name = digestName(algorithmOid);
  if (!name) throw new Error(`unknown digest algorithm ${algorithmOid}`);
  return new Uint8Array(await crypto.subtle.digest(name, data));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
