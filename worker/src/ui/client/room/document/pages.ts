// The document's pages drawn by pdf.js (loaded here only, from /vendor), and
// a button over each field placed by the PDF's own coordinates (physical
// left/top on purpose: a PDF does not mirror for right-to-left languages).
// Overlays are kept per page viewport so a field that gets a value later (the
// agent's counter-signature, another signer's) appears live, not only after
// a reload. A drawn signature shows as the drawing (…/fields/{id}/image).
import { t } from '../i18n';
import { $, canFill, itemId, labelOf, page, type Field } from './context';

type Viewport = { width: number; height: number; convertToViewportRectangle: (rect: number[]) => number[] };

const viewports = new Map<number, { wrap: HTMLElement; viewport: Viewport }>();
const overlays = new Map<string, HTMLButtonElement>();
/** Fields whose drawing the overlay shows, so a redraw does not fetch it again. */
const shown = new Map<string, string>();

type PdfDocument = { numPages: number; getPage(n: number): Promise<any> };

/** Bytes pdf.js asks for at a time; the first and last of them are fetched before it asks. */
const CHUNK = 65_536;
const ORIGINAL = `/room/api/documents/${itemId}/original`;

interface Part {
  bytes: Uint8Array;
  /** Where the bytes start in the file. */
  start: number;
  /** The whole file's size. */
  size: number;
}

/** One byte range of the document (the server answers 206 with its Content-Range, or 200 with the whole file). */
async function fetchPart(range: string): Promise<Part> {
  const res = await fetch(ORIGINAL, { credentials: 'same-origin', headers: { Range: range } });
  if (!res.ok) throw new Error(String(res.status)); // the page shows its own words for it
  const bytes = new Uint8Array(await res.arrayBuffer());
  const m = /^bytes (\d+)-\d+\/(\d+)$/.exec(res.headers.get('Content-Range') ?? '');
  return res.status === 206 && m ? { bytes, start: Number(m[1]), size: Number(m[2]) } : { bytes, start: 0, size: bytes.length };
}

/**
 * pdf.js and the document, asked for at once: called first thing, so all of
 * it loads while the page fetches the document's state and the consent (the
 * HTML already preloads pdf.js). The worker starts before the library that
 * would otherwise start it, so its download and compile (the larger part) do
 * not wait for the library's. The file's first and last 64 KB (its header and
 * first page, its cross-reference table) are fetched at the same moment; the
 * rest by byte ranges when a page needs them, so page 1 of a long document
 * shows without waiting for the whole file.
 */
export function openPdf(): Promise<PdfDocument> {
  const worker = new Worker('/vendor/pdfjs/pdf.worker.min.mjs', { type: 'module' });
  const head = fetchPart(`bytes=0-${CHUNK - 1}`);
  const tail = fetchPart(`bytes=-${CHUNK}`);
  tail.catch(() => {}); // fetched again by range if it failed
  return Promise.all([import(/* @vite-ignore */ '/vendor/pdfjs/pdf.min.mjs' as string), head]).then(([pdfjs, first]) => {
    pdfjs.GlobalWorkerOptions.workerPort = worker;
    const options = { isEvalSupported: false };
    if (first.bytes.length === first.size) return pdfjs.getDocument({ ...options, data: first.bytes }).promise;
    const transport = new pdfjs.PDFDataRangeTransport(first.size, first.bytes);
    const task = pdfjs.getDocument({ ...options, range: transport, rangeChunkSize: CHUNK, disableAutoFetch: true });
    transport.requestDataRange = (begin: number, end: number) => {
      const prefetched = tail.then((t) => (t.start <= begin && end <= t.start + t.bytes.length ? t.bytes.slice(begin - t.start, end - t.start) : null)).catch(() => null);
      prefetched
        .then(async (bytes) => transport.onDataRange(begin, bytes ?? (await fetchPart(`bytes=${begin}-${end - 1}`)).bytes))
        .catch(() => void task.destroy()); // the page says the pages could not be shown
    };
    return task.promise;
  });
}

