// Who is signed in to the agent workspace. The cookie holds a workspace
// token (set by /app/sign-in from a sign-in link's token), checked by the
// same authenticate() as the API; sign-out revokes it.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../api/context';
import { AGENT_COOKIE, authenticate, forgetTokens, type Authenticated } from '../../auth/agent-auth';
import type { AgentTokenClaims } from '../../auth/agent-token';
import type { AgentRecord } from '../../directory/agents';
import { revokeToken } from '../../directory/revoked-tokens';
import { now } from '../../clock';
import type { SecretStore } from '../../auth/secret-box';

/** Why there is no sign-in: the pages say it in their words (access.tsx). */
export type SignedOutReason = 'missing' | 'invalid' | 'expired' | 'not_sign_in' | 'revoked' | 'deactivated' | 'too_old';
export type SignIn = { ok: true; agent: AgentRecord; claims: AgentTokenClaims } | { ok: false; reason: SignedOutReason };

function signIn(who: Authenticated): SignIn {
  if (who.ok) return who;
  return { ok: false, reason: who.reason === 'wrong_use' ? 'not_sign_in' : who.reason };
}

/** A sign-in link's token: only that kind opens the workspace, read uncached (it mints a cookie for a working day). */
export async function checkSignInLink(env: SecretStore, token: string | undefined | null): Promise<SignIn> {
  if (!token) return { ok: false, reason: 'missing' };
  return signIn(await authenticate(env, token, { accept: ['sign_in'], fresh: true }));
}

/** The agent of this page request, from the workspace cookie (which holds nothing but a workspace token). */
export async function signedIn(c: Context<AppEnv>): Promise<SignIn> {
  const token = getCookie(c, AGENT_COOKIE);
  if (!token) return { ok: false, reason: 'missing' };
  const who = signIn(await authenticate(c.env, token, { accept: ['workspace'] }));
  // A cookie holding another kind of token is, for the reader, no sign-in at all.
  return !who.ok && who.reason === 'not_sign_in' ? { ok: false, reason: 'invalid' } : who;
}

/** Sign-out: the cookie's token is revoked until it would have expired, here at once (this isolate's cache too). */
export async function revokeWorkspaceCookie(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, AGENT_COOKIE);
  if (!token) return;
  // Only a token that verifies is written down: a forged cookie adds nothing to the table.
  const who = await authenticate(c.env, token, { accept: ['workspace'], fresh: true });
  if (!who.ok) return;
  await revokeToken(c.env.DB, who.claims.org, who.claims.jti, who.claims.exp);
  forgetTokens(who.claims.org, who.claims.sub, who.claims.jti);
}

/**
 * HttpOnly, Secure, SameSite=Lax, for the whole site (the API and /app), gone
 * when the token expires. Inside HubSpot's frame (`framed`), SameSite=None
 * and Partitioned: a cookie the browser keeps for Parley-in-HubSpot only
 * (ui/workspace/hubspot-embed.ts). The API still takes it only with the
 * X-Parley-App header, which no other site's page can send.
 */
export function setAgentCookie(c: Context<AppEnv>, token: string, exp: number, framed = false): void {
  const maxAge = Math.max(0, Math.min(exp - Math.floor(now() / 1000), 400 * 24 * 3600 - 1));
  setCookie(c, AGENT_COOKIE, token, { httpOnly: true, secure: true, path: '/', maxAge, ...(framed ? { sameSite: 'None', partitioned: true } : { sameSite: 'Lax' }) });
}

export function clearAgentCookie(c: Context<AppEnv>): void {
  deleteCookie(c, AGENT_COOKIE, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
}
