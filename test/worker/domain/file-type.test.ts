import { describe, expect, it } from 'vitest';
import { cleanFileName, sniffFileType } from '../../../worker/src/domain/file-type';

const bytes = (...b: (number | string)[]) => new Uint8Array(b.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe('sniffFileType', () => {
  it('reads the type from the bytes', () => {
    expect(sniffFileType(bytes('%PDF-1.7\n'))?.mime).toBe('application/pdf');
    expect(sniffFileType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0))?.mime).toBe('image/png');
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0))?.mime).toBe('image/jpeg');
    expect(sniffFileType(bytes('RIFF', 0, 0, 0, 0, 'WEBP'))?.mime).toBe('image/webp');
    expect(sniffFileType(bytes(0, 0, 0, 0x18, 'ftypheic'))?.mime).toBe('image/heic');
  });
  it('refuses what it does not know, whatever the name says', () => {
    expect(sniffFileType(bytes('MZ', 0x90, 0))).toBeNull(); // a Windows executable
    expect(sniffFileType(bytes('<html><script>'))).toBeNull();
    expect(sniffFileType(new Uint8Array())).toBeNull();
  });
});

describe('cleanFileName', () => {
  it('keeps names readable and safe, and the extension true to the content', () => {
    expect(cleanFileName('ID card.jpg', 'jpg')).toBe('ID card.jpg');
    expect(cleanFileName('evil"\r\n.html', 'png')).toBe('evil___.html.png');
    expect(cleanFileName(undefined, 'pdf')).toBe('attachment.pdf');
  });
});

