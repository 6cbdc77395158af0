// An image's width and height read from its header bytes, for the checks a
// requested document gets before the agent sees it (too small to read, not
// really an image). The Worker has no image decoder, and needs none: JPEG's
// frame header (SOFn), PNG's IHDR and WebP's VP8/VP8L/VP8X chunks say the
// size. Orientation does not change the short side, so EXIF is not read.
// Pure.

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageSize {
  format: ImageFormat;
  width: number;
  height: number;
}

/** The size, or null when the bytes are not a JPEG, PNG or WebP whose header can be read (truncated, corrupt). */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  const format: ImageFormat | null = isPng(bytes) ? 'png' : bytes[0] === 0xff && bytes[1] === 0xd8 ? 'jpeg' : ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP' ? 'webp' : null;
  if (!format) return null;
  const size = format === 'png' ? pngSize(bytes) : format === 'jpeg' ? jpegSize(bytes) : webpSize(bytes);
  return size && size.width > 0 && size.height > 0 ? { format, ...size } : null;
}

type Dimensions = Omit<ImageSize, 'format'>;

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const dims = (width: number, height: number) => ({ width, height });

function isPng(b: Uint8Array): boolean {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return signature.every((v, i) => b[i] === v);
}

/** IHDR is always the first chunk: width and height right after its type. */
function pngSize(b: Uint8Array): Dimensions | null {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return dims(u32be(b, 16), u32be(b, 20));
}

/**
 * Walk the segments to the first frame header. SOF0–SOF15 carry the size,
 * except C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding).
 */
function jpegSize(b: Uint8Array): Dimensions | null {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, or scan data before any frame header
    const length = u16be(b, at + 2);
    if (length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return at + 9 <= b.length ? dims(u16be(b, at + 7), u16be(b, at + 5)) : null;
    at += 2 + length;
  }
  return null;
}

/** The first chunk after "WEBP" says which of the three formats it is. */
function webpSize(b: Uint8Array): Dimensions | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) {
    // A key frame: start code 9d 01 2a, then 14-bit width and height.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return dims(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  if (chunk === 'VP8L' && b.length >= 25) {
    if (b[20] !== 0x2f) return null;
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return dims((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X' && b.length >= 30) return dims(u24le(b, 24) + 1, u24le(b, 27) + 1);
  return null;
}
