// A bounded inflater for the PDF guard (pdf-guard.ts): reads a zlib or raw
// deflate stream and stops the moment its output passes a limit. In "count"
// mode it keeps no output at all — a match of 258 bytes costs one table
// lookup, not 258 bytes of memory — so measuring a 400 MB bomb takes a few
// milliseconds and no memory. In "keep" mode (object streams, which the guard
// must read) the output is held, never beyond the limit.
//
// Why not DecompressionStream: it can be stopped chunk by chunk, but it
// produces every byte (4 KB per chunk in workerd, about 100 MB/s), so a
// budget generous enough for real documents would cost seconds to reach.

export interface Decoded {
  /** Bytes the stream decodes to (up to where it stopped). */
  size: number;
  /** It decodes to more than the limit: decoding stopped there. */
  over: boolean;
  /** The decoded bytes, when asked to keep them and not over. */
  bytes?: Uint8Array;
}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A Huffman code as a lookup table indexed by the next `bits` input bits: entry = symbol << 4 | code length (0: no such code). */
interface Table {
  entries: Uint32Array;
  bits: number;
}

class Broken extends Error {}

function buildTable(lengths: ArrayLike<number>): Table {
  const count = new Array<number>(16).fill(0);
  let bits = 0;
  for (let i = 0; i < lengths.length; i++) {
    count[lengths[i]!]!++;
    if (lengths[i]! > bits) bits = lengths[i]!;
  }
  count[0] = 0;
  // Canonical codes: the first code of each length.
  const next = new Array<number>(16).fill(0);
  let code = 0;
  let left = 1;
  for (let len = 1; len <= 15; len++) {
    left = left * 2 - count[len]!;
    if (left < 0) throw new Broken('over-subscribed code');
    code = (code + count[len - 1]!) << 1;
    next[len] = code;
  }
  const entries = new Uint32Array(1 << bits);
  for (let sym = 0; sym < lengths.length; sym++) {
    const len = lengths[sym]!;
    if (!len) continue;
    const c = next[len]!++;
    // Deflate sends codes most-significant bit first: index by the reversed code.
    let reversed = 0;
    for (let i = 0; i < len; i++) reversed |= ((c >> i) & 1) << (len - 1 - i);
    for (let i = reversed; i < entries.length; i += 1 << len) entries[i] = (sym << 4) | len;
  }
  return { entries, bits };
}

