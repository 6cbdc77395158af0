// A transport over a PKCS#12 file (.p12 / .pfx) and its password: the
// service's certificate or an org's own. The key is read into WebCrypto and
// signs in memory.
import { loadSignerIdentity } from '../signer-identity.ts';
import type { SealTransport } from '../seal-transport.ts';

export function pkcs12Transport(p12: Uint8Array, password: string): SealTransport {
  return { identity: () => loadSignerIdentity(p12, password) };
}
