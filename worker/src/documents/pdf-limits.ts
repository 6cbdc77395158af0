// Limits for uploaded documents. Apart from the PDF code itself, so routes
// can check sizes without loading pdf-lib.
export const MAX_PDF_BYTES = 20 * 1024 * 1024;
export const MAX_PDF_PAGES = 500;

// The work of reading a PDF, checked by the guard (pdf-guard.ts) before
// pdf-lib parses anything. A hostile file is small on the wire and huge once
// read: these bound what reading it can cost. Each is far above what real
// documents need (a 500-page contract has a few thousand objects, nests
// under 10 levels, and its object streams hold a few MB).

/** What one stream may decode to. A 300-dpi A4 page as an uncompressed RGB image is about 26 MB. */
export const MAX_PDF_STREAM_INFLATED_BYTES = 64 * 1024 * 1024;
/** What all the streams of a file may decode to together. */
export const MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024;
/** What the object streams (and cross-reference streams) may decode to together: pdf-lib holds and parses all of it while loading. */
export const MAX_PDF_OBJECT_STREAM_BYTES = 16 * 1024 * 1024;
/** Objects in the file, object streams included: each costs pdf-lib memory. */
export const MAX_PDF_OBJECTS = 50_000;
/** Arrays and dictionaries inside one another (PDF's own architectural limit is 28; readers recurse on each). */
export const MAX_PDF_NESTING = 64;
/** Time the guard may take; the byte and object bounds keep real files far below it. */
export const MAX_PDF_CHECK_MS = 2_000;
