// The PDF stream filters that can make data bigger, decoded under a byte
// limit for the guard (pdf-guard.ts): FlateDecode (pdf-guard-inflate.ts),
// LZWDecode and RunLengthDecode, and the two text encodings that may wrap
// them (ASCIIHexDecode, ASCII85Decode). Image codecs (DCT, JPX, CCITT, JBIG2)
// end a chain: neither Parley nor pdf-lib ever decodes them.
import { inflateBounded, type Decoded } from './pdf-guard-inflate.ts';

const ABBREVIATIONS: Record<string, string> = { Fl: 'FlateDecode', LZW: 'LZWDecode', RL: 'RunLengthDecode', AHx: 'ASCIIHexDecode', A85: 'ASCII85Decode' };

/** The filter's full name (PDF allows abbreviations in inline images, and writers use them elsewhere too). */
export const filterName = (name: string) => ABBREVIATIONS[name] ?? name;

/** How many times bigger a filter's output can be than its input, at most; undefined: not decoded. */
export const MAX_RATIO: Record<string, number> = {
  // Deflate: 258 bytes for 2 bits, plus a little header.
  FlateDecode: 1040,
  // LZW with 12-bit codes: each code at most one byte longer than the last, reset at 4096.
  LZWDecode: 2800,
  RunLengthDecode: 64,
  ASCIIHexDecode: 1,
  ASCII85Decode: 4,
};

type Decoder = (input: Uint8Array, limit: number, keep: boolean) => Decoded;

/** Collects decoded bytes under a limit, or only counts them. */
class Sink {
  size = 0;
  over = false;
  private out: Uint8Array;
  private readonly limit: number;
  private readonly keep: boolean;
  constructor(limit: number, keep: boolean, guess: number) {
    this.limit = limit;
    this.keep = keep;
    this.out = new Uint8Array(keep ? Math.min(limit, Math.max(256, guess)) : 0);
  }
  /** Room for n more bytes? Marks the sink over when not. */
  room(n: number): boolean {
    if (this.size + n > this.limit) this.over = true;
    else if (this.keep && this.out.length < this.size + n) {
      const bigger = new Uint8Array(Math.min(this.limit, Math.max(this.size + n, this.out.length * 2)));
      bigger.set(this.out.subarray(0, this.size));
      this.out = bigger;
    }
    return !this.over;
  }
  push(byte: number): void {
    if (this.keep) this.out[this.size] = byte;
    this.size++;
  }
  fill(byte: number, n: number): void {
    if (this.keep) this.out.fill(byte, this.size, this.size + n);
    this.size += n;
  }
  result(): Decoded {
    return this.over ? { size: this.size, over: true } : { size: this.size, over: false, ...(this.keep ? { bytes: this.out.slice(0, this.size) } : {}) };
  }
}

const runLength: Decoder = (input, limit, keep) => {
  const sink = new Sink(limit, keep, input.length * 2);
  for (let i = 0; i < input.length; ) {
    const n = input[i++]!;
    if (n === 128) break;
    if (n < 128) {
      const count = Math.min(n + 1, input.length - i);
      if (!sink.room(count)) break;
      for (let k = 0; k < count; k++) sink.push(input[i + k]!);
      i += count;
    } else {
      if (i >= input.length || !sink.room(257 - n)) break;
      sink.fill(input[i++]!, 257 - n);
    }
  }
  return sink.result();
};

