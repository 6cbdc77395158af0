// The connected app's private key, as WebCrypto needs it. Admins paste what
// openssl gave them: PKCS#8 ("BEGIN PRIVATE KEY") or, as Salesforce's own
// JWT guide makes, PKCS#1 ("BEGIN RSA PRIVATE KEY"), which is wrapped here.
import { algorithm, integer, octetString, sequence } from '../../../worker/src/documents/der';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';

function pemBody(pem: string, label: string): Uint8Array | null {
  const m = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (!m) return null;
  try {
    return Uint8Array.from(atob(m[1]!.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The RSA signing key of a PEM, or null when the text is not an RSA private key WebCrypto accepts. */
export async function importSigningKey(pem: string): Promise<CryptoKey | null> {
  const pkcs1 = pemBody(pem, 'RSA PRIVATE KEY');
  const der = pkcs1 ? sequence(integer(0), algorithm(RSA_ENCRYPTION), octetString(pkcs1)) : pemBody(pem, 'PRIVATE KEY');
  if (!der) return null;
  try {
    return await crypto.subtle.importKey('pkcs8', der as Uint8Array<ArrayBuffer>, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  } catch {
    return null;
  }
}
