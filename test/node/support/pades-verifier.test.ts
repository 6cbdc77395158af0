// The in-process PAdES verifier (test/support/pades-verifier.ts) must tell a
// good signature from each way one goes wrong, or the tests that rely on it
// prove nothing. Faults are built one at a time: a Parley seal with a byte
// changed, or the same PDF re-signed by pkijs (resign-pdf.ts) with exactly
// one thing wrong and everything else valid.
import { beforeAll, describe, expect, it } from 'vitest';
import { devSealingCertificate } from '../../../scripts/lib/dev-certificate.mjs';
import { loadSignerIdentity } from '../../../worker/src/documents/signer-identity';
import { fakeTsa } from '../../fixtures/fake-tsa';
import { parsePdfDate } from '../../support/pades/signature-dictionaries';
import { verifyPades } from '../../support/pades-verifier';
import { sealedSample } from '../documents/sealed-sample';
import { makeResigner, RESIGNER_COMMON_NAME, resignPdf, timestampRequest, tokenOf, type Resigner } from './resign-pdf';

const SIGNING_TIME = new Date('2026-11-21T09:12:00Z');
const TSA_TIME = new Date('2026-11-21T09:12:30Z');

let sealed: Uint8Array;
let byteRange: [number, number, number, number];
let resigner: Resigner;
let tsa: ReturnType<typeof fakeTsa>;

/** A token from the test TSA for `data` (the signature value, when honest). */
const stamp = async (data: Uint8Array): Promise<Uint8Array> => tokenOf(await tsa.answer(await timestampRequest(data)));

function flip(pdf: Uint8Array, at: number): Uint8Array {
  const copy = new Uint8Array(pdf);
  copy[at]! ^= 0x01;
  return copy;
}

beforeAll(async () => {
  sealed = (await sealedSample({ signingTime: SIGNING_TIME })).sealed;
  const report = await verifyPades(sealed);
  byteRange = report.signatures[0]!.byteRange;
  resigner = await makeResigner();
  const cert = devSealingCertificate();
  tsa = fakeTsa(await loadSignerIdentity(new Uint8Array(Buffer.from(cert.p12Base64, 'base64')), cert.password), { time: TSA_TIME });
});

describe('the PAdES verifier, on good signatures', () => {
  it("accepts Parley's seal: valid, whole document, CAdES, the signer's name, key and claimed time", async () => {
    const report = await verifyPades(sealed);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({
      valid: true,
      totalDocumentSigned: true,
      subFilter: 'ETSI.CAdES.detached',
      signerCommonName: 'Parley Development Sealing',
      signerKey: 'RSA 2048',
    });
    expect(report.signingTime).toEqual(SIGNING_TIME);
    expect(report.timestamp).toBeUndefined();
    expect(report.signatures).toHaveLength(1);
  });

  it('accepts a signature made by another implementation (pkijs, EC P-256) over the same ranges', async () => {
    const report = await verifyPades(await resignPdf(sealed, resigner));
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ valid: true, totalDocumentSigned: true, signerCommonName: RESIGNER_COMMON_NAME, signerKey: 'EC P-256' });
  });

  it('accepts a timestamp of the signature value and reports its time and authority', async () => {
    const report = await verifyPades(await resignPdf(sealed, resigner, { timestamp: stamp }));
    expect(report.problems).toEqual([]);
    expect(report.timestamp).toEqual({ valid: true, genTime: TSA_TIME, authorityCommonName: 'Parley Development Sealing', problems: [] });
  });
});

