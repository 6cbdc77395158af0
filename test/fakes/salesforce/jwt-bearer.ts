// POST /services/oauth2/token with the OAuth 2.0 JWT bearer flow:
// grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer & assertion=<JWT>.
// The assertion is an RS256 JWT whose iss is the connected app's consumer key,
// sub the username, aud the login URL (https://login.salesforce.com,
// https://test.salesforce.com, or the org's own domain) and exp at most
// three minutes ahead. It is checked against the app's certificate and
// pre-approval; the refusals are the { error, error_description } bodies a
// real org answers with.

import { importVerificationKey, verifyRs256 } from './connected-app-key.ts';
import { oauthError } from './errors.ts';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface ConnectedAppRegistration {
  /** The consumer key: the assertion's iss. */
  clientId: string;
  /** The app's certificate or public key, PEM… */
  publicKeyPem?: string;
  /** …or the key itself. */
  publicKey?: CryptoKey;
  /** Who may sign in through it (pre-approved by profile or permission set). */
  username: string | string[];
  /** false = "Admin approved users are pre-authorized" without this user: the documented refusal. */
  approved?: boolean;
}

export interface TokenGrant {
  clientId: string;
  username: string;
}

export interface AssertionRules {
  now: number;
  /** aud values the org accepts. */
  audiences: readonly string[];
  maxLifetimeSeconds: number;
}

function base64UrlDecode(part: string): Uint8Array {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4);
  const binary = atob(b64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(base64UrlDecode(part)));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export class ConnectedApps {
  private readonly apps = new Map<string, ConnectedAppRegistration>();
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  register(app: ConnectedAppRegistration): void {
    if (!app.publicKey && !app.publicKeyPem) throw new Error('a connected app needs publicKeyPem or publicKey');
    this.apps.set(app.clientId, app);
    this.keys.delete(app.clientId);
  }

  private key(app: ConnectedAppRegistration): Promise<CryptoKey> {
    let key = this.keys.get(app.clientId);
    if (!key) {
      key = app.publicKey ? Promise.resolve(app.publicKey) : importVerificationKey(app.publicKeyPem!);
      this.keys.set(app.clientId, key);
    }
    return key;
  }

  /** The grant the token request earns, or the 400 Salesforce answers instead. */
  async grant(params: URLSearchParams, rules: AssertionRules): Promise<TokenGrant | Response> {
    if (params.get('grant_type') !== JWT_BEARER_GRANT) return oauthError('unsupported_grant_type', 'grant type not supported');
    const invalidAssertion = () => oauthError('invalid_grant', 'invalid assertion');
    const parts = (params.get('assertion') ?? '').split('.');
    if (parts.length !== 3) return invalidAssertion();
    const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
    const header = decodeJson(headerPart);
    const claims = decodeJson(claimsPart);
    if (!header || !claims || header.alg !== 'RS256') return invalidAssertion();

    const app = typeof claims.iss === 'string' ? this.apps.get(claims.iss) : undefined;
    if (!app) return oauthError('invalid_client_id', 'client identifier invalid');

    let signature: Uint8Array;
    try {
      signature = base64UrlDecode(signaturePart);
    } catch {
      return invalidAssertion();
    }
    const signed = new TextEncoder().encode(`${headerPart}.${claimsPart}`);
    if (!(await verifyRs256(await this.key(app), signature, signed))) return invalidAssertion();

    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((a) => typeof a === 'string' && rules.audiences.includes(a.replace(/\/$/, '')))) {
      return oauthError('invalid_grant', 'audience is invalid');
    }
    const nowSeconds = rules.now / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return oauthError('invalid_grant', 'expired authorization code');
    if (claims.exp > nowSeconds + rules.maxLifetimeSeconds) return invalidAssertion();

    const usernames = Array.isArray(app.username) ? app.username : [app.username];
    if (typeof claims.sub !== 'string' || !usernames.includes(claims.sub) || app.approved === false) {
      return oauthError('invalid_grant', "user hasn't approved this consumer");
    }
    return { clientId: app.clientId, username: claims.sub };
  }
}
