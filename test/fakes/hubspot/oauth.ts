// HubSpot's OAuth for an app installed in many portals: an install hands an
// authorization code to the app's redirect URL; the token endpoint
// (POST /oauth/2026-03/token, form-encoded, parameters in the body) trades it
// for a refresh token and a 30-minute access token, and the refresh token for
// new access tokens; /oauth/2026-03/token/introspect and the legacy
// GET /oauth/v1/access-tokens/{token} describe a token. Uninstalling the app
// (revoke) ends every token of that portal.
import { correlationId, json, oauthError } from './errors.ts';

export interface Installation {
  portalId: string;
  userId: string;
  userEmail: string;
  hubDomain: string;
  scopes: string[];
}

interface AccessToken {
  install: Installation;
  expiresAt: number;
}

export const ACCESS_TOKEN_LIFETIME_S = 1800;

const randomToken = (prefix: string) => `${prefix}-${crypto.randomUUID()}${crypto.randomUUID().replace(/-/g, '')}`;

export class OAuthServer {
  private readonly codes = new Map<string, { install: Installation; redirectUri: string | null }>();
  private readonly refreshTokens = new Map<string, Installation>();
  private readonly accessTokens = new Map<string, AccessToken>();
  readonly uninstalled = new Set<string>();

  private readonly app: { clientId: string; clientSecret: string; appId: number };
  private readonly now: () => number;

  // Plain fields, not parameter properties: Node runs this file by stripping types (serve.ts, the bench).
  constructor(app: { clientId: string; clientSecret: string; appId: number }, now: () => number) {
    this.app = app;
    this.now = now;
  }

  /** What the install screen does: the user consents, HubSpot redirects with this code (single use). */
  authorize(install: Installation, redirectUri: string | null = null): string {
    const code = randomToken('code');
    this.codes.set(code, { install, redirectUri });
    this.uninstalled.delete(install.portalId);
    return code;
  }

  /** The app is uninstalled from the portal: its refresh and access tokens stop working. */
  revoke(portalId: string): void {
    this.uninstalled.add(portalId);
    for (const [t, i] of this.refreshTokens) if (i.portalId === portalId) this.refreshTokens.delete(t);
    for (const [t, a] of this.accessTokens) if (a.install.portalId === portalId) this.accessTokens.delete(t);
  }

  /** The portal an access token works for, or null (unknown, expired, revoked). */
  portalOf(authorization: string | null): { install: Installation } | null {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const t = m ? this.accessTokens.get(m[1]!) : undefined;
    if (!t || t.expiresAt <= this.now()) return null;
    return { install: t.install };
  }

  /** Every access token issued so far expires now: the next data call with one gets 401, a refresh gets a new one. */
  expire(): void {
    this.accessTokens.clear();
  }

  token(params: URLSearchParams): Response {
    if (params.get('client_id') !== this.app.clientId) return oauthError('BAD_CLIENT_ID', 'missing or unknown client id');
    if (params.get('client_secret') !== this.app.clientSecret) return oauthError('BAD_CLIENT_SECRET', 'missing or invalid client secret');
    const grant = params.get('grant_type');
    let install: Installation | undefined;
    let refreshToken: string;
    if (grant === 'authorization_code') {
      const code = this.codes.get(params.get('code') ?? '');
      if (!code) return oauthError('BAD_AUTH_CODE', 'missing or unknown auth code');
      if (code.redirectUri !== null && code.redirectUri !== params.get('redirect_uri')) return oauthError('BAD_REDIRECT_URI', 'redirect_uri does not match the one used to authorize');
      this.codes.delete(params.get('code')!);
      install = code.install;
      refreshToken = randomToken('na1');
      this.refreshTokens.set(refreshToken, install);
    } else if (grant === 'refresh_token') {
      refreshToken = params.get('refresh_token') ?? '';
      install = this.refreshTokens.get(refreshToken);
      if (!install) return oauthError('BAD_REFRESH_TOKEN', 'missing or invalid refresh token');
    } else {
      return oauthError('BAD_GRANT_TYPE', 'grant_type must be authorization_code or refresh_token');
    }
    const accessToken = randomToken('CJ');
    this.accessTokens.set(accessToken, { install, expiresAt: this.now() + ACCESS_TOKEN_LIFETIME_S * 1000 });
    return json(200, {
      token_type: 'bearer',
      refresh_token: refreshToken,
      access_token: accessToken,
      expires_in: ACCESS_TOKEN_LIFETIME_S,
      hub_id: Number(install.portalId),
      user_id: Number(install.userId),
      scopes: install.scopes,
    });
  }

  /** Token metadata (introspection): active or not, and for whom. */
  introspect(params: URLSearchParams): Response {
    if (params.get('client_id') !== this.app.clientId) return oauthError('BAD_CLIENT_ID', 'missing or unknown client id');
    if (params.get('client_secret') !== this.app.clientSecret) return oauthError('BAD_CLIENT_SECRET', 'missing or invalid client secret');
    const token = params.get('token') ?? '';
    const access = this.accessTokens.get(token);
    const install = access && access.expiresAt > this.now() ? access.install : this.refreshTokens.get(token);
    if (!install) return json(200, { active: false });
    return json(200, {
      active: true,
      token_use: access ? 'access_token' : 'refresh_token',
      client_id: this.app.clientId,
      app_id: this.app.appId,
      hub_id: Number(install.portalId),
      hub_domain: install.hubDomain,
      user_id: Number(install.userId),
      user: install.userEmail,
      scopes: install.scopes,
      ...(access ? { expires_in: Math.max(0, Math.floor((access.expiresAt - this.now()) / 1000)), exp: Math.floor(access.expiresAt / 1000) } : {}),
    });
  }

  /** The legacy GET /oauth/v1/access-tokens/{token}. */
  accessTokenInfo(token: string): Response {
    const access = this.accessTokens.get(token);
    if (!access || access.expiresAt <= this.now()) return json(404, { status: 'error', message: 'access token not found', correlationId: correlationId(), category: 'OBJECT_NOT_FOUND' });
    const i = access.install;
    return json(200, {
      token,
      user: i.userEmail,
      hub_domain: i.hubDomain,
      scopes: i.scopes,
      hub_id: Number(i.portalId),
      app_id: this.app.appId,
      expires_in: Math.max(0, Math.floor((access.expiresAt - this.now()) / 1000)),
      user_id: Number(i.userId),
      token_type: 'access',
    });
  }
}
