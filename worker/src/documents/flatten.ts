// Flattening: every value drawn into its field's rectangle on the page, and
// any interactive form (AcroForm) turned into plain page content, so the
// final document shows what was signed and nothing in it stays editable —
// nor runs: scripts, actions and embedded files are stripped (active-content.ts).
import { PDFArray, PDFDict, PDFDocument, type PDFImage, PDFName, type PDFPage, type PDFRef } from 'pdf-lib';
import type { FieldDef, FieldValue } from '../domain/fields.ts';
import { stripActiveContent } from './active-content.ts';
import { guardPdf } from './pdf-guard.ts';
import { BLACK, type Box, INK, Lettering, drawFitted } from './pdf-text.ts';

export class FlattenError extends Error {
  override name = 'FlattenError';
}

export interface FlattenOptions {
  /** Attachment names by file id, for "Attached: <name>"; the file id is shown when a name is missing. */
  attachmentNames?: Record<string, string>;
}

/** The largest text size for a field's value, in points. */
const TEXT_MAX_SIZE = 12;
/** The largest size of a typed signature or initials. */
const SCRIPT_MAX_SIZE = 40;

/**
 * Draws each value into its field (fields without a value are left blank),
 * flattens and removes any AcroForm, strips active content, and returns the
 * new PDF. Throws FlattenError when the document is past the guard's bounds
 * (one stored before uploads were guarded), a field points at a page the
 * document lacks or a drawn signature is not a readable PNG.
 */
export async function flattenDocument(
  pdfBytes: Uint8Array,
  fields: FieldDef[],
  values: Record<string, FieldValue>,
  options: FlattenOptions = {},
): Promise<Uint8Array> {
  const doc = await loadGuarded(pdfBytes);
  await flattenInto(doc, fields, values, options);
  return doc.save();
}

/** Loads a stored PDF within the upload guard's bounds: a seal must not be where a hostile file finally inflates. */
export async function loadGuarded(pdfBytes: Uint8Array): Promise<PDFDocument> {
  const guarded = guardPdf(pdfBytes);
  if (!guarded.ok) throw new FlattenError(guarded.message);
  return PDFDocument.load(pdfBytes, { updateMetadata: false });
}

/** flattenDocument on a document already loaded, which it changes in place. */
export async function flattenInto(doc: PDFDocument, fields: FieldDef[], values: Record<string, FieldValue>, options: FlattenOptions = {}): Promise<void> {
  removeForm(doc);
  stripActiveContent(doc);
  const pages = doc.getPages();
  const lettering = new Lettering(doc);
  const images = new DrawnImages(doc);
  for (const field of fields) {
    const value = values[field.id];
    if (!value) continue;
    const page = pages[field.page - 1];
    if (!page) throw new FlattenError(`field "${field.id}" is on page ${field.page}, but the document has ${pages.length}`);
    // Field rectangles are in the page's visible space: from the crop box's lower-left corner.
    const crop = page.getCropBox();
    const box: Box = { x: crop.x + field.rect.x, y: crop.y + field.rect.y, width: field.rect.width, height: field.rect.height };
    await drawValue(page, box, field, value, lettering, images, options);
  }
}

async function drawValue(page: PDFPage, box: Box, field: FieldDef, value: FieldValue, lettering: Lettering, images: DrawnImages, options: FlattenOptions): Promise<void> {
  switch (value.kind) {
    case 'drawn': {
      let image;
      try {
        image = await images.png(value.png);
      } catch (err) {
        throw new FlattenError(`field "${field.id}": the drawn ${field.type} is not a readable PNG (${(err as Error).message})`);
      }
      // As large as fits, keeping its proportions, centred.
      const scale = Math.min(box.width / image.width, box.height / image.height);
      const width = image.width * scale;
      const height = image.height * scale;
      page.drawImage(image, { x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width, height });
      return;
    }
    case 'typed':
      drawFitted(page, value.text, box, await lettering.fonts('handwriting', value.text), { maxSize: SCRIPT_MAX_SIZE, color: INK });
      return;
    case 'checked':
      drawCheckbox(page, box, value.checked);
      return;
    case 'file': {
      const text = `Attached: ${options.attachmentNames?.[value.fileId] ?? value.fileId}`;
      drawFitted(page, text, box, await lettering.fonts('regular', text), { maxSize: TEXT_MAX_SIZE });
      return;
    }
    case 'text':
      if (value.text.trim() === '') return;
      drawFitted(page, value.text, box, await lettering.fonts('regular', value.text), { maxSize: TEXT_MAX_SIZE, multiline: field.type === 'text' });
      return;
  }
}

/**
 * The drawn signatures and initials embedded in one document, by their bytes:
 * a signature adopted once and placed in several fields is decoded, compressed
 * and stored once (each PNG costs pdf-lib a decode and two deflates), and
 * every field shows the same image.
 */
class DrawnImages {
  /** By the PNG's base64, as the field values carry it. */
  private readonly embedded = new Map<string, Promise<PDFImage>>();
  private readonly doc: PDFDocument;

  constructor(doc: PDFDocument) {
    this.doc = doc;
  }

  png(base64: string): Promise<PDFImage> {
    let image = this.embedded.get(base64);
    if (!image) this.embedded.set(base64, (image = this.doc.embedPng(base64)));
    return image;
  }
}

/** A square box centred in the field, with a check mark when checked: unchecked stays visibly unchecked. */
function drawCheckbox(page: PDFPage, box: Box, checked: boolean): void {
  const side = Math.min(box.width, box.height) * 0.9;
  const left = box.x + (box.width - side) / 2;
  const bottom = box.y + (box.height - side) / 2;
  page.drawRectangle({ x: left, y: bottom, width: side, height: side, borderColor: BLACK, borderWidth: Math.max(0.5, side * 0.05) });
  if (!checked) return;
  const s = side;
  // SVG coordinates: from the top-left corner, y downwards.
  page.drawSvgPath(`M ${0.2 * s} ${0.52 * s} L ${0.42 * s} ${0.75 * s} L ${0.82 * s} ${0.25 * s}`, {
    x: left,
    y: bottom + side,
    borderColor: INK,
    borderWidth: Math.max(1, s * 0.12),
  });
}

/**
 * Turns an existing interactive form into page content (each field's current
 * appearance), then removes the form and every widget left on a page, so no
 * field remains to edit. A form pdf-lib cannot flatten is removed all the same.
 */
export function removeForm(doc: PDFDocument): void {
  const catalog = doc.catalog;
  if (catalog.has(PDFName.of('AcroForm'))) {
    try {
      doc.getForm().flatten();
    } catch {
      /* a malformed form: its widgets are removed below */
    }
    catalog.delete(PDFName.of('AcroForm'));
  }
  catalog.delete(PDFName.of('NeedsRendering')); // XFA
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) continue;
    const kept: (PDFRef | PDFDict)[] = [];
    for (let i = 0; i < annots.size(); i++) {
      const ref = annots.get(i);
      const annot = annots.lookupMaybe(i, PDFDict);
      // pdf-lib's flatten deletes the widgets but may leave their references behind: drop those too.
      if (!annot || annot.get(PDFName.of('Subtype')) === PDFName.of('Widget')) continue;
      kept.push(ref as PDFRef | PDFDict);
    }
    if (kept.length === 0) page.node.delete(PDFName.of('Annots'));
    else if (kept.length !== annots.size()) page.node.set(PDFName.of('Annots'), doc.context.obj(kept));
  }
}
