// The text of a PDF as a reader's copy-and-paste would give it, in-process
// with pdf.js (Mozilla's renderer, the one the room shows documents with), so
// that tests on what a sealed PDF says need no host program (poppler's
// pdftotext). Text items are joined in drawing order, a new line where a line
// ends or the next item sits higher or lower, pages separated by a form feed
// as pdftotext does.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(bytes: Uint8Array): Promise<string> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      let text = '';
      let lastY: number | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue; // a marked-content boundary, no text
        // A run drawn on another line (a filled-in field, say) starts a line of its own even without an end-of-line mark.
        const y = item.transform[5] as number;
        if (lastY !== undefined && y !== lastY && text !== '' && !text.endsWith('\n')) text += '\n';
        text += item.str + (item.hasEOL ? '\n' : '');
        lastY = y;
      }
      pages.push(text);
    }
    return pages.join('\f');
  } finally {
    await doc.destroy();
  }
}
