// Sealing: the final PDF digitally signed, PAdES (SubFilter ETSI.CAdES.detached),
// with the org's certificate or the service's own, and an RFC 3161 timestamp
// where a TSA is configured. A validator (poppler's pdfsig, Adobe Reader)
// reports it valid and the whole document signed; any later byte change
// breaks it.
//
// Where the key lives is the transport's business (seal-transport.ts).
//
// pdf-lib writes the document once with an invisible signature field whose
// /Contents is a zero-filled placeholder (signature-placeholder.ts);
// @signpdf/signpdf fixes the /ByteRange to "everything but /Contents" and
// asks our Signer (CAdES, cades.ts) for the CMS over those bytes, which it
// writes in.
import { Buffer } from 'node:buffer';
import { PDFDocument } from 'pdf-lib';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { attribute, buildSignedData, CMS_OID } from './cades.ts';
import { sha256 } from './digest.ts';
import type { SealTransport } from './seal-transport.ts';
import { addSignaturePlaceholder } from './signature-placeholder.ts';
import type { SignerIdentity } from './signer-identity.ts';
import { fetchTimestamp } from './timestamp.ts';

export interface SealSigner {
  /** Who seals: the certificates, and the key that signs (a file in hand, an HSM…). */
  transport: SealTransport;
  /** Shown by validators as the signer's name; default the certificate's common name. */
  name?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** An RFC 3161 timestamp authority; when set, the signature carries its token. */
  tsaUrl?: string;
  /** The claimed signing time (/M); default now. Fixed in tests for repeatable output. */
  signingTime?: Date;
  /** For the TSA request; default the global fetch. */
  fetch?: typeof fetch;
}

/** Room for the CMS in /Contents, in bytes: the signature, our certificates, and a TSA's token with its certificates. */
const CONTENTS_BYTES = 8_192;
const CONTENTS_BYTES_WITH_TIMESTAMP = 24_576;

class CadesSigner extends Signer {
  private readonly identity: SignerIdentity;
  private readonly timestamp: ((signature: Uint8Array) => Promise<Uint8Array>) | undefined;

  constructor(identity: SignerIdentity, timestamp?: (signature: Uint8Array) => Promise<Uint8Array>) {
    super();
    this.identity = identity;
    this.timestamp = timestamp;
  }

  override async sign(signedBytes: Buffer): Promise<Buffer> {
    const timestamp = this.timestamp;
    const cms = await buildSignedData({
      signer: this.identity,
      contentDigest: await sha256(signedBytes),
      unsignedAttributes: timestamp ? async (signature) => [attribute(CMS_OID.timeStampToken, await timestamp(signature))] : undefined,
    });
    return Buffer.from(cms.buffer, cms.byteOffset, cms.length);
  }
}

export async function sealPdf(pdfBytes: Uint8Array, signer: SealSigner): Promise<Uint8Array> {
  // updateMetadata: false — the document's info stays as the caller made it, so equal input seals to equal output.
  return sealDocument(await PDFDocument.load(pdfBytes, { updateMetadata: false }), signer);
}

/** sealPdf on a document already loaded (and changed): it is written once, with the signature's placeholder, then signed. */
export async function sealDocument(doc: PDFDocument, signer: SealSigner): Promise<Uint8Array> {
  const identity = await signer.transport.identity();
  const { tsaUrl } = signer;
  const timestamp = tsaUrl ? async (signature: Uint8Array) => (await fetchTimestamp(tsaUrl, signature, { fetch: signer.fetch })).token : undefined;

  const pageCount = doc.getPageCount();
  if (pageCount === 0) throw new Error('a PDF without pages cannot be sealed');
  addSignaturePlaceholder(doc, {
    page: doc.getPage(pageCount - 1), // the certificate page, when there is one
    subFilter: 'ETSI.CAdES.detached',
    contentsBytes: tsaUrl ? CONTENTS_BYTES_WITH_TIMESTAMP : CONTENTS_BYTES,
    name: signer.name ?? identity.commonName,
    reason: signer.reason ?? 'Sealed by Parley: the document and its certificate of completion',
    location: signer.location ?? '',
    contactInfo: signer.contactInfo ?? '',
    signingTime: signer.signingTime ?? new Date(),
    appName: 'Parley',
  });
  const prepared = await doc.save({ useObjectStreams: false });
  const signed = await new SignPdf().sign(Buffer.from(prepared.buffer, prepared.byteOffset, prepared.length), new CadesSigner(identity, timestamp));
  return new Uint8Array(signed.buffer, signed.byteOffset, signed.length);
}
