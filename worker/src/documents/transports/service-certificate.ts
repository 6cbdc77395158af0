// The service's own sealing certificate: SEAL_P12 (a PKCS#12 file, base64)
// and SEAL_P12_PASSWORD, Worker secrets (a development one under npm start
// and the tests). Used for every org that has not given its own.
import type { SealTransport } from '../seal-transport.ts';
import { pkcs12Transport } from './pkcs12.ts';

export class NoSealingCertificateError extends Error {
  override name = 'NoSealingCertificateError';
}

export function serviceCertificateTransport(env: { SEAL_P12?: string | undefined; SEAL_P12_PASSWORD?: string | undefined }): SealTransport {
  if (!env.SEAL_P12 || env.SEAL_P12_PASSWORD === undefined) throw new NoSealingCertificateError('no sealing certificate configured (SEAL_P12)');
  const p12 = Uint8Array.from(atob(env.SEAL_P12), (ch) => ch.charCodeAt(0));
  return pkcs12Transport(p12, env.SEAL_P12_PASSWORD, "Parley's certificate");
}
