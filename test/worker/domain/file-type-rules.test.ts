// Upload types by their bytes, each signature read at its exact place, the
// attachment size bound and the file name cut, in literal numbers. Found
// missing by the mutation runner (scripts/mutation.mjs).
import { describe, expect, it } from 'vitest';
import { cleanFileName, MAX_ATTACHMENT_BYTES, sniffFileType } from '../../../worker/src/domain/file-type';

const bytes = (...b: (number | string)[]) => new Uint8Array(b.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe('file types', () => {
  it('GIF87a and GIF89a are GIFs; other GIF-like starts are not', () => {
    expect(sniffFileType(bytes('GIF87a', 1, 0)))?.toEqual({ mime: 'image/gif', ext: 'gif' });
    expect(sniffFileType(bytes('GIF89a', 1, 0)))?.toEqual({ mime: 'image/gif', ext: 'gif' });
    expect(sniffFileType(bytes('GIF88a', 1, 0))).toBeNull();
    expect(sniffFileType(bytes('GIF89b'))).toBeNull();
    expect(sniffFileType(bytes('xGIF89a'))).toBeNull();
    expect(sniffFileType(bytes('GIF89'))).toBeNull();
  });

  it('WebP needs RIFF at 0 and WEBP at 8', () => {
    expect(sniffFileType(bytes('RIFF', 9, 9, 9, 9, 'WEBPVP8 '))).toEqual({ mime: 'image/webp', ext: 'webp' });
    expect(sniffFileType(bytes('RIFF', 9, 9, 9, 9, 'WAVEfmt '))).toBeNull();
    expect(sniffFileType(bytes('RIFX', 9, 9, 9, 9, 'WEBPVP8 '))).toBeNull();
    expect(sniffFileType(bytes('RIFF', 9, 9, 9, 'WEBP'))).toBeNull();
  });

  it('HEIC needs ftyp at 4 and one of its brands at 8', () => {
    for (const brand of ['heic', 'heix', 'mif1', 'msf1', 'hevc']) expect(sniffFileType(bytes(0, 0, 0, 0x18, 'ftyp', brand, 0, 0))?.mime).toBe('image/heic');
    expect(sniffFileType(bytes(0, 0, 0, 0x18, 'ftyp', 'isom', 0, 0))).toBeNull(); // an MP4 video
    expect(sniffFileType(bytes(0, 0, 0, 0x18, 'ftyp', 'xheic'))).toBeNull();
    expect(sniffFileType(bytes(0, 0, 0, 'ftyp', 'heic'))).toBeNull();
  });
});

describe('attachments', () => {
  it('are at most 10 MiB', () => {
    expect(MAX_ATTACHMENT_BYTES).toBe(10_485_760);
  });

  it('keep at most 120 characters of their name (code points), then the extension', () => {
    const name = `${'é'.repeat(130)}`;
    expect(cleanFileName(name, 'pdf')).toBe(`${'é'.repeat(120)}.pdf`);
    expect(cleanFileName(`${'a'.repeat(116)}.pdf`, 'pdf')).toBe(`${'a'.repeat(116)}.pdf`);
    // 121 characters: cut to 120, which breaks the extension, so it is added again.
    expect(cleanFileName(`${'a'.repeat(117)}.pdf`, 'pdf')).toBe(`${'a'.repeat(117)}.pd.pdf`);
  });
});
