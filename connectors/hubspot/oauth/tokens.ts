// OAuth with HubSpot: the install's code exchanged for tokens, and the access
// token write-back calls with, refreshed before it expires. HubSpot's access
// tokens live 30 minutes; the refresh token lasts until the app is
// uninstalled, which is how Parley learns of an uninstall it missed.
import type { Env } from '../../../worker/src/env';
import { findHubSpotTokens, markHubSpotBroken, storeHubSpotAccessToken } from '../../../worker/src/directory/hubspot-connections';

/** The token endpoint of the 2026-03 platform (v1's is retired in February 2027). */
export const TOKEN_PATH = '/oauth/2026-03/token';
export const INTROSPECT_PATH = '/oauth/2026-03/token/introspect';
/** Refreshed this long before HubSpot says it expires: a token must outlive the run that uses it. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const TIMEOUT_MS = 10_000;

export const hubspotApiBase = (env: Pick<Env, 'HUBSPOT_API_BASE'>) => (env.HUBSPOT_API_BASE ?? 'https://api.hubapi.com').replace(/\/+$/, '');

/** HubSpot refuses Parley for this portal (uninstalled, revoked) or the app is not configured: an admin must act. */
export class HubSpotAuthError extends Error {
  override name = 'HubSpotAuthError';
}

/** HubSpot could not be reached or answered 5xx/429: try again later. */
export class HubSpotUnavailableError extends Error {
  override name = 'HubSpotUnavailableError';
  constructor(
    message: string,
    readonly retryAfterS: number | null,
  ) {
    super(message);
  }
}

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface TokenInfo {
  portalId: string;
  userId: string | null;
  hubDomain: string | null;
  scopes: string[];
}

type AppCredentials = { clientId: string; clientSecret: string };

function appCredentials(env: Pick<Env, 'HUBSPOT_CLIENT_ID' | 'HUBSPOT_CLIENT_SECRET'>): AppCredentials {
  if (!env.HUBSPOT_CLIENT_ID || !env.HUBSPOT_CLIENT_SECRET) throw new HubSpotAuthError("Parley's HubSpot app is not configured here (HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET)");
  return { clientId: env.HUBSPOT_CLIENT_ID, clientSecret: env.HUBSPOT_CLIENT_SECRET };
}

