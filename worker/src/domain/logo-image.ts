// An org's logo upload, checked before it is stored: PNG or JPEG only (the
// PDF certificate page embeds it with pdf-lib, which reads no WebP or SVG, and
// an SVG can carry script), the bytes must be what the Content-Type says (the
// magic bytes), and the size read from the image's own header must suit a
// header bar: tall enough to be sharp, not a photo-sized upload.
// Pure: no I/O.
import { imageSize } from './image-size';

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

/** The declared Content-Type as a logo type, or null (WebP, SVG, anything else). */
export function logoType(contentType: string | undefined): LogoType | null {
  const type = contentType?.split(';')[0]!.trim().toLowerCase();
  return (LOGO_TYPES as readonly string[]).includes(type ?? '') ? (type as LogoType) : null;
}

/** The upload as a logo, or the reason it is refused. */
export function inspectLogo(bytes: Uint8Array, contentType: string | undefined): LogoImage | LogoProblem {
  const type = logoType(contentType);
  if (!type) {
    return { status: 415, code: 'logo_type', message: `logo: send a PNG or JPEG image (Content-Type image/png or image/jpeg), not ${contentType?.split(';')[0] || 'no type'}; SVG and WebP cannot be used` };
  }
  if (bytes.length === 0) return { status: 422, code: 'logo_empty', message: 'logo: the image is empty' };
  if (bytes.length > LOGO_MAX_BYTES) return { status: 413, code: 'logo_too_large', message: `logo: the image is ${Math.ceil(bytes.length / 1024)} KB; at most ${LOGO_MAX_BYTES / 1024} KB` };
  const read = imageSize(bytes);
  const size = read?.format === (type === 'image/png' ? 'png' : 'jpeg') ? read : null;
  if (!size) return { status: 422, code: 'logo_not_image', message: `logo: the bytes are not a ${type === 'image/png' ? 'PNG' : 'JPEG'} image (Content-Type says ${type})` };
  if (size.height < LOGO_MIN_HEIGHT) return { status: 422, code: 'logo_too_small', message: `logo: the image is ${size.height} px high; at least ${LOGO_MIN_HEIGHT} px so it stays sharp` };
  if (size.width > LOGO_MAX_SIDE || size.height > LOGO_MAX_SIDE) {
    return { status: 422, code: 'logo_too_big', message: `logo: the image is ${size.width}×${size.height} px; at most ${LOGO_MAX_SIDE} px on each side` };
  }
  return { type, width: size.width, height: size.height };
}

export const isLogoProblem = (r: LogoImage | LogoProblem): r is LogoProblem => 'status' in r;
