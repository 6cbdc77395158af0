// Authenticates /api/v1 calls: a token signed with the org's secret, from
// the Authorization header (scripts, the sf plugin) or the agent workspace's
// cookie; or, from a CRM's server (a Salesforce Named Credential), the org key
// with the user it acts for.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../api/context';
import { findAgentWithSecret, type AgentRecord } from '../directory/agents';
import { authenticateCrmCall } from './crm-caller';
import { ApiError } from '../errors';
import { now } from '../clock';
import { peekAgentToken, verifyAgentToken, type AgentTokenClaims } from './agent-token';
import type { SecretStore } from './secret-box';
import { idPattern } from '../contract/ids';
import { remembered, type Remembered } from './remembered';

const agents: Remembered<Awaited<ReturnType<typeof findAgentWithSecret>>> = new Map();
const cachedAgent = (env: SecretStore, orgId: string, agentId: string) => remembered(agents, `${orgId}/${agentId}`, () => findAgentWithSecret(env, orgId, agentId));

const SESSION_READS = new RegExp(`^/api/v1/sessions/${idPattern('session')}(/ws|/events)?$`);

/** The agent workspace's cookie: the agent's token, set by /app/sign-in, HttpOnly. */
export const AGENT_COOKIE = 'parley_agent';

/**
 * The token of this request: the Authorization header; or, for the agent
 * workspace, its cookie together with the X-Parley-App: 1 header (a
 * cross-site form cannot send that header, so the cookie cannot be ridden);
 * or, on a WebSocket upgrade only, ?token= or the cookie.
 */
function tokenOf(c: Context<AppEnv>): string | null {
  const header = c.req.header('Authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const upgrade = c.req.header('Upgrade')?.toLowerCase() === 'websocket';
  if (upgrade && c.req.query('token')) return c.req.query('token')!;
  if (upgrade || c.req.header('X-Parley-App') === '1') return getCookie(c, AGENT_COOKIE) ?? null;
  return null;
}

export type Authenticated = { ok: true; agent: AgentRecord; claims: AgentTokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** Who a token belongs to: the one check behind the API and the workspace sign-in. */
export async function authenticate(env: SecretStore, token: string): Promise<Authenticated> {
  const claims = peekAgentToken(token);
  const agent = claims ? await cachedAgent(env, claims.org, claims.sub) : null;
  if (!claims || !agent) return { ok: false, reason: 'invalid' };
  const check = await verifyAgentToken(token, agent.secret, now());
  if (!check.ok) return { ok: false, reason: check.reason === 'expired' ? 'expired' : 'invalid' };
  const { secret: _secret, ...record } = agent;
  return { ok: true, agent: record, claims: check.claims };
}

export const requireAgent = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('X-Parley-Key');
  if (key !== undefined) {
    c.set('agent', await authenticateCrmCall(c, key.trim()));
    return next();
  }
  const token = tokenOf(c);
  if (!token) throw new ApiError(401, 'unauthenticated', 'send an agent token as "Authorization: Bearer <token>"');
  const who = await authenticate(c.env, token);
  if (!who.ok) throw new ApiError(401, who.reason === 'expired' ? 'token_expired' : 'invalid_token', who.reason === 'expired' ? 'the agent token has expired' : 'the agent token is not valid');
  // A token bound to one session (a CRM panel's socket) may only watch that session.
  const ses = who.claims.ses;
  if (ses && !(c.req.method === 'GET' && SESSION_READS.test(c.req.path) && c.req.path.split('/')[4] === ses)) {
    throw new ApiError(403, 'token_scope', 'this token only opens the live view of one session');
  }
  c.set('agent', who.agent);
  await next();
});

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get('agent').role !== 'admin') throw new ApiError(403, 'admin_only', 'only an admin can do this');
  await next();
});
