import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { FALLBACK_FONT_WOFF_BASE64 } from '../../../../worker/src/documents/fonts/fallback-font';
import { SCRIPT_FONT_WOFF_BASE64 } from '../../../../worker/src/documents/fonts/script-font';
import { WoffError, sfntFromWoff } from '../../../../worker/src/documents/fonts/sfnt-from-woff';

const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

describe('sfntFromWoff', () => {
  it.each([...FALLBACK_FONT_WOFF_BASE64, ...SCRIPT_FONT_WOFF_BASE64].map((b64, i) => [i, b64] as const))('unpacks inlined font %i into the same font, as a plain TrueType file', (_, b64) => {
    const woff = fontkit.create(bytes(b64));
    const sfntBytes = sfntFromWoff(bytes(b64));
    expect(new DataView(sfntBytes.buffer).getUint32(0)).toBe(0x00010000); // TrueType outlines
    const sfnt = fontkit.create(sfntBytes);
    expect(sfnt.numGlyphs).toBe(woff.numGlyphs);
    expect(sfnt.characterSet).toEqual(woff.characterSet);
    const text = String.fromCodePoint(...woff.characterSet.filter((cp) => cp >= 0x20).slice(0, 60));
    expect(sfnt.layout(text).glyphs.map((g) => [g.id, g.advanceWidth])).toEqual(woff.layout(text).glyphs.map((g) => [g.id, g.advanceWidth]));
    expect(sfnt.getGlyph(5).path.toSVG()).toBe(woff.getGlyph(5).path.toSVG());
  });

  it('refuses what is not a WOFF 1.0 file, or one whose tables lie outside it', () => {
    expect(() => sfntFromWoff(new TextEncoder().encode('%PDF-1.7 and more than forty-four bytes of it'))).toThrow(WoffError);
    const cut = bytes(FALLBACK_FONT_WOFF_BASE64[0]!).slice(0, 2_000);
    expect(() => sfntFromWoff(cut)).toThrow(/outside the file/);
  });

  it('refuses a table that does not inflate to the length its directory states', () => {
    const woff = bytes(FALLBACK_FONT_WOFF_BASE64[0]!);
    const view = new DataView(woff.buffer);
    const entries = Array.from({ length: view.getUint16(12) }, (_, i) => 44 + i * 20);
    const compressed = entries.find((at) => view.getUint32(at + 8) < view.getUint32(at + 12))!;
    view.setUint32(compressed + 12, view.getUint32(compressed + 12) + 4); // claims 4 bytes more than it holds
    expect(() => sfntFromWoff(woff)).toThrow(/stated length/);
  });
});
