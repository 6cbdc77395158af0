// The logo upload's checks: the declared type, the magic bytes, the size read
// from the image's own header, and the byte limit.
import { describe, expect, it } from 'vitest';
import { inspectLogo, isLogoProblem, LOGO_MAX_BYTES } from '../../../worker/src/domain/logo-image';
import { makeJpegHeader, makePng } from '../../helpers/images';

const problem = (r: ReturnType<typeof inspectLogo>) => (isLogoProblem(r) ? [r.status, r.code] : null);

describe('a logo', () => {
  it('reads a PNG’s and a JPEG’s size from their headers', async () => {
    expect(inspectLogo(await makePng(120, 40), 'image/png')).toEqual({ type: 'image/png', width: 120, height: 40 });
    expect(inspectLogo(makeJpegHeader(300, 64), 'image/jpeg; charset=binary')).toEqual({ type: 'image/jpeg', width: 300, height: 64 });
  });

  it('refuses SVG, WebP and untyped uploads as 415, naming the types it takes', () => {
    for (const type of ['image/svg+xml', 'image/webp', undefined]) {
      const r = inspectLogo(new Uint8Array([1, 2, 3]), type);
      expect(problem(r)).toEqual([415, 'logo_type']);
      expect(isLogoProblem(r) && r.message).toMatch(/PNG or JPEG/);
    }
  });

  it('refuses bytes that are not what the Content-Type says', async () => {
    expect(problem(inspectLogo(await makePng(120, 40), 'image/jpeg'))).toEqual([422, 'logo_not_image']);
    expect(problem(inspectLogo(makeJpegHeader(120, 40), 'image/png'))).toEqual([422, 'logo_not_image']);
    expect(problem(inspectLogo(new TextEncoder().encode('<svg onload="alert(1)"/>'), 'image/png'))).toEqual([422, 'logo_not_image']);
    expect(problem(inspectLogo(new Uint8Array(0), 'image/png'))).toEqual([422, 'logo_empty']);
  });

  it('refuses one too small to stay sharp or too big for a header', async () => {
    const low = inspectLogo(await makePng(200, 31), 'image/png');
    expect(problem(low)).toEqual([422, 'logo_too_small']);
    expect(isLogoProblem(low) && low.message).toBe('logo: the image is 31 px high; at least 32 px so it stays sharp');
    expect(problem(inspectLogo(makeJpegHeader(2001, 100), 'image/jpeg'))).toEqual([422, 'logo_too_big']);
    expect(problem(inspectLogo(makeJpegHeader(100, 2001), 'image/jpeg'))).toEqual([422, 'logo_too_big']);
    expect(inspectLogo(makeJpegHeader(2000, 32), 'image/jpeg')).toMatchObject({ width: 2000, height: 32 });
  });

  it('refuses more than the byte limit as 413', () => {
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(makeJpegHeader(100, 100));
    expect(problem(inspectLogo(big, 'image/jpeg'))).toEqual([413, 'logo_too_large']);
  });
});
