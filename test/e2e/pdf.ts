// A one-page PDF with a title and labels where fields will go, for e2e documents.
import { PDFDocument, StandardFonts } from 'pdf-lib';

export async function labelledPdf(title: string, labels: [text: string, x: number, y: number][] = [['Full name:', 72, 205], ['Signature:', 72, 140]]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText(title, { x: 72, y: 720, size: 20, font });
  for (const [text, x, y] of labels) page.drawText(text, { x, y, size: 12, font });
  return doc.save();
}
