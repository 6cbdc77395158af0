// One byte range of a stored file (RFC 9110 §14): what lets pdf.js read a
// document's cross-reference table and first page without downloading the
// whole file first. A single range only; anything else gets the whole file,
// as the RFC allows.

export type ByteRange = { offset: number; length: number };

/**
 * The range a Range header asks for in a file of `size` bytes: null for the
 * whole file (no header, another unit, several ranges, a header that does not
 * parse), 'unsatisfiable' for a range that starts past the end.
 */
export function byteRange(header: string | null | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // The last N bytes.
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    const length = Math.min(suffix, size);
    return { offset: size - length, length };
  }
  const first = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < first) return null; // not a valid range: ignored
  if (first >= size) return 'unsatisfiable';
  const last = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return { offset: first, length: last - first + 1 };
}
