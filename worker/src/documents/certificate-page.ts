// The certificate of completion appended to a sealed document: what was
// signed (name, id, SHA-256 of the original and of the final content), who
// took part and how they were authenticated, and every event with its UTC
// time, actor, IP and user agent. As many pages as it takes. The org's brand
// heads the first page: its logo (PNG or JPEG, checked when uploaded) and
// display name, over a rule in its colour.
import { PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb } from 'pdf-lib';
import { BLACK, GREY, type Line, Lettering, drawLine, lineWidth, toRuns, wrap } from './pdf-text.ts';

export interface CertificateParticipant {
  name: string;
  role: string;
  email?: string;
  phone?: string;
  /** How they were authenticated, e.g. "email link", "SMS one-time code". */
  authMethod: string;
  /** When they consented to do business electronically (ISO 8601). */
  consentedAt?: string;
}

export interface CertificateEvent {
  /** ISO 8601, UTC. */
  at: string;
  actor: string;
  event: string;
  ip?: string;
  userAgent?: string;
  authMethod?: string;
}

export interface CertificateInfo {
  documentName: string;
  documentId: string;
  participants: CertificateParticipant[];
  events: CertificateEvent[];
  /** SHA-256 (hex) of the document as it was sent. */
  originalSha256: string;
  /** SHA-256 (hex) of the final content: the flattened document, before this certificate. */
  finalContentSha256: string;
  /** Shown as "Completed"; default the last event's time. */
  completedAt?: string;
  /** The org's brand for the header; without it, the certificate has none. */
  brand?: CertificateBrand;
}

/** The org's brand as the certificate shows it (directory/branding-store.ts certificateBrand). */
export interface CertificateBrand {
  displayName: string;
  /** #RRGGBB; null: a plain grey rule. */
  color: string | null;
  logo: { bytes: Uint8Array; type: 'image/png' | 'image/jpeg' } | null;
}

const A4 = { width: 595.28, height: 841.89 };
const LETTER = { width: 612, height: 792 };
const MARGIN = 48;
const FOOTER = 36;
const RULE = rgb(0.8, 0.8, 0.8);
/** The box the logo is scaled into (points), keeping its proportions. */
const LOGO_BOX = { width: 180, height: 40 };

