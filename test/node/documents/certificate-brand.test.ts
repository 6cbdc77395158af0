// The org's brand on the certificate page: its logo embedded (PNG or JPEG,
// scaled into the header), its display name in the text, its colour as the
// header's rule; an image pdf-lib cannot read leaves the name alone rather
// than stopping the seal. (Under Node: pdf.js, which reads the text back, needs
// what workerd lacks.)
import { PDFDocument, PDFName, PDFRawStream, PDFDict } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { appendCertificatePage, type CertificateBrand } from '../../../worker/src/documents/certificate-page';
import { pdfText } from '../../support/pdf-text';
import { samplePdf, sampleCertificateInfo } from '../../fixtures/documents';
import { makeJpegHeader, makePng } from '../../helpers/images';

/** The image XObjects the certificate page (the last) draws, with their sizes. */
async function imagesOnLastPage(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const page = doc.getPage(doc.getPageCount() - 1);
  const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const out: { width: number; height: number; filter: string }[] = [];
  for (const [, ref] of xObjects?.entries() ?? []) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Subtype'))?.toString() !== '/Image') continue;
    out.push({ width: Number(stream.dict.get(PDFName.of('Width'))?.toString()), height: Number(stream.dict.get(PDFName.of('Height'))?.toString()), filter: String(stream.dict.get(PDFName.of('Filter'))) });
  }
  return out;
}

const withBrand = async (brand: CertificateBrand) => appendCertificatePage(await samplePdf(1), { ...sampleCertificateInfo(3), brand });

describe('the certificate page’s brand header', () => {
  it('embeds a PNG logo and writes the display name', async () => {
    const out = await withBrand({ displayName: 'Acme Homes Ltd', color: '#0B5CAD', logo: { bytes: await makePng(120, 40), type: 'image/png' } });
    expect(await imagesOnLastPage(out)).toEqual([{ width: 120, height: 40, filter: '/FlateDecode' }]);
    const text = await pdfText(out);
    expect(text.split('\f')[1]).toMatch(/^Acme Homes Ltd\n+Certificate of completion/);
  });

  it('embeds a JPEG logo as it is', async () => {
    const out = await withBrand({ displayName: 'Acme', color: null, logo: { bytes: makeJpegHeader(300, 100), type: 'image/jpeg' } });
    expect(await imagesOnLastPage(out)).toEqual([{ width: 300, height: 100, filter: '/DCTDecode' }]);
  });

  it('shows the name alone without a logo, or with one pdf-lib cannot read', async () => {
    const plain = await withBrand({ displayName: 'Acme Homes Ltd', color: null, logo: null });
    expect(await imagesOnLastPage(plain)).toEqual([]);
    expect(await pdfText(plain)).toContain('Acme Homes Ltd');
    const broken = await withBrand({ displayName: 'Acme Homes Ltd', color: '#0B5CAD', logo: { bytes: new Uint8Array([1, 2, 3]), type: 'image/png' } });
    expect(await imagesOnLastPage(broken)).toEqual([]);
    expect(await pdfText(broken)).toContain('Acme Homes Ltd');
  });

  it('has no header without a brand, as before', async () => {
    const out = await appendCertificatePage(await samplePdf(1), sampleCertificateInfo(3));
    expect((await pdfText(out)).split('\f')[1]).toMatch(/^Certificate of completion/);
  });
});
