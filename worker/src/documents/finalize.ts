// From a fully signed document to the sealed PDF: values flattened into the
// pages, a certificate page appended, then the whole file digitally signed.
import type { FieldDef, FieldValue } from '../domain/fields';
import { appendCertificatePage, type CertificateInfo } from './certificate-page';
import { flattenDocument } from './flatten';
import { sealPdf, type SealSigner } from './seal';
import { sha256Hex } from './digest';

export interface FinalizeInput {
  original: Uint8Array;
  fields: FieldDef[];
  values: Record<string, FieldValue>;
  /** Names of attached files by file id, printed in attachment fields. */
  attachmentNames: Record<string, string>;
  certificate: Omit<CertificateInfo, 'finalContentSha256'>;
  signer: SealSigner;
}

export async function finalizeDocument(input: FinalizeInput): Promise<{ sealed: Uint8Array; finalContentSha256: string }> {
  const flattened = await flattenDocument(input.original, input.fields, input.values, { attachmentNames: input.attachmentNames });
  const finalContentSha256 = await sha256Hex(flattened);
  const withCertificate = await appendCertificatePage(flattened, { ...input.certificate, finalContentSha256 });
  return { sealed: await sealPdf(withCertificate, input.signer), finalContentSha256 };
}
