// Sign-in to an org's Salesforce with the OAuth 2.0 JWT bearer flow: Parley
// signs a short assertion with the key of the org's connected app and trades
// it for an access token. No password, no refresh token; a new assertion
// whenever the token expires.
import { base64url } from '../../../worker/src/auth/crypto';
import { importSigningKey } from './private-key';

export interface JwtBearerConfig {
  loginUrl: string;
  clientId: string;
  username: string;
  privateKey: string;
}

export interface AccessToken {
  accessToken: string;
  instanceUrl: string;
}

/** Salesforce refuses assertions valid for more than 3 minutes. */
const ASSERTION_LIFETIME_S = 180;

/** Sign-in refused: the connected app, user or key is wrong; retrying will not help until an admin fixes it. */
export class SalesforceAuthError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SalesforceAuthError';
  }
}

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey | null>>();

export async function signAssertion(config: JwtBearerConfig, nowMs: number): Promise<string> {
  let key = keys.get(config.privateKey);
  if (!key) {
    if (keys.size >= 100) keys.clear();
    key = importSigningKey(config.privateKey);
    keys.set(config.privateKey, key);
  }
  const signingKey = await key;
  if (!signingKey) throw new SalesforceAuthError('the connected app key is not an RSA private key in PEM form', 'invalid_key');
  const header = base64url(encoder.encode(JSON.stringify({ alg: 'RS256' })));
  const claims = base64url(
    encoder.encode(JSON.stringify({ iss: config.clientId, sub: config.username, aud: config.loginUrl.replace(/\/+$/, ''), exp: Math.floor(nowMs / 1000) + ASSERTION_LIFETIME_S })),
  );
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', signingKey, encoder.encode(`${header}.${claims}`));
  return `${header}.${claims}.${base64url(new Uint8Array(signature))}`;
}

/**
 * Trade a fresh assertion for an access token. Network failures and 5xx
 * throw an ordinary Error (worth retrying); a refusal throws SalesforceAuthError.
 */
export async function requestAccessToken(config: JwtBearerConfig, nowMs: number, fetcher: typeof fetch = fetch): Promise<AccessToken> {
  const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await signAssertion(config, nowMs) });
  const res = await fetcher(`${config.loginUrl.replace(/\/+$/, '')}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body,
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* an HTML error page: described by the status below */
  }
  if (res.ok && typeof json.access_token === 'string' && typeof json.instance_url === 'string') {
    return { accessToken: json.access_token, instanceUrl: json.instance_url };
  }
  if (res.status >= 500 || res.status === 429) throw new Error(`Salesforce sign-in answered ${res.status}`);
  const code = typeof json.error === 'string' ? json.error : `http_${res.status}`;
  const description = typeof json.error_description === 'string' ? json.error_description : `HTTP ${res.status}`;
  throw new SalesforceAuthError(`Salesforce refused the sign-in: ${description} (${code})`, code);
}