/** Draws the pages in order, each shown with its fields as soon as it is drawn: page 1 is usable before the rest are. */
export async function renderPages(pdf: Promise<PdfDocument>, openField: (id: string) => void): Promise<void> {
  opener = openField;
  const doc = await pdf;
  const pagesEl = $('#pages');
  pagesEl.replaceChildren();
  const width = Math.min(pagesEl.clientWidth || 800, 900);
  for (let n = 1; n <= doc.numPages; n++) {
    const pdfPage = await doc.getPage(n);
    const base = pdfPage.getViewport({ scale: 1 });
    const viewport = pdfPage.getViewport({ scale: width / base.width });
    const wrap = document.createElement('div');
    wrap.className = 'page';
    // Drawn for the width it opened at, and scaled with the window after (a phone turned, a narrower
    // screen): the page keeps its proportions and the fields sit in percentages of it.
    wrap.style.width = `${viewport.width}px`;
    wrap.style.aspectRatio = `${viewport.width} / ${viewport.height}`;
    wrap.setAttribute('role', 'group');
    wrap.setAttribute('aria-label', t('document.page', { page: n, pages: doc.numPages }));
    const canvas = document.createElement('canvas');
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = '100%';
    canvas.style.height = '100%';
    canvas.setAttribute('aria-hidden', 'true');
    wrap.append(canvas);
    await pdfPage.render({ canvasContext: canvas.getContext('2d')!, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
    viewports.set(n, { wrap, viewport });
    pagesEl.append(wrap);
    refreshOverlays();
  }
}

let opener: (id: string) => void = () => {};

/** Every field that is mine or has a value gets its overlay (created when first needed), drawn from the document as loaded now. */
export function refreshOverlays(): void {
  for (const f of page.view.document.fields) {
    if (!f.mine && !f.value) continue;
    const el = overlays.get(f.id) ?? place(f);
    if (!el) continue;
    drawValue(el, f);
    const sig = f.type === 'signature' || f.type === 'initials';
    el.className = `field${f.mine ? ' mine' : ''}${f.value ? ' filled' : ''}${sig ? ' sig' : ''}${f.value?.kind === 'drawn' ? ' drawn' : ''}`;
    const fillable = canFill(f);
    el.disabled = !fillable;
    const value = f.value ? describeValue(f) : t('document.field.empty');
    el.setAttribute('aria-label', t(fillable ? 'document.field.state_fill' : 'document.field.state', { label: labelOf(f), value }));
    el.title = labelOf(f);
  }
}

/** The overlay of the field with this id (for next-field navigation). */
export const overlayOf = (id: string) => overlays.get(id);

function place(f: Field): HTMLButtonElement | null {
  const at = viewports.get(f.page);
  if (!at) return null;
  const [x1, y1, x2, y2] = at.viewport.convertToViewportRectangle([f.rect.x, f.rect.y, f.rect.x + f.rect.width, f.rect.y + f.rect.height]) as [number, number, number, number];
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset['fieldId'] = f.id;
  const h = Math.abs(y2 - y1);
  // Text scaled to the field, as the sealed document will draw it.
  const { width: pw, height: ph } = at.viewport;
  const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(3)}%`;
  Object.assign(b.style, { left: pct(Math.min(x1, x2), pw), top: pct(Math.min(y1, y2), ph), width: pct(Math.abs(x2 - x1), pw), height: pct(h, ph), fontSize: `${Math.max(8, Math.min(16, h * 0.6))}px` });
  b.addEventListener('click', () => opener(f.id));
  overlays.set(f.id, b);
  at.wrap.append(b);
  return b;
}

/** The words a field shows when it holds no drawing. */
function describeValue(f: Field): string {
  const v = f.value;
  if (!v) return f.type === 'date_signed' ? t('document.field.date_signed') : f.mine ? (f.required ? t('document.field.required', { label: labelOf(f) }) : labelOf(f)) : '';
  if (v.kind === 'drawn') return t('document.field.drawn');
  if (v.kind === 'typed') return v.text ?? '';
  if (v.kind === 'checked') return v.checked ? '✓' : '☐';
  if (v.kind === 'file') return t('document.field.file');
  return v.text ?? '';
}

/** A drawing as an <img> from the image route (fetched once, again after forgetDrawing); anything else as text. */
function drawValue(el: HTMLButtonElement, f: Field): void {
  if (f.value?.kind !== 'drawn') {
    shown.delete(f.id);
    el.textContent = describeValue(f);
    fitText(el);
    return;
  }
  if (shown.has(f.id) && el.querySelector('img')) return;
  const stamp = String(Date.now());
  shown.set(f.id, stamp);
  const img = document.createElement('img');
  // The button's accessible name says "signature drawn by hand"; the image adds nothing to it.
  img.alt = '';
  img.src = `/room/api/documents/${itemId}/fields/${encodeURIComponent(f.id)}/image?v=${stamp}`;
  el.replaceChildren(img);
}

/** The customer drew this field again: the next redraw fetches the new drawing. */
export function forgetDrawing(fieldId: string): void {
  shown.delete(fieldId);
}

/**
 * The words made smaller until they fit the field's box (down to 7px), so a
 * label reads whole ("Your signature (required)", not "Your signatur…"); the
 * full label stays the button's accessible name and title either way.
 */
function fitText(el: HTMLButtonElement): void {
  if (!el.isConnected) return;
  el.style.fontSize = el.dataset['fontSize'] ?? el.style.fontSize;
  el.dataset['fontSize'] = el.style.fontSize;
  let size = parseFloat(el.style.fontSize) || 12;
  while (size > 7 && el.scrollWidth > el.clientWidth + 1) {
    size -= 0.5;
    el.style.fontSize = `${size}px`;
  }
}
