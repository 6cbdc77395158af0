// The service's own sealing certificate: SEAL_P12 (a PKCS#12 file, base64)
// and SEAL_P12_PASSWORD, Worker secrets (a development one under npm start
// and the tests). Used for every org that has not given its own.
import { fromBase64 } from '../../auth/crypto.ts';
import type { SealTransport } from '../seal-transport.ts';
import { pkcs12Transport } from './pkcs12.ts';

export function serviceCertificateTransport(env: { SEAL_P12?: string | undefined; SEAL_P12_PASSWORD?: string | undefined }): SealTransport {
  // Nobody tells this apart from other sealing failures: the seal is logged with the reason and tried again later.
  if (!env.SEAL_P12 || env.SEAL_P12_PASSWORD === undefined) throw new Error('no sealing certificate configured (SEAL_P12)');
  return pkcs12Transport(fromBase64(env.SEAL_P12), env.SEAL_P12_PASSWORD);
}
