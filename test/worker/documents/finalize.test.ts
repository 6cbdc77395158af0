import { env } from 'cloudflare:workers';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { FieldValue } from '../../../worker/src/domain/fields';
import { sha256Hex } from '../../../worker/src/documents/digest';
import { type FinalizeInput, type FinalizeStage, finalizeDocument } from '../../../worker/src/documents/finalize';
import { FlattenError, flattenDocument } from '../../../worker/src/documents/flatten';
import { pkcs12Transport } from '../../../worker/src/documents/transports/pkcs12';
import { samplePdf, sampleCertificateInfo, sampleFields, sampleValues, signaturePng } from '../../fixtures/documents';
import { objectStreamBomb } from '../../fixtures/hostile-pdfs';
import { readCms, readPdfSignature, verifySignature } from '../../fixtures/signed-pdf';

const SIGNING_TIME = new Date('2026-11-21T10:00:00Z');

async function input(values?: (fields: ReturnType<typeof sampleFields>) => Record<string, FieldValue>): Promise<FinalizeInput> {
  const p12 = Uint8Array.from(atob(env.SEAL_P12!), (c) => c.charCodeAt(0));
  const original = await samplePdf(3, { form: true });
  const fields = sampleFields(3);
  return {
    original,
    fields,
    values: values ? values(fields) : sampleValues(fields, await signaturePng()),
    attachmentNames: {},
    certificate: { ...sampleCertificateInfo(12), originalSha256: await sha256Hex(original) },
    signer: { transport: pkcs12Transport(p12, env.SEAL_P12_PASSWORD!), signingTime: SIGNING_TIME },
  };
}

/** Every text field typed in another script, so the document embeds the fallback font's other subsets. */
const otherScripts = (fields: ReturnType<typeof sampleFields>): Record<string, FieldValue> =>
  Object.fromEntries(fields.map((f, i) => [f.id, { kind: 'typed', text: ['Ἀλέξανδρος', 'Жанна Дарк', 'Nguyễn Thị'][i % 3]! } satisfies FieldValue]));

describe('finalizeDocument', () => {
  it('signs the flattened document and its certificate; the hash it prints is that of the in-progress download', async () => {
    const given = await input();
    const { sealed, finalContentSha256 } = await finalizeDocument(given);

    const inProgress = await flattenDocument(given.original, given.fields, given.values, { attachmentNames: given.attachmentNames });
    expect(finalContentSha256).toBe(await sha256Hex(inProgress));
    const cms = readCms(readPdfSignature(sealed).cms);
    expect(await verifySignature(cms, cms.certificates[0]!)).toBe(true);
    const doc = await PDFDocument.load(sealed);
    expect(doc.getPageCount()).toBeGreaterThan(3); // the document's three, then its certificate
    expect(doc.getForm().getFields().map((f) => f.getName())).toEqual(['Signature1']);
  });

  it('tells how long each stage took, once each, in order', async () => {
    const stages: [FinalizeStage, number][] = [];
    await finalizeDocument({ ...(await input()), onStage: (stage, ms) => stages.push([stage, ms]) });
    expect(stages.map(([stage]) => stage)).toEqual(['flatten', 'certificate', 'sign']);
    for (const [, ms] of stages) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('seals equal input to equal bytes, whatever other documents drew with the fonts the isolate shares', async () => {
    const given = await input();
    const before = await finalizeDocument(given);
    await finalizeDocument(await input(otherScripts)); // other glyphs, from the same parsed fonts
    const after = await finalizeDocument(given);
    expect(await sha256Hex(after.sealed)).toBe(await sha256Hex(before.sealed));
  });

  it('refuses a document past the upload guard before reading it', async () => {
    const given = await input();
    await expect(finalizeDocument({ ...given, original: objectStreamBomb() })).rejects.toThrow(FlattenError);
  });
});