let fixed: { lit: Table; dist: Table } | undefined;
function fixedTables() {
  if (!fixed) {
    const lit = new Array<number>(288);
    for (let i = 0; i < 288; i++) lit[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    fixed = { lit: buildTable(lit), dist: buildTable(new Array<number>(30).fill(5)) };
  }
  return fixed;
}

/** True when the stream starts with a zlib header (deflate, no preset dictionary). */
function zlibHeader(input: Uint8Array): boolean {
  if (input.length < 2) return false;
  const cmf = input[0]!;
  const flg = input[1]!;
  return (cmf & 0x0f) === 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 === 0 && !(flg & 0x20);
}

/**
 * Inflates `input` (zlib-wrapped or raw deflate). Stops as soon as the output
 * would pass `limit`; a damaged or cut-short stream ends the output where the
 * damage is (what a reader would get), it is not an error here.
 */
export function inflateBounded(input: Uint8Array, limit: number, keep: boolean): Decoded {
  let pos = zlibHeader(input) ? 2 : 0;
  let bitBuf = 0;
  let bitCount = 0;
  let size = 0;
  let out = keep ? new Uint8Array(Math.min(limit, Math.max(1024, input.length * 4))) : new Uint8Array(0);

  const need = (n: number) => {
    while (bitCount < n) {
      // Past the end: zeros, so a code can still be looked up; `pos` tells how far past.
      bitBuf |= (pos < input.length ? input[pos]! : 0) << bitCount;
      pos++;
      bitCount += 8;
    }
  };
  const take = (n: number) => {
    need(n);
    const v = bitBuf & ((1 << n) - 1);
    bitBuf >>>= n;
    bitCount -= n;
    return v;
  };
  const pastEnd = () => pos - Math.floor(bitCount / 8) > input.length;
  const decode = (t: Table) => {
    need(t.bits);
    const e = t.entries[bitBuf & ((1 << t.bits) - 1)]!;
    const len = e & 15;
    if (!len) throw new Broken('invalid code');
    bitBuf >>>= len;
    bitCount -= len;
    if (pastEnd()) throw new Broken('cut short');
    return e >> 4;
  };
  const grow = (n: number) => {
    if (out.length >= size + n) return;
    const bigger = new Uint8Array(Math.min(limit, Math.max(size + n, out.length * 2)));
    bigger.set(out.subarray(0, size));
    out = bigger;
  };
  const done = (over: boolean): Decoded => (over ? { size, over } : keep ? { size, over, bytes: out.slice(0, size) } : { size, over });

  try {
    for (;;) {
      const last = take(1);
      const type = take(2);
      if (pastEnd()) break;
      if (type === 0) {
        // Stored: byte-aligned LEN, NLEN, then LEN bytes. Whole bytes already read ahead go back.
        pos -= bitCount >> 3;
        bitBuf = 0;
        bitCount = 0;
        if (pos + 4 > input.length) break;
        const len = input[pos]! | (input[pos + 1]! << 8);
        pos += 4;
        const n = Math.min(len, input.length - pos);
        if (size + n > limit) return done(true);
        if (keep) {
          grow(n);
          out.set(input.subarray(pos, pos + n), size);
        }
        size += n;
        pos += n;
        if (n < len) break;
      } else if (type === 1 || type === 2) {
        let lit: Table;
        let dist: Table;
        if (type === 1) ({ lit, dist } = fixedTables());
        else {
          const nlit = take(5) + 257;
          const ndist = take(5) + 1;
          const ncode = take(4) + 4;
          const clLengths = new Array<number>(19).fill(0);
          for (let i = 0; i < ncode; i++) clLengths[CODE_LENGTH_ORDER[i]!] = take(3);
          const cl = buildTable(clLengths);
          const lengths: number[] = [];
          while (lengths.length < nlit + ndist) {
            const sym = decode(cl);
            if (sym < 16) lengths.push(sym);
            else {
              const [value, repeat] = sym === 16 ? [lengths.at(-1), 3 + take(2)] : sym === 17 ? [0, 3 + take(3)] : [0, 11 + take(7)];
              if (value === undefined || lengths.length + repeat > nlit + ndist) throw new Broken('bad code lengths');
              for (let i = 0; i < repeat; i++) lengths.push(value);
            }
          }
          lit = buildTable(lengths.slice(0, nlit));
          dist = buildTable(lengths.slice(nlit));
        }
        for (;;) {
          const sym = decode(lit);
          if (sym < 256) {
            if (size + 1 > limit) return done(true);
            if (keep) {
              grow(1);
              out[size] = sym;
            }
            size++;
          } else if (sym === 256) break;
          else {
            const li = sym - 257;
            if (li >= 29) throw new Broken('bad length');
            const len = LENGTH_BASE[li]! + take(LENGTH_EXTRA[li]!);
            const di = decode(dist);
            if (di >= 30) throw new Broken('bad distance');
            const d = DIST_BASE[di]! + take(DIST_EXTRA[di]!);
            if (d > size) throw new Broken('distance too far back');
            if (size + len > limit) return done(true);
            if (keep) {
              grow(len);
              for (let i = 0; i < len; i++) out[size + i] = out[size + i - d]!;
            }
            size += len;
          }
        }
      } else throw new Broken('bad block type');
      if (last) break;
    }
  } catch (err) {
    if (!(err instanceof Broken)) throw err;
  }
  return done(false);
}
