// A sealed document as a validator sees it, checked in-process on every
// machine: the PAdES verifier (test/support/pades-verifier.ts, pkijs, no code
// shared with the sealing) must find the signature valid and the whole
// document signed, and reject a copy with one byte changed; pdf.js must read
// the filled-in values and the certificate page as text. This runs in Node
// (vitest project "node"), calling the same sealing modules the Worker uses
// (pure JS). poppler's pdfsig repeats the signature checks where it is
// installed: pdfsig.test.ts.
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../support/pdf-text';
import { verifyPades } from '../../support/pades-verifier';
import { ecSigner, loopbackTsa, sealedSample } from './sealed-sample';

describe('a sealed document, checked in-process', () => {
  it('is valid, totally signed, CAdES, by "Parley Development Sealing", with the claimed signing time', async () => {
    const signingTime = new Date('2026-11-21T09:12:00Z');
    const { sealed } = await sealedSample({ signingTime });
    const report = await verifyPades(sealed);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({
      valid: true,
      totalDocumentSigned: true,
      subFilter: 'ETSI.CAdES.detached',
      signerCommonName: 'Parley Development Sealing',
      signerKey: 'RSA 2048',
    });
    expect(report.signingTime).toEqual(signingTime);
    expect(report.signatures).toHaveLength(1);
  });

  it("is valid with an org's EC P-256 certificate exported by OpenSSL 3", async () => {
    const { sealed } = await sealedSample(ecSigner());
    const report = await verifyPades(sealed);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ valid: true, totalDocumentSigned: true, signerCommonName: 'Parley Test EC Sealing', signerKey: 'EC P-256' });
  });

  it('one byte changed inside the signed range, before or after the signature, makes it invalid', async () => {
    const { sealed } = await sealedSample();
    const [, before, after, tail] = (await verifyPades(sealed)).signatures[0]!.byteRange;
    for (const at of [Math.floor(before / 2), after + Math.floor(tail / 2)]) {
      const copy = new Uint8Array(sealed);
      copy[at]! ^= 0x01;
      const report = await verifyPades(copy);
      expect(report.valid, `byte ${at}`).toBe(false);
      expect(report.problems.join('\n'), `byte ${at}`).toMatch(/message-digest attribute .* is not the SHA-256 of the signed bytes/);
    }
  });

  it('with a timestamp from an RFC 3161 TSA over HTTP: valid, and the timestamp valid with its time', async () => {
    const tsaTime = new Date('2026-11-21T09:12:30Z');
    const tsa = await loopbackTsa(tsaTime);
    try {
      const { sealed } = await sealedSample({ tsaUrl: tsa.url });
      expect(tsa.seen).toHaveLength(1);
      expect(tsa.lastContentType()).toBe('application/timestamp-query');
      const report = await verifyPades(sealed);
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ valid: true, totalDocumentSigned: true });
      expect(report.timestamp).toEqual({ valid: true, genTime: tsaTime, authorityCommonName: 'Parley Development Sealing', problems: [] });
    } finally {
      await tsa.close();
    }
  });

  it('the values and the certificate are in the document as text', async () => {
    const { sealed, finalContentSha256 } = await sealedSample();
    const text = await pdfText(sealed);
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
});
