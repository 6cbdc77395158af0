// Text on PDF pages: the fonts of a sealed document, text split into runs by
// which font has each character, measured, wrapped and fitted to a box.
//
// Each style is a stack of fonts. Regular, bold and monospaced text start with
// a standard font (Helvetica, Helvetica Bold, Courier: nothing embedded, the
// WinAnsi characters); typed signatures start with Dancing Script. Characters
// the first font lacks come from the next font that has them: the script's
// other Unicode subsets, then Noto Sans (Latin Extended, Cyrillic, Greek,
// Vietnamese). Those are embedded, as subsets, only when a text needs them.
// A character no font has is drawn as "?": never dropped silently, never an
// exception. Both families are OFL-licensed (fonts/OFL-*.txt).
import fontkit from '@pdf-lib/fontkit';
import { fromBase64 } from '../auth/crypto.ts';
import { type PDFDocument, type PDFFont, type PDFPage, type RGB, StandardFonts, rgb } from 'pdf-lib';
import { FALLBACK_FONT_WOFF_BASE64 } from './fonts/fallback-font.ts';
import { SCRIPT_FONT_WOFF_BASE64 } from './fonts/script-font.ts';
import { sfntFromWoff } from './fonts/sfnt-from-woff.ts';

export interface Run {
  text: string;
  font: PDFFont;
}
/** A line of text: runs of one font each. */
export type Line = Run[];

export const INK = rgb(0.06, 0.12, 0.42); // signatures: dark blue ink
export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.35, 0.35, 0.35);

const coverage = new WeakMap<PDFFont, Set<number>>();
function covers(font: PDFFont, codePoint: number): boolean {
  let set = coverage.get(font);
  if (!set) coverage.set(font, (set = new Set(font.getCharacterSet())));
  return set.has(codePoint);
}

interface Prepared {
  /** The plain font file (sfnt) that pdf-lib embeds a subset of. */
  bytes: Uint8Array;
  font: fontkit.Font;
  codePoints: Set<number>;
}

/** Fonts already parsed, by their sfnt bytes: what PREPARED_FONTKIT hands pdf-lib instead of parsing again. */
const parsedFonts = new WeakMap<Uint8Array, fontkit.Font>();

/**
 * pdf-lib's font reader, answering with the font this isolate already parsed:
 * every document shares it, so its tables, glyphs and layout tables are read
 * once per isolate, not once per seal. Each document still gets its own subset.
 */
const PREPARED_FONTKIT = { create: (bytes: Uint8Array) => parsedFonts.get(bytes) ?? fontkit.create(bytes) };

/** An embeddable font file (WOFF, base64), unpacked and parsed once per isolate, on first use. */
class FontFile {
  private readonly woffBase64: string;
  private prepared?: Prepared;
  constructor(woffBase64: string) {
    this.woffBase64 = woffBase64;
  }
  parsed(): Prepared {
    if (!this.prepared) {
      const bytes = sfntFromWoff(fromBase64(this.woffBase64));
      const font = fontkit.create(bytes);
      parsedFonts.set(bytes, font);
      this.prepared = { bytes, font, codePoints: new Set(font.characterSet) };
    }
    return this.prepared;
  }
}
const SCRIPT = SCRIPT_FONT_WOFF_BASE64.map((b64) => new FontFile(b64));
const FALLBACK = FALLBACK_FONT_WOFF_BASE64.map((b64) => new FontFile(b64));

type Primary = StandardFonts | FontFile;
interface Stack {
  primary: Primary;
  more: FontFile[];
}
const STACKS = {
  regular: { primary: StandardFonts.Helvetica, more: FALLBACK },
  bold: { primary: StandardFonts.HelveticaBold, more: FALLBACK },
  mono: { primary: StandardFonts.Courier, more: FALLBACK },
  handwriting: { primary: SCRIPT[0]!, more: [...SCRIPT.slice(1), ...FALLBACK] },
} satisfies Record<string, Stack>;
export type Style = keyof typeof STACKS;

