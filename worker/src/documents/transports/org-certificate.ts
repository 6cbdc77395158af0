// An org's own sealing certificate, as its admin uploaded it (stored
// encrypted in D1: directory/org-sealing.ts).
import type { SealTransport } from '../seal-transport.ts';
import { pkcs12Transport } from './pkcs12.ts';

export function orgCertificateTransport(certificate: { p12: Uint8Array; password: string }): SealTransport {
  return pkcs12Transport(certificate.p12, certificate.password, "the org's own certificate");
}
