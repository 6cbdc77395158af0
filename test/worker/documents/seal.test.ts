import { env } from 'cloudflare:workers';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import * as der from '../../../worker/src/documents/der';
import { CMS_OID } from '../../../worker/src/documents/cades';
import { appendCertificatePage } from '../../../worker/src/documents/certificate-page';
import { sha256 } from '../../../worker/src/documents/digest';
import { flattenDocument } from '../../../worker/src/documents/flatten';
import { sealPdf, type SealSigner } from '../../../worker/src/documents/seal';
import { loadSignerIdentity, SignerIdentityError } from '../../../worker/src/documents/signer-identity';
import { pkcs12Transport } from '../../../worker/src/documents/transports/pkcs12';
import { TimestampError } from '../../../worker/src/documents/timestamp';
import { samplePdf, sampleCertificateInfo, sampleFields, sampleValues, signaturePng } from '../../fixtures/documents';
import { fakeTsa } from '../../fixtures/fake-tsa';
import { OPENSSL_EC_P256_P12_BASE64, OPENSSL_P12_PASSWORD, OPENSSL_RSA_P12_BASE64 } from '../../fixtures/openssl-p12';
import { readCms, readPdfSignature, verifySignature } from '../../fixtures/signed-pdf';

const SIGNING_TIME = new Date('2026-11-21T10:00:00Z');

function devCertificate() {
  if (!env.SEAL_P12 || !env.SEAL_P12_PASSWORD) throw new Error('the test config passes the development sealing certificate (SEAL_P12)');
  return { p12: Uint8Array.from(atob(env.SEAL_P12), (c) => c.charCodeAt(0)), password: env.SEAL_P12_PASSWORD };
}

function devSigner(extra: Partial<SealSigner> = {}): SealSigner {
  const { p12, password } = devCertificate();
  return { transport: pkcs12Transport(p12, password), signingTime: SIGNING_TIME, ...extra };
}

async function finalDocument(pages = 3): Promise<Uint8Array> {
  const fields = sampleFields(pages);
  const flat = await flattenDocument(await samplePdf(pages, { form: true }), fields, sampleValues(fields, await signaturePng()));
  return appendCertificatePage(flat, sampleCertificateInfo(12));
}

describe('sealPdf', () => {
  it('signs the whole file, PAdES ETSI.CAdES.detached, with a signature that verifies', async () => {
    const input = await finalDocument();
    const sealed = await sealPdf(input, devSigner());
    const sig = readPdfSignature(sealed);

    expect(sig.subFilter).toBe('ETSI.CAdES.detached');
    // The byte range is the whole file except the /Contents hex string.
    const [a, b, c, d] = sig.byteRange;
    expect(a).toBe(0);
    expect(c + d).toBe(sealed.length);
    expect(sealed[b]).toBe('<'.charCodeAt(0));
    expect(sealed[c - 1]).toBe('>'.charCodeAt(0));

    const cms = readCms(sig.cms);
    expect(cms.contentType).toBe(CMS_OID.data);
    expect(cms.digestAlgorithm).toBe(CMS_OID.sha256);
    // message-digest is the SHA-256 of exactly the signed bytes.
    expect(cms.signedAttributes.get(CMS_OID.messageDigest)!.value).toEqual(await sha256(sig.signedBytes));
    // signing-certificate-v2 (PAdES baseline) names the embedded certificate by its SHA-256.
    const signingCert = cms.signedAttributes.get(CMS_OID.signingCertificateV2)!;
    const essCertId = der.children(der.children(signingCert)[0]!)[0]!;
    expect(der.children(essCertId)[0]!.value).toEqual(await sha256(cms.certificates[0]!));
    // PAdES: the claimed time is the dictionary's /M, never a signing-time attribute.
    expect(cms.signedAttributes.has('1.2.840.113549.1.9.5')).toBe(false);
    expect(await verifySignature(cms, cms.certificates[0]!)).toBe(true);

    // Still a readable PDF with the same pages, now with one signature field.
    const doc = await PDFDocument.load(sealed);
    expect(doc.getPageCount()).toBe((await PDFDocument.load(input)).getPageCount());
    expect(doc.getForm().getFields().map((f) => f.getName())).toEqual(['Signature1']);
  });

  it('is repeatable: the same input, certificate and time seal to the same bytes', async () => {
    const input = await finalDocument(2);
    const one = await sealPdf(input, devSigner());
    const two = await sealPdf(input, devSigner());
    expect(one.length).toBe(two.length);
    expect(await sha256(one)).toEqual(await sha256(two));
  });

  it('names the signer after the certificate unless told otherwise', async () => {
    const input = await samplePdf(1);
    const text = (bytes: Uint8Array) => String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 200_000)));
    expect(text(await sealPdf(input, devSigner()))).toContain('/Name (Parley Development Sealing)');
    expect(text(await sealPdf(input, devSigner({ name: 'Demo Org', reason: 'Completed in Parley', location: 'Parley' })))).toContain('/Name (Demo Org)');
  });

  it('seals a 200-page document', async () => {
    const input = await samplePdf(200);
    const sealed = await sealPdf(input, devSigner());
    const sig = readPdfSignature(sealed);
    expect(sig.byteRange[2] + sig.byteRange[3]).toBe(sealed.length);
    expect(readCms(sig.cms).signedAttributes.get(CMS_OID.messageDigest)!.value).toEqual(await sha256(sig.signedBytes));
    expect((await PDFDocument.load(sealed)).getPageCount()).toBe(200);
  });

  it("seals with an org's own certificate exported by OpenSSL 3 (AES, SHA-256 MAC): RSA and EC P-256", async () => {
    const input = await samplePdf(1);
    for (const [b64, name, algorithm] of [
      [OPENSSL_RSA_P12_BASE64, 'Parley Test RSA (OpenSSL 3)', '1.2.840.113549.1.1.1'],
      [OPENSSL_EC_P256_P12_BASE64, 'Parley Test EC Sealing', '1.2.840.10045.4.3.2'],
    ] as const) {
      const p12 = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const sealed = await sealPdf(input, { transport: pkcs12Transport(p12, OPENSSL_P12_PASSWORD), signingTime: SIGNING_TIME });
      const sig = readPdfSignature(sealed);
      const cms = readCms(sig.cms);
      expect(cms.signatureAlgorithm, name).toBe(algorithm);
      expect(cms.signedAttributes.get(CMS_OID.messageDigest)!.value).toEqual(await sha256(sig.signedBytes));
      expect(await verifySignature(cms, cms.certificates[0]!), name).toBe(true);
      expect((await loadSignerIdentity(p12, OPENSSL_P12_PASSWORD)).commonName).toBe(name);
    }
  });

  it('refuses a wrong password or a file that is no PKCS#12', async () => {
    const input = await samplePdf(1);
    await expect(sealPdf(input, devSigner({ transport: pkcs12Transport(devCertificate().p12, 'wrong') }))).rejects.toThrow(SignerIdentityError);
    await expect(sealPdf(input, devSigner({ transport: pkcs12Transport(new Uint8Array([1, 2, 3]), devCertificate().password) }))).rejects.toThrow(/cannot be opened/);
  });
});

