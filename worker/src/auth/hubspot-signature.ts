// HubSpot's request signature, version 3: every call HubSpot makes to Parley
// (a card's hubspot.fetch, a webhook) carries X-HubSpot-Signature-v3, the
// base64 HMAC-SHA256, keyed with the app's client secret, of the method, the
// full https URI HubSpot called, the raw body and X-HubSpot-Request-Timestamp.
// Pure: the replay cache is directory/hubspot-signatures.ts.
import { base64, hmacSha256, timingSafeEqual } from './crypto';

/** HubSpot's window: a request signed longer ago than this is refused. */
export const SIGNATURE_MAX_AGE_MS = 5 * 60_000;

/**
 * HubSpot signs the URI with these characters decoded (its documented table);
 * decoding them here makes the URI the one it signed, whichever way the
 * request spelled them.
 */
const DECODED: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

export function signedUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()]!);
}

export interface SignedRequest {
  method: string;
  /** The full public https URI HubSpot called, query included. */
  uri: string;
  body: string;
  /** X-HubSpot-Request-Timestamp: epoch milliseconds, as text. */
  timestamp: string | undefined;
  signature: string | undefined;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export async function hubspotSignature(secret: string, r: Pick<SignedRequest, 'method' | 'uri' | 'body'> & { timestamp: string }): Promise<string> {
  return base64(await hmacSha256(secret, `${r.method.toUpperCase()}${signedUri(r.uri)}${r.body}${r.timestamp}`));
}

/** The timestamp first (a stale request costs no HMAC), then the signature, compared in constant time. */
export async function checkHubSpotSignature(secret: string, r: SignedRequest, now: number): Promise<SignatureCheck> {
  if (!r.signature || !r.timestamp) return { ok: false, reason: 'missing' };
  const at = Number(r.timestamp);
  // A request from the future is as suspect as an old one; a little clock skew is not.
  if (!Number.isSafeInteger(at) || now - at > SIGNATURE_MAX_AGE_MS || at - now > SIGNATURE_MAX_AGE_MS) return { ok: false, reason: 'stale' };
  const expected = await hubspotSignature(secret, { ...r, timestamp: r.timestamp });
  return timingSafeEqual(expected, r.signature) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
