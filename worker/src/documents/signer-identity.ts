// Who seals: a PKCS#12 file (the org's certificate or the service's own) read
// into a WebCrypto signing key and the certificates to embed. node-forge reads
// the PKCS#12 (pure JS); hashing and signing then run on WebCrypto, which is
// native in workerd and Node. RSA and EC (P-256, P-384, P-521) keys.
import forge from 'node-forge';
import * as der from './der.ts';

export interface SignerIdentity {
  /** The signing certificate, DER. */
  certificate: Uint8Array;
  /** The other certificates in the file (its chain), DER. */
  chain: Uint8Array[];
  /** The certificate subject's common name, e.g. "Parley Development Sealing". */
  commonName: string;
  /** Signs with SHA-256; returns the signature as CMS wants it (ECDSA: DER Ecdsa-Sig-Value). */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** The CMS signatureAlgorithm for those signatures. */
  signatureAlgorithm: Uint8Array;
}

export class SignerIdentityError extends Error {
  override name = 'SignerIdentityError';
}

const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
};
const CURVES: Record<string, string> = { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' };

/** The fields of an X.509 certificate that a CMS signer needs. */
export interface CertificateFields {
  /** The issuer Name, DER. */
  issuer: Uint8Array;
  /** The serial number INTEGER, DER. */
  serialNumber: Uint8Array;
  /** SubjectPublicKeyInfo, DER. */
  subjectPublicKeyInfo: Uint8Array;
  commonName: string;
}

export function readCertificate(certificate: Uint8Array): CertificateFields {
  const [tbs] = der.children(der.read(certificate));
  if (!tbs) throw new SignerIdentityError('not an X.509 certificate');
  const f = der.children(tbs);
  const i = f[0]?.tag === der.contextTag(0) ? 1 : 0; // [0] version, when not v1
  const [serial, , issuer, , subject, spki] = f.slice(i);
  if (!serial || !issuer || !subject || !spki) throw new SignerIdentityError('not an X.509 certificate');
  return { issuer: issuer.der, serialNumber: serial.der, subjectPublicKeyInfo: spki.der, commonName: commonNameOf(subject) };
}

function commonNameOf(name: der.Node): string {
  for (const rdn of der.children(name)) {
    for (const atv of der.children(rdn)) {
      const [type, value] = der.children(atv);
      if (type && value && der.readOid(type) === OID.commonName) {
        // UTF8String, PrintableString, IA5String, T61String: read as UTF-8; BMPString as UTF-16BE.
        if (value.tag === 0x1e) {
          let s = '';
          for (let k = 0; k + 1 < value.value.length; k += 2) s += String.fromCharCode((value.value[k]! << 8) | value.value[k + 1]!);
          return s;
        }
        return new TextDecoder().decode(value.value);
      }
    }
  }
  return '';
}

const asBytes = (asn1: forge.asn1.Asn1): Uint8Array => forge.util.binary.raw.decode(forge.asn1.toDer(asn1).getBytes());

/**
 * The exact DER of a certificate forge has parsed: forge keeps the parsed
 * TBSCertificate; the outer signatureAlgorithm is by definition the TBS's own
 * `signature` field, so nothing is re-encoded from forge's interpretation.
 */
function certificateDer(bag: forge.pkcs12.Bag): Uint8Array {
  if (!bag.cert) return asBytes(bag.asn1); // a key type forge cannot read (EC): forge kept the ASN.1
  const tbs = asBytes((bag.cert as unknown as { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate);
  const f = der.children(der.read(tbs));
  const sigAlg = f[f[0]?.tag === der.contextTag(0) ? 2 : 1];
  if (!sigAlg) throw new SignerIdentityError('the certificate cannot be read');
  const signature = forge.util.binary.raw.decode(bag.cert.signature as string);
  return der.sequence(tbs, sigAlg.der, der.bitString(signature));
}

function privateKeyInfo(bag: forge.pkcs12.Bag): Uint8Array {
  if (bag.key) return asBytes(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)));
  return asBytes(bag.asn1); // forge keeps a PrivateKeyInfo it cannot read (EC) as ASN.1
}

/** ECDSA in WebCrypto gives r‖s; CMS wants SEQUENCE { r INTEGER, s INTEGER }. */
function ecdsaDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return der.sequence(der.integer(raw.subarray(0, half)), der.integer(raw.subarray(half)));
}

