// Resend signs its webhooks with Svix's scheme (Resend: "Verify Webhooks
// Requests"; Svix: "Verifying Webhooks Manually"). Each request carries
//   svix-id         the message id (the same on every retry of one message),
//   svix-timestamp  seconds since the epoch, when it was signed,
//   svix-signature  space-separated "v1,<base64>" entries: more than one while
//                   the endpoint's secret is being rotated; any one may match.
// The signature is HMAC-SHA256, keyed with the base64 bytes after the
// secret's "whsec_" prefix, over `${id}.${timestamp}.${raw body}`, in base64.
// A timestamp more than five minutes away from now, either way, is refused,
// as Svix's own libraries do, so a captured request cannot be replayed later.
// WebCrypto only, so it runs in the Worker.

/** How far svix-timestamp may be from now, either way (Svix's libraries use the same). */
export const SVIX_TOLERANCE_MS = 5 * 60 * 1000;

const SECRET_PREFIX = 'whsec_';

/** The signing key: the base64 after "whsec_" (Svix's libraries also take it without the prefix), or why it cannot be one. */
export function svixKey(secret: string): Uint8Array<ArrayBuffer> | string {
  const encoded = secret.trim().startsWith(SECRET_PREFIX) ? secret.trim().slice(SECRET_PREFIX.length) : secret.trim();
  const key = base64Bytes(encoded);
  if (key === null || key.length === 0) return 'the webhook signing secret is malformed: expected "whsec_" followed by base64';
  return key;
}

/** Standard base64 (padding optional) to bytes; null when it is not base64. */
function base64Bytes(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.replace(/=+$/, '').length % 4 === 1) return null;
  try {
    return Uint8Array.from(atob(s.padEnd(Math.ceil(s.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Same bytes, in time that depends only on the length (which is not secret: every v1 signature is 32 bytes). */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * true when the request was signed with `secret` within five minutes of
 * `nowMs`; otherwise a sentence saying why it is refused. `rawBody` is the body
 * exactly as received: re-serialized JSON would not match.
 */
export async function verifySvixSignature(secret: string, headers: Headers, rawBody: string, nowMs: number): Promise<true | string> {
  const key = svixKey(secret);
  if (typeof key === 'string') return key;

  const id = headers.get('svix-id');
  const timestamp = headers.get('svix-timestamp');
  const signatures = headers.get('svix-signature');
  if (!id) return 'missing svix-id header';
  if (!timestamp) return 'missing svix-timestamp header';
  if (!signatures) return 'missing svix-signature header';

  if (!/^\d{1,12}$/.test(timestamp)) return 'svix-timestamp is not a number of seconds';
  const skewMs = nowMs - Number(timestamp) * 1000;
  if (skewMs > SVIX_TOLERANCE_MS) return `svix-timestamp is ${Math.round(skewMs / 1000)} s old: more than 5 minutes, refused as a possible replay`;
  if (skewMs < -SVIX_TOLERANCE_MS) return `svix-timestamp is ${Math.round(-skewMs / 1000)} s in the future: more than 5 minutes ahead`;

  const hmacKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const expected = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(`${id}.${timestamp}.${rawBody}`)));

  let matched = false;
  for (const entry of signatures.split(' ')) {
    // Only version 1 is defined; other versions are skipped, as Svix's libraries do.
    if (!entry.startsWith('v1,')) continue;
    const candidate = base64Bytes(entry.slice(3));
    // No early exit: every entry is compared, whichever one matches.
    if (candidate !== null && equalBytes(candidate, expected)) matched = true;
  }
  return matched ? true : 'no signature in svix-signature matches this body with the signing secret';
}
