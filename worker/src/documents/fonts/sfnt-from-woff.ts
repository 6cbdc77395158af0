// WOFF 1.0 (https://www.w3.org/TR/WOFF/) back to the plain font file (sfnt)
// it wraps: each table inflated once. fontkit reads a WOFF as it is, but it
// inflates the whole glyph table again for every glyph it reads; from the
// sfnt it reads glyphs in place. Each table inflates to no more than the
// length the directory states (the PDF guard's bounded inflater).
import { inflateBounded } from '../pdf-guard-inflate.ts';

export class WoffError extends Error {
  override name = 'WoffError';
}

const WOFF_SIGNATURE = 0x774f4646; // "wOFF"
const HEADER_BYTES = 44;
const WOFF_ENTRY_BYTES = 20;
const SFNT_HEADER_BYTES = 12;
const SFNT_ENTRY_BYTES = 16;

interface Table {
  tag: number;
  offset: number;
  compLength: number;
  origLength: number;
  checksum: number;
}

const padded = (n: number) => (n + 3) & ~3;

export function sfntFromWoff(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (woff.byteLength < HEADER_BYTES || view.getUint32(0) !== WOFF_SIGNATURE) throw new WoffError('not a WOFF 1.0 file');
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  if (woff.byteLength < HEADER_BYTES + numTables * WOFF_ENTRY_BYTES) throw new WoffError('the table directory is cut short');
  const tables: Table[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = HEADER_BYTES + i * WOFF_ENTRY_BYTES;
    const table = { tag: view.getUint32(at), offset: view.getUint32(at + 4), compLength: view.getUint32(at + 8), origLength: view.getUint32(at + 12), checksum: view.getUint32(at + 16) };
    if (table.offset + table.compLength > woff.byteLength || table.compLength > table.origLength) throw new WoffError(`table ${i} lies outside the file`);
    tables.push(table);
  }
  // Tables stored as they are when compressing did not make them smaller.
  const data = tables.map((t) => {
    const stored = woff.subarray(t.offset, t.offset + t.compLength);
    const bytes = t.compLength < t.origLength ? inflateBounded(stored, t.origLength, true).bytes : stored;
    if (bytes?.length !== t.origLength) throw new WoffError('a table does not inflate to its stated length');
    return bytes;
  });

  const directoryBytes = SFNT_HEADER_BYTES + numTables * SFNT_ENTRY_BYTES;
  const out = new Uint8Array(directoryBytes + tables.reduce((n, t) => n + padded(t.origLength), 0));
  const sfnt = new DataView(out.buffer);
  // The binary-search fields the sfnt header carries for its directory.
  const power = 2 ** Math.floor(Math.log2(Math.max(1, numTables)));
  sfnt.setUint32(0, flavor);
  sfnt.setUint16(4, numTables);
  sfnt.setUint16(6, power * SFNT_ENTRY_BYTES);
  sfnt.setUint16(8, Math.log2(power));
  sfnt.setUint16(10, numTables * SFNT_ENTRY_BYTES - power * SFNT_ENTRY_BYTES);
  let offset = directoryBytes;
  tables.forEach((t, i) => {
    const at = SFNT_HEADER_BYTES + i * SFNT_ENTRY_BYTES; // WOFF keeps the directory sorted by tag, as sfnt wants it
    sfnt.setUint32(at, t.tag);
    sfnt.setUint32(at + 4, t.checksum);
    sfnt.setUint32(at + 8, offset);
    sfnt.setUint32(at + 12, t.origLength);
    out.set(data[i]!, offset);
    offset += padded(t.origLength);
  });
  return out;
}
