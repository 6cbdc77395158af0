// Active content out of a document before it is flattened and sealed: a
// sealed PDF is a record of what was signed, so nothing in it may run,
// launch, open or carry another file. Removed: document JavaScript (the name
// tree and every JavaScript action), OpenAction and every additional-actions
// (/AA) dictionary, actions other than going to a page in the document
// (Launch, URI, SubmitForm, ImportData, GoToR, Rendition…, and the chains
// after a GoTo), embedded files (the name tree, file specifications' /EF and
// the embedded file streams themselves), and annotations that play or carry
// content (file attachments, sound, movie, screen, rich media, 3D).
//
// Uploads are not refused for these: ordinary documents often carry links
// and an OpenAction that only says "open at page 1". The room shows uploads
// as rendered images (pdf.js without scripting), so only the sealed output
// needs them gone.
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';

/** Keys that hold something that runs, opens or carries content, removed wherever they appear. */
const DROPPED_KEYS = ['AA', 'OpenAction', 'JS', 'EF', 'JavaScript', 'EmbeddedFiles', 'RichMediaContent', 'XFA'].map((k) => PDFName.of(k));
/** Actions that run, launch, open or send something (every action but moving within the document). */
const DROPPED_ACTIONS = new Set(['JavaScript', 'Launch', 'URI', 'SubmitForm', 'ImportData', 'GoToR', 'GoToE', 'Rendition', 'Sound', 'Movie', 'RichMediaExecute', 'GoTo3DView']);
/** Annotations whose whole point is to play or carry something. */
const DROPPED_ANNOTATIONS = new Set(['FileAttachment', 'Sound', 'Movie', 'Screen', 'RichMedia', '3D']);
const KEPT_ACTION = PDFName.of('GoTo');
const [S, A, NEXT, JS, EF, TYPE, SUBTYPE] = ['S', 'A', 'Next', 'JS', 'EF', 'Type', 'Subtype'].map((k) => PDFName.of(k)) as [PDFName, PDFName, PDFName, PDFName, PDFName, PDFName, PDFName];
/** Nesting the walk follows; the guard (pdf-guard.ts) refuses deeper documents on upload. */
const MAX_DEPTH = 64;

const nameOf = (v: PDFObject | undefined) => (v instanceof PDFName ? v.decodeText() : undefined);

export function stripActiveContent(doc: PDFDocument): void {
  const { context } = doc;
  /** Objects to delete: scripts in streams, embedded files, dropped annotations and actions. */
  const drop = new Set<string>();
  const dropRef = (v: PDFObject | undefined) => {
    if (v instanceof PDFRef) drop.add(v.toString());
  };

  /** Cleans a dictionary; true when the dictionary itself must go. */
  const scrub = (dict: PDFDict, depth: number): boolean => {
    if (DROPPED_ANNOTATIONS.has(nameOf(dict.get(SUBTYPE)) ?? '')) return true;
    if (nameOf(dict.get(TYPE)) === 'EmbeddedFile') return true;
    const action = nameOf(dict.get(S));
    if (action && DROPPED_ACTIONS.has(action)) {
      // Its script may be a stream of its own, and more actions may follow it.
      dropRef(dict.get(JS));
      dropRef(dict.get(NEXT));
      return true;
    }
    // An action's /Next runs after it (an outline item's /Next is its sibling, and stays).
    if (action && dict.has(NEXT) && !dict.has(PDFName.of('Title'))) {
      dropRef(dict.get(NEXT));
      dict.delete(NEXT);
    }
    for (const key of DROPPED_KEYS) {
      const v = dict.get(key);
      if (v === undefined) continue;
      if (key === JS) dropRef(v);
      if (key === EF) {
        const files = v instanceof PDFDict ? v : context.lookupMaybe(v, PDFDict);
        files?.entries().forEach(([, file]) => dropRef(file));
        dropRef(v);
      }
      dict.delete(key);
    }
    const a = dict.get(A);
    if (a !== undefined) {
      const resolved = a instanceof PDFDict ? a : context.lookupMaybe(a, PDFDict);
      if (resolved?.get(S) !== KEPT_ACTION) {
        dropRef(a);
        dict.delete(A);
      }
    }
    if (depth < MAX_DEPTH) for (const [key, v] of dict.entries()) visit(v, depth + 1, () => dict.delete(key));
    return false;
  };

  /** Visits a direct value; `remove` takes it out of its container when it must go. */
  const visit = (v: PDFObject, depth: number, remove: () => void) => {
    if (v instanceof PDFDict) {
      if (scrub(v, depth)) remove();
    } else if (v instanceof PDFArray && depth < MAX_DEPTH) {
      for (let i = v.size() - 1; i >= 0; i--) visit(v.get(i), depth + 1, () => v.remove(i));
    }
  };

  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (object instanceof PDFStream) {
      if (scrub(object.dict, 0)) drop.add(ref.toString());
    } else visit(object, 0, () => drop.add(ref.toString()));
  }
  // A dropped object leaves every array that lists it (a page's /Annots above all), then the file.
  for (const [, object] of context.enumerateIndirectObjects()) {
    const arrays = object instanceof PDFArray ? [object] : object instanceof PDFDict ? object.values().filter((v): v is PDFArray => v instanceof PDFArray) : [];
    for (const array of arrays) {
      for (let i = array.size() - 1; i >= 0; i--) {
        const item = array.get(i);
        if (item instanceof PDFRef && drop.has(item.toString())) array.remove(i);
      }
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (drop.has(ref.toString())) context.delete(ref);
}
