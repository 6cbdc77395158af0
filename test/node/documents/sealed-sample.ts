// A document sealed the way the Worker seals one (finalizeDocument), for the
// Node tests that check it from outside: the sample form flattened with every
// kind of value, its certificate of completion appended, then sealed with the
// development certificate (or another signer). Also a loopback RFC 3161 timestamp
// authority over HTTP, for seals that carry a timestamp.
import { createServer, type Server } from 'node:http';
import { devSealingCertificate } from '../../../scripts/lib/dev-certificate.mjs';
import { sha256Hex } from '../../../worker/src/documents/digest';
import { finalizeDocument } from '../../../worker/src/documents/finalize';
import type { SealSigner } from '../../../worker/src/documents/seal';
import { loadSignerIdentity } from '../../../worker/src/documents/signer-identity';
import { pkcs12Transport } from '../../../worker/src/documents/transports/pkcs12';
import { ATTACHMENT_ID, samplePdf, sampleCertificateInfo, sampleFields, sampleValues, signaturePng } from '../../fixtures/documents';
import { fakeTsa } from '../../fixtures/fake-tsa';
import { OPENSSL_EC_P256_P12_BASE64, OPENSSL_P12_PASSWORD } from '../../fixtures/openssl-p12';

const fromBase64 = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

/** The development sealing certificate ("Parley Development Sealing", RSA). */
export function devSigner(): SealSigner {
  const cert = devSealingCertificate();
  return { transport: pkcs12Transport(fromBase64(cert.p12Base64), cert.password), reason: 'Completed in Parley', location: 'Parley' };
}

/** An org's own EC P-256 certificate exported by OpenSSL 3 ("Parley Test EC Sealing"). */
export function ecSigner(): Partial<SealSigner> {
  return { transport: pkcs12Transport(fromBase64(OPENSSL_EC_P256_P12_BASE64), OPENSSL_P12_PASSWORD) };
}

export interface SealedSample {
  sealed: Uint8Array;
  /** The flattened document's hash, printed on the certificate page. */
  finalContentSha256: string;
}

export async function sealedSample(extra: Partial<SealSigner> = {}): Promise<SealedSample> {
  const pages = 3;
  const original = await samplePdf(pages, { form: true });
  const fields = sampleFields(pages);
  return finalizeDocument({
    original,
    fields,
    values: sampleValues(fields, await signaturePng()),
    attachmentNames: { [ATTACHMENT_ID]: 'passport-scan.pdf' },
    certificate: { ...sampleCertificateInfo(12), originalSha256: await sha256Hex(original) },
    signer: { ...devSigner(), ...extra },
  });
}

export interface LoopbackTsa {
  url: string;
  /** The requests it answered. */
  seen: ReturnType<typeof fakeTsa>['seen'];
  /** The Content-Type of the last request. */
  lastContentType(): string;
  close(): Promise<void>;
}

/** The test TSA (test/fixtures/fake-tsa.ts, signing with the development certificate) behind http://127.0.0.1:<free port>/tsa. */
export async function loopbackTsa(time?: Date): Promise<LoopbackTsa> {
  const cert = devSealingCertificate();
  const tsa = fakeTsa(await loadSignerIdentity(fromBase64(cert.p12Base64), cert.password), { time });
  let contentType = '';
  const server: Server = createServer((req, res) => {
    contentType = req.headers['content-type'] ?? '';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      tsa
        .answer(new Uint8Array(Buffer.concat(chunks)))
        .then((body) => res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(Buffer.from(body)))
        .catch((err: Error) => res.writeHead(400).end(err.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    seen: tsa.seen,
    lastContentType: () => contentType,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
