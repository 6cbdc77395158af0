// Authenticates /api/v1 calls: a token signed with the org's token key, from
// the Authorization header (scripts, the sf plugin) or the agent workspace's
// cookie; or, from a CRM's server (a Salesforce Named Credential), the org key
// with the user it acts for; or, from a HubSpot card, HubSpot's signature.
//
// Each way in takes only the tokens made for it (agent-token.ts): the header
// an API or a live (socket) token, the cookie only the workspace's own token,
// and /app/sign-in only a sign-in link's token.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../api/context';
import { findTokenHolder, type AgentRecord } from '../directory/agents';
import { authenticateCrmCall } from './crm-caller';
import { authenticateHubSpotCall } from './hubspot-caller';
import { SIGNATURE_HEADER } from './hubspot-request';
import { ApiError } from '../errors';
import { now } from '../clock';
import { peekAgentToken, verifyAgentToken, type AgentTokenClaims, type TokenUse } from './agent-token';
import type { SecretStore } from './secret-box';
import { idPattern } from '../contract/ids';
import { forgetRemembered, remembered, type Remembered } from './remembered';
import { countFailedAgentCheck } from '../api/rate-limit';

/**
 * What authentication reads of a token's agent, remembered per token for
 * AGENT_CACHE_MS (remembered.ts). A revocation, a deactivation or a new token
 * key is forgotten at once by the isolate that made it (forgetTokens); another
 * isolate may accept the token for up to 5 more seconds, one request at a
 * time. That is the price of not reading D1 on every call, and it is bounded
 * where it would not be: what opens something lasting (a WebSocket, a
 * workspace sign-in, a newly minted token) reads uncached (`fresh`).
 */
const holders: Remembered<Awaited<ReturnType<typeof findTokenHolder>>> = new Map();

/**
 * Tokens whose signature this isolate has checked, with the key it checked
 * them against. A client sends the same token with every call, and reading
 * and checking it (base64, JSON, HMAC) was a fifth of a chat message's CPU.
 * Expiry, revocation and the agent's state are still checked every time; a
 * new token key (another secret) checks the signature again. Bounded: cleared
 * when it grows too big.
 */
const signatureChecked = new Map<string, { claims: AgentTokenClaims; secret: string }>();
const SIGNATURES_KEPT = 2_000;

/** Forget what this isolate remembers of an org's tokens: all of them, one agent's, or one token. */
export function forgetTokens(orgId: string, agentId?: string, jti?: string): void {
  forgetRemembered(holders, agentId === undefined ? `${orgId}/` : jti === undefined ? `${orgId}/${agentId}/` : `${orgId}/${agentId}/${jti}`);
}

const SESSION_READS = new RegExp(`^/api/v1/sessions/${idPattern('session')}(/ws|/events)?$`);

/**
 * The agent workspace's cookie: the agent's workspace token, set by
 * /app/sign-in, HttpOnly. The `__Host-` prefix makes the browser keep it only
 * when it is Secure, for Path=/ and without a Domain: no sibling subdomain can
 * set or shadow it.
 */
export const AGENT_COOKIE = '__Host-parley_agent';

const API_TOKENS: readonly TokenUse[] = ['api', 'socket'];
const COOKIE_TOKENS: readonly TokenUse[] = ['workspace'];

interface Presented {
  token: string;
  /** The kinds of token this way in takes. */
  accept: readonly TokenUse[];
  /** A WebSocket upgrade: what it opens lasts, so its token is checked uncached. */
  upgrade: boolean;
}

/**
 * The token of this request: the Authorization header; or, for the agent
 * workspace, its cookie together with the X-Parley-App: 1 header (a
 * cross-site form cannot send that header, so the cookie cannot be ridden);
 * or, on a WebSocket upgrade only, ?token= or the cookie.
 */
function presentedToken(c: Context<AppEnv>): Presented | null {
  const upgrade = c.req.header('Upgrade')?.toLowerCase() === 'websocket';
  const header = c.req.header('Authorization');
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), accept: API_TOKENS, upgrade };
  if (upgrade && c.req.query('token')) return { token: c.req.query('token')!, accept: API_TOKENS, upgrade };
  const cookie = upgrade || c.req.header('X-Parley-App') === '1' ? getCookie(c, AGENT_COOKIE) : undefined;
  return cookie ? { token: cookie, accept: COOKIE_TOKENS, upgrade } : null;
}

export type AuthFailure = 'invalid' | 'expired' | 'wrong_use' | 'revoked' | 'deactivated';
export type Authenticated = { ok: true; agent: AgentRecord; claims: AgentTokenClaims } | { ok: false; reason: AuthFailure; use?: TokenUse };

/**
 * Who a token belongs to: the one check behind the API, the workspace and its
 * sign-in. `accept` names the kinds of token the caller's way in takes;
 * `fresh` reads the directory uncached.
 */