/** "2026-11-21 09:41:07 UTC"; text that is no date is shown as it is. */
export function formatUtc(iso: string | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

interface Fonts {
  regular: PDFFont[];
  bold: PDFFont[];
  mono: PDFFont[];
}

/** A cursor that moves down the page and starts a new one when the next block does not fit. */
class Layout {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  readonly width: number;
  private readonly doc: PDFDocument;
  private readonly size: { width: number; height: number };
  private readonly fonts: Fonts;

  constructor(doc: PDFDocument, size: { width: number; height: number }, fonts: Fonts) {
    this.doc = doc;
    this.size = size;
    this.fonts = fonts;
    this.width = size.width - 2 * MARGIN;
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([this.size.width, this.size.height]);
    this.pages.push(this.page);
    this.y = this.size.height - MARGIN;
    if (this.pages.length > 1) this.text('Certificate of completion (continued)', { fonts: this.fonts.bold, size: 11 }, 6);
  }

  /** Makes room for `height` points, on a new page if need be. */
  need(height: number): void {
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  /** Wrapped text at x (offset from the margin) within width; returns the height used. */
  text(text: string, style: { fonts: PDFFont[]; size: number; color?: ReturnType<typeof rgb>; x?: number; width?: number }, after = 0): number {
    const lines = wrap(text, style.fonts, style.size, style.width ?? this.width - (style.x ?? 0));
    const lh = style.size * 1.3;
    this.need(lines.length * lh);
    for (const line of lines) {
      this.y -= style.size;
      drawLine(this.page, line, MARGIN + (style.x ?? 0), this.y, style.size, style.color ?? BLACK);
      this.y -= lh - style.size;
    }
    this.y -= after;
    return lines.length * lh + after;
  }

  heading(text: string): void {
    this.need(40); // a heading is never left alone at the bottom of a page
    this.y -= 10;
    this.text(text, { fonts: this.fonts.bold, size: 12 }, 2);
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + this.width, y: this.y }, thickness: 0.5, color: RULE });
    this.y -= 6;
  }

  /** A label and its (wrapped) value side by side. */
  row(label: string, value: string, mono = false): void {
    const labelWidth = 130;
    const size = mono ? 8.5 : 9.5;
    const valueLines = wrap(value || '—', mono ? this.fonts.mono : this.fonts.regular, size, this.width - labelWidth);
    const lh = 9.5 * 1.35;
    this.need(valueLines.length * lh);
    const top = this.y;
    drawLine(this.page, toRuns(label, this.fonts.regular), MARGIN, top - 9.5, 9, GREY);
    valueLines.forEach((line, i) => drawLine(this.page, line, MARGIN + labelWidth, top - 9.5 - i * lh, size, BLACK));
    this.y = top - valueLines.length * lh;
  }

  /**
   * A table row: cells wrapped in their columns, then an optional note across
   * the full width (the user agent); as tall as its tallest cell plus the note.
   */
  tableRow(cells: { text: string; width: number; fonts: PDFFont[]; size: number; color?: ReturnType<typeof rgb> }[], note?: { text: string; fonts: PDFFont[]; size: number }): void {
    const wrapped = cells.map((c) => wrap(c.text, c.fonts, c.size, c.width - 6));
    const cellsHeight = Math.max(...wrapped.map((lines, i) => lines.length * cells[i]!.size * 1.3));
    const noteLines = note ? wrap(note.text, note.fonts, note.size, this.width - 6) : [];
    const noteHeight = note ? noteLines.length * note.size * 1.3 : 0;
    const height = cellsHeight + noteHeight + 5;
    this.need(height);
    const top = this.y - 2;
    let x = MARGIN;
    cells.forEach((c, i) => {
      wrapped[i]!.forEach((line: Line, k) => drawLine(this.page, line, x, top - c.size - k * c.size * 1.3, c.size, c.color ?? BLACK));
      x += c.width;
    });
    if (note) noteLines.forEach((line, k) => drawLine(this.page, line, MARGIN, top - cellsHeight - note.size - k * note.size * 1.3, note.size, GREY));
    this.y -= height;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + this.width, y: this.y }, thickness: 0.25, color: RULE });
  }

  footers(info: CertificateInfo): void {
    const total = this.pages.length;
    this.pages.forEach((page, i) => {
      const size = 7.5;
      const right = toRuns(`Document ${info.documentId} · all times UTC · page ${i + 1} of ${total}`, this.fonts.regular);
      const rightWidth = lineWidth(right, size);
      // The name gives way to the page number when both do not fit.
      const room = this.width - rightWidth - 12;
      let chars = [...`Certificate of completion · ${info.documentName}`];
      let name = toRuns(chars.join(''), this.fonts.regular);
      while (chars.length > 1 && lineWidth(name, size) > room) {
        chars = chars.slice(0, -1);
        name = toRuns(`${chars.join('').trimEnd()}…`, this.fonts.regular);
      }
      page.drawLine({ start: { x: MARGIN, y: MARGIN + 14 }, end: { x: MARGIN + this.width, y: MARGIN + 14 }, thickness: 0.5, color: RULE });
      drawLine(page, name, MARGIN, MARGIN, size, GREY);
      drawLine(page, right, MARGIN + this.width - rightWidth, MARGIN, size, GREY);
    });
  }
}

/** #RRGGBB as pdf-lib's colour. */
function colorOf(hex: string) {
  const c = (at: number) => parseInt(hex.slice(at, at + 2), 16) / 255;
  return rgb(c(1), c(3), c(5));
}

/** The logo embedded, or null when pdf-lib cannot read it: a logo never stops a document from being sealed. */
async function embedLogo(doc: PDFDocument, logo: NonNullable<CertificateBrand['logo']>): Promise<PDFImage | null> {
  try {
    return logo.type === 'image/png' ? await doc.embedPng(logo.bytes) : await doc.embedJpg(logo.bytes);
  } catch {
    return null;
  }
}

/** The header: the logo scaled into its box and the display name beside it, over a rule in the brand colour. */
async function drawBrand(doc: PDFDocument, out: Layout, brand: CertificateBrand, fonts: Fonts): Promise<void> {
  const image = brand.logo ? await embedLogo(doc, brand.logo) : null;
  const top = out.y;
  let nameX = 0;
  let height = 14;
  if (image) {
    const scale = Math.min(LOGO_BOX.width / image.width, LOGO_BOX.height / image.height, 1);
    const size = { width: image.width * scale, height: image.height * scale };
    out.page.drawImage(image, { x: MARGIN, y: top - size.height, ...size });
    nameX = size.width + 12;
    height = Math.max(height, size.height);
  }
  // The name, centred on the logo's height (or on its own), on as many lines as it takes.
  const lines = wrap(brand.displayName, fonts.bold, 13, out.width - nameX);
  const lineHeight = 13 * 1.3;
  const textHeight = lines.length * lineHeight;
  const textTop = top - Math.max(0, (height - textHeight) / 2);
  lines.forEach((line, i) => drawLine(out.page, line, MARGIN + nameX, textTop - 13 - i * lineHeight, 13, BLACK));
  out.y = top - Math.max(height, textHeight) - 8;
  out.page.drawLine({ start: { x: MARGIN, y: out.y }, end: { x: MARGIN + out.width, y: out.y }, thickness: 2, color: brand.color ? colorOf(brand.color) : RULE });
  out.y -= 16;
}

