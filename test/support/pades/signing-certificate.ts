// The ESS signing-certificate attribute (RFC 5035 v2, RFC 2634 v1): a signed
// attribute naming, by hash, the certificate the signer meant. Without it a
// signature could be passed off under another certificate with the same key;
// PAdES (ETSI.CAdES.detached) and RFC 3161 timestamp tokens require it.
//
//   SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies OPTIONAL }
//   ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
//   ESSCertID   ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial OPTIONAL }
import * as asn1js from 'asn1js';
import { digest, digestName, hex, SHA256_OID, sameBytes } from './hashes.ts';
import { attributeValue, OID, type ParsedSignedData } from './signed-data.ts';

const SHA1_OID = '1.3.14.3.2.26';

/** The problems with the signer's signing-certificate attribute; a missing one is a problem. */
export async function checkSigningCertificate(parsed: ParsedSignedData): Promise<string[]> {
  const { signerInfo, signer } = parsed;
  const v2 = attributeValue(signerInfo.signedAttrs, OID.signingCertificateV2);
  const v1 = attributeValue(signerInfo.signedAttrs, OID.signingCertificate);
  const value = v2 ?? v1;
  if (!value) return ['there is no signing-certificate(-v2) signed attribute'];
  if (!signer) return []; // reported by the signature check
  const name = v2 ? 'signing-certificate-v2' : 'signing-certificate';

  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return [`the ${name} attribute names no certificate`];
  const fields = first.valueBlock.value;
  let algorithm = v2 ? SHA256_OID : SHA1_OID;
  let at = 0;
  if (v2 && fields[0] instanceof asn1js.Sequence) {
    const oid = fields[0].valueBlock.value[0];
    if (oid instanceof asn1js.ObjectIdentifier) algorithm = oid.valueBlock.toString();
    at = 1;
  }
  const certHash = fields[at];
  if (!(certHash instanceof asn1js.OctetString)) return [`the ${name} attribute has no certificate hash`];
  if (!digestName(algorithm)) return [`the ${name} attribute uses an unknown hash ${algorithm}`];

  const expected = await digest(algorithm, signer.der);
  const carried = certHash.valueBlock.valueHexView;
  if (!sameBytes(expected, carried)) {
    return [`the ${name} attribute names a certificate with hash ${hex(carried)}, not the signer's (${hex(expected)})`];
  }
  // issuerSerial, when present: the serial number must be the signer certificate's too.
  const issuerSerial = fields[at + 1];
  const serial = issuerSerial instanceof asn1js.Sequence ? issuerSerial.valueBlock.value[1] : undefined;
  if (serial instanceof asn1js.Integer && !serial.isEqual(signer.certificate.serialNumber)) {
    return [`the ${name} attribute names serial number ${hex(serial.valueBlock.valueHexView)}, not the signer certificate's`];
  }
  return [];
}
