// PDFs made on the spot for tests: plain, with an /Encrypt entry, corrupt.
import { PDFDocument, StandardFonts } from 'pdf-lib';

export async function makePdf(pages = 2, size: [number, number] = [612, 792]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage(size);
    page.drawText(`Agreement — page ${i} of ${pages}`.replace('—', '-'), { x: 72, y: size[1] - 72, size: 14, font });
  }
  return doc.save({ useObjectStreams: false });
}

/** A PDF whose trailer says it is encrypted, as a password-protected file would. */
export async function makeEncryptedPdf(): Promise<Uint8Array> {
  const text = new TextDecoder('latin1').decode(await makePdf(1));
  const marked = text.replace('trailer\n<<', 'trailer\n<<\n/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O (x) /U (y) >>');
  return Uint8Array.from(marked, (ch) => ch.charCodeAt(0));
}

export async function makeCorruptPdf(): Promise<Uint8Array> {
  const bytes = await makePdf(2);
  return bytes.slice(0, Math.floor(bytes.length / 3));
}

export const signatureField = (id: string, role = 'Customer', page = 1) => ({ id, type: 'signature', page, rect: { x: 72, y: 100, width: 200, height: 50 }, role, required: true });
export const textField = (id: string, role = 'Customer', page = 1, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'text',
  page,
  rect: { x: 72, y: 200, width: 200, height: 20 },
  role,
  required: true,
  ...extra,
});

export function documentForm(pdf: Uint8Array, definition: unknown, extra: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new File([pdf], 'doc.pdf', { type: 'application/pdf' }));
  form.append('definition', typeof definition === 'string' ? definition : JSON.stringify(definition));
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return form;
}
