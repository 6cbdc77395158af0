// Finds the signatures in a PDF's bytes, the way a validator does before any
// cryptography: every signature dictionary's /ByteRange, the /Contents hole
// it leaves (which must be exactly the hex string holding the CMS, so that no
// other byte escapes the signature), /SubFilter and the claimed time /M.
//
// Test-only and written apart from Parley's sealing code on purpose: a
// second reading of the format catches what a shared misreading would hide.
// It reads the file as text (latin1) and needs no PDF library: a signature
// dictionary cannot live in a compressed object stream, since its /Contents
// is filled in after the file is written.

export interface SignatureDictionary {
  /** 1 for the first signature in the file, 2 for the next… */
  index: number;
  byteRange: [number, number, number, number];
  /** The bytes the signature covers: the ranges joined (empty when they do not lie in the file). */
  signedBytes: Uint8Array;
  /** The DER CMS from /Contents, without its zero padding (empty when unreadable). */
  cms: Uint8Array;
  subFilter: string;
  /** The claimed signing time, /M. */
  claimedTime?: Date;
  /** The last range ends at the file's last byte. */
  coversToEndOfFile: boolean;
  /** What is wrong with the ranges or /Contents; empty when nothing. */
  problems: string[];
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** A PDF date "D:YYYYMMDDHHmmSS" with "Z" or "+HH'mm'" (PDF 32000-1 §7.9.4); fields after the year are optional. */
export function parsePdfDate(text: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(text);
  if (!m) return undefined;
  const utc = Date.UTC(+m[1]!, +(m[2] ?? 1) - 1, +(m[3] ?? 1), +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  const offsetMinutes = m[8] ? (m[8] === '-' ? -1 : 1) * (+m[9]! * 60 + +(m[10] ?? 0)) : 0;
  return new Date(utc - offsetMinutes * 60_000);
}

/** The DER element at the start of `bytes` (tag, length), so that the zero padding after it is left out. */
function derElement(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 2) return undefined;
  const first = bytes[1]!;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || bytes.length < 2 + count) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
    header += count;
  }
  return header + length <= bytes.length ? bytes.subarray(0, header + length) : undefined;
}

function readDictionary(pdf: Uint8Array, text: string, at: number, index: number, range: [number, number, number, number]): SignatureDictionary {
  const problems: string[] = [];
  const [start, firstLength, secondStart, secondLength] = range;
  const holeStart = start + firstLength;
  const end = secondStart + secondLength;
  if (start !== 0) problems.push(`the signed range starts at byte ${start}, not at the file's first byte: bytes 0–${start - 1} are not signed`);
  if (holeStart >= secondStart) problems.push(`the two signed ranges overlap or touch (${holeStart} ≥ ${secondStart}): there is no /Contents between them`);
  if (end > pdf.length) problems.push(`the signed range ends at byte ${end}, past the end of the file (${pdf.length} bytes)`);

  // The hole must be exactly "<hex>" and be the value of /Contents: any other unsigned byte could be changed freely.
  let cms: Uint8Array = new Uint8Array(0);
  const hole = text.slice(holeStart, secondStart);
  if (!/^<[0-9A-Fa-f]*>$/.test(hole)) {
    problems.push(`bytes ${holeStart}–${secondStart - 1} are left unsigned but are not only the /Contents hex string: a gap in the signed ranges`);
  } else if (!/\/Contents\s*$/.test(text.slice(Math.max(0, holeStart - 64), holeStart))) {
    problems.push(`the unsigned hex string at byte ${holeStart} is not the value of /Contents`);
  } else if (hole.length % 2 !== 0) {
    problems.push('/Contents has an odd number of hex digits');
  } else {
    const raw = Uint8Array.from({ length: (hole.length - 2) / 2 }, (_, i) => parseInt(hole.slice(1 + 2 * i, 3 + 2 * i), 16));
    const element = derElement(raw);
    if (!element) problems.push('/Contents does not hold a DER structure');
    else if (raw.subarray(element.length).some((b) => b !== 0)) problems.push('/Contents has bytes other than zero padding after the CMS');
    else cms = element;
  }

  // Joined whenever the ranges lie in the file, so that a gap is reported beside the signature's own verdict.
  const inFile = holeStart < secondStart && end <= pdf.length;
  const signedBytes = new Uint8Array(inFile ? firstLength + secondLength : 0);
  if (inFile) {
    signedBytes.set(pdf.subarray(start, holeStart), 0);
    signedBytes.set(pdf.subarray(secondStart, end), firstLength);
  }

  // The rest of the dictionary: its object, the /Contents hex left out (hex digits cannot hold "endobj").
  const objectStart = Math.max(0, text.lastIndexOf(' obj', at));
  const objectEnd = text.indexOf('endobj', at);
  const dictionary = text.slice(objectStart, objectEnd < 0 ? text.length : objectEnd).replace(/\/Contents\s*<[0-9A-Fa-f]*>/, '');
  const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dictionary)?.[1] ?? '';
  const m = /\/M\s*\((D:[^)]*)\)/.exec(dictionary)?.[1];
  return {
    index,
    byteRange: range,
    signedBytes,
    cms,
    subFilter,
    claimedTime: m ? parsePdfDate(m) : undefined,
    coversToEndOfFile: end === pdf.length,
    problems,
  };
}

/** Every signature dictionary in the file, in file order. */
export function findSignatureDictionaries(pdf: Uint8Array): SignatureDictionary[] {
  const text = latin1(pdf);
  const found: SignatureDictionary[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const range = [1, 2, 3, 4].map((i) => Number(m[i])) as [number, number, number, number];
    found.push(readDictionary(pdf, text, m.index, found.length + 1, range));
  }
  return found;
}
