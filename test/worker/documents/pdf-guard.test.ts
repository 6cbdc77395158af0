// The PDF guard: hostile files refused with a 422 naming the limit, in well
// under a second, before pdf-lib reads them; ordinary files pass untouched
// (and mostly without a stream decoded).
import { PDFDict, PDFDocument, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { guardPdf, PDF_GUARD_LIMITS } from '../../../worker/src/documents/pdf-guard';
import { inspectPdf } from '../../../worker/src/documents/inspect-pdf';
import { samplePdf } from '../../fixtures/documents';
import {
  deepNesting,
  doubleDeflateBomb,
  exponentialPageTree,
  hugePageTree,
  junkBefore,
  manyObjects,
  manySmallBombs,
  objectStreamBomb,
  pageTreeLoop,
  plainPdf,
  plainStreamBomb,
  referenceLoop,
  selfReferencingLength,
  writePdf,
} from '../../fixtures/hostile-pdfs';
import { makePdf } from '../../helpers/pdf';

const MB = 1024 * 1024;

/** Runs the guard and says how long it took. */
function timed(bytes: Uint8Array) {
  const started = performance.now();
  const result = guardPdf(bytes);
  return { result, ms: performance.now() - started };
}

function expectRefused(bytes: Uint8Array, code: string, message: RegExp) {
  const { result, ms } = timed(bytes);
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (result.ok) return;
  expect(result.status).toBe(422);
  expect(result.code).toBe(code);
  expect(result.message).toMatch(message);
  expect(ms).toBeLessThan(1000);
}

describe('ordinary documents pass', () => {
  it('pdf-lib documents, with and without object streams and forms, pass and decode no stream', async () => {
    for (const bytes of [plainPdf(), await makePdf(3), await samplePdf(5, { form: true }), await samplePdf(40)]) {
      const { result } = timed(bytes);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (!result.ok) continue;
      // Only object streams are read; every other stream is too small to pass the budget whatever it holds.
      const doc = await PDFDocument.load(bytes);
      expect(result.value.pages).toBe(doc.getPageCount());
    }
    const withObjectStreams = await (await PDFDocument.load(await samplePdf(3, { form: true }))).save({ useObjectStreams: true });
    const { result } = timed(withObjectStreams);
    expect(result.ok && result.value.decodedStreams).toBeGreaterThan(0);
    expect(result.ok && result.value.pages).toBe(3);
  });

  it('a plain document decodes none of its streams', async () => {
    const result = guardPdf(await makePdf(3));
    expect(result.ok && result.value).toMatchObject({ decodedStreams: 0, pages: 3 });
  });

  it('a bomb built the same way but under the limits is a valid PDF, and passes', async () => {
    for (const bytes of [objectStreamBomb(1 * MB), plainStreamBomb(1 * MB), await doubleDeflateBomb(1 * MB)]) {
      const { result } = timed(bytes);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    }
  });

  it('a /Length that refers to its own stream is no loop: the data ends at "endstream"', async () => {
    expect(guardPdf(selfReferencingLength()).ok).toBe(true);
  });
});

describe('decompression bombs are refused before anything inflates them', () => {
  it('an object stream that inflates to 400 MB (the reported file, ~400 KB)', () => {
    const bomb = objectStreamBomb();
    expect(bomb.length).toBeLessThan(420 * 1024);
    expectRefused(bomb, 'pdf_too_complex', /^file: the PDF's object streams inflate to more than 16 MB \(limit 16 MB; object 2\)$/);
  });

  it('an object stream just over 16 MB is refused; just under passes', () => {
    expectRefused(objectStreamBomb(16 * MB + 1024), 'pdf_too_complex', /object streams inflate to more than 16 MB/);
    expect(guardPdf(objectStreamBomb(16 * MB - 1024)).ok).toBe(true);
  });

  it('a page content stream that inflates to 400 MB', () => {
    expectRefused(plainStreamBomb(), 'pdf_too_complex', /^file: a stream of the PDF \(object 4\) inflates to more than 64 MB \(limit 64 MB per stream\)$/);
  });

  it('one stream just over 64 MB is refused; just under passes', () => {
    expectRefused(plainStreamBomb(64 * MB + 1024), 'pdf_too_complex', /inflates to more than 64 MB/);
    expect(guardPdf(plainStreamBomb(64 * MB - 1024)).ok).toBe(true);
  });

  it('an object stream bomb behind junk that opens a string (pdf-lib skips the junk and inflates the stream)', async () => {
    // pdf-lib reads past the junk and inflates the object stream: object 3 (the page) lives only in there.
    const hidden = await PDFDocument.load(junkBefore(objectStreamBomb(1 * MB), 2));
    expect(hidden.context.lookup(PDFRef.of(3))).toBeInstanceOf(PDFDict);
    expectRefused(junkBefore(objectStreamBomb(), 2), 'pdf_too_complex', /object streams inflate to more than 16 MB/);
  });

  it('a stream deflated twice, the inner layer a bomb', async () => {
    expectRefused(await doubleDeflateBomb(), 'pdf_too_complex', /inflates to more than 64 MB/);
  });

  it('many streams each under 64 MB that together pass 256 MB', () => {
    expectRefused(manySmallBombs(5, 60 * MB), 'pdf_too_complex', /^file: the PDF inflates to more than 256 MB \(limit 256 MB for all its streams\)$/);
    expect(guardPdf(manySmallBombs(4, 60 * MB)).ok).toBe(true);
  });
});

describe('structure that makes a reader loop or recurse', () => {
  it('arrays or dictionaries nested more than 64 deep', () => {
    // The page dictionary is one level; its /Deep entry adds `depth` more.
    expect(guardPdf(deepNesting(63)).ok).toBe(true);
    expectRefused(deepNesting(64), 'pdf_too_complex', /^file: the PDF nests arrays or dictionaries more than 64 levels deep \(limit 64\)$/);
    expectRefused(deepNesting(500_000), 'pdf_too_complex', /more than 64 levels deep/);
    expectRefused(deepNesting(100_000, '<< /A '), 'pdf_too_complex', /more than 64 levels deep/);
  });

  it('a ring of references', () => {
    expectRefused(referenceLoop(), 'pdf_too_complex', /^file: the PDF has a reference loop: object 4 → 5 → 6 → 4$/);
  });

  it('a page tree that points back at its root', () => {
    expectRefused(pageTreeLoop(), 'pdf_too_complex', /^file: the PDF's page tree loops or lists a node twice \(object 2\)$/);
  });

  it('a page tree of 40 levels listing each child twice (2^40 pages in a few KB)', () => {
    expectRefused(exponentialPageTree(40), 'pdf_too_complex', /page tree loops or lists a node twice/);
  });

  it('a page whose /Parent chain loops', () => {
    const pdf = writePdf([
      { body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 4 0 R >>' },
      { body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>' },
      { body: '<< /Type /Pages /Kids [] /Count 0 /Parent 2 0 R >>' },
    ]);
    expectRefused(pdf, 'pdf_too_complex', /\/Parent chain comes back to object 2/);
  });

  it('form fields that list each other as kids', () => {
    const pdf = writePdf([
      { body: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>' },
      { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      { body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>' },
      { body: '<< /T (a) /Kids [5 0 R] >>' },
      { body: '<< /T (b) /Kids [4 0 R] >>' },
    ]);
    expectRefused(pdf, 'pdf_too_complex', /^file: the PDF's form fields loop or list a field twice \(object 4\)$/);
  });

  it('more than 500 pages, counted before pdf-lib builds them', () => {
    expect(guardPdf(hugePageTree(500)).ok).toBe(true);
    expectRefused(hugePageTree(501), 'too_many_pages', /^file: 501 pages is over the 500-page limit$/);
    expectRefused(hugePageTree(5000), 'too_many_pages', /^file: more than 4096 pages is over the 500-page limit$/);
  });

  it('more than 50,000 objects', () => {
    // The catalog, the page tree and the page are three.
    expect(guardPdf(manyObjects(50_000 - 3)).ok).toBe(true);
    expectRefused(manyObjects(50_000 - 2), 'pdf_too_complex', /^file: the PDF has more than 50,000 objects \(limit 50,000\)$/);
  });

  it('a check that runs past its time budget is refused, naming it', () => {
    const result = guardPdf(manyObjects(20_000), { ...PDF_GUARD_LIMITS, ms: 0 });
    expect(result).toMatchObject({ ok: false, status: 422, code: 'pdf_too_complex', message: 'file: checking the PDF took longer than 0 s (limit 0 s)' });
  });
});

describe('inspectPdf (the upload check) runs the guard before pdf-lib', () => {
  it('refuses the 400 MB object stream bomb in well under a second', async () => {
    const started = performance.now();
    const result = await inspectPdf(objectStreamBomb());
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({ ok: false, status: 422, code: 'pdf_too_complex' });
  });

  it('refuses a PDF with no catalogue or page tree as damaged, never with an error of its own', async () => {
    for (const text of ['%PDF-1.7\n%%EOF\n', '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n']) {
      expect(await inspectPdf(new TextEncoder().encode(text))).toMatchObject({ ok: false, status: 422, code: 'corrupt_pdf' });
    }
  });

  it('still accepts an ordinary PDF', async () => {
    const result = await inspectPdf(await makePdf(2));
    expect(result.ok && result.value.pages).toHaveLength(2);
  });
});
