// Who is signed in to the agent workspace. The cookie holds the agent's own
// API token (set by /app/sign-in), checked with the very helpers the API's
// requireAgent uses: peek for the org, read the agent and the org secret from
// the directory, verify signature and expiry.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../api/context';
import { AGENT_COOKIE } from '../../auth/agent-auth';
import { peekAgentToken, verifyAgentToken } from '../../auth/agent-token';
import { findAgentWithSecret, type AgentRecord } from '../../directory/agents';
import { now } from '../../clock';

export type SignIn = { ok: true; agent: AgentRecord; exp: number } | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'scoped' };

/** A token checked exactly as the API checks it. A session-bound live token opens no workspace. */
export async function checkToken(db: D1Database, token: string | undefined | null): Promise<SignIn> {
  if (!token) return { ok: false, reason: 'missing' };
  const claims = peekAgentToken(token);
  const agent = claims ? await findAgentWithSecret(db, claims.org, claims.sub) : null;
  if (!claims || !agent) return { ok: false, reason: 'invalid' };
  const check = await verifyAgentToken(token, agent.secret, now());
  if (!check.ok) return { ok: false, reason: check.reason === 'expired' ? 'expired' : 'invalid' };
  if (check.claims.ses) return { ok: false, reason: 'scoped' };
  const { secret: _secret, ...record } = agent;
  return { ok: true, agent: record, exp: check.claims.exp };
}

/** The agent of this page request, from the workspace cookie. */
export function signedIn(c: Context<AppEnv>): Promise<SignIn> {
  return checkToken(c.env.DB, getCookie(c, AGENT_COOKIE));
}

/** HttpOnly, Secure, SameSite=Lax, for the whole site (the API and /app), gone when the token expires. */
export function setAgentCookie(c: Context<AppEnv>, token: string, exp: number): void {
  const maxAge = Math.max(0, Math.min(exp - Math.floor(now() / 1000), 400 * 24 * 3600 - 1));
  setCookie(c, AGENT_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge });
}

export function clearAgentCookie(c: Context<AppEnv>): void {
  deleteCookie(c, AGENT_COOKIE, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
}
