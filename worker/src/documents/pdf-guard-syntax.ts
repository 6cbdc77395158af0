// PDF syntax for the guard (pdf-guard.ts): a tokenizer over raw bytes and a
// parser for one value that never recurses (an explicit stack, so nesting
// is counted, not paid for in call frames) and keeps only a shallow copy:
// what the guard needs is the top of each object (/Type, /Kids, /Filter,
// /Length…), not strings, content or deep structure. Deeper containers and
// long arrays are cut, so a 20 MB file cannot become a large object graph here.

export type Value = number | boolean | null | PdfName | PdfRef | PdfString | Value[] | PdfDict | Cut;
export class PdfName {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}
export class PdfRef {
  readonly num: number;
  readonly gen: number;
  constructor(num: number, gen: number) {
    this.num = num;
    this.gen = gen;
  }
}
export class PdfString {}
/** Something the shallow copy left out (too deep, or past the length kept). */
export class Cut {}
export type PdfDict = Map<string, Value>;
export const isDict = (v: Value | undefined): v is PdfDict => v instanceof Map;

/** Containers kept this deep below an object's top; deeper ones are parsed (and counted) but not kept. */
const KEEP_DEPTH = 4;
/** Items kept per array or dictionary. */
export const KEEP_ITEMS = 4096;

export class NestingError extends Error {
  readonly depth: number;
  constructor(depth: number) {
    super(`nested ${depth} levels deep`);
    this.depth = depth;
  }
}

const WHITE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;
const REGULAR = (c: number) => !WHITE[c] && !DELIM[c];

type Token =
  | { t: 'num'; v: number; int: boolean }
  | { t: 'name'; v: string }
  | { t: 'str' }
  | { t: 'open'; v: '<<' | '[' }
  | { t: 'close'; v: '>>' | ']' }
  | { t: 'kw'; v: string }
  | { t: 'eof' };

