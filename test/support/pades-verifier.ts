// A PAdES validator for the tests, in-process and independent of Parley's
// sealing code (it imports nothing from worker/src/documents/): what poppler's
// pdfsig says about a sealed PDF, said again with pkijs, so that `npm test`
// checks every seal on any machine. pdfsig stays a second oracle where it is
// installed (test/node/documents/pdfsig.test.ts).
//
// For every signature in the file: the byte ranges cover everything but the
// /Contents hex string, the message-digest attribute is the hash of those
// ranges, the signature over the signed attributes is valid with the signer's
// certificate (RSA or EC P-256), the signing-certificate-v2 attribute names
// that certificate, and an RFC 3161 timestamp token, when present, stamps the
// signature value and is validly signed. Whether the certificates are trusted
// is a policy question it leaves out, as pdfsig's "Signature is Valid" does.
import type * as asn1js from 'asn1js';
import { findSignatureDictionaries, type SignatureDictionary } from './pades/signature-dictionaries.ts';
import { checkSigningCertificate } from './pades/signing-certificate.ts';
import { attributeValue, commonName, keyDescription, OID, readSignedData, verifySignerInfo } from './pades/signed-data.ts';
import { verifyTimestampToken, type TimestampReport } from './pades/timestamp-token.ts';

export type { TimestampReport };

export interface SignatureReport {
  /** The ranges, the CMS signature and its attributes are all right. */
  valid: boolean;
  byteRange: [number, number, number, number];
  /** This signature's ranges end at the end of the file. */
  coversToEndOfFile: boolean;
  subFilter: string;
  signerCommonName: string;
  /** "RSA 2048", "EC P-256"… */
  signerKey: string;
  /** The CMS signing-time attribute when present, else the dictionary's claimed time /M. */
  signingTime?: Date;
  timestamp?: TimestampReport;
  problems: string[];
}

export interface PadesReport {
  /** There is at least one signature and every one is valid. */
  valid: boolean;
  /** The last signature covers the file up to its last byte: nothing was added after it (pdfsig's "Total document signed"). */
  totalDocumentSigned: boolean;
  /** The last signature's SubFilter, signer and timestamp. */
  subFilter: string;
  signerCommonName: string;
  signerKey: string;
  signingTime?: Date;
  timestamp?: TimestampReport;
  signatures: SignatureReport[];
  /** Every problem found, each prefixed with its signature's number. */
  problems: string[];
}

async function verifySignature(found: SignatureDictionary): Promise<SignatureReport> {
  const problems = [...found.problems];
  const report = {
    byteRange: found.byteRange,
    coversToEndOfFile: found.coversToEndOfFile,
    subFilter: found.subFilter,
    signerCommonName: '',
    signerKey: '',
    signingTime: found.claimedTime,
  };
  if (found.cms.length === 0) return { ...report, valid: false, problems };

  let parsed;
  try {
    parsed = readSignedData(found.cms);
  } catch (err) {
    problems.push(`the CMS in /Contents cannot be read: ${(err as Error).message}`);
    return { ...report, valid: false, problems };
  }
  const { signerInfo, signer } = parsed;
  if (found.signedBytes.length > 0) problems.push(...(await verifySignerInfo(parsed, found.signedBytes)));
  problems.push(...(await checkSigningCertificate(parsed)));

  const signingTime = attributeValue(signerInfo.signedAttrs, OID.signingTime) as asn1js.UTCTime | undefined;
  const tokenValue = attributeValue(signerInfo.unsignedAttrs, OID.timeStampToken);
  let timestamp: TimestampReport | undefined;
  if (tokenValue) {
    timestamp = await verifyTimestampToken(tokenValue.valueBeforeDecodeView, signerInfo.signature.valueBlock.valueHexView);
    problems.push(...timestamp.problems);
  }
  return {
    ...report,
    signerCommonName: signer ? commonName(signer.certificate) : '',
    signerKey: signer ? keyDescription(signer.certificate) : '',
    signingTime: signingTime ? signingTime.toDate() : found.claimedTime,
    timestamp,
    valid: problems.length === 0,
    problems,
  };
}

/** Validates every signature in `pdf`; never throws on a bad file, it reports. */
export async function verifyPades(pdf: Uint8Array): Promise<PadesReport> {
  const signatures: SignatureReport[] = [];
  for (const found of findSignatureDictionaries(pdf)) signatures.push(await verifySignature(found));
  const last = signatures.at(-1);
  const problems =
    signatures.length === 0 ? ['the file has no signature (/ByteRange)'] : signatures.flatMap((s, i) => s.problems.map((p) => `signature ${i + 1}: ${p}`));
  return {
    valid: signatures.length > 0 && signatures.every((s) => s.valid),
    totalDocumentSigned: last?.coversToEndOfFile ?? false,
    subFilter: last?.subFilter ?? '',
    signerCommonName: last?.signerCommonName ?? '',
    signerKey: last?.signerKey ?? '',
    signingTime: last?.signingTime,
    timestamp: last?.timestamp,
    signatures,
    problems,
  };
}
