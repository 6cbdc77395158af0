// Documents for e2e tests: a one-page PDF with a title and labels where
// fields will go, and its upload (template or ad hoc) through the API.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect } from 'vitest';
import { baseUrl } from './api';
import { noisePng } from '../helpers/images';

export async function labelledPdf(title: string, labels: [text: string, x: number, y: number][] = [['Full name:', 72, 205], ['Signature:', 72, 140]]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText(title, { x: 72, y: 720, size: 20, font });
  for (const [text, x, y] of labels) page.drawText(text, { x, y, size: 12, font });
  return doc.save();
}

/** POSTs a PDF with its definition (multipart) to a template or ad hoc route; expects 201 and returns the answer. */
export async function uploadDocument(path: string, token: string, bytes: Uint8Array, definition: unknown, extra: Record<string, string> = {}): Promise<any> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'doc.pdf');
  form.append('definition', JSON.stringify(definition));
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  const res = await fetch(baseUrl() + path, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form, signal: AbortSignal.timeout(15_000) });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

/**
 * A long document: `pages` pages of text, the last one carrying a scan
 * (incompressible noise, `scanSide`² grey pixels), so the file is several
 * times the 64 KB the document page reads at a time.
 */
export async function longPdf(pages: number, scanSide = 400): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Long agreement, page ${n} of ${pages}`, { x: 72, y: 720, size: 18, font });
    page.drawText(n === pages ? 'Signature:' : 'Full name:', { x: 72, y: 205, size: 12, font });
  }
  const png = await doc.embedPng(await noisePng(scanSide));
  doc.getPage(pages - 1).drawImage(png, { x: 72, y: 300, width: 300, height: 300 });
  return doc.save();
}
