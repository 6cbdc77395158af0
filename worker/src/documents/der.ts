// A minimal DER (ASN.1) writer and reader over Uint8Array: just what the CMS
// signature, the certificate fields and the RFC 3161 timestamp need. Only
// single-byte tags (numbers below 31), which is all of those.

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** The tag of a context-specific [n] field: constructed (EXPLICIT, or IMPLICIT over a constructed type) or primitive. */
export const contextTag = (n: number, constructed = true): number => (constructed ? 0xa0 : 0x80) | n;

export function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One TLV: the tag, the length, then the contents. */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = concat(contents);
  return concat([Uint8Array.of(tag), lengthBytes(body.length), body]);
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, ...items);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** A DER SET OF: the elements sorted by their encodings. */
export const setOf = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SET, ...[...items].sort(compareBytes));
/** An [n] IMPLICIT SET OF (e.g. signedAttrs, certificates): sorted like a SET OF. */
export const implicitSetOf = (n: number, ...items: Uint8Array[]): Uint8Array => tlv(contextTag(n), ...[...items].sort(compareBytes));
export const explicit = (n: number, inner: Uint8Array): Uint8Array => tlv(contextTag(n), inner);

export const octetString = (bytes: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, bytes);
export const nullValue = (): Uint8Array => Uint8Array.of(TAG.NULL, 0);
export const boolean = (v: boolean): Uint8Array => Uint8Array.of(TAG.BOOLEAN, 1, v ? 0xff : 0);
export const bitString = (bytes: Uint8Array): Uint8Array => tlv(TAG.BIT_STRING, Uint8Array.of(0), bytes);
export const utf8String = (s: string): Uint8Array => tlv(TAG.UTF8_STRING, new TextEncoder().encode(s));

/** An INTEGER from a non-negative number, bigint or big-endian unsigned bytes. */
export function integer(value: number | bigint | Uint8Array): Uint8Array {
  let bytes: Uint8Array;
  if (value instanceof Uint8Array) {
    bytes = value;
  } else {
    let v = BigInt(value);
    if (v < 0n) throw new RangeError('negative INTEGERs are not needed here');
    const out: number[] = [];
    do {
      out.unshift(Number(v & 0xffn));
      v >>= 8n;
    } while (v > 0n);
    bytes = Uint8Array.from(out);
  }
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && bytes[start + 1]! < 0x80) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) bytes = Uint8Array.of(0);
  return bytes[0]! >= 0x80 ? tlv(TAG.INTEGER, Uint8Array.of(0), bytes) : tlv(TAG.INTEGER, bytes);
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  if (arcs.length < 2) throw new RangeError(`bad OID ${dotted}`);
  const out: number[] = [];
  const push = (v: bigint) => {
    const chunk: number[] = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  for (const arc of arcs.slice(2)) push(arc);
  return tlv(TAG.OID, Uint8Array.from(out));
}

/** AlgorithmIdentifier { algorithm, parameters NULL | absent }. */
export const algorithm = (dotted: string, withNullParameters = true): Uint8Array =>
  withNullParameters ? sequence(oid(dotted), nullValue()) : sequence(oid(dotted));

/** GeneralizedTime in UTC, to the second: YYYYMMDDHHMMSSZ. */
export function generalizedTime(date: Date): Uint8Array {
  const s = date.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
  return tlv(TAG.GENERALIZED_TIME, new TextEncoder().encode(s));
}

// ─────────────────────────────── reading ────────────────────────────────

export interface Node {
  tag: number;
  /** The whole TLV. */
  der: Uint8Array;
  /** The contents only. */
  value: Uint8Array;
}

/** Reads the TLV at `offset`. Throws on truncated or indefinite-length input. */
export function read(bytes: Uint8Array, offset = 0): Node {
  if (offset + 2 > bytes.length) throw new Error('DER: truncated');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new Error('DER: multi-byte tags are not supported');
  let at = offset + 1;
  let length = bytes[at++]!;
  if (length === 0x80) throw new Error('DER: indefinite length');
  if (length > 0x80) {
    const n = length & 0x7f;
    if (n > 4) throw new Error('DER: length too large');
    length = 0;
    for (let i = 0; i < n; i++) {
      if (at >= bytes.length) throw new Error('DER: truncated');
      length = length * 256 + bytes[at++]!;
    }
  }
  const end = at + length;
  if (end > bytes.length) throw new Error('DER: truncated');
  return { tag, der: bytes.subarray(offset, end), value: bytes.subarray(at, end) };
}

/** The elements of a constructed value (SEQUENCE, SET, [n] EXPLICIT…). */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (let at = 0; at < node.value.length; ) {
    const child = read(node.value, at);
    out.push(child);
    at += child.der.length;
  }
  return out;
}

export function readOid(node: Node): string {
  if (node.tag !== TAG.OID) throw new Error('DER: expected an OBJECT IDENTIFIER');
  const arcs: bigint[] = [];
  let v = 0n;
  for (const b of node.value) {
    v = (v << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs.shift() ?? 0n;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...arcs].join('.');
}

export function readInteger(node: Node): bigint {
  if (node.tag !== TAG.INTEGER) throw new Error('DER: expected an INTEGER');
  let v = 0n;
  for (const b of node.value) v = (v << 8n) | BigInt(b);
  if (node.value.length && node.value[0]! & 0x80) v -= 1n << BigInt(node.value.length * 8);
  return v;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}
