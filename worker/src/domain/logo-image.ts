// An org's logo upload, checked before it is stored: PNG or JPEG only (the
// PDF certificate page embeds it with pdf-lib, which reads no WebP or SVG, and
// an SVG can carry script), the bytes must be what the Content-Type says (the
// magic bytes), and the size read from the image's own header must suit a
// header bar: tall enough to be sharp, not a photo-sized upload.
// Pure: no I/O.

export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_MIN_HEIGHT = 32;
export const LOGO_MAX_SIDE = 2000;
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

export interface LogoImage {
  type: LogoType;
  width: number;
  height: number;
}

/** Why a logo is refused: the HTTP status and the message naming the problem. */
export interface LogoProblem {
  status: 413 | 415 | 422;
  code: string;
  message: string;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The declared Content-Type as a logo type, or null (WebP, SVG, anything else). */
export function logoType(contentType: string | undefined): LogoType | null {
  const type = contentType?.split(';')[0]!.trim().toLowerCase();
  return (LOGO_TYPES as readonly string[]).includes(type ?? '') ? (type as LogoType) : null;
}

/** Width and height from a PNG's IHDR chunk, which the format puts first. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  // After the signature: chunk length (4), "IHDR" (4), width (4), height (4).
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Width and height from a JPEG's frame header (SOFn): the segments before it
 * are walked by their lengths. DHT (C4), JPG (C8) and DAC (CC) share the
 * SOF range of markers but carry no size.
 */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    // Fill bytes between segments.
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = view.getUint16(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (at + 9 > bytes.length) return null;
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    // Start of scan or end of image before any frame header: not an image we can size.
    if (marker === 0xda || marker === 0xd9 || length < 2) return null;
    at += 2 + length;
  }
  return null;
}

/** The upload as a logo, or the reason it is refused. */
export function inspectLogo(bytes: Uint8Array, contentType: string | undefined): LogoImage | LogoProblem {
  const type = logoType(contentType);
  if (!type) {
    return { status: 415, code: 'logo_type', message: `logo: send a PNG or JPEG image (Content-Type image/png or image/jpeg), not ${contentType?.split(';')[0] || 'no type'}; SVG and WebP cannot be used` };
  }
  if (bytes.length === 0) return { status: 422, code: 'logo_empty', message: 'logo: the image is empty' };
  if (bytes.length > LOGO_MAX_BYTES) return { status: 413, code: 'logo_too_large', message: `logo: the image is ${Math.ceil(bytes.length / 1024)} KB; at most ${LOGO_MAX_BYTES / 1024} KB` };
  const size = type === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
  if (!size) return { status: 422, code: 'logo_not_image', message: `logo: the bytes are not a ${type === 'image/png' ? 'PNG' : 'JPEG'} image (Content-Type says ${type})` };
  if (size.height < LOGO_MIN_HEIGHT) return { status: 422, code: 'logo_too_small', message: `logo: the image is ${size.height} px high; at least ${LOGO_MIN_HEIGHT} px so it stays sharp` };
  if (size.width > LOGO_MAX_SIDE || size.height > LOGO_MAX_SIDE) {
    return { status: 422, code: 'logo_too_big', message: `logo: the image is ${size.width}×${size.height} px; at most ${LOGO_MAX_SIDE} px on each side` };
  }
  if (size.width < 1) return { status: 422, code: 'logo_not_image', message: 'logo: the image has no width' };
  return { type, ...size };
}

export const isLogoProblem = (r: LogoImage | LogoProblem): r is LogoProblem => 'status' in r;
