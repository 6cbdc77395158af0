// Authenticates /api/v1 calls: a token signed with the org's secret, from
// the Authorization header (scripts, the sf plugin) or the agent workspace's
// cookie; or, from a CRM's server (a Salesforce Named Credential), the org key
// with the user it acts for.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../api/context';
import { findAgentWithSecret, provisionCrmAgent, type AgentRecord } from '../directory/agents';
import { findCrmKeyHash } from '../directory/crm-connections';
import { emailSchema, personNameSchema } from '../domain/contact';
import { newId } from './crypto';
import { crmKeyMatches, crmKeyOrg } from './crm-key';
import { ApiError } from '../errors';
import { now } from '../clock';
import { peekAgentToken, verifyAgentToken, type AgentTokenClaims } from './agent-token';
import type { SecretStore } from './secret-box';
import { idPattern } from '../contract/ids';

/**
 * What authentication read from the directory, kept per isolate for a few
 * seconds: a burst of calls costs one read, and a removed agent, a changed
 * role or a replaced secret or key takes effect within AGENT_CACHE_MS.
 */
const AGENT_CACHE_MS = 5_000;
type Remembered<T> = Map<string, { at: number; value: T }>;

async function remembered<T>(cache: Remembered<T>, key: string, load: (at: number) => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  const at = now();
  if (hit && at - hit.at < AGENT_CACHE_MS) return hit.value;
  const value = await load(at);
  if (cache.size >= 1000) cache.clear();
  cache.set(key, { at, value });
  return value;
}

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

/**
 * A call from the org's CRM: `X-Parley-Key` (added by the Named Credential),
 * and the user it acts for in `X-Parley-User` (email), `X-Parley-User-Name`
 * and `X-Parley-Role`. Remembered like tokens, so a burst costs one lookup.
 */
const crmAgents: Remembered<AgentRecord> = new Map();

/** Header values are Latin-1 on the wire, so Salesforce sends the user's name percent-encoded (UTF-8). */
function decodeHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

async function authenticateCrmCall(c: Context<AppEnv>, key: string): Promise<AgentRecord> {
  const email = emailSchema.safeParse(c.req.header('X-Parley-User') ?? '');
  const nameHeader = decodeHeader(c.req.header('X-Parley-User-Name'));
  const role = c.req.header('X-Parley-Role') ?? 'agent';
  // Keyed by the key itself: a replaced key stops working within AGENT_CACHE_MS, like a removed agent.
  return remembered(crmAgents, `${key}|${email.data}|${nameHeader}|${role}`, async (at) => {
    const orgId = crmKeyOrg(key);
    if (!orgId || !(await crmKeyMatches(key, await findCrmKeyHash(c.env.DB, orgId)))) {
      throw new ApiError(401, 'invalid_key', 'X-Parley-Key: the org key is not valid (run `sf parley org connect` again to store a new one)');
    }
    if (!email.success) throw new ApiError(400, 'bad_user', 'X-Parley-User: give the email of the CRM user this call acts for');
    if (role !== 'agent' && role !== 'admin') throw new ApiError(400, 'bad_role', 'X-Parley-Role: must be agent or admin');
    const name = personNameSchema.safeParse(nameHeader ?? email.data);
    const agent = await provisionCrmAgent(c.env.DB, orgId, { email: email.data, name: name.success ? name.data : email.data, role }, newId('agt'), at);
    if (!agent) throw new ApiError(401, 'invalid_key', 'X-Parley-Key: the org key is not valid');
    return agent;
  });
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
