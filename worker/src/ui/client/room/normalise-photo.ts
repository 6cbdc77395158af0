// A photo made ready to send, in the browser: drawn upright (the camera's
// orientation tag applied), at most 2,400 px on its longest side, and
// encoded again as JPEG, which also drops what a phone writes into a photo
// beside the picture (where it was taken, the device). A PDF goes as it is.
// The server checks everything again (room/document-requests.ts); this only
// spares the customer a slow upload and a refusal they could have been
// told about at once.
import { sendingSize } from '../../../domain/document-request';

export type Normalised = { ok: true; file: File } | { ok: false; problem: 'too_small' | 'not_image' };

const JPEG_QUALITY = 0.88;

export async function normalisePhoto(file: File, minShortSide: number): Promise<Normalised> {
  if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) return { ok: true, file };
  let bitmap: ImageBitmap;
  try {
    // 'from-image' applies the photo's orientation tag: a portrait taken on a phone stays portrait.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // Not an image this browser can open (a HEIC photo on a browser that cannot read HEIC, a damaged file).
    return { ok: false, problem: 'not_image' };
  }
  const size = sendingSize(bitmap.width, bitmap.height, minShortSide);
  if (!size) {
    bitmap.close();
    return { ok: false, problem: 'too_small' };
  }
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return { ok: true, file };
  // A transparent PNG on white, as a document on paper, not on black.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, size.width, size.height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  if (!blob) return { ok: true, file };
  return { ok: true, file: new File([blob], `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`, { type: 'image/jpeg' }) };
}