/** Appends the certificate of completion; returns the new PDF. Pages are A4, or US Letter when the document's own are. */
export async function appendCertificatePage(pdfBytes: Uint8Array, info: CertificateInfo): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  await addCertificate(doc, info);
  return doc.save();
}

/** Adds the certificate pages to a loaded document; returns how many were added. */
export async function addCertificate(doc: PDFDocument, info: CertificateInfo): Promise<number> {
  const documentPages = doc.getPageCount();
  const first = documentPages > 0 ? doc.getPage(0).getSize() : A4;
  const isLetter = Math.abs(first.width - LETTER.width) < 2 && Math.abs(first.height - LETTER.height) < 2;
  const lettering = new Lettering(doc);
  // Every text the certificate shows, so that each style has the fonts its characters need.
  const all = [info.brand?.displayName ?? '', info.documentName, info.documentId, ...info.participants.flatMap((p) => Object.values(p)), ...info.events.flatMap((e) => Object.values(e))].join(' ');
  const fonts: Fonts = { regular: await lettering.fonts('regular', all), bold: await lettering.fonts('bold', all), mono: await lettering.fonts('mono', all) };
  const out = new Layout(doc, isLetter ? LETTER : A4, fonts);

  if (info.brand) await drawBrand(doc, out, info.brand, fonts);
  out.text('Certificate of completion', { fonts: fonts.bold, size: 20 }, 4);
  out.text('This page is part of the sealed document. Every time on it is in UTC. The document carries a digital signature: any change to it after sealing makes that signature invalid.', { fonts: fonts.regular, size: 9, color: GREY }, 4);

  out.heading('Document');
  out.row('Name', info.documentName);
  out.row('Document ID', info.documentId);
  out.row('Pages', `${documentPages} (and this certificate)`);
  out.row('Completed', formatUtc(info.completedAt ?? info.events[info.events.length - 1]?.at) || '—');
  out.row('SHA-256, original', info.originalSha256, true);
  out.row('SHA-256, final content', info.finalContentSha256, true);

  out.heading(`Participants (${info.participants.length})`);
  for (const p of info.participants) {
    out.need(60);
    out.y -= 4;
    out.text(`${p.name} — ${p.role}`, { fonts: fonts.bold, size: 10 }, 1);
    if (p.email) out.row('Email', p.email);
    if (p.phone) out.row('Phone', p.phone);
    out.row('Authentication', p.authMethod);
    out.row('Consent to e-records', p.consentedAt ? `given ${formatUtc(p.consentedAt)}` : 'not recorded');
  }

  out.heading(`Events (${info.events.length})`);
  const cols = { time: 114, event: 88, actor: 128 };
  const from = out.width - cols.time - cols.event - cols.actor;
  out.tableRow([
    { text: 'Time (UTC)', width: cols.time, fonts: fonts.bold, size: 8.5 },
    { text: 'Event', width: cols.event, fonts: fonts.bold, size: 8.5 },
    { text: 'By', width: cols.actor, fonts: fonts.bold, size: 8.5 },
    { text: 'From (IP), authentication', width: from, fonts: fonts.bold, size: 8.5 },
  ]);
  for (const e of info.events) {
    const where = [e.ip && `IP ${e.ip}`, e.authMethod].filter(Boolean).join(' · ');
    out.tableRow(
      [
        { text: formatUtc(e.at), width: cols.time, fonts: fonts.regular, size: 8.5 },
        { text: e.event, width: cols.event, fonts: fonts.regular, size: 8.5 },
        { text: e.actor, width: cols.actor, fonts: fonts.regular, size: 8.5 },
        { text: where || '—', width: from, fonts: fonts.regular, size: 8.5 },
      ],
      e.userAgent ? { text: e.userAgent, fonts: fonts.regular, size: 7 } : undefined,
    );
  }

  out.footers(info);
  return out.pages.length;
}
