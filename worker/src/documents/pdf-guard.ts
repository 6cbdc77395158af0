// The PDF guard: bounds the work of reading an uploaded PDF before pdf-lib
// parses any of it. pdf-lib inflates object streams while loading, recurses
// into nested arrays, and walks page and form trees without noticing a loop
// or a node listed twice; a 400 KB file whose object stream inflates to
// 400 MB took workerd to 1.24 GB. The guard reads the raw bytes itself, the
// way pdf-lib does (object after object, front to back), and refuses with a
// 422 naming the limit as soon as one is passed:
//  - what each stream and all streams together decode to (decoded under a
//    running budget, never decoded first and measured after);
//  - what the object streams hold (pdf-lib keeps and parses all of it);
//  - the number of objects, and how deep arrays and dictionaries nest;
//  - reference loops, page trees and form field trees that loop or list a
//    node twice (a few hundred bytes can describe 2^40 pages), page count;
//  - and, as a backstop, time.
// Streams that cannot decode to more than the budget left (their size times
// their filters' largest ratio) are not decoded at all, so ordinary uploads
// pay a scan of the file's syntax and little more.
// Types only: the seal bench runs this module in Node, whose type stripping cannot load errors.ts.
import type { Result } from '../errors.ts';
import { decodeChain, filterName, MAX_RATIO } from './pdf-guard-filters.ts';
import { Cut, isDict, KEEP_ITEMS, Lexer, NestingError, parseValue, PdfName, PdfRef, type PdfDict, type Value } from './pdf-guard-syntax.ts';
import {
  MAX_PDF_CHECK_MS,
  MAX_PDF_INFLATED_BYTES,
  MAX_PDF_NESTING,
  MAX_PDF_OBJECT_STREAM_BYTES,
  MAX_PDF_OBJECTS,
  MAX_PDF_PAGES,
  MAX_PDF_STREAM_INFLATED_BYTES,
} from './pdf-limits.ts';

export interface PdfGuardLimits {
  streamInflatedBytes: number;
  inflatedBytes: number;
  objectStreamBytes: number;
  objects: number;
  nesting: number;
  pages: number;
  ms: number;
}

export const PDF_GUARD_LIMITS: PdfGuardLimits = {
  streamInflatedBytes: MAX_PDF_STREAM_INFLATED_BYTES,
  inflatedBytes: MAX_PDF_INFLATED_BYTES,
  objectStreamBytes: MAX_PDF_OBJECT_STREAM_BYTES,
  objects: MAX_PDF_OBJECTS,
  nesting: MAX_PDF_NESTING,
  pages: MAX_PDF_PAGES,
  ms: MAX_PDF_CHECK_MS,
};

/** What the guard learnt on the way: for tests, the bench and logs. */
export interface PdfGuardReport {
  objects: number;
  streams: number;
  /** Streams actually decoded (the rest could not pass the budget whatever they hold). */
  decodedStreams: number;
  /** Decoded bytes counted against the budget: measured, or the bound of a stream left undecoded. */
  inflatedBytes: number;
  pages: number;
}

class Refusal extends Error {
  readonly code: 'pdf_too_complex' | 'too_many_pages';
  constructor(code: 'pdf_too_complex' | 'too_many_pages', message: string) {
    super(message);
    this.code = code;
  }
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
const tooComplex = (what: string) => new Refusal('pdf_too_complex', `file: ${what}`);

/** Checks that reading `bytes` stays within `limits`; a refusal is a 422 naming the limit passed. */
export function guardPdf(bytes: Uint8Array, limits: PdfGuardLimits = PDF_GUARD_LIMITS): Result<PdfGuardReport> {
  try {
    return { ok: true, value: new Guard(bytes, limits).run() };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, status: 422, code: err.code, message: err.message };
    if (err instanceof NestingError) {
      const message = `file: the PDF nests arrays or dictionaries more than ${limits.nesting} levels deep (limit ${limits.nesting})`;
      return { ok: false, status: 422, code: 'pdf_too_complex', message };
    }
    throw err;
  }
}

class Guard {
  private readonly started = performance.now();
  /** Each object's shallow value, by object number; a later definition replaces an earlier one, as in pdf-lib. */
  private readonly objects = new Map<number, Value>();
  private readonly trailers: PdfDict[] = [];
  private objectCount = 0;
  private streams = 0;
  private decodedStreams = 0;
  private inflated = 0;
  private objectStreamBytes = 0;

  private readonly bytes: Uint8Array;
  private readonly limits: PdfGuardLimits;
  constructor(bytes: Uint8Array, limits: PdfGuardLimits) {
    this.bytes = bytes;
    this.limits = limits;
  }

