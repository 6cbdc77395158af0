// Calls as HubSpot makes them for a card or the settings page (hubspot.fetch):
// the identity HubSpot appends to the query, and X-HubSpot-Signature-v3
// computed independently of Parley's code, with node's crypto, as HubSpot
// documents it: base64 HMAC-SHA256(client secret, METHOD + URI + body + timestamp).
import { env } from 'cloudflare:workers';
import { createHmac } from 'node:crypto';
import { call } from './world';

export const TEST_HUBSPOT_SECRET = 'parley-test-client-secret';

export interface HubSpotUser {
  portalId: string;
  userId: string;
  userEmail: string;
}

/** HubSpot signs the URI with these escapes decoded (its documented table). */
const DECODED_IN_SIGNATURE: Array<[string, string]> = [['%3A', ':'], ['%2F', '/'], ['%3F', '?'], ['%40', '@'], ['%21', '!'], ['%24', '$'], ['%27', "'"], ['%28', '('], ['%29', ')'], ['%2A', '*'], ['%2C', ','], ['%3B', ';']];

export function asHubSpotSignsIt(uri: string): string {
  return DECODED_IN_SIGNATURE.reduce((u, [escape, char]) => u.split(escape).join(char).split(escape.toLowerCase()).join(char), uri);
}

export function hubspotSignature(secret: string, method: string, uri: string, body: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`).digest('base64');
}

export interface SignedCallOptions {
  body?: unknown;
  /** Epoch ms the request claims; now by default. */
  timestamp?: number;
  secret?: string;
  /** Change the request after signing it: what an attacker on the way would do. */
  tamper?: { body?: string; path?: string };
  /** Send these headers exactly as given (a replay sends the first call's). */
  headers?: Record<string, string>;
}

/** The path with HubSpot's identity parameters, as HubSpot appends them. */
export function withIdentity(path: string, user: HubSpotUser): string {
  const url = new URL(path, 'https://x.invalid');
  url.searchParams.set('portalId', user.portalId);
  url.searchParams.set('userId', user.userId);
  url.searchParams.set('userEmail', user.userEmail);
  return `${url.pathname}${url.search}`;
}

/** A signed call; returns the answer and the headers it was sent with (to replay it). */
export async function hubspotCall(method: string, path: string, user: HubSpotUser | null, opts: SignedCallOptions = {}) {
  const signedPath = user ? withIdentity(path, user) : path;
  const body = opts.body === undefined ? '' : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const timestamp = String(opts.timestamp ?? Date.now());
  const uri = asHubSpotSignsIt(`${new URL(env.PUBLIC_URL).origin}${signedPath}`);
  const headers = opts.headers ?? {
    'X-HubSpot-Signature-v3': hubspotSignature(opts.secret ?? TEST_HUBSPOT_SECRET, method, uri, body, timestamp),
    'X-HubSpot-Request-Timestamp': timestamp,
    ...(body ? { 'Content-Type': 'application/json' } : {}),
  };
  const sentBody = opts.tamper?.body ?? body;
  const res = await call(method, opts.tamper?.path ?? signedPath, { headers, ...(sentBody ? { body: sentBody } : {}) });
  return { ...res, sent: headers };
}
