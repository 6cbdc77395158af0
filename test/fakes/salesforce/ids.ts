// Salesforce record ids as the fake hands them out: 15 case-sensitive
// characters (a 3-character key prefix naming the object, a 2-character
// instance part, a reserved 0, a 9-character counter) followed by the
// 3-character suffix Salesforce derives from the case of the first 15, so an
// 18-character id survives case-insensitive comparison. Clients that check
// the suffix, or compare 15- and 18-character forms, see real-looking ids.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const INSTANCE = '8d';

/** The 3-character suffix of an 18-character id: one character per 5-character chunk, a bit per upper-case letter. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** Well-formed: 15 base-62 characters, or 18 whose suffix matches the first 15. */
export function isWellFormedId(value: string): boolean {
  if (!/^[0-9A-Za-z]{15}([0-9A-Za-z]{3})?$/.test(value)) return false;
  return value.length === 15 || value.slice(15).toUpperCase() === idSuffix(value.slice(0, 15));
}

/** The 18-character form of a well-formed id (15 or 18 characters in). */
export function toId18(value: string): string {
  return value.length === 18 ? value.slice(0, 15) + idSuffix(value.slice(0, 15)) : value + idSuffix(value);
}

/** Hands out ids per key prefix, counting up, so ids are unique and sort by creation. */
export class IdMint {
  private readonly counters = new Map<string, number>();

  next(keyPrefix: string): string {
    const n = (this.counters.get(keyPrefix) ?? 0) + 1;
    this.counters.set(keyPrefix, n);
    let counter = '';
    for (let v = n; v > 0; v = Math.floor(v / 62)) counter = BASE62[v % 62] + counter;
    const id15 = keyPrefix + INSTANCE + '0' + counter.padStart(9, '0');
    return id15 + idSuffix(id15);
  }
}