  run(): PdfGuardReport {
    this.scan();
    this.checkReferenceChains();
    const pages = this.checkPageTree();
    this.checkFormFields();
    return { objects: this.objectCount, streams: this.streams, decodedStreams: this.decodedStreams, inflatedBytes: this.inflated, pages };
  }

  /**
   * A backstop, checked after each object and each decoded stream. (A deployed
   * Worker's clock moves only on I/O, so there the byte, object and nesting
   * bounds are what bound the work; locally and in Node the clock moves.)
   */
  private checkClock(): void {
    const spent = performance.now() - this.started;
    if (spent > this.limits.ms) throw tooComplex(`checking the PDF took longer than ${this.limits.ms / 1000} s (limit ${this.limits.ms / 1000} s)`);
  }

  private countObjects(n: number): void {
    this.objectCount += n;
    if (this.objectCount > this.limits.objects) throw tooComplex(`the PDF has more than ${this.limits.objects.toLocaleString('en-US')} objects (limit ${this.limits.objects.toLocaleString('en-US')})`);
  }

  /**
   * Object after object, front to back, as pdf-lib reads a file. Between
   * objects pdf-lib skips whatever is there ("jibberish") until the next
   * "N G obj" header or trailer, wherever it starts: so does this, byte by
   * byte, rather than reading the gap as syntax (a stray "(" there must not
   * hide the objects after it).
   */
  private scan(): void {
    const lex = new Lexer(this.bytes);
    let pos = 0;
    let trailerAt = -1; // the next "trailer" at or after pos; Infinity: none left
    for (;;) {
      const header = nextObjectHeader(this.bytes, pos);
      // Searched again only once passed: a file without a trailer (cross-reference streams) is searched once.
      if (trailerAt < pos) trailerAt = indexOfWord(this.bytes, 'trailer', pos);
      if (trailerAt < 0) trailerAt = Infinity;
      if (!header && trailerAt === Infinity) return;
      if (!header || trailerAt < header.start) {
        lex.pos = trailerAt + 'trailer'.length;
        const value = parseValue(lex, this.limits.nesting);
        if (isDict(value)) this.trailers.push(value);
        pos = Math.max(lex.pos, trailerAt + 1);
        continue;
      }
      const { num, after } = header!;
      this.countObjects(1);
      lex.pos = after;
      const value = parseValue(lex, this.limits.nesting);
      const end = lex.pos;
      const next = lex.next();
      if (next.t === 'kw' && next.v === 'stream') this.stream(num, isDict(value) ? value : new Map(), lex);
      else lex.pos = end;
      if (value !== undefined) this.objects.set(num, value);
      pos = Math.max(lex.pos, after);
      this.checkClock();
    }
  }

  /** A stream's data: where it ends, what it decodes to, and for an object stream the objects it holds. */
  private stream(num: number, dict: PdfDict, lex: Lexer): void {
    const { bytes } = this;
    let start = lex.pos;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    // As pdf-lib: a direct /Length when "endstream" follows it, else the next "endstream".
    const length = dict.get('Length');
    let end = -1;
    if (typeof length === 'number' && Number.isInteger(length) && length >= 0 && start + length <= bytes.length) {
      const probe = new Lexer(bytes, start + length);
      probe.skipSpace();
      if (probe.matches(probe.pos, 'endstream')) end = start + length;
    }
    if (end < 0) end = findEndstream(bytes, start);
    lex.pos = end;
    this.streams++;
    this.measure(num, dict, bytes.subarray(start, end));
  }

