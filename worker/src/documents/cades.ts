// A CMS SignedData (RFC 5652) in the CAdES form PAdES needs (ETSI EN 319 122 /
// 319 142, baseline B-B): SHA-256, signed attributes content-type,
// message-digest and signing-certificate-v2, no signing-time (PAdES puts the
// claimed time in the signature dictionary's /M). An RFC 3161 timestamp, when
// wanted, is added over the signature value as an unsigned attribute (B-T).
import * as der from './der.ts';
import { readCertificate } from './signer-identity.ts';
import { sha256 } from './digest.ts';

export const CMS_OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
} as const;

export interface CmsSigner {
  certificate: Uint8Array;
  chain: Uint8Array[];
  signatureAlgorithm: Uint8Array;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface SignedDataOptions {
  signer: CmsSigner;
  /** SHA-256 of the signed content (for a detached signature, of the bytes signed). */
  contentDigest: Uint8Array;
  /** Default id-data. */
  contentType?: string;
  /** The content, when it is encapsulated (a timestamp token's TSTInfo); absent: detached. */
  content?: Uint8Array;
  /** Unsigned attributes computed from the signature value (e.g. a timestamp token). */
  unsignedAttributes?: (signature: Uint8Array) => Promise<Uint8Array[]>;
}

/** Attribute ::= SEQUENCE { attrType OID, attrValues SET OF value }. */
export const attribute = (type: string, ...values: Uint8Array[]): Uint8Array => der.sequence(der.oid(type), der.setOf(...values));

/** SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 { certHash (SHA-256: the default, so no algorithm), issuerSerial } }. */
async function signingCertificateV2(certificate: Uint8Array): Promise<Uint8Array> {
  const { issuer, serialNumber } = readCertificate(certificate);
  const issuerSerial = der.sequence(der.sequence(der.tlv(der.contextTag(4), issuer)), serialNumber);
  const essCertIdV2 = der.sequence(der.octetString(await sha256(certificate)), issuerSerial);
  return attribute(CMS_OID.signingCertificateV2, der.sequence(der.sequence(essCertIdV2)));
}

/** A ContentInfo holding a SignedData with one signer. */
export async function buildSignedData(options: SignedDataOptions): Promise<Uint8Array> {
  const { signer, contentDigest, content } = options;
  const contentType = options.contentType ?? CMS_OID.data;
  const sha256Alg = der.algorithm(CMS_OID.sha256, false);

  const signedAttributes = [
    attribute(CMS_OID.contentType, der.oid(contentType)),
    attribute(CMS_OID.messageDigest, der.octetString(contentDigest)),
    await signingCertificateV2(signer.certificate),
  ];
  // The signature covers the attributes encoded as a SET OF (RFC 5652 §5.4).
  const signature = await signer.sign(der.setOf(...signedAttributes));
  const unsigned = (await options.unsignedAttributes?.(signature)) ?? [];

  const { issuer, serialNumber } = readCertificate(signer.certificate);
  const signerInfo = der.sequence(
    der.integer(1),
    der.sequence(issuer, serialNumber), // IssuerAndSerialNumber
    sha256Alg,
    der.implicitSetOf(0, ...signedAttributes),
    signer.signatureAlgorithm,
    der.octetString(signature),
    ...(unsigned.length ? [der.implicitSetOf(1, ...unsigned)] : []),
  );
  const encapContentInfo = content ? der.sequence(der.oid(contentType), der.explicit(0, der.octetString(content))) : der.sequence(der.oid(contentType));
  const signedData = der.sequence(
    der.integer(contentType === CMS_OID.data ? 1 : 3),
    der.setOf(sha256Alg),
    encapContentInfo,
    der.implicitSetOf(0, signer.certificate, ...signer.chain),
    der.setOf(signerInfo),
  );
  return der.sequence(der.oid(CMS_OID.signedData), der.explicit(0, signedData));
}
