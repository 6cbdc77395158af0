// Where the sealing key lives is a transport the sealing code never sees
// (the habit of Documenso's packages/signing): a PKCS#12 file in hand today
// (the service's certificate, or an org's own), an HSM or a remote signing
// service later. A transport hands over the certificates to embed and signs
// the digest CMS asks for; sealPdf (seal.ts) does everything else.
import type { SignerIdentity } from './signer-identity.ts';

export interface SealTransport {
  /** The signing certificate, its chain, and a signer for SHA-256 digests. */
  identity(): Promise<SignerIdentity>;
}