/** The fonts of one document, each embedded on first use. */
export class Lettering {
  private readonly doc: PDFDocument;
  private readonly embedded = new Map<Primary, Promise<PDFFont>>();

  constructor(doc: PDFDocument) {
    this.doc = doc;
  }

  private embed(font: Primary): Promise<PDFFont> {
    let embedded = this.embedded.get(font);
    if (!embedded) {
      if (font instanceof FontFile) {
        this.doc.registerFontkit(PREPARED_FONTKIT);
        embedded = this.doc.embedFont(font.parsed().bytes, { subset: true });
      } else {
        embedded = this.doc.embedFont(font);
      }
      this.embedded.set(font, embedded);
    }
    return embedded;
  }

  /**
   * The fonts to draw `text` in this style: the style's first font, and
   * those further down its stack that the text's other characters need.
   * Pass all the text that will use the list.
   */
  async fonts(style: Style, text: string): Promise<PDFFont[]> {
    const stack: Stack = STACKS[style];
    const primary = await this.embed(stack.primary);
    const missing = new Set<number>();
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0x20 && !covers(primary, cp)) missing.add(cp);
    }
    if (missing.size === 0) return [primary];
    const needed = new Set<FontFile>();
    for (const cp of missing) {
      const file = stack.more.find((f) => f.parsed().codePoints.has(cp));
      if (file) needed.add(file);
    }
    return [primary, ...(await Promise.all(stack.more.filter((f) => needed.has(f)).map((f) => this.embed(f))))];
  }
}

/** Splits text into runs, each character in the first font that has it ("?" in the first font when none has). */
export function toRuns(text: string, fonts: PDFFont[]): Line {
  const runs: Line = [];
  for (const ch of text.replace(/[\t\r\n]+/g, ' ')) {
    const cp = ch.codePointAt(0)!;
    let font = fonts.find((f) => covers(f, cp));
    let c = ch;
    if (!font) {
      font = fonts[0]!;
      c = '?';
    }
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += c;
    else runs.push({ text: c, font });
  }
  return runs;
}

export const lineWidth = (line: Line, size: number): number => line.reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);

/** Height above the baseline of the tallest font in the line (capital letters and ascenders). */
const ascent = (fonts: PDFFont[], size: number): number => Math.max(...fonts.map((f) => f.heightAtSize(size, { descender: false })));
const fullHeight = (fonts: PDFFont[], size: number): number => Math.max(...fonts.map((f) => f.heightAtSize(size)));

export function drawLine(page: PDFPage, line: Line, x: number, y: number, size: number, color: RGB = BLACK): void {
  let at = x;
  for (const run of line) {
    page.drawText(run.text, { x: at, y, size, font: run.font, color });
    at += run.font.widthOfTextAtSize(run.text, size);
  }
}

/**
 * Wraps text into lines no wider than maxWidth at this size: at spaces, and
 * inside a word only when the word alone is too wide. Newlines start new lines.
 */
export function wrap(text: string, fonts: PDFFont[], size: number, maxWidth: number): Line[] {
  const lines: Line[] = [];
  // Widths add up word by word (kerning across a space is negligible here): linear in the text's length.
  const width = (s: string) => lineWidth(toRuns(s, fonts), size);
  const space = width(' ');
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let current = '';
    let currentWidth = 0;
    for (const word of paragraph.split(/ +/)) {
      const wordWidth = width(word);
      const candidate = current ? currentWidth + space + wordWidth : wordWidth;
      if (candidate <= maxWidth) {
        current = current ? `${current} ${word}` : word;
        currentWidth = candidate;
        continue;
      }
      if (current) lines.push(toRuns(current, fonts));
      current = '';
      currentWidth = 0;
      // A word wider than the line is cut where it must be.
      for (const ch of word) {
        const w = width(ch);
        if (current && currentWidth + w > maxWidth) {
          lines.push(toRuns(current, fonts));
          current = '';
          currentWidth = 0;
        }
        current += ch;
        currentWidth += w;
      }
    }
    lines.push(toRuns(current, fonts));
  }
  return lines;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FitOptions {
  /** The largest size to use; the text shrinks from there until it fits. */
  maxSize: number;
  minSize?: number;
  /** Whether the text may wrap onto several lines (tall boxes). */
  multiline?: boolean;
  color?: RGB;
  /** Inner margin, points. */
  padding?: number;
}

