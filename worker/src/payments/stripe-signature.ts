// Stripe signs each webhook delivery (Stripe: "Verify webhook signatures
// manually"). The Stripe-Signature header carries
//   t=<seconds since the epoch, when it was signed>
//   v1=<hex>   one per active endpoint secret (two while a secret is rolled)
//   v0=<hex>   a test-mode signature with a fake scheme: ignored, as Stripe
//              asks (accepting other schemes would allow a downgrade).
// Each v1 is HMAC-SHA256, keyed with the whole endpoint secret ("whsec_…"
// as written), over `${t}.${raw body}`, in lowercase hex. A delivery signed
// more than five minutes from now, either way, is refused so a captured one
// cannot be replayed (Stripe's libraries use the same five minutes; they let a
// future t pass, Parley does not). WebCrypto only, so it runs in the Worker.

/** How far t may be from now, either way, in seconds (Stripe's libraries' default tolerance). */
export const STRIPE_SIGNATURE_TOLERANCE_S = 300;

export interface SignatureHeader {
  timestamp: number;
  v1: string[];
}

/** The header's t and every v1, or why it cannot be read. */
export function parseSignatureHeader(header: string | null): SignatureHeader | string {
  if (!header) return 'missing Stripe-Signature header';
  let timestamp: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) v1.push(value);
  }
  if (timestamp === null) return 'Stripe-Signature has no timestamp (t=)';
  if (v1.length === 0) return 'Stripe-Signature has no v1 signature';
  return { timestamp, v1 };
}

/** HMAC-SHA256 of `${t}.${body}` with the whole secret as the key, in lowercase hex. */
export async function stripeSignature(secret: string, timestamp: number, rawBody: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const prefix = new TextEncoder().encode(`${timestamp}.`);
  const signed = new Uint8Array(prefix.length + rawBody.length);
  signed.set(prefix);
  signed.set(rawBody, prefix.length);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, signed));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Same text, in time that depends only on the length (every v1 is 64 hex digits, so the length is no secret). */
function equalText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * true when `rawBody` was signed with `secret` within the tolerance of
 * `nowMs`; otherwise a sentence saying why it is refused. `rawBody` is the
 * body's bytes exactly as received: re-serialized JSON would not match.
 */
export async function verifyStripeSignature(secret: string, header: string | null, rawBody: Uint8Array, nowMs: number): Promise<true | string> {
  const parsed = parseSignatureHeader(header);
  if (typeof parsed === 'string') return parsed;
  if (Math.abs(nowMs / 1000 - parsed.timestamp) > STRIPE_SIGNATURE_TOLERANCE_S) return 'Stripe-Signature timestamp is outside the five-minute tolerance';
  const expected = await stripeSignature(secret, parsed.timestamp, rawBody);
  // Compare with every v1, always all of them: which one matched tells nothing.
  let matched = false;
  for (const candidate of parsed.v1) matched = equalText(candidate, expected) || matched;
  return matched ? true : 'no Stripe-Signature v1 signature matches this endpoint secret';
}
