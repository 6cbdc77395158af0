// A CMS SignedData (RFC 5652) read and checked with pkijs: the one signer,
// its certificate (found by issuer and serial number, kept with its exact DER
// bytes, which the signing-certificate attribute hashes), and the signature
// itself — the message-digest attribute against the content, then the
// signature over the signed attributes with the certificate's key (RSA or
// ECDSA, as pkijs supports them through WebCrypto).
//
// Used for the PDF's own signature and for the timestamp token inside it.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { digest, digestName, hex, sameBytes } from './hashes.ts';

export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  commonName: '2.5.4.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
} as const;

export interface SignerCertificate {
  certificate: pkijs.Certificate;
  /** The certificate exactly as the CMS carries it. */
  der: Uint8Array;
}

export interface ParsedSignedData {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  signer?: SignerCertificate;
}

/** Parses a ContentInfo holding a SignedData with exactly one signer; throws with what is wrong. */
export function readSignedData(der: Uint8Array): ParsedSignedData {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw new Error(`not ASN.1: ${parsed.result.error}`);
  const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
  if (contentInfo.contentType !== OID.signedData) throw new Error(`the CMS is a ${contentInfo.contentType}, not a SignedData`);
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  if (signedData.signerInfos.length !== 1) throw new Error(`the SignedData has ${signedData.signerInfos.length} signers, not one`);
  const signerInfo = signedData.signerInfos[0]!;

  // The certificates' own bytes, in the order pkijs read them: [0] IMPLICIT CertificateSet inside the SignedData.
  const sequence = contentInfo.content as asn1js.Sequence;
  const set = sequence.valueBlock.value.find((b) => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === 0) as asn1js.Constructed | undefined;
  const rawCertificates = set ? set.valueBlock.value.map((b) => b.valueBeforeDecodeView) : [];
  let signer: SignerCertificate | undefined;
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    (signedData.certificates ?? []).forEach((c, i) => {
      if (!signer && c instanceof pkijs.Certificate && c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber))
        signer = { certificate: c, der: rawCertificates[i]! };
    });
  }
  return { signedData, signerInfo, signer };
}

/** The first value of a signed or unsigned attribute, when present. */
export function attributeValue(attributes: pkijs.SignedAndUnsignedAttributes | undefined, oid: string): asn1js.AsnType | undefined {
  return attributes?.attributes.find((a) => a.type === oid)?.values[0] as asn1js.AsnType | undefined;
}

export function commonName(certificate: pkijs.Certificate): string {
  const cn = certificate.subject.typesAndValues.find((tv) => tv.type === OID.commonName);
  return cn ? String(cn.value.valueBlock.value) : '';
}

/** "RSA 2048", "EC P-256", or the key algorithm's OID. */
export function keyDescription(certificate: pkijs.Certificate): string {
  const { algorithm, subjectPublicKey } = certificate.subjectPublicKeyInfo;
  if (algorithm.algorithmId === OID.rsaEncryption) {
    const modulus = (asn1js.fromBER(subjectPublicKey.valueBlock.valueHexView).result as asn1js.Sequence).valueBlock.value[0] as asn1js.Integer;
    const bytes = modulus.valueBlock.valueHexView;
    return `RSA ${(bytes.length - (bytes[0] === 0 ? 1 : 0)) * 8}`;
  }
  if (algorithm.algorithmId === OID.ecPublicKey) {
    const curve = algorithm.algorithmParams instanceof asn1js.ObjectIdentifier ? algorithm.algorithmParams.valueBlock.toString() : '';
    return curve === OID.p256 ? 'EC P-256' : `EC ${curve}`;
  }
  return algorithm.algorithmId;
}

/**
 * Checks the signer's signature: message-digest = the digest of the content
 * (`detachedContent`, or the encapsulated one), and the signature over the
 * signed attributes valid with the signer's certificate. `imprintedData` is
 * what a timestamp token's TSTInfo must be a hash of (pkijs checks it too).
 * Returns the problems; empty when valid.
 */
export async function verifySignerInfo(parsed: ParsedSignedData, detachedContent: Uint8Array | undefined, imprintedData?: Uint8Array): Promise<string[]> {
  const { signedData, signerInfo, signer } = parsed;
  if (!signer) return ['the signer certificate is not in the CMS'];
  const problems: string[] = [];
  const algorithm = signerInfo.digestAlgorithm.algorithmId;
  if (!digestName(algorithm)) return [`the signer's digest algorithm ${algorithm} is not known`];

  const encapsulated = signedData.encapContentInfo.eContent;
  const content = encapsulated ? new Uint8Array(encapsulated.getValue()) : detachedContent;
  const messageDigest = attributeValue(signerInfo.signedAttrs, OID.messageDigest);
  if (!content) problems.push('there is no content to check the signature against');
  else if (!(messageDigest instanceof asn1js.OctetString)) problems.push('the message-digest signed attribute is missing');
  else {
    const expected = await digest(algorithm, content);
    const carried = messageDigest.valueBlock.valueHexView;
    if (!sameBytes(expected, carried))
      problems.push(`the message-digest attribute (${hex(carried)}) is not the ${digestName(algorithm)} of the signed bytes (${hex(expected)})`);
  }

  const data = imprintedData ?? detachedContent;
  try {
    const result = await signedData.verify({ signer: 0, data: data ? data.slice().buffer : undefined, extendedMode: true, checkChain: false });
    if (result.signatureVerified !== true) problems.push(`the signature does not verify with the certificate of ${commonName(signer.certificate)}`);
  } catch (err) {
    // pkijs stops at the first failure; a message-digest mismatch is reported above already.
    const message = (err as Error).message;
    if (!/Message digest doesn't match/.test(message) || problems.length === 0) problems.push(`pkijs: ${message}`);
  }
  return problems;
}