/**
 * Reads a PKCS#12 file. Throws SignerIdentityError when the password is
 * wrong, the file holds no private key or no certificate for that key, or
 * the key type is not RSA or EC.
 */
export async function loadSignerIdentity(p12: Uint8Array, password: string): Promise<SignerIdentity> {
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.binary.raw.encode(p12)), false, password);
  } catch (err) {
    throw new SignerIdentityError(`the signing certificate (PKCS#12) cannot be opened: ${(err as Error).message}`);
  }
  const bagsOf = (type: string) => pfx.getBags({ bagType: type })[type] ?? [];
  const keyBag = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(forge.pki.oids.keyBag!)][0];
  if (!keyBag) throw new SignerIdentityError('the PKCS#12 file holds no private key');
  const certificates = bagsOf(forge.pki.oids.certBag!).map(certificateDer);
  if (certificates.length === 0) throw new SignerIdentityError('the PKCS#12 file holds no certificate');

  const pkcs8 = privateKeyInfo(keyBag);
  const [, keyAlg] = der.children(der.read(pkcs8));
  const [algOid, algParams] = keyAlg ? der.children(keyAlg) : [];
  const keyOid = algOid ? der.readOid(algOid) : '';
  let importAlg: { name: string; hash?: string; namedCurve?: string };
  let signAlg: { name: string; hash?: string };
  let signatureAlgorithm: Uint8Array;
  if (keyOid === OID.rsaEncryption) {
    importAlg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    signAlg = { name: 'RSASSA-PKCS1-v1_5' };
    signatureAlgorithm = der.algorithm(OID.rsaEncryption);
  } else if (keyOid === OID.ecPublicKey && algParams?.tag === der.TAG.OID && CURVES[der.readOid(algParams)]) {
    importAlg = { name: 'ECDSA', namedCurve: CURVES[der.readOid(algParams)]! };
    signAlg = { name: 'ECDSA', hash: 'SHA-256' };
    signatureAlgorithm = der.algorithm(OID.ecdsaWithSha256, false);
  } else {
    throw new SignerIdentityError(`the signing key's type (${keyOid || 'unknown'}) is not supported: use RSA or EC (P-256, P-384, P-521)`);
  }

  const subtle = crypto.subtle;
  // Extractable only long enough to find the certificate of this key.
  const jwk = (await subtle.exportKey('jwk', await subtle.importKey('pkcs8', pkcs8, importAlg, true, ['sign']))) as JsonWebKey;
  let index = -1;
  for (let i = 0; i < certificates.length && index < 0; i++) {
    try {
      const pub = (await subtle.exportKey('jwk', await subtle.importKey('spki', readCertificate(certificates[i]!).subjectPublicKeyInfo, importAlg, true, ['verify']))) as JsonWebKey;
      if ((jwk.n && pub.n === jwk.n) || (jwk.x && pub.x === jwk.x && pub.y === jwk.y)) index = i;
    } catch {
      /* a CA certificate of another key type */
    }
  }
  if (index < 0) throw new SignerIdentityError('the PKCS#12 file holds no certificate for its private key');
  const key = await subtle.importKey('pkcs8', pkcs8, importAlg, false, ['sign']);
  const certificate = certificates[index]!;
  const isEc = importAlg.name === 'ECDSA';
  return {
    certificate,
    chain: certificates.filter((_, i) => i !== index),
    commonName: readCertificate(certificate).commonName,
    signatureAlgorithm,
    async sign(data) {
      const raw = new Uint8Array(await subtle.sign(signAlg, key, data));
      return isEc ? ecdsaDer(raw) : raw;
    },
  };
}
