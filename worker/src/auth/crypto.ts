// Small WebCrypto and encoding helpers shared by tokens, links, cookies,
// stored secrets and sealed documents.
const encoder = new TextEncoder();

export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** Standard base64. Built in chunks: one character per byte would make a multi-megabyte PDF crawl. */
export function base64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** Bytes from standard base64, as base64() writes it; throws (atob) on anything else. */
export function fromBase64(s: string): Uint8Array {
  return bytesOf(atob(s));
}

/**
 * A binary string's bytes. A plain loop: Uint8Array.from(string, mapper)
 * goes through the iterator protocol a character at a time, and cost a
 * third of a millisecond for one token's claims on every request.
 */
function bytesOf(bin: string): Uint8Array {
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(s: string): Uint8Array | null {
  // A length of 1 mod 4 is no base64 at all (atob would throw).
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  return bytesOf(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4)));
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` base62 characters, each uniform (rejection sampling, no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248 && out.length < length) out += BASE62[b % 62];
    }
  }
  return out;
}

/** Prefixed random id, e.g. ses_3kTq…; 16 base62 chars ≈ 95 bits, unguessable and URL-safe. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(16)}`;
}

/** Lower-case hex, two digits a byte. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function sha256Hex(text: string): Promise<string> {
  return sha256HexBytes(encoder.encode(text));
}

export async function sha256HexBytes(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

// Imported HMAC keys, reused across requests in this isolate (importKey costs
// more than the signature itself). Bounded: cleared when it grows too big.
const hmacKeys = new Map<string, Promise<CryptoKey>>();

export async function hmacSha256(key: string, data: string): Promise<Uint8Array> {
  let k = hmacKeys.get(key);
  if (!k) {
    if (hmacKeys.size >= 1000) hmacKeys.clear();
    k = crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    hmacKeys.set(key, k);
  }
  return new Uint8Array(await crypto.subtle.sign('HMAC', await k, encoder.encode(data)));
}

/** Constant-time comparison of two equal-purpose strings. */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