  private measure(num: number, dict: PdfDict, data: Uint8Array): void {
    const type = nameOf(dict.get('Type'));
    const parsedOnLoad = type === 'ObjStm' || type === 'XRef';
    if (type === 'XRef') this.trailers.push(dict);
    const filter = dict.get('Filter');
    const filters = (Array.isArray(filter) ? filter : [filter]).map(nameOf).filter((n): n is string => !!n).map(filterName);
    // The most this stream can decode to: its size times each decodable filter's ratio.
    let bound = data.length;
    for (const f of filters) {
      const ratio = MAX_RATIO[f];
      if (ratio === undefined) break;
      bound *= ratio;
    }
    const perStream = parsedOnLoad ? this.limits.objectStreamBytes - this.objectStreamBytes : this.limits.streamInflatedBytes;
    const left = this.limits.inflatedBytes - this.inflated;
    if (!parsedOnLoad && bound <= perStream && bound <= left) {
      this.inflated += bound;
      return;
    }
    this.decodedStreams++;
    const limit = Math.min(perStream, left);
    // Counting costs a lookup per match and no memory; an object stream is kept (to read its objects) only once it fits.
    let decoded = decodeChain(data, filters, limit, false);
    if (!decoded.over && type === 'ObjStm') decoded = decodeChain(data, filters, limit, true);
    this.checkClock();
    if (decoded.over) {
      if (limit === left && left < perStream) throw tooComplex(`the PDF inflates to more than ${mb(this.limits.inflatedBytes)} (limit ${mb(this.limits.inflatedBytes)} for all its streams)`);
      if (parsedOnLoad) throw tooComplex(`the PDF's object streams inflate to more than ${mb(this.limits.objectStreamBytes)} (limit ${mb(this.limits.objectStreamBytes)}; object ${num})`);
      throw tooComplex(`a stream of the PDF (object ${num}) inflates to more than ${mb(this.limits.streamInflatedBytes)} (limit ${mb(this.limits.streamInflatedBytes)} per stream)`);
    }
    this.inflated += decoded.size;
    if (parsedOnLoad) this.objectStreamBytes += decoded.size;
    if (type === 'ObjStm' && decoded.bytes && decoded.undecoded.length === 0) this.objectStream(dict, decoded.bytes);
  }

  /** An object stream: N pairs "number offset", then the objects from /First on. */
  private objectStream(dict: PdfDict, content: Uint8Array): void {
    const n = dict.get('N');
    const first = dict.get('First');
    if (typeof n !== 'number' || typeof first !== 'number' || n < 0 || first < 0) return;
    this.countObjects(n);
    const header = new Lexer(content, 0, Math.min(first, content.length));
    for (let i = 0; i < n; i++) {
      const num = header.next();
      const offset = header.next();
      if (num.t !== 'num' || offset.t !== 'num') break;
      const lex = new Lexer(content, first + offset.v);
      const value = parseValue(lex, this.limits.nesting);
      if (value !== undefined) this.objects.set(num.v, value);
    }
  }

  private resolve(v: Value | undefined): Value | undefined {
    // Chains are checked for loops first (checkReferenceChains): this ends.
    let seen = 0;
    while (v instanceof PdfRef && seen++ < 32) v = this.objects.get(v.num);
    return v instanceof PdfRef ? undefined : v;
  }

  /** An object that is only a reference to another, and so on: a ring never resolves. */
  private checkReferenceChains(): void {
    const done = new Set<number>();
    for (const start of this.objects.keys()) {
      const path: number[] = [];
      const onPath = new Set<number>();
      let num: number | undefined = start;
      while (num !== undefined && !done.has(num)) {
        if (onPath.has(num)) {
          const ring = path.slice(path.indexOf(num));
          throw tooComplex(`the PDF has a reference loop: object ${ring.join(' → ')} → ${num}`);
        }
        onPath.add(num);
        path.push(num);
        const v = this.objects.get(num);
        num = v instanceof PdfRef ? v.num : undefined;
      }
      for (const p of path) done.add(p);
      if (path.length > 32) throw tooComplex(`the PDF has a chain of ${path.length} references to references (limit 32)`);
    }
  }

  private catalog(): PdfDict | undefined {
    for (const trailer of [...this.trailers].reverse()) {
      const root = this.resolve(trailer.get('Root'));
      if (isDict(root)) return root;
    }
    // pdf-lib's recovery: any object of type Catalog.
    for (const v of this.objects.values()) if (isDict(v) && nameOf(v.get('Type')) === 'Catalog') return v;
    return undefined;
  }

  /**
   * Walks the page tree once: a node met twice is a loop (or a page listed
   * twice), which pdf-lib would walk for ever or 2^depth times. Also follows
   * each page's /Parent chain, which pdf-lib climbs for inherited attributes.
   */
  private checkPageTree(): number {
    const root = this.catalog()?.get('Pages');
    if (root === undefined) return 0;
    const seen = new Set<number>();
    const pageDicts: PdfDict[] = [];
    const kidsOf = (dict: PdfDict) => {
      const kids = dict.get('Kids');
      if (!Array.isArray(kids) || nameOf(dict.get('Type')) === 'Page') return undefined;
      if (kids.length > KEEP_ITEMS || kids.some((k) => k instanceof Cut)) throw new Refusal('too_many_pages', `file: more than ${KEEP_ITEMS} pages is over the ${this.limits.pages}-page limit`);
      return kids;
    };
    for (const page of this.walkTree([root], kidsOf, seen, (num) => `the PDF's page tree loops or lists a node twice (object ${num})`)) pageDicts.push(page);
    const pages = pageDicts.length;
    if (pages > this.limits.pages) throw new Refusal('too_many_pages', `file: ${pages} pages is over the ${this.limits.pages}-page limit`);
    for (const page of pageDicts) {
      const climbed = new Set<number>();
      for (let parent = page.get('Parent'); parent instanceof PdfRef; parent = this.parentOf(parent)) {
        if (climbed.has(parent.num) || climbed.size > seen.size) throw tooComplex(`the PDF's page tree loops: a page's /Parent chain comes back to object ${parent.num}`);
        climbed.add(parent.num);
      }
    }
    return pages;
  }