async function postForm(env: Pick<Env, 'HUBSPOT_API_BASE'>, path: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  let res: Response;
  try {
    res = await fetch(`${hubspotApiBase(env)}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new HubSpotUnavailableError(`HubSpot's token endpoint did not answer: ${err instanceof Error ? err.message : String(err)}`, null);
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { message: text.slice(0, 200) };
  }
  return { status: res.status, body, retryAfter: res.headers.get('Retry-After') };
}

function grantOf(body: Record<string, unknown>, now: number): TokenGrant {
  const accessToken = body.access_token;
  const refreshToken = body.refresh_token;
  const expiresIn = Number(body.expires_in);
  if (typeof accessToken !== 'string' || typeof refreshToken !== 'string' || !Number.isFinite(expiresIn)) {
    throw new HubSpotUnavailableError('HubSpot answered the token request without access_token, refresh_token and expires_in', null);
  }
  return { accessToken, refreshToken, expiresAt: now + expiresIn * 1000 };
}

const why = (body: Record<string, unknown>) => [body.status, body.message].filter((x) => typeof x === 'string' && x).join(': ') || 'no reason given';

/** The install's authorization code, for the portal's first tokens. */
export async function exchangeCode(env: Env, code: string, redirectUri: string, now: number): Promise<TokenGrant> {
  const app = appCredentials(env);
  const res = await postForm(env, TOKEN_PATH, { grant_type: 'authorization_code', client_id: app.clientId, client_secret: app.clientSecret, redirect_uri: redirectUri, code });
  if (res.status >= 500 || res.status === 429) throw new HubSpotUnavailableError(`HubSpot could not exchange the install code (${res.status})`, Number(res.retryAfter) || null);
  if (res.status !== 200) throw new HubSpotAuthError(`HubSpot refused the install code: ${why(res.body)}`);
  return grantOf(res.body, now);
}

/** Which portal and user a token was granted by, and the scopes it carries. */
export async function introspect(env: Env, accessToken: string): Promise<TokenInfo> {
  const app = appCredentials(env);
  const res = await postForm(env, INTROSPECT_PATH, { client_id: app.clientId, client_secret: app.clientSecret, token: accessToken, token_type_hint: 'access_token' });
  if (res.status >= 500 || res.status === 429) throw new HubSpotUnavailableError(`HubSpot could not describe the token (${res.status})`, Number(res.retryAfter) || null);
  const b = res.body;
  if (res.status !== 200 || b.active === false || (typeof b.hub_id !== 'number' && typeof b.hub_id !== 'string')) {
    throw new HubSpotAuthError(`HubSpot did not vouch for the new token: ${why(b)}`);
  }
  const scopes = Array.isArray(b.scopes) ? b.scopes.map(String) : typeof b.scope === 'string' ? b.scope.split(' ') : [];
  return {
    portalId: String(b.hub_id),
    userId: b.user_id === undefined || b.user_id === null ? null : String(b.user_id),
    hubDomain: typeof b.hub_domain === 'string' ? b.hub_domain : null,
    scopes,
  };
}

/**
 * Access tokens this isolate holds, by org: a burst of write-back runs
 * opens the sealed token once. The expiry travels with it.
 */
const held = new Map<string, { token: string; expiresAt: number }>();

export function forgetHubSpotTokens(): void {
  held.clear();
}

/** Refreshes in flight, by org: parallel runs share one refresh (HubSpot may rotate the refresh token). */
const refreshing = new Map<string, Promise<string>>();

/**
 * A valid access token for the org's portal, refreshed when it is within five
 * minutes of expiring — or when it is `refused`: HubSpot answered 401 to it
 * before its time (revoked early, or the app uninstalled, which the refresh
 * then reveals). Another caller's newer token is taken as it is.
 */
export async function hubspotAccessToken(env: Env, orgId: string, now: () => number, refused?: string): Promise<string> {
  const usable = (token: string | null, expiresAt: number | null): token is string => !!token && token !== refused && !!expiresAt && expiresAt - REFRESH_MARGIN_MS > now();
  const cached = held.get(orgId);
  if (cached && usable(cached.token, cached.expiresAt)) return cached.token;
  const stored = await findHubSpotTokens(env, orgId);
  if (!stored) throw new HubSpotAuthError('HubSpot is not connected');
  if (usable(stored.accessToken, stored.accessExpiresAt)) {
    held.set(orgId, { token: stored.accessToken, expiresAt: stored.accessExpiresAt! });
    return stored.accessToken;
  }
  const pending = refreshing.get(orgId) ?? refresh(env, orgId, stored.refreshToken, now).finally(() => refreshing.delete(orgId));
  refreshing.set(orgId, pending);
  return pending;
}

async function refresh(env: Env, orgId: string, refreshToken: string, now: () => number): Promise<string> {
  const app = appCredentials(env);
  const res = await postForm(env, TOKEN_PATH, { grant_type: 'refresh_token', client_id: app.clientId, client_secret: app.clientSecret, refresh_token: refreshToken });
  if (res.status >= 500 || res.status === 429) throw new HubSpotUnavailableError(`HubSpot could not refresh the access token (${res.status})`, Number(res.retryAfter) || null);
  if (res.status !== 200) {
    // BAD_REFRESH_TOKEN and friends: the app was uninstalled or its access revoked. Only a reinstall mends it.
    const reason = `HubSpot refused Parley's refresh token (${why(res.body)}): the app was uninstalled or its access revoked; reconnect it from Parley's settings page in HubSpot`;
    await markHubSpotBroken(env.DB, orgId, reason, now());
    held.delete(orgId);
    throw new HubSpotAuthError(reason);
  }
  const grant = grantOf(res.body, now());
  await storeHubSpotAccessToken(env, orgId, { accessToken: grant.accessToken, accessExpiresAt: grant.expiresAt, refreshToken: grant.refreshToken !== refreshToken ? grant.refreshToken : undefined });
  held.set(orgId, { token: grant.accessToken, expiresAt: grant.expiresAt });
  return grant.accessToken;
}

/** Forget an org's held token (an uninstall, a reconnect): the next call reads D1 again. */
export function forgetHubSpotToken(orgId: string): void {
  held.delete(orgId);
}