export class Lexer {
  pos: number;
  readonly buf: Uint8Array;
  readonly end: number;
  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  skipSpace(): void {
    const { buf, end } = this;
    while (this.pos < end) {
      const c = buf[this.pos]!;
      if (WHITE[c]) this.pos++;
      else if (c === 0x25) {
        // % comment, to the end of the line
        while (this.pos < end && buf[this.pos] !== 0x0a && buf[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  next(): Token {
    this.skipSpace();
    const { buf, end } = this;
    if (this.pos >= end) return { t: 'eof' };
    const c = buf[this.pos]!;
    if (c === 0x28) {
      // (literal string): balanced parentheses, backslash escapes
      let depth = 0;
      while (this.pos < end) {
        const d = buf[this.pos++]!;
        if (d === 0x5c) this.pos++;
        else if (d === 0x28) depth++;
        else if (d === 0x29 && --depth === 0) break;
      }
      return { t: 'str' };
    }
    if (c === 0x3c) {
      if (buf[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return { t: 'open', v: '<<' };
      }
      while (this.pos < end && buf[this.pos] !== 0x3e) this.pos++; // <hex string>
      this.pos++;
      return { t: 'str' };
    }
    if (c === 0x3e) {
      this.pos += buf[this.pos + 1] === 0x3e ? 2 : 1;
      return { t: 'close', v: '>>' };
    }
    if (c === 0x5b || c === 0x5d) {
      this.pos++;
      return c === 0x5b ? { t: 'open', v: '[' } : { t: 'close', v: ']' };
    }
    if (c === 0x7b || c === 0x7d || c === 0x29) {
      this.pos++; // PostScript braces, a stray ')': not PDF values
      return { t: 'kw', v: String.fromCharCode(c) };
    }
    if (c === 0x2f) {
      const start = ++this.pos;
      while (this.pos < end && REGULAR(buf[this.pos]!)) this.pos++;
      return { t: 'name', v: decodeName(buf, start, this.pos) };
    }
    const start = this.pos;
    // Integers, by far the commonest token (object numbers, references, xref rows), without making a string.
    let int = 0;
    let digits = 0;
    while (this.pos < end && buf[this.pos]! >= 0x30 && buf[this.pos]! <= 0x39) {
      int = int * 10 + buf[this.pos]! - 0x30;
      digits++;
      this.pos++;
    }
    if (digits && digits < 16 && (this.pos >= end || !REGULAR(buf[this.pos]!))) return { t: 'num', v: int, int: true };
    this.pos = start;
    while (this.pos < end && REGULAR(buf[this.pos]!)) this.pos++;
    if (this.pos === start) this.pos++;
    const text = latin1(buf, start, this.pos);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return { t: 'num', v: Number(text), int: /^[+-]?\d+$/.test(text) };
    return { t: 'kw', v: text };
  }

  /** Two integers then "R": a reference. Leaves the position after it, or where it was. */
  tryRef(first: number): PdfRef | null {
    const saved = this.pos;
    const gen = this.next();
    if (gen.t === 'num' && gen.int && gen.v >= 0) {
      const r = this.next();
      if (r.t === 'kw' && r.v === 'R') return new PdfRef(first, gen.v);
    }
    this.pos = saved;
    return null;
  }

  /** Whether the bytes at `at` spell `word`. */
  matches(at: number, word: string): boolean {
    if (at + word.length > this.end) return false;
    for (let i = 0; i < word.length; i++) if (this.buf[at + i] !== word.charCodeAt(i)) return false;
    return true;
  }
}

export function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]!);
  return s;
}

/** A name with its #xx escapes decoded: /J#61vaScript is /JavaScript. */
function decodeName(buf: Uint8Array, start: number, end: number): string {
  const raw = latin1(buf, start, Math.min(end, start + 256));
  return raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw;
}

interface Frame {
  container: Value[] | PdfDict | null; // null: not kept
  key: string | null; // a dictionary waiting for this key's value
  kind: '<<' | '[';
  kept: number;
}

/**
 * Parses one value at the lexer's position. Throws NestingError past
 * `maxDepth` nested containers; stops quietly at a keyword that ends an
 * object (endobj, stream…), leaving the lexer on it.
 */
export function parseValue(lex: Lexer, maxDepth: number): Value | undefined {
  const stack: Frame[] = [];
  let result: Value | undefined;
  const put = (v: Value): boolean => {
    const top = stack.at(-1);
    if (!top) {
      result = v;
      return true;
    }
    if (top.kind === '[') {
      if (top.container && top.kept++ < KEEP_ITEMS) (top.container as Value[]).push(v);
      else if (top.container && top.kept === KEEP_ITEMS + 1) (top.container as Value[]).push(new Cut());
    } else if (top.key === null) {
      top.key = v instanceof PdfName ? v.name : '';
    } else {
      if (top.container && top.kept++ < KEEP_ITEMS) (top.container as PdfDict).set(top.key, v);
      top.key = null;
    }
    return false;
  };
  for (;;) {
    const before = lex.pos;
    const tok = lex.next();
    switch (tok.t) {
      case 'eof':
        return result ?? (stack.length ? stack[0]!.container ?? new Cut() : undefined);
      case 'num': {
        const ref = tok.int && tok.v >= 0 ? lex.tryRef(tok.v) : null;
        if (put(ref ?? tok.v)) return result;
        break;
      }
      case 'name':
        if (put(new PdfName(tok.v))) return result;
        break;
      case 'str':
        if (put(new PdfString())) return result;
        break;
      case 'open': {
        if (stack.length + 1 > maxDepth) throw new NestingError(stack.length + 1);
        const keep = stack.length < KEEP_DEPTH && (stack.length === 0 || stack.at(-1)!.container !== null);
        stack.push({ container: keep ? (tok.v === '[' ? [] : new Map()) : null, key: null, kind: tok.v, kept: 0 });
        break;
      }
      case 'close': {
        const top = stack.pop();
        if (!top) break; // a stray close: ignored, as readers do
        if (put(top.container ?? new Cut())) return result;
        break;
      }
      case 'kw': {
        if (tok.v === 'true' || tok.v === 'false') {
          if (put(tok.v === 'true')) return result;
        } else if (tok.v === 'null') {
          if (put(null)) return result;
        } else if (tok.v === 'endobj' || tok.v === 'stream' || tok.v === 'endstream' || tok.v === 'obj' || tok.v === 'trailer' || tok.v === 'xref' || tok.v === 'startxref') {
          lex.pos = before;
          return result ?? (stack.length ? stack[0]!.container ?? new Cut() : undefined);
        }
        break;
      }
    }
  }
}
