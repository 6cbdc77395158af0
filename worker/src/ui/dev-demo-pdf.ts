// The PDFs of the demo org's templates (local development only), drawn with
// pdf-lib when the demo org is seeded rather than checked in as binaries: a
// title, a few paragraphs, and under each field's label a light box exactly
// where the field's rectangle lies, so the page reads like a real form and the
// room's overlays land on the boxes. One US Letter page each.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { FieldDef } from '../domain/fields';

export const DEMO_PAGE = { width: 612, height: 792 } as const;
const MARGIN = 72;
const INK = rgb(0.13, 0.15, 0.2);
const MUTED = rgb(0.38, 0.41, 0.47);
const BOX_FILL = rgb(0.96, 0.97, 0.99);
const BOX_LINE = rgb(0.7, 0.74, 0.82);

export interface DemoSheet {
  title: string;
  /** Plain paragraphs under the title, in ASCII (the standard Helvetica font has no other glyphs to rely on). */
  paragraphs: string[];
  /** Headings drawn at a given height, between groups of fields. */
  headings: Array<{ text: string; y: number }>;
  fields: FieldDef[];
}

/** The sheet as PDF bytes. Saved without a creation date, so the same sheet is always the same bytes. */
export async function drawDemoPdf(sheet: DemoSheet): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(sheet.title);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([DEMO_PAGE.width, DEMO_PAGE.height]);

  page.drawText(sheet.title, { x: MARGIN, y: DEMO_PAGE.height - MARGIN - 8, size: 20, font: bold, color: INK });
  let y = DEMO_PAGE.height - MARGIN - 40;
  for (const paragraph of sheet.paragraphs) {
    for (const line of wrap(paragraph, regular, 11, DEMO_PAGE.width - 2 * MARGIN)) {
      page.drawText(line, { x: MARGIN, y, size: 11, font: regular, color: INK });
      y -= 15;
    }
    y -= 8;
  }
  for (const h of sheet.headings) page.drawText(h.text, { x: MARGIN, y: h.y, size: 13, font: bold, color: INK });
  for (const field of sheet.fields) drawField(page, field, regular);
  return doc.save();
}

/** A box where the field lies, its label above it (beside it for a checkbox, whose box is small). */
function drawField(page: PDFPage, field: FieldDef, font: PDFFont): void {
  const { x, y, width, height } = field.rect;
  page.drawRectangle({ x, y, width, height, color: BOX_FILL, borderColor: BOX_LINE, borderWidth: 0.75 });
  const label = field.label ?? field.id;
  if (field.type === 'checkbox') page.drawText(label, { x: x + width + 8, y: y + height / 2 - 4, size: 10, font, color: INK });
  else page.drawText(label, { x, y: y + height + 5, size: 9, font, color: MUTED });
}

/** Words laid out in lines no wider than `width`. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}