/**
 * Draws text inside a box, shrinking the size until it fits: on one line,
 * vertically centred; or, when multiline and the box is tall enough for
 * more than one line, wrapped from the top. Text that does not fit even at
 * the smallest size is cut, ending in "…".
 */
export function drawFitted(page: PDFPage, text: string, box: Box, fonts: PDFFont[], options: FitOptions): { size: number; lines: number; cut: boolean } {
  const padding = options.padding ?? Math.min(2, box.height * 0.1, box.width * 0.1);
  const width = Math.max(1, box.width - 2 * padding);
  const height = Math.max(1, box.height - 2 * padding);
  const minSize = options.minSize ?? 4;
  const color = options.color ?? BLACK;
  const lineHeightAt = (size: number) => fullHeight(fonts, size) * 1.15;
  let size = Math.max(minSize, Math.min(options.maxSize, height / (fullHeight(fonts, 1) || 1)));

  for (; ; size = Math.max(minSize, size - 0.5)) {
    const single = toRuns(text, fonts);
    if (lineWidth(single, size) <= width && !/[\r\n]/.test(text)) {
      // One line, centred vertically on the glyphs' full height.
      const descent = fullHeight(fonts, size) - ascent(fonts, size);
      const y = box.y + padding + (height - fullHeight(fonts, size)) / 2 + descent;
      drawLine(page, single, box.x + padding, y, size, color);
      return { size, lines: 1, cut: false };
    }
    if (options.multiline) {
      const lines = wrap(text, fonts, size, width);
      if (lines.length * lineHeightAt(size) <= height) {
        drawLines(page, lines, box, padding, size, lineHeightAt(size), color);
        return { size, lines: lines.length, cut: false };
      }
    }
    if (size <= minSize) break;
  }

  // Too long even at the smallest size: as much as fits, then "…".
  const lineHeight = lineHeightAt(size);
  const room = Math.max(1, Math.floor(height / lineHeight));
  const lines = options.multiline ? wrap(text, fonts, size, width) : [toRuns(text.replace(/\s+/g, ' '), fonts)];
  const kept = lines.slice(0, room);
  const last = kept[kept.length - 1]!;
  let lastText = last.map((r) => r.text).join('');
  const ellipsis = (s: string) => toRuns(`${s}…`, fonts);
  while (lastText && lineWidth(ellipsis(lastText), size) > width) lastText = [...lastText].slice(0, -1).join('');
  kept[kept.length - 1] = ellipsis(lastText.trimEnd());
  if (kept.length === 1) {
    const descent = fullHeight(fonts, size) - ascent(fonts, size);
    drawLine(page, kept[0]!, box.x + padding, box.y + padding + (height - fullHeight(fonts, size)) / 2 + descent, size, color);
  } else {
    drawLines(page, kept, box, padding, size, lineHeight, color);
  }
  return { size, lines: kept.length, cut: true };
}

function drawLines(page: PDFPage, lines: Line[], box: Box, padding: number, size: number, lineHeight: number, color: RGB): void {
  const fontsUsed = [...new Set(lines.flat().map((r) => r.font))];
  let y = box.y + box.height - padding - (fontsUsed.length ? ascent(fontsUsed, size) : size);
  for (const line of lines) {
    drawLine(page, line, box.x + padding, y, size, color);
    y -= lineHeight;
  }
}
