// From a fully signed document to the sealed PDF: values flattened into the
// pages, a certificate page appended, then the whole file digitally signed.
// The original is read once and every step works on that one document: it is
// written twice, for the hash of the final content and for the signature.
import type { FieldDef, FieldValue } from '../domain/fields.ts';
import { addCertificate, type CertificateInfo } from './certificate-page.ts';
import { flattenInto, loadGuarded } from './flatten.ts';
import { sealDocument, type SealSigner } from './seal.ts';
import { sha256Hex } from './digest.ts';

export type FinalizeStage = 'flatten' | 'certificate' | 'sign';

export interface FinalizeInput {
  original: Uint8Array;
  fields: FieldDef[];
  values: Record<string, FieldValue>;
  /** Names of attached files by file id, printed in attachment fields. */
  attachmentNames: Record<string, string>;
  certificate: Omit<CertificateInfo, 'finalContentSha256'>;
  signer: SealSigner;
  /** Told how long each stage took, in milliseconds (for the seal's log line and the bench). */
  onStage?: (stage: FinalizeStage, ms: number) => void;
}

export async function finalizeDocument(input: FinalizeInput): Promise<{ sealed: Uint8Array; finalContentSha256: string }> {
  let startedAt = performance.now();
  const stageDone = (stage: FinalizeStage) => {
    const at = performance.now();
    input.onStage?.(stage, at - startedAt);
    startedAt = at;
  };
  const doc = await loadGuarded(input.original);
  await flattenInto(doc, input.fields, input.values, { attachmentNames: input.attachmentNames });
  // The flattened document as flattenDocument writes it (the "in progress" download is the same bytes while nothing changes).
  const finalContentSha256 = await sha256Hex(await doc.save());
  stageDone('flatten');
  await addCertificate(doc, { ...input.certificate, finalContentSha256 });
  stageDone('certificate');
  const sealed = await sealDocument(doc, input.signer);
  stageDone('sign');
  return { sealed, finalContentSha256 };
}