  /**
   * A tree of objects walked depth first, in order: the leaves (nodes
   * `kidsOf` gives no kids) are yielded. A node met twice (`seen` keeps them)
   * is a loop or a node listed twice, which a reader would walk for ever or
   * exponentially often: refused with `twice`'s words.
   */
  private *walkTree(roots: Value[], kidsOf: (dict: PdfDict) => Value[] | undefined, seen: Set<number>, twice: (num: number) => string): Generator<PdfDict> {
    const stack: Value[] = [...roots].reverse();
    while (stack.length) {
      const node = stack.pop()!;
      if (node instanceof PdfRef) {
        if (seen.has(node.num)) throw tooComplex(twice(node.num));
        seen.add(node.num);
      }
      const dict = this.resolve(node);
      if (!isDict(dict)) continue;
      const kids = kidsOf(dict);
      if (kids === undefined) yield dict;
      else for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }

  private parentOf(ref: PdfRef): Value | undefined {
    const v = this.resolve(ref);
    return isDict(v) ? v.get('Parent') : undefined;
  }

  /** The interactive form's fields: flattening walks them, as it walks pages. */
  private checkFormFields(): void {
    const form = this.resolve(this.catalog()?.get('AcroForm'));
    if (!isDict(form)) return;
    const fields = this.resolve(form.get('Fields'));
    if (!Array.isArray(fields)) return;
    const kidsOf = (dict: PdfDict) => {
      const kids = this.resolve(dict.get('Kids'));
      return Array.isArray(kids) ? kids : undefined;
    };
    // Walking is the check: the fields themselves are not needed.
    for (const _field of this.walkTree(fields, kidsOf, new Set(), (num) => `the PDF's form fields loop or list a field twice (object ${num})`)) continue;
  }
}

function nameOf(v: Value | undefined): string | undefined {
  return v instanceof PdfName ? v.name : undefined;
}

const ENDSTREAM = [...'endstream'].map((c) => c.charCodeAt(0));
const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

/** Where `word` next occurs from `from`, or -1. */
function indexOfWord(bytes: Uint8Array, word: string, from: number): number {
  const first = word.charCodeAt(0);
  for (let at = bytes.indexOf(first, from); at >= 0; at = bytes.indexOf(first, at + 1)) {
    let i = 1;
    while (i < word.length && bytes[at + i] === word.charCodeAt(i)) i++;
    if (i === word.length) return at;
  }
  return -1;
}

/** The next "N G obj" from `from`: where it starts, the object number, and the position after "obj". */
function nextObjectHeader(bytes: Uint8Array, from: number): { start: number; num: number; after: number } | null {
  for (let at = indexOfWord(bytes, 'obj', from); at >= 0; at = indexOfWord(bytes, 'obj', at + 1)) {
    // Walk back: space, generation digits, space, object number digits.
    let i = at - 1;
    if (!isSpace(bytes[i])) continue;
    while (isSpace(bytes[i])) i--;
    if (!isDigit(bytes[i])) continue;
    while (isDigit(bytes[i])) i--;
    if (!isSpace(bytes[i])) continue;
    while (isSpace(bytes[i])) i--;
    if (!isDigit(bytes[i])) continue;
    const numEnd = i + 1;
    while (isDigit(bytes[i])) i--;
    const start = i + 1;
    if (start < from) continue;
    let num = 0;
    for (let k = start; k < numEnd; k++) num = num * 10 + bytes[k]! - 0x30;
    return { start, num, after: at + 3 };
  }
  return null;
}

/** Where the next "endstream" starts (less the end-of-line before it), or the end of the file. */
function findEndstream(bytes: Uint8Array, from: number): number {
  for (let at = bytes.indexOf(0x65, from); at >= 0; at = bytes.indexOf(0x65, at + 1)) {
    if (ENDSTREAM.every((c, i) => bytes[at + i] === c)) {
      let end = at;
      if (bytes[end - 1] === 0x0a) end--;
      if (bytes[end - 1] === 0x0d) end--;
      return Math.max(from, end);
    }
  }
  return bytes.length;
}
