// Limits for uploaded documents. Apart from the PDF code itself, so routes
// can check sizes without loading pdf-lib.
export const MAX_PDF_BYTES = 20 * 1024 * 1024;
export const MAX_PDF_PAGES = 500;