describe('the PAdES verifier, on each fault', () => {
  it('rejects one byte changed before the signature and one after it', async () => {
    const [, before, after, tail] = byteRange;
    for (const at of [Math.floor(before / 2), after + Math.floor(tail / 2)]) {
      const report = await verifyPades(flip(sealed, at));
      expect(report.valid, `byte ${at}`).toBe(false);
      expect(report.problems.join('\n')).toMatch(/message-digest attribute .* is not the SHA-256 of the signed bytes/);
    }
  });

  it('rejects a signature value that does not verify with the certificate', async () => {
    const report = await verifyPades(await resignPdf(sealed, resigner, { corruptSignature: true }));
    expect(report.valid).toBe(false);
    expect(report.problems).toEqual([`signature 1: the signature does not verify with the certificate of ${RESIGNER_COMMON_NAME}`]);
  });

  it("rejects a signing-certificate-v2 attribute that names another certificate's hash, and a missing one", async () => {
    const wrong = await verifyPades(await resignPdf(sealed, resigner, { signingCertificate: 'other' }));
    expect(wrong.valid).toBe(false);
    expect(wrong.problems).toHaveLength(1);
    expect(wrong.problems[0]).toMatch(/signing-certificate-v2 attribute names a certificate with hash [0-9a-f]{64}, not the signer's/);

    const missing = await verifyPades(await resignPdf(sealed, resigner, { signingCertificate: 'none' }));
    expect(missing.problems).toEqual(['signature 1: there is no signing-certificate(-v2) signed attribute']);
  });

  it('rejects byte ranges that leave a gap beside /Contents, though the signature over them is valid', async () => {
    const [a, b, c, d] = byteRange;
    const report = await verifyPades(await resignPdf(sealed, resigner, { byteRange: [a, b - 10, c, d] }));
    expect(report.valid).toBe(false);
    expect(report.problems).toEqual([
      `signature 1: bytes ${b - 10}–${c - 1} are left unsigned but are not only the /Contents hex string: a gap in the signed ranges`,
    ]);
  });

  it('rejects ranges that do not start at the first byte', async () => {
    const [, b, c, d] = byteRange;
    const report = await verifyPades(await resignPdf(sealed, resigner, { byteRange: [5, b - 5, c, d] }));
    expect(report.valid).toBe(false);
    expect(report.problems.join('\n')).toContain('the signed range starts at byte 5');
  });

  it('says "not total document signed" when bytes are appended after the signature, which itself stays valid', async () => {
    const appended = new Uint8Array([...sealed, ...new TextEncoder().encode('\n% added after sealing\n')]);
    const report = await verifyPades(appended);
    expect(report.valid).toBe(true);
    expect(report.totalDocumentSigned).toBe(false);
  });

  it('rejects a timestamp of other data, and a timestamp token changed after the authority signed it', async () => {
    const other = await verifyPades(await resignPdf(sealed, resigner, { timestamp: () => stamp(new TextEncoder().encode('something else')) }));
    expect(other.valid).toBe(false);
    expect(other.timestamp?.valid).toBe(false);
    expect(other.problems).toHaveLength(1);
    expect(other.problems[0]).toMatch(/timestamp's message imprint .* is not the SHA-256 of the signature value/);

    // The generation time, one second later, in the token's TSTInfo: the authority's signature no longer holds.
    const tampered = async (signature: Uint8Array): Promise<Uint8Array> => {
      const token = await stamp(signature);
      const text = Array.from(token, (x) => String.fromCharCode(x)).join('');
      const at = text.indexOf('20261121091230Z');
      expect(at).toBeGreaterThan(0);
      const copy = new Uint8Array(token);
      copy[at + 13] = '1'.charCodeAt(0);
      return copy;
    };
    const changed = await verifyPades(await resignPdf(sealed, resigner, { timestamp: tampered }));
    expect(changed.valid).toBe(false);
    expect(changed.timestamp?.valid).toBe(false);
    expect(changed.problems.join('\n')).toMatch(/timestamp: the message-digest attribute .* is not the SHA-256 of the signed bytes/);
  });

  it('rejects a file without a signature, and /Contents that holds no CMS', async () => {
    const none = await verifyPades(new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n'));
    expect(none).toMatchObject({ valid: false, totalDocumentSigned: false, problems: ['the file has no signature (/ByteRange)'] });

    const [, b] = byteRange;
    const garbled = new Uint8Array(sealed);
    garbled.set(new TextEncoder().encode('0401ff'), b + 1); // an OCTET STRING, not a ContentInfo
    const report = await verifyPades(garbled);
    expect(report.valid).toBe(false);
    expect(report.problems.join('\n')).toMatch(/CMS in \/Contents cannot be read|\/Contents has bytes other than zero padding/);
  });
});

describe('PDF dates', () => {
  it('reads UTC, offsets and short forms', () => {
    expect(parsePdfDate('D:20261121091200Z')).toEqual(new Date('2026-11-21T09:12:00Z'));
    expect(parsePdfDate("D:20261121101200+01'00'")).toEqual(new Date('2026-11-21T09:12:00Z'));
    expect(parsePdfDate("D:20261121041200-05'00")).toEqual(new Date('2026-11-21T09:12:00Z'));
    expect(parsePdfDate('D:2026')).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(parsePdfDate('21 Nov 2026')).toBeUndefined();
  });
});
