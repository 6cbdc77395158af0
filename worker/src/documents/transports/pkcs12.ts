// A transport over a PKCS#12 file (.p12 / .pfx) and its password: the
// service's certificate or an org's own. The key is read into WebCrypto and
// signs in memory.
import { sha256Hex } from '../digest.ts';
import { loadSignerIdentity, type SignerIdentity } from '../signer-identity.ts';
import type { SealTransport } from '../seal-transport.ts';

/**
 * Identities this isolate has opened, by a digest of the file and its
 * password. Opening one runs PKCS#12's key derivation (thousands of SHA-1
 * rounds in JS): once per certificate, not once per seal. A new file or
 * password is another entry; a failed one is not kept.
 */
const opened = new Map<string, Promise<SignerIdentity>>();
/** The service's certificate and the orgs sealing at the moment. */
const KEEP = 16;

export function pkcs12Transport(p12: Uint8Array, password: string): SealTransport {
  return {
    async identity() {
      const password8 = new TextEncoder().encode(password);
      const keyed = new Uint8Array(p12.length + 1 + password8.length); // the file's DER ends where it says: no ambiguity before the 0
      keyed.set(p12);
      keyed.set(password8, p12.length + 1);
      const key = await sha256Hex(keyed);
      let identity = opened.get(key);
      if (!identity) {
        identity = loadSignerIdentity(p12, password);
        opened.set(key, identity);
        identity.catch(() => opened.delete(key));
        if (opened.size > KEEP) opened.delete(opened.keys().next().value!);
      }
      return identity;
    },
  };
}
