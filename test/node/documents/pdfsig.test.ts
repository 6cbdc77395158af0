// A sealed document as a standard validator sees it: poppler's pdfsig must
// report the signature valid and the whole document signed, and must reject
// a copy with one byte changed. pdfsig is a host program, so this runs in
// Node (vitest project "node"), calling the same sealing modules the Worker
// uses (pure JS). Needs poppler-utils (pdfsig, pdftotext): .ci/run installs it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devSealingCertificate } from '../../../scripts/lib/dev-certificate.mjs';
import { appendCertificatePage } from '../../../worker/src/documents/certificate-page';
import { sha256Hex } from '../../../worker/src/documents/digest';
import { flattenDocument } from '../../../worker/src/documents/flatten';
import { sealPdf, type SealSigner } from '../../../worker/src/documents/seal';
import { pkcs12Transport } from '../../../worker/src/documents/transports/pkcs12';
import { loadSignerIdentity } from '../../../worker/src/documents/signer-identity';
import { ATTACHMENT_ID, samplePdf, sampleCertificateInfo, sampleFields, sampleValues, signaturePng } from '../../fixtures/documents';
import { fakeTsa } from '../../fixtures/fake-tsa';
import { OPENSSL_EC_P256_P12_BASE64, OPENSSL_P12_PASSWORD } from '../../fixtures/openssl-p12';
import { readPdfSignature } from '../../fixtures/signed-pdf';

const run = promisify(execFile);

/** Runs a poppler tool; a missing one fails the test with how to install it. */
async function poppler(tool: 'pdfsig' | 'pdftotext', args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(tool, args, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    return stdout + stderr;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${tool} is not installed: apt-get install -y poppler-utils (see .ci/run)`);
    return `${e.stdout ?? ''}${e.stderr ?? ''}`; // pdfsig exits non-zero for some failures: its report is the answer
  }
}

let dir: string;
let signer: SealSigner;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'parley-pdfsig-'));
  const cert = devSealingCertificate();
  signer = { transport: pkcs12Transport(new Uint8Array(Buffer.from(cert.p12Base64, 'base64')), cert.password), reason: 'Completed in Parley', location: 'Parley' };
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function sealedSample(extra: Partial<SealSigner> = {}): Promise<{ sealed: Uint8Array; finalContentSha256: string }> {
  const pages = 3;
  const original = await samplePdf(pages, { form: true });
  const fields = sampleFields(pages);
  const flat = await flattenDocument(original, fields, sampleValues(fields, await signaturePng()), { attachmentNames: { [ATTACHMENT_ID]: 'passport-scan.pdf' } });
  const finalContentSha256 = await sha256Hex(flat);
  const info = { ...sampleCertificateInfo(12), originalSha256: await sha256Hex(original), finalContentSha256 };
  const sealed = await sealPdf(await appendCertificatePage(flat, info), { ...signer, ...extra });
  return { sealed, finalContentSha256 };
}

async function write(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

describe('a sealed document, checked by poppler', () => {
  it('pdfsig: "Signature is Valid" and "Total document signed"', async () => {
    const { sealed } = await sealedSample();
    const report = await poppler('pdfsig', [await write('sealed.pdf', sealed)]);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signer Certificate Common Name: Parley Development Sealing');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature is Valid');
  });

  it("pdfsig: valid with an org's EC P-256 certificate exported by OpenSSL 3", async () => {
    const { sealed } = await sealedSample({ transport: pkcs12Transport(new Uint8Array(Buffer.from(OPENSSL_EC_P256_P12_BASE64, 'base64')), OPENSSL_P12_PASSWORD) });
    const report = await poppler('pdfsig', [await write('sealed-ec.pdf', sealed)]);
    expect(report).toContain('Signer Certificate Common Name: Parley Test EC Sealing');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature is Valid');
  });

  it('pdfsig: one byte changed inside the signed range makes it fail', async () => {
    const { sealed } = await sealedSample();
    const [, before, after, tail] = readPdfSignature(sealed).byteRange;
    // One byte in the page content before the signature, and one in the part after it.
    for (const [name, at] of [
      ['changed-before.pdf', Math.floor(before / 2)],
      ['changed-after.pdf', after + Math.floor(tail / 2)],
    ] as const) {
      const copy = new Uint8Array(sealed);
      copy[at] = copy[at]! ^ 0x01;
      const report = await poppler('pdfsig', [await write(name, copy)]);
      expect(report, name).not.toContain('Signature is Valid');
      expect(report, name).toMatch(/Digest Mismatch|Signature is Invalid|Failed|Syntax Error|Invalid/i);
    }
  });

  it('pdftotext: the values and the certificate are in the document as text', async () => {
    const { sealed, finalContentSha256 } = await sealedSample();
    const text = await poppler('pdftotext', ['-layout', await write('text.pdf', sealed), '-']);
    for (const expected of [
      'Dana Łukasiewicz-Demo',
      '2026-11-21',
      'dana.demo@example.com',
      '+14155550123',
      '1250.50',
      'Yearly',
      'Attached: passport-scan.pdf',
      'Delivery to the back door',
      'Certificate of completion',
      finalContentSha256,
      '2026-11-21 09:03:00 UTC',
      'IP 203.0.113.1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('A value typed into the original form'); // the original form's own value, flattened
  });

  it('with a timestamp from an RFC 3161 TSA over HTTP, pdfsig still reports it valid', async () => {
    const cert = devSealingCertificate();
    const tsa = fakeTsa(await loadSignerIdentity(new Uint8Array(Buffer.from(cert.p12Base64, 'base64')), cert.password));
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
    try {
      const { port } = server.address() as { port: number };
      const { sealed } = await sealedSample({ tsaUrl: `http://127.0.0.1:${port}/tsa` });
      expect(tsa.seen).toHaveLength(1);
      expect(contentType).toBe('application/timestamp-query');
      const report = await poppler('pdfsig', [await write('timestamped.pdf', sealed)]);
      expect(report).toContain('Total document signed');
      expect(report).toContain('Signature is Valid');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