describe('sealPdf with a timestamp authority (RFC 3161)', () => {
  async function tsa(options = {}) {
    const identity = await loadSignerIdentity(devCertificate().p12, devCertificate().password);
    return fakeTsa(identity, options);
  }

  it('asks the TSA for a token over the signature value and adds it as id-aa-timeStampToken', async () => {
    const authority = await tsa({ time: new Date('2026-11-21T10:00:05Z') });
    const sealed = await sealPdf(await samplePdf(2), devSigner({ tsaUrl: 'https://tsa.test/rfc3161', fetch: authority.fetch }));

    expect(authority.seen).toHaveLength(1);
    const request = authority.seen[0]!;
    expect(request.hashAlgorithm).toBe(CMS_OID.sha256);
    expect(request.certReq).toBe(true);
    expect(request.nonce).toBeTypeOf('bigint');

    const cms = readCms(readPdfSignature(sealed).cms);
    expect(request.digest).toEqual(await sha256(cms.signature));
    const token = cms.unsignedAttributes.get(CMS_OID.timeStampToken);
    expect(token).toBeDefined();
    const tokenContents = readCms(token!.der);
    expect(tokenContents.contentType).toBe(CMS_OID.tstInfo);
    const imprint = der.children(der.children(der.read(tokenContents.content!))[2]!)[1]!;
    expect(imprint.value).toEqual(await sha256(cms.signature));
    expect(await verifySignature(cms, cms.certificates[0]!)).toBe(true);
  });

  it('fails the seal when the TSA refuses or answers for other data', async () => {
    const input = await samplePdf(1);
    const refusing = await tsa({ status: 2 });
    await expect(sealPdf(input, devSigner({ tsaUrl: 'https://tsa.test', fetch: refusing.fetch }))).rejects.toThrow(/refused \(status 2: request refused/);
    const broken = await tsa({ wrongImprint: true });
    await expect(sealPdf(input, devSigner({ tsaUrl: 'https://tsa.test', fetch: broken.fetch }))).rejects.toThrow(TimestampError);
    const down = (async () => new Response('no', { status: 503 })) as unknown as typeof fetch;
    await expect(sealPdf(input, devSigner({ tsaUrl: 'https://tsa.test', fetch: down }))).rejects.toThrow(/answered HTTP 503/);
  });
});
