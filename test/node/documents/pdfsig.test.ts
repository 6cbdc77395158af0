// A sealed document as poppler's pdfsig sees it: a second, independent
// oracle beside the in-process verifier (sealed-pdf.test.ts). It must report
// the signature valid and the whole document signed, with an RSA and an EC
// certificate and with a timestamp, and must reject a copy with one byte
// changed. pdfsig is a host program: where it is missing these are skipped,
// and the reason is in the suite's name — unless PARLEY_REQUIRE_PDFSIG=1
// (set by .ci/run), where they fail (test/support/poppler.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfsig, pdfsigStatus, skipPdfsig } from '../../support/poppler';
import { verifyPades } from '../../support/pades-verifier';
import { ecSigner, loopbackTsa, sealedSample } from './sealed-sample';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'parley-pdfsig-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function write(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

describe.skipIf(skipPdfsig)(`a sealed document, checked by poppler's pdfsig (${pdfsigStatus})`, () => {
  it('"Signature is Valid" and "Total document signed", CAdES, by "Parley Development Sealing"', async () => {
    const { sealed } = await sealedSample();
    const report = await pdfsig(await write('sealed.pdf', sealed));
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signer Certificate Common Name: Parley Development Sealing');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature is Valid');
  });

  it("valid with an org's EC P-256 certificate exported by OpenSSL 3", async () => {
    const { sealed } = await sealedSample(ecSigner());
    const report = await pdfsig(await write('sealed-ec.pdf', sealed));
    expect(report).toContain('Signer Certificate Common Name: Parley Test EC Sealing');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature is Valid');
  });

  it('one byte changed inside the signed range makes it fail', async () => {
    const { sealed } = await sealedSample();
    const [, before, after, tail] = (await verifyPades(sealed)).signatures[0]!.byteRange;
    // One byte in the page content before the signature, and one in the part after it.
    for (const [name, at] of [
      ['changed-before.pdf', Math.floor(before / 2)],
      ['changed-after.pdf', after + Math.floor(tail / 2)],
    ] as const) {
      const copy = new Uint8Array(sealed);
      copy[at]! ^= 0x01;
      const report = await pdfsig(await write(name, copy));
      expect(report, name).not.toContain('Signature is Valid');
      expect(report, name).toMatch(/Digest Mismatch|Signature is Invalid|Failed|Syntax Error|Invalid/i);
    }
  });

  it('with a timestamp from an RFC 3161 TSA over HTTP, still valid', async () => {
    const tsa = await loopbackTsa();
    try {
      const { sealed } = await sealedSample({ tsaUrl: tsa.url });
      expect(tsa.seen).toHaveLength(1);
      const report = await pdfsig(await write('timestamped.pdf', sealed));
      expect(report).toContain('Total document signed');
      expect(report).toContain('Signature is Valid');
    } finally {
      await tsa.close();
    }
  });
});
