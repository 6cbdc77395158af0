// Checking an uploaded PDF before anything is stored: really a PDF, within
// the bounds of the work reading it takes (pdf-guard.ts, before pdf-lib
// parses a byte), readable, not encrypted, within the size and page limits.
// Each problem is a 4xx that names it.
import { PDFDocument } from 'pdf-lib';
import { fail, ok, type Result } from '../errors';
import type { PageSize } from '../domain/fields';
import { sha256HexBytes } from '../auth/crypto';
import { MAX_PDF_BYTES, MAX_PDF_PAGES } from './pdf-limits';
import { guardPdf } from './pdf-guard';


export interface InspectedPdf {
  bytes: Uint8Array;
  sha256: string;
  pages: PageSize[];
}

export async function inspectPdf(bytes: Uint8Array): Promise<Result<InspectedPdf>> {
  if (bytes.byteLength === 0) return fail(422, 'empty_file', 'file: the file is empty');
  if (bytes.byteLength > MAX_PDF_BYTES) return fail(413, 'file_too_large', `file: over the ${MAX_PDF_BYTES / 1024 / 1024} MB limit for documents`);
  if (!isPdf(bytes)) return fail(415, 'not_a_pdf', 'file: not a PDF (it does not start with %PDF-)');
  // pdf-lib inflates object streams and walks page trees while loading: a hostile file is refused first.
  const guarded = guardPdf(bytes);
  if (!guarded.ok) return guarded;
  let doc: PDFDocument;
  try {
    // Load even if encrypted, to say so plainly below (pdf-lib's own refusal is a bare Error).
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true, ignoreEncryption: true });
  } catch {
    return fail(422, 'corrupt_pdf', 'file: the PDF could not be read (it is damaged or incomplete)');
  }
  if (doc.isEncrypted) return fail(422, 'encrypted_pdf', 'file: the PDF is encrypted or password-protected; upload an unprotected copy');
  let pages: { width: number; height: number }[];
  try {
    // pdf-lib reads the page tree only now: a file with no catalogue or a broken tree loads, then throws here.
    pages = doc.getPages().map((p) => {
      const { width, height } = p.getSize();
      return { width, height };
    });
  } catch {
    return fail(422, 'corrupt_pdf', 'file: the PDF could not be read (its pages cannot be found)');
  }
  if (pages.length === 0) return fail(422, 'no_pages', 'file: the PDF has no pages');
  if (pages.length > MAX_PDF_PAGES) return fail(422, 'too_many_pages', `file: ${pages.length} pages is over the ${MAX_PDF_PAGES}-page limit`);
  return ok({ bytes, sha256: await sha256HexBytes(bytes), pages });
}

function isPdf(bytes: Uint8Array): boolean {
  // The header may follow a little junk (readers accept it within the first 1024 bytes).
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}
