// Who is signed in to the agent workspace. The cookie holds an agent API
// token (set by /app/sign-in), checked by the same authenticate() as the API.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../api/context';
import { AGENT_COOKIE, authenticate } from '../../auth/agent-auth';
import type { AgentRecord } from '../../directory/agents';
import { now } from '../../clock';
import type { SecretStore } from '../../auth/secret-box';

export type SignIn = { ok: true; agent: AgentRecord; exp: number } | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'scoped' };

/** A token checked exactly as the API checks it (the same function). A session-bound live token opens no workspace. */
export async function checkToken(env: SecretStore, token: string | undefined | null): Promise<SignIn> {
  if (!token) return { ok: false, reason: 'missing' };
  const who = await authenticate(env, token);
  if (!who.ok) return who;
  if (who.claims.ses) return { ok: false, reason: 'scoped' };
  return { ok: true, agent: who.agent, exp: who.claims.exp };
}

/** The agent of this page request, from the workspace cookie. */
export function signedIn(c: Context<AppEnv>): Promise<SignIn> {
  return checkToken(c.env, getCookie(c, AGENT_COOKIE));
}

/** HttpOnly, Secure, SameSite=Lax, for the whole site (the API and /app), gone when the token expires. */
export function setAgentCookie(c: Context<AppEnv>, token: string, exp: number): void {
  const maxAge = Math.max(0, Math.min(exp - Math.floor(now() / 1000), 400 * 24 * 3600 - 1));
  setCookie(c, AGENT_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge });
}

export function clearAgentCookie(c: Context<AppEnv>): void {
  deleteCookie(c, AGENT_COOKIE, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
}
