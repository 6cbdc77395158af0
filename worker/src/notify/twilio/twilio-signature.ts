// X-Twilio-Signature: how a request to Parley proves it came from Twilio.
// Twilio signs every webhook and status callback with the account's auth
// token, as its "Secure webhooks" guide describes
// (twilio.com/docs/usage/webhooks/webhooks-security):
//   1. take the full URL Twilio requested, query string included;
//   2. for a form POST, sort the parameters by name (case-sensitive, Unix
//      order) and append each name followed by its value, no separators;
//   3. HMAC-SHA1 that string with the auth token as key; base64 the digest.
// WebCrypto only, so it runs in workerd and in the fake alike.
import { base64, timingSafeEqual } from '../../auth/crypto.ts';

const encoder = new TextEncoder();

/** The signature Twilio sends for a form POST of `params` to `url`. */
export async function twilioSignature(authToken: string, url: string, params: URLSearchParams): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(authToken), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(signedString(url, params)));
  return base64(new Uint8Array(mac));
}

/**
 * Whether `signature` (the X-Twilio-Signature header) is Twilio's for this
 * request. `url` is the URL Twilio was given, exactly (scheme, host, path,
 * query); `params` the form body. Twilio's helper libraries accept the URL
 * with and without its port, because what Twilio signs differs there
 * ("https://host/x" and "https://host:443/x" are one address but two
 * strings): so do we.
 */
export async function validTwilioSignature(authToken: string, url: string, params: URLSearchParams, signature: string | null): Promise<boolean> {
  if (!signature) return false;
  let valid = false;
  // Every form is tried, so the time taken says nothing about which one matched.
  for (const candidate of urlForms(url)) {
    if (timingSafeEqual(await twilioSignature(authToken, candidate, params), signature)) valid = true;
  }
  return valid;
}

function signedString(url: string, params: URLSearchParams): string {
  // Sorted by name; a name given twice keeps its values in sorted order too, as Twilio's libraries do.
  const entries = [...params].sort(([a, av], [b, bv]) => compare(a, b) || compare(av, bv));
  return entries.reduce((data, [name, value]) => data + name + value, url);
}

/** Plain code-unit order: the "Unix-style case-sensitive" sort Twilio names, not a locale's. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The URL as given, plus the same address with its port written out (when it had none) or left out (when it had one). */
function urlForms(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  // Rebuilt by hand: URL.toString() drops a default port, which is exactly the difference that matters here.
  const origin = (host: string) => `${parsed.protocol}//${parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : ''}${host}`;
  const rest = parsed.pathname + parsed.search + parsed.hash;
  const explicitPort = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)/i.exec(url)?.[1];
  const defaultPort = parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : null;
  const forms = [url];
  if (explicitPort !== undefined) forms.push(origin(parsed.hostname) + rest);
  else if (defaultPort) forms.push(origin(`${parsed.hostname}:${defaultPort}`) + rest);
  return forms;
}

