// The guard's bounded decoders: the same bytes as a real decoder up to the
// limit, and not one byte past it.
import { describe, expect, it } from 'vitest';
import { decodeChain } from '../../../worker/src/documents/pdf-guard-filters';
import { inflateBounded } from '../../../worker/src/documents/pdf-guard-inflate';
import { deflate, zlibBomb } from '../../fixtures/hostile-pdfs';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Text-like bytes (literals and matches both) of a given size. */
function sample(size: number): Uint8Array {
  const words = ['agreement ', 'payment ', 'the customer ', 'signs ', '0 0 612 792 re f\n', 'BT /F1 12 Tf '];
  const out = new Uint8Array(size);
  let seed = 7;
  for (let i = 0; i < size; ) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const w = ascii(words[seed % words.length]!);
    out.set(w.subarray(0, size - i), i);
    i += w.length;
    if (seed % 5 === 0 && i < size) out[i++] = seed & 0xff; // a stray byte, so not everything matches
  }
  return out;
}

describe('inflateBounded', () => {
  it('decodes what CompressionStream made, byte for byte, kept or only counted', async () => {
    for (const size of [0, 1, 1000, 300_000]) {
      const data = sample(size);
      const z = await deflate(data);
      const kept = inflateBounded(z, 10_000_000, true);
      expect(kept.over).toBe(false);
      expect(kept.bytes).toEqual(data);
      expect(inflateBounded(z, 10_000_000, false)).toEqual({ size, over: false });
    }
  });

  it('stops at the limit: exactly the limit passes, one byte over does not', async () => {
    const z = await deflate(sample(5000));
    expect(inflateBounded(z, 5000, true).over).toBe(false);
    expect(inflateBounded(z, 4999, true)).toMatchObject({ over: true });
    expect(inflateBounded(z, 4999, true).bytes).toBeUndefined();
  });

  it('counts a 400 MB bomb past a 64 MB limit in milliseconds, without keeping anything', () => {
    const bomb = zlibBomb(400 * 1024 * 1024);
    const started = performance.now();
    const counted = inflateBounded(bomb, 64 * 1024 * 1024, false);
    expect(performance.now() - started).toBeLessThan(250);
    expect(counted.over).toBe(true);
    expect(counted.size).toBeLessThanOrEqual(64 * 1024 * 1024);
    expect(inflateBounded(zlibBomb(1 + 258 * 10), 10_000, true)).toMatchObject({ size: 2581, over: false });
  });

  it('a damaged or cut stream ends where the damage is, without throwing', async () => {
    const z = await deflate(sample(50_000));
    const cut = inflateBounded(z.subarray(0, z.length >> 1), 1_000_000, true);
    expect(cut.over).toBe(false);
    expect(cut.size).toBeLessThan(50_000);
    expect(inflateBounded(new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff]), 1000, true).over).toBe(false);
  });
});

describe('decodeChain', () => {
  it('LZW: the example of the PDF specification', () => {
    const encoded = new Uint8Array([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]);
    expect(decodeChain(encoded, ['LZWDecode'], 100, true).bytes).toEqual(new Uint8Array([0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x41, 0x2d, 0x2d, 0x2d, 0x42]));
    expect(decodeChain(encoded, ['LZWDecode'], 9, true).over).toBe(true);
  });

  it('RunLength, ASCIIHex and ASCII85', () => {
    expect(decodeChain(new Uint8Array([2, 65, 66, 67, 253, 90, 128]), ['RunLengthDecode'], 100, true).bytes).toEqual(ascii('ABCZZZZ'));
    expect(decodeChain(new Uint8Array([129, 0]), ['RunLengthDecode'], 127, false)).toMatchObject({ over: true });
    expect(decodeChain(ascii('48 65 6C6c6F>'), ['ASCIIHexDecode'], 100, true).bytes).toEqual(ascii('Hello'));
    expect(decodeChain(ascii('87cURD]i,"Ebo80~>'), ['ASCII85Decode'], 100, true).bytes).toEqual(ascii('Hello World!'));
  });

  it('decodes a chain stage by stage under the limit, and stops at an image codec', async () => {
    const inner = zlibBomb(100 * 1024 * 1024);
    const twice = await deflate(inner);
    expect(decodeChain(twice, ['FlateDecode', 'FlateDecode'], 64 * 1024 * 1024, false)).toMatchObject({ over: true, undecoded: [] });
    const hexThenFlate = ascii([...(await deflate(ascii('plain text')))].map((b) => b.toString(16).padStart(2, '0')).join('') + '>');
    expect(decodeChain(hexThenFlate, ['ASCIIHexDecode', 'FlateDecode'], 100, true).bytes).toEqual(ascii('plain text'));
    expect(decodeChain(ascii('xyz'), ['DCTDecode'], 100, false)).toMatchObject({ over: false, undecoded: ['DCTDecode'] });
  });
});
