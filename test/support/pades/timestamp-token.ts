// An RFC 3161 timestamp token as it sits in a PAdES signature (unsigned
// attribute id-aa-timeStampToken, PAdES B-T): a SignedData over a TSTInfo
// whose message imprint must be the hash of the signature value it stamps,
// signed by the timestamp authority. Trust in that authority is a validator's
// policy and not checked here, as for the document's own signer.
import * as pkijs from 'pkijs';
import { digest, digestName, hex, sameBytes } from './hashes.ts';
import { checkSigningCertificate } from './signing-certificate.ts';
import { commonName, OID, readSignedData, verifySignerInfo } from './signed-data.ts';

export interface TimestampReport {
  valid: boolean;
  /** The time the authority certified. */
  genTime?: Date;
  /** The authority's certificate common name. */
  authorityCommonName: string;
  problems: string[];
}

/** Checks `token` (a ContentInfo, DER) as a timestamp of `signatureValue`. */
export async function verifyTimestampToken(token: Uint8Array, signatureValue: Uint8Array): Promise<TimestampReport> {
  const problems: string[] = [];
  let parsed;
  try {
    parsed = readSignedData(token);
  } catch (err) {
    return { valid: false, authorityCommonName: '', problems: [`the timestamp token cannot be read: ${(err as Error).message}`] };
  }
  const { signedData, signer } = parsed;
  const eContent = signedData.encapContentInfo.eContent;
  if (signedData.encapContentInfo.eContentType !== OID.tstInfo || !eContent) {
    return { valid: false, authorityCommonName: '', problems: ['the timestamp token holds no TSTInfo'] };
  }
  let tstInfo: pkijs.TSTInfo;
  try {
    tstInfo = pkijs.TSTInfo.fromBER(eContent.getValue());
  } catch (err) {
    return { valid: false, authorityCommonName: '', problems: [`the TSTInfo cannot be read: ${(err as Error).message}`] };
  }

  const algorithm = tstInfo.messageImprint.hashAlgorithm.algorithmId;
  if (!digestName(algorithm)) problems.push(`the message imprint uses an unknown hash ${algorithm}`);
  else {
    const expected = await digest(algorithm, signatureValue);
    const carried = tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView;
    if (!sameBytes(expected, carried))
      problems.push(
        `the timestamp's message imprint (${hex(carried)}) is not the ${digestName(algorithm)} of the signature value (${hex(expected)}): it stamps something else`,
      );
  }
  for (const p of await verifySignerInfo(parsed, undefined, signatureValue)) {
    // pkijs checks the imprint too; that failure is already said above in plainer words.
    if (!(problems.length > 0 && /TSTInfo verification is failed/.test(p))) problems.push(`timestamp: ${p}`);
  }
  for (const p of await checkSigningCertificate(parsed)) problems.push(`timestamp: ${p}`);
  return { valid: problems.length === 0, genTime: tstInfo.genTime, authorityCommonName: signer ? commonName(signer.certificate) : '', problems };
}
