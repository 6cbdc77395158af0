// Addresses Parley calls on an org's behalf — its timestamp authority, its
// Salesforce login — must be https: what travels there (a document's hash and
// the token that comes back, a signed sign-in assertion and the access token
// it buys) must not be readable or changeable on the way. The one exception
// is local development (DEV_ROUTES=true: `npm start` and the tests), where
// fake services answer on this machine over plain http.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Local development: `npm start` and the tests set DEV_ROUTES=true; a deployed Worker never does. */
export const isLocalDevelopment = (env: { DEV_ROUTES?: string }) => env.DEV_ROUTES === 'true';

/** True for http(s) addresses on this machine. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname.toLowerCase());
}

/**
 * What is wrong with `raw` as an address to call out to, or null: https, or
 * plain http to 127.0.0.1/localhost only when `localHttp` (local development).
 */
export function outboundUrlProblem(raw: string, localHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an https URL';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopback(url)) return localHttp ? null : 'must be an https URL (plain http only to 127.0.0.1 or localhost, in local development)';
  return 'must be an https URL';
}
