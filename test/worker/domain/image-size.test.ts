// Image sizes read from header bytes: PNG's IHDR, a JPEG's frame header
// after other segments (EXIF, progressive frames), the three WebP formats,
// and bytes that only look like an image.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageSize } from '../../../worker/src/domain/image-size';
import { makeJpegHeader, makePng } from '../../helpers/images';

const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
// Tiny 1×1 WebP images as browsers' feature tests carry them: lossy (VP8) and lossless (VP8L).
const WEBP_LOSSY = fromBase64('UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA');
const WEBP_LOSSLESS = fromBase64('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==');

/** An extended WebP (VP8X): canvas width and height minus one, 24 bits each, little-endian. */
function webpExtended(width: number, height: number): Uint8Array {
  const b = new Uint8Array(30);
  b.set(new TextEncoder().encode('RIFF'), 0);
  b.set(new TextEncoder().encode('WEBPVP8X'), 8);
  b[16] = 10;
  const w = width - 1;
  const h = height - 1;
  b.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 24);
  return b;
}

/** A JPEG with an EXIF segment (as phones write, orientation included) before a progressive frame header. */
function phoneJpeg(width: number, height: number): Uint8Array {
  const exif = [0xff, 0xe1, 0x00, 0x10, ...new TextEncoder().encode('Exif\0\0'), 0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08];
  const sof2 = [0xff, 0xc2, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  const dht = [0xff, 0xc4, 0x00, 0x04, 0x00, 0x00];
  return Uint8Array.from([0xff, 0xd8, ...exif, 0xff, 0xff, ...dht, ...sof2, 0xff, 0xd9]);
}

describe('imageSize', () => {
  it('reads PNG, JPEG and every WebP format', async () => {
    expect(imageSize(await makePng(40, 30))).toEqual({ format: 'png', width: 40, height: 30 });
    expect(imageSize(makeJpegHeader(1200, 800))).toEqual({ format: 'jpeg', width: 1200, height: 800 });
    expect(imageSize(phoneJpeg(4032, 3024))).toEqual({ format: 'jpeg', width: 4032, height: 3024 });
    expect(imageSize(WEBP_LOSSY)).toEqual({ format: 'webp', width: 1, height: 1 });
    expect(imageSize(WEBP_LOSSLESS)).toEqual({ format: 'webp', width: 1, height: 1 });
    expect(imageSize(webpExtended(3000, 2000))).toEqual({ format: 'webp', width: 3000, height: 2000 });
  });

  it('gives no size for a truncated or corrupt image, a PDF, or an empty file', async () => {
    const png = await makePng(40, 30);
    expect(imageSize(png.subarray(0, 20))).toBeNull();
    expect(imageSize(phoneJpeg(10, 10).subarray(0, 30))).toBeNull();
    expect(imageSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02]))).toBeNull(); // scan data before any frame header
    expect(imageSize(new TextEncoder().encode('%PDF-1.7\n'))).toBeNull();
    expect(imageSize(new Uint8Array(0))).toBeNull();
    expect(imageSize(makeJpegHeader(0, 10))).toBeNull();
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom([], [0xff, 0xd8], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), (tail, head) => {
        const size = imageSize(Uint8Array.from([...head, ...tail]));
        if (size) expect(size.width > 0 && size.height > 0).toBe(true);
      }),
    );
  });
});
