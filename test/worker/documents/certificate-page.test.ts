import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { appendCertificatePage, formatUtc } from '../../../worker/src/documents/certificate-page';
import { samplePdf, sampleCertificateInfo } from '../../fixtures/documents';

const pageCount = async (bytes: Uint8Array) => (await PDFDocument.load(bytes)).getPageCount();

describe('appendCertificatePage', () => {
  it('appends one A4 page for a short history, after the document pages', async () => {
    const original = await samplePdf(3);
    const out = await appendCertificatePage(original, sampleCertificateInfo(8));
    const doc = await PDFDocument.load(out);
    expect(doc.getPageCount()).toBe(4);
    const { width, height } = doc.getPage(3).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
  });

  it('runs onto more pages when the history is long', async () => {
    const original = await samplePdf(1);
    expect(await pageCount(await appendCertificatePage(original, sampleCertificateInfo(150)))).toBeGreaterThan(4);
  });

  it('uses US Letter for a Letter document', async () => {
    const letter = await PDFDocument.create();
    letter.addPage([612, 792]);
    const out = await PDFDocument.load(await appendCertificatePage(await letter.save(), sampleCertificateInfo(2)));
    expect(out.getPage(1).getSize()).toEqual({ width: 612, height: 792 });
  });

  it('takes any text: characters no font has become "?", nothing throws', async () => {
    const info = sampleCertificateInfo(2);
    info.participants[0]!.name = 'Ζωή Ναθάλη 王小明 Ольга';
    info.events[0]!.userAgent = 'x'.repeat(3000); // one unbroken word, far wider than the column
    info.documentName = 'n'.repeat(500);
    expect(await pageCount(await appendCertificatePage(await samplePdf(1), info))).toBeGreaterThanOrEqual(2);
  });

  it('shows times in UTC', () => {
    expect(formatUtc('2026-11-21T10:41:07.123+01:00')).toBe('2026-11-21 09:41:07 UTC');
    expect(formatUtc('not a date')).toBe('not a date');
  });
});