const lzw: Decoder = (input, limit, keep) => {
  const sink = new Sink(limit, keep, input.length * 3);
  // Each table entry: the entry it extends, its last byte, its length.
  const prefix = new Int32Array(4096);
  const last = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    last[i] = i;
    length[i] = 1;
  }
  let next = 258;
  let width = 9;
  let previous = -1;
  let bitBuf = 0;
  let bitCount = 0;
  let pos = 0;
  const scratch = new Uint8Array(4096);
  const first = (code: number) => {
    while (prefix[code]! >= 0) code = prefix[code]!;
    return last[code]!;
  };
  const emit = (code: number) => {
    const n = length[code]!;
    if (!sink.room(n)) return false;
    if (keep) {
      for (let c = code, k = n - 1; k >= 0; k--, c = prefix[c]!) scratch[k] = last[c]!;
      for (let k = 0; k < n; k++) sink.push(scratch[k]!);
    } else sink.fill(0, n);
    return true;
  };
  for (;;) {
    while (bitCount < width && pos < input.length) {
      bitBuf = ((bitBuf << 8) | input[pos++]!) >>> 0;
      bitCount += 8;
    }
    if (bitCount < width) break;
    const code = (bitBuf >>> (bitCount - width)) & ((1 << width) - 1);
    bitCount -= width;
    bitBuf &= (1 << bitCount) - 1;
    if (code === 257) break;
    if (code === 256) {
      next = 258;
      width = 9;
      previous = -1;
      continue;
    }
    if (previous < 0) {
      if (code > 255 || !emit(code)) break;
      previous = code;
      continue;
    }
    if (code > next || (code === next && next >= 4096)) break; // damaged
    if (next < 4096) {
      prefix[next] = previous;
      last[next] = code === next ? first(previous) : first(code);
      length[next] = length[previous]! + 1;
      next++;
    }
    if (!emit(code)) break;
    previous = code;
    // EarlyChange 1 (the default): the width grows one code early.
    if (next + 1 >= 1 << width && width < 12) width++;
  }
  return sink.result();
};

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

const asciiHex: Decoder = (input, limit, keep) => {
  const sink = new Sink(limit, keep, input.length / 2);
  let high = -1;
  for (const c of input) {
    if (c === 0x3e) break; // >
    if (isSpace(c)) continue;
    const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
    if (v < 0) break;
    if (high < 0) high = v;
    else {
      if (!sink.room(1)) break;
      sink.push((high << 4) | v);
      high = -1;
    }
  }
  if (high >= 0 && sink.room(1)) sink.push(high << 4);
  return sink.result();
};

const ascii85: Decoder = (input, limit, keep) => {
  const sink = new Sink(limit, keep, input.length);
  const group: number[] = [];
  const flush = (n: number) => {
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const g of group) v = v * 85 + g;
    const bytes = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    if (!sink.room(n - 1)) return false;
    for (let k = 0; k < n - 1; k++) sink.push(bytes[k]!);
    group.length = 0;
    return true;
  };
  for (const c of input) {
    if (c === 0x7e) break; // ~>
    if (isSpace(c)) continue;
    if (c === 0x7a && group.length === 0) {
      if (!sink.room(4)) break;
      sink.fill(0, 4);
      continue;
    }
    if (c < 0x21 || c > 0x75) break;
    group.push(c - 0x21);
    if (group.length === 5 && !flush(5)) break;
  }
  if (group.length > 1 && !sink.over) flush(group.length);
  return sink.result();
};

const DECODERS: Record<string, Decoder> = {
  FlateDecode: inflateBounded,
  LZWDecode: lzw,
  RunLengthDecode: runLength,
  ASCIIHexDecode: asciiHex,
  ASCII85Decode: ascii85,
};

export interface ChainResult extends Decoded {
  /** Filters after which decoding stopped: an image codec, or a name the guard does not know. */
  undecoded: string[];
}

/**
 * Decodes a filter chain, each stage under `limit`. Stages before the last
 * are kept (the next one reads them); the last is kept only with `keep`.
 */
export function decodeChain(input: Uint8Array, filters: string[], limit: number, keep: boolean): ChainResult {
  let data = input;
  let result: Decoded = { size: input.length, over: false, bytes: input };
  for (let i = 0; i < filters.length; i++) {
    const decoder = DECODERS[filters[i]!];
    if (!decoder) return { ...result, undecoded: filters.slice(i) };
    const final = i === filters.length - 1;
    result = decoder(data, limit, keep || !final);
    if (result.over) return { ...result, undecoded: [] };
    data = result.bytes ?? new Uint8Array(0);
  }
  return { ...result, undecoded: [] };
}