export async function authenticate(env: SecretStore, token: string, opts: { accept: readonly TokenUse[]; fresh?: boolean }): Promise<Authenticated> {
  const known = signatureChecked.get(token);
  const claims = known?.claims ?? peekAgentToken(token);
  if (!claims) return { ok: false, reason: 'invalid' };
  const load = () => findTokenHolder(env, claims.org, claims.sub, claims.jti);
  const holder = opts.fresh ? await load() : await remembered(holders, `${claims.org}/${claims.sub}/${claims.jti}`, load);
  if (!holder) return { ok: false, reason: 'invalid' };
  // The signature before anything else: a forged token learns nothing of the agent's state.
  if (known?.secret !== holder.secret) {
    const check = await verifyAgentToken(token, holder.secret, now(), claims);
    if (!check.ok) return { ok: false, reason: check.reason === 'expired' ? 'expired' : 'invalid' };
    if (signatureChecked.size >= SIGNATURES_KEPT) signatureChecked.clear();
    signatureChecked.set(token, { claims, secret: holder.secret });
  } else if (claims.exp * 1000 <= now()) return { ok: false, reason: 'expired' };
  if (!opts.accept.includes(claims.use)) return { ok: false, reason: 'wrong_use', use: claims.use };
  if (!holder.active) return { ok: false, reason: 'deactivated' };
  if (holder.revoked || claims.gen !== holder.tokenGeneration) return { ok: false, reason: 'revoked' };
  const { secret: _secret, active: _active, tokenGeneration: _generation, revoked: _revoked, ...record } = holder;
  return { ok: true, agent: record, claims };
}

const WRONG_USE: Record<TokenUse, string> = {
  api: 'an API token goes in "Authorization: Bearer <token>"',
  sign_in: 'a sign-in link token only opens /app/sign-in',
  workspace: "the workspace's token only works from its cookie",
  socket: 'a live token goes in "Authorization: Bearer <token>" or ?token= on its WebSocket',
};

function refusal(who: Exclude<Authenticated, { ok: true }>): ApiError {
  switch (who.reason) {
    case 'expired':
      return new ApiError(401, 'token_expired', 'the agent token has expired');
    case 'wrong_use':
      return new ApiError(401, 'wrong_token_use', `this token cannot be used here: ${WRONG_USE[who.use!]}`);
    case 'revoked':
      return new ApiError(401, 'token_revoked', 'the agent token was revoked (signed out, or the agent was deactivated since it was minted)');
    case 'deactivated':
      return new ApiError(401, 'agent_deactivated', 'this agent has been deactivated by an admin');
    default:
      return new ApiError(401, 'invalid_token', 'the agent token is not valid');
  }
}

export const requireAgent = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('X-Parley-Key');
  if (key !== undefined) {
    c.set('agent', await authenticateCrmCall(c, key.trim()).catch((err) => countFailedAgentCheck(c, err)));
    return next();
  }
  if (c.req.header(SIGNATURE_HEADER) !== undefined) {
    c.set('agent', await authenticateHubSpotCall(c).catch((err) => countFailedAgentCheck(c, err)));
    return next();
  }
  const presented = presentedToken(c);
  if (!presented) throw new ApiError(401, 'unauthenticated', 'send an agent token as "Authorization: Bearer <token>"');
  const who = await authenticate(c.env, presented.token, { accept: presented.accept, fresh: presented.upgrade });
  if (!who.ok) return countFailedAgentCheck(c, refusal(who));
  // A live token (a CRM panel's socket) may only watch its one session.
  const ses = who.claims.use === 'socket' ? who.claims.ses : undefined;
  if (ses && !(c.req.method === 'GET' && SESSION_READS.test(c.req.path) && c.req.path.split('/')[4] === ses)) {
    throw new ApiError(403, 'token_scope', 'this token only opens the live view of one session');
  }
  c.set('agent', who.agent);
  // What a socket needs of the token: when it expires, and which way it came (a workspace token only from the cookie).
  c.set('agentToken', who.claims);
  await next();
});

/**
 * Before a route mints a credential from this request's (a sign-in link, a
 * live token): the request's token checked again, uncached, so a token
 * revoked a moment ago in another isolate mints nothing; and when the sign-in
 * it continues began (`auth`), for the new token to carry on. An org-key call
 * (or a HubSpot-signed call) is the CRM vouching for its user now: a new sign-in.
 */
export async function freshSignInTime(c: Context<AppEnv>): Promise<number> {
  if (c.req.header('X-Parley-Key') !== undefined || c.req.header(SIGNATURE_HEADER) !== undefined) return Math.floor(now() / 1000);
  const presented = presentedToken(c);
  if (!presented) throw new ApiError(401, 'unauthenticated', 'send an agent token as "Authorization: Bearer <token>"');
  const who = await authenticate(c.env, presented.token, { accept: presented.accept, fresh: true });
  if (!who.ok) throw refusal(who);
  return who.claims.auth;
}

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get('agent').role !== 'admin') throw new ApiError(403, 'admin_only', 'only an admin can do this');
  await next();
});
