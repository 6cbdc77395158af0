// The empty signature that sealing fills in: a signature dictionary whose
// /ByteRange and /Contents are placeholders, referenced by an invisible
// signature field on the last page. @signpdf/signpdf then fixes the byte
// range and writes the CMS into /Contents.
//
// This follows @signpdf/placeholder-pdf-lib, written here against our own
// pdf-lib import: that package require()s pdf-lib's CommonJS build, while the
// Worker bundle (and vitest) import its ES build. Two copies of pdf-lib's
// classes do not recognise each other's objects, and the signature
// dictionary came out garbled ("/ByteRange << /array [...] >>").
import { PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFInvalidObject, PDFName, PDFNumber, type PDFPage, PDFString } from 'pdf-lib';

/** The name that marks the three unknown /ByteRange numbers (what @signpdf/signpdf looks for). */
export const BYTE_RANGE_PLACEHOLDER = '**********';

export interface PlaceholderOptions {
  page: PDFPage;
  subFilter: string;
  /** Bytes reserved for the CMS in /Contents. */
  contentsBytes: number;
  name: string;
  reason: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
  appName: string;
}

const SIGNATURES_EXIST = 1;
const APPEND_ONLY = 2;
const PRINT = 4;

export function addSignaturePlaceholder(doc: PDFDocument, o: PlaceholderOptions): void {
  const ctx = doc.context;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));

  const signature = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: o.subFilter,
    ByteRange: byteRange,
    Contents: PDFHexString.of('00'.repeat(o.contentsBytes)),
    Reason: PDFString.of(o.reason),
    M: PDFString.fromDate(o.signingTime),
    ContactInfo: PDFString.of(o.contactInfo),
    Name: PDFString.of(o.name),
    Location: PDFString.of(o.location),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' }, App: { Name: o.appName } },
  });
  // Written out verbatim, never inside an object stream, where /Contents could not be found and filled.
  const bytes = new Uint8Array(signature.sizeInBytes());
  signature.copyBytesInto(bytes, 0);
  const signatureRef = ctx.register(PDFInvalidObject.of(bytes));

  const widget = ctx.register(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0], // invisible
      V: signatureRef,
      T: PDFString.of('Signature1'),
      F: PRINT,
      P: o.page.ref,
      AP: { N: ctx.register(ctx.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} })) },
    }),
  );

  const annots = o.page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? ctx.obj([]);
  annots.push(widget);
  o.page.node.set(PDFName.of('Annots'), annots);

  let form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (!form) {
    form = ctx.obj({ Fields: [] });
    doc.catalog.set(PDFName.of('AcroForm'), ctx.register(form));
  }
  const flags = form.lookupMaybe(PDFName.of('SigFlags'), PDFNumber)?.asNumber() ?? 0;
  form.set(PDFName.of('SigFlags'), PDFNumber.of(flags | SIGNATURES_EXIST | APPEND_ONLY));
  let fields = form.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (!fields) {
    fields = ctx.obj([]);
    form.set(PDFName.of('Fields'), fields);
  }
  fields.push(widget);
}
