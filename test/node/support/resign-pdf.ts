// Signatures made by another implementation (pkijs, with a fresh EC P-256
// key and self-signed certificate), written into a sealed PDF's /Contents in
// place of Parley's: so the verifier's tests can build exactly the fault they
// want — a wrong signing-certificate-v2 hash, a gap in the byte ranges, a
// corrupt signature value, a timestamp of something else — with everything
// else valid, and the verifier must name that one fault.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  commonName: '2.5.4.3',
};

export const RESIGNER_COMMON_NAME = 'Verifier Test Signer';

const sha256 = async (data: Uint8Array): Promise<Uint8Array> => new Uint8Array(await crypto.subtle.digest('SHA-256', data));

export interface Resigner {
  privateKey: CryptoKey;
  certificate: pkijs.Certificate;
  certificateDer: Uint8Array;
}

/** A fresh EC P-256 key and a self-signed certificate for it. */
export async function makeResigner(): Promise<Resigner> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const draft = new pkijs.Certificate();
  draft.version = 2;
  draft.serialNumber = new asn1js.Integer({ value: 4242 });
  const name = () => new pkijs.AttributeTypeAndValue({ type: OID.commonName, value: new asn1js.Utf8String({ value: RESIGNER_COMMON_NAME }) });
  draft.issuer.typesAndValues.push(name());
  draft.subject.typesAndValues.push(name());
  draft.notBefore.value = new Date(Date.now() - 86_400_000);
  draft.notAfter.value = new Date(Date.now() + 365 * 86_400_000);
  await draft.subjectPublicKeyInfo.importKey(keys.publicKey);
  await draft.sign(keys.privateKey, 'SHA-256');
  const certificateDer = new Uint8Array(draft.toSchema(true).toBER());
  return { privateKey: keys.privateKey, certificate: pkijs.Certificate.fromBER(certificateDer), certificateDer };
}

export interface CmsOptions {
  /** The signing-certificate-v2 attribute: naming the signer (default), another certificate, or left out. */
  signingCertificate?: 'signer' | 'other' | 'none';
  /** Flip a bit of the signature value after signing. */
  corruptSignature?: boolean;
  /** An RFC 3161 token for the signature value, made by the caller's TSA; added as id-aa-timeStampToken. */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

/** A detached CAdES SignedData over `content`, DER. */
export async function buildCms(signer: Resigner, content: Uint8Array, options: CmsOptions = {}): Promise<Uint8Array> {
  const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });
  const attributes = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: await sha256(content) })),
  ];
  const named = options.signingCertificate ?? 'signer';
  if (named !== 'none') {
    const hash = await sha256(named === 'signer' ? signer.certificateDer : new TextEncoder().encode('another certificate'));
    const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: hash })] });
    attributes.push(attribute(OID.signingCertificateV2, new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })));
  }
  const { certificate } = signer;
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [certificate],
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256');
  const signerInfo = signedData.signerInfos[0]!;
  if (options.corruptSignature) {
    const value = new Uint8Array(signerInfo.signature.valueBlock.valueHexView);
    value[value.length - 1]! ^= 0x01;
    signerInfo.signature = new asn1js.OctetString({ valueHex: value });
  }
  if (options.timestamp) {
    const token = asn1js.fromBER(await options.timestamp(new Uint8Array(signerInfo.signature.valueBlock.valueHexView))).result;
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [attribute(OID.timeStampToken, token)] });
  }
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

/** An RFC 3161 TimeStampReq for the SHA-256 of `data` (certReq set), DER. */
export async function timestampRequest(data: Uint8Array): Promise<Uint8Array> {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: await sha256(data) }),
    }),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER());
}

/** The token in a TimeStampResp (its second element), DER. */
export function tokenOf(response: Uint8Array): Uint8Array {
  const parsed = asn1js.fromBER(response).result as asn1js.Sequence;
  const token = parsed.valueBlock.value[1];
  if (!token) throw new Error('the TSA answered without a token');
  return token.valueBeforeDecodeView;
}

const latin1 = (bytes: Uint8Array): string => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

export interface ResignOptions extends CmsOptions {
  /** New /ByteRange numbers, written in the place of the old ones (same width); the signature is made over these. */
  byteRange?: [number, number, number, number];
}

/** A copy of the signed PDF `pdf` whose one signature is replaced by `signer`'s over the (possibly new) byte ranges. */
export async function resignPdf(pdf: Uint8Array, signer: Resigner, options: ResignOptions = {}): Promise<Uint8Array> {
  const out = new Uint8Array(pdf);
  const text = latin1(pdf);
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (!m) throw new Error('no /ByteRange to re-sign');
  // Where /Contents' hex string is: between the original ranges.
  const holeStart = Number(m[1]) + Number(m[2]);
  const holeEnd = Number(m[3]);
  if (options.byteRange) {
    const written = `/ByteRange [${options.byteRange.join(' ')}`;
    if (written.length + 1 > m[0].length) throw new Error('the new /ByteRange does not fit in the old one');
    out.set(new TextEncoder().encode(`${written.padEnd(m[0].length - 1, ' ')}]`), m.index);
  }
  const [a, b, c, d] = options.byteRange ?? ([1, 2, 3, 4].map((i) => Number(m[i])) as [number, number, number, number]);
  const content = new Uint8Array(b + d);
  content.set(out.subarray(a, a + b), 0);
  content.set(out.subarray(c, c + d), b);

  const cms = await buildCms(signer, content, options);
  const room = (holeEnd - holeStart - 2) / 2;
  if (cms.length > room) throw new Error(`the CMS (${cms.length} bytes) does not fit in /Contents (${room})`);
  const hex = Array.from(cms, (x) => x.toString(16).padStart(2, '0'))
    .join('')
    .padEnd(room * 2, '0');
  out.set(new TextEncoder().encode(hex), holeStart + 1);
  return out;
}
