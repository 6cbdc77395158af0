import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../../worker/src/domain/fields';
import { FlattenError, flattenDocument } from '../../../worker/src/documents/flatten';
import { samplePdf, sampleFields, sampleValues, signaturePng } from '../../fixtures/documents';
import { activeContentPdf, objectStreamBomb } from '../../fixtures/hostile-pdfs';

async function load(bytes: Uint8Array) {
  return PDFDocument.load(bytes, { updateMetadata: false });
}

/** Every annotation subtype left on every page. */
function annotationTypes(doc: PDFDocument): string[] {
  return doc.getPages().flatMap((p) => {
    const annots = p.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) return [];
    return Array.from({ length: annots.size() }, (_, i) => String(annots.lookupMaybe(i, PDFDict)?.get(PDFName.of('Subtype')) ?? 'dangling'));
  });
}

/** Images in the document (drawn signatures), not counting their alpha channels (soft masks). */
function imageCount(doc: PDFDocument): number {
  return doc.context
    .enumerateIndirectObjects()
    .filter(([, obj]) => obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image') && obj.dict.has(PDFName.of('SMask'))).length;
}

describe('flattenDocument', () => {
  it('draws a value of every field type, and leaves no form and nothing editable', async () => {
    const original = await samplePdf(3, { form: true });
    expect((await load(original)).catalog.has(PDFName.of('AcroForm'))).toBe(true);
    expect(annotationTypes(await load(original))).toContain('/Widget');

    const fields = sampleFields(3);
    expect(new Set(fields.map((f) => f.type)).size).toBe(12);
    const values = sampleValues(fields, await signaturePng());
    const flat = await flattenDocument(original, fields, values, { attachmentNames: { fil_0123456789abcdef: 'passport.pdf' } });

    const doc = await load(flat);
    expect(doc.getPageCount()).toBe(3);
    expect(doc.catalog.has(PDFName.of('AcroForm'))).toBe(false);
    expect(annotationTypes(doc)).toEqual([]);
    expect(imageCount(doc)).toBe(1); // one drawn signature (the initials are typed), embedded once
    // The typed signature's script font is embedded (a subset), beside the standard Helvetica.
    const fontNames = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => (o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Font') ? String(o.get(PDFName.of('BaseFont'))) : ''))
      .filter(Boolean);
    expect(fontNames.some((n) => n.includes('DancingScript'))).toBe(true);
    expect(fontNames).toContain('/Helvetica');
    // "Ł" is not in Helvetica: Noto Sans is embedded for it rather than a "?".
    expect(fontNames.some((n) => n.includes('NotoSans'))).toBe(true);
  });

  it('stores a signature placed in several fields once, drawn in each; a different one apart', async () => {
    const png = await signaturePng();
    const onPage = (page: number, id = `sig${page}`): FieldDef => ({ id, type: 'signature', page, rect: { x: 50, y: 50, width: 150, height: 40 }, role: 'customer', required: true });
    const fields = [onPage(1), onPage(2), onPage(3)];
    const sameEverywhere = await load(await flattenDocument(await samplePdf(3), fields, Object.fromEntries(fields.map((f) => [f.id, { kind: 'drawn' as const, png }]))));
    expect(imageCount(sameEverywhere)).toBe(1);
    // Each page draws it: its resources name an image.
    for (const page of sameEverywhere.getPages()) expect(page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.keys().length).toBe(1);

    const initials = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const two = await load(await flattenDocument(await samplePdf(3), fields, { sig1: { kind: 'drawn', png }, sig2: { kind: 'drawn', png: initials }, sig3: { kind: 'drawn', png } }));
    expect(imageCount(two)).toBe(2);
  });

  it('leaves fields without a value blank and does not need a form', async () => {
    const original = await samplePdf(2);
    const flat = await flattenDocument(original, sampleFields(2), {});
    const doc = await load(flat);
    expect(doc.getPageCount()).toBe(2);
    expect(doc.catalog.has(PDFName.of('AcroForm'))).toBe(false);
    expect(imageCount(doc)).toBe(0);
  });

  it('fits very long text into a small box without failing', async () => {
    const field: FieldDef = { id: 'note', type: 'text', page: 1, rect: { x: 50, y: 50, width: 80, height: 20 }, role: 'customer', required: true };
    const flat = await flattenDocument(await samplePdf(1), [field], { note: { kind: 'text', text: 'word '.repeat(2000) } });
    expect((await load(flat)).getPageCount()).toBe(1);
  });

  it('refuses a field on a page the document lacks, and a drawn signature that is no PNG', async () => {
    const original = await samplePdf(1);
    const onPage3: FieldDef = { id: 'sig', type: 'signature', page: 3, rect: { x: 10, y: 10, width: 100, height: 30 }, role: 'customer', required: true };
    await expect(flattenDocument(original, [onPage3], { sig: { kind: 'typed', text: 'Dana' } })).rejects.toThrow(FlattenError);
    await expect(flattenDocument(original, [onPage3], { sig: { kind: 'typed', text: 'Dana' } })).rejects.toThrow(/page 3.*has 1/);
    const onPage1 = { ...onPage3, page: 1 };
    await expect(flattenDocument(original, [onPage1], { sig: { kind: 'drawn', png: 'iVBORw0KGgoAAAAbroken' } })).rejects.toThrow(/not a readable PNG/);
  });

  it('strips JavaScript, embedded files, OpenAction, AA, Launch and URI actions: the output carries none of them', async () => {
    const original = activeContentPdf();
    const text = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);
    // The fixture really carries them, in plain text.
    for (const needle of ['/JavaScript', 'app.alert', '/EmbeddedFile', 'MZ-not-really', '/OpenAction', '/AA', '/Launch', 'cmd.exe', '/URI', 'evil.example', '/FileAttachment']) {
      expect(text(original)).toContain(needle);
    }
    const flat = await flattenDocument(original, [], {});
    // Written again without object streams, so every object is plain text to search.
    const doc = await load(flat);
    const plain = text(await doc.save({ useObjectStreams: false }));
    for (const needle of ['/JavaScript', '/JS', 'app.alert', '/EmbeddedFile', '/EF', 'MZ-not-really', '/OpenAction', '/AA', '/Launch', 'cmd.exe', '/URI', 'evil.example', '/FileAttachment']) {
      expect(plain, needle).not.toContain(needle);
    }
    // What is harmless stays: the page, and the link that goes to a page of the document (without its chained script).
    expect(doc.getPageCount()).toBe(1);
    expect(annotationTypes(doc)).toEqual(['/Link', '/Link', '/Link']);
    expect(plain).toContain('/GoTo');
  });

  it('refuses, quickly and naming the limit, a stored original past the guard (one uploaded before uploads were guarded)', async () => {
    const started = performance.now();
    await expect(flattenDocument(objectStreamBomb(), [], {})).rejects.toThrow(FlattenError);
    await expect(flattenDocument(objectStreamBomb(), [], {})).rejects.toThrow(/object streams inflate to more than 16 MB/);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
