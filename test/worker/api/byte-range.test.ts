import { describe, expect, it } from 'vitest';
import { byteRange } from '../../../worker/src/api/byte-range';

describe('byteRange', () => {
  it('reads one range: from–to, from to the end, the last N bytes; clamped to the file', () => {
    expect(byteRange('bytes=0-99', 1000)).toEqual({ offset: 0, length: 100 });
    expect(byteRange('bytes=900-', 1000)).toEqual({ offset: 900, length: 100 });
    expect(byteRange('bytes=-100', 1000)).toEqual({ offset: 900, length: 100 });
    expect(byteRange('bytes=990-2000', 1000)).toEqual({ offset: 990, length: 10 });
    expect(byteRange('bytes=-5000', 1000)).toEqual({ offset: 0, length: 1000 });
  });

  it('answers the whole file for no range, another unit, several ranges or one that does not parse', () => {
    for (const header of [null, undefined, '', 'items=0-1', 'bytes=0-1,5-6', 'bytes=-', 'bytes=5-2', 'bytes=a-b']) expect(byteRange(header, 1000)).toBeNull();
  });

  it('says a range that starts past the end, or asks for no bytes, cannot be satisfied', () => {
    expect(byteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(byteRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(byteRange('bytes=0-', 0)).toBe('unsatisfiable');
  });
});
