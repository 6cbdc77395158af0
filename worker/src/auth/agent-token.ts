// Agent tokens: `v1.<payload>.<signature>`, HMAC-SHA256 with the org's token
// key. The payload names the org so the verifier knows which key to use; the
// agent's role is read from the directory (briefly cached, see agent-auth.ts),
// never from the token, so a demotion takes effect within seconds.
//
// Every token says what it is for (`use`), and each door takes only its own
// kind: a token made for one purpose cannot be carried to another.
import { base64url, fromBase64url, hmacSha256, randomBase62, timingSafeEqual } from './crypto.ts';

/**
 * - `api`: a script's or integration's token, minted by an admin; sent as `Authorization: Bearer`.
 * - `sign_in`: a sign-in link's token; only /app/sign-in takes it, to set the workspace cookie.
 * - `workspace`: the workspace cookie's token; only ever read from that cookie.
 * - `socket`: a CRM panel's live token, bound to one session (`ses`), to open its WebSocket.
 */
export const TOKEN_USES = ['api', 'sign_in', 'workspace', 'socket'] as const;
export type TokenUse = (typeof TOKEN_USES)[number];

export interface AgentTokenClaims {
  org: string;
  sub: string;
  use: TokenUse;
  /** The token's own id: sign-out revokes the cookie's token by it. */
  jti: string;
  /** The agent's token generation when it was minted: deactivating the agent moves it on, and every older token stops. */
  gen: number;
  /** Issued at, seconds since epoch. */
  iat: number;
  /**
   * When the sign-in this token continues began, seconds since epoch: a token
   * minted from another carries its `auth` on, so renewing a workspace
   * sign-in never moves it, and an absolute cap can end the chain.
   */
  auth: number;
  /** Expiry, seconds since epoch. */
  exp: number;
  /** Only on a `socket` token: the one session it opens. */
  ses?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A token id: 16 base62 characters (≈ 95 random bits), unique without a lookup. */
export const newTokenId = (): string => randomBase62(16);

export async function signAgentToken(claims: AgentTokenClaims, orgSecret: string): Promise<string> {
  const payload = base64url(encoder.encode(JSON.stringify(claims)));
  const sig = base64url(await hmacSha256(orgSecret, `v1.${payload}`));
  return `v1.${payload}.${sig}`;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isShortString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;

/** Claims of the current form only: a token without a purpose, an id or a generation (the old form) is no token. */
function wellFormed(c: Partial<AgentTokenClaims> | null): c is AgentTokenClaims {
  if (typeof c !== 'object' || c === null) return false;
  if (!isShortString(c.org) || !isShortString(c.sub) || !isShortString(c.jti)) return false;
  if (!TOKEN_USES.includes(c.use as TokenUse)) return false;
  if (!Number.isSafeInteger(c.gen) || c.gen! < 0) return false;
  if (!isTime(c.exp) || !isTime(c.iat) || !isTime(c.auth)) return false;
  // A session binding belongs to a socket token, and a socket token always has one.
  return c.use === 'socket' ? isShortString(c.ses) : c.ses === undefined;
}

/** The claims without checking the signature: only to find which org's key to verify with. */
export function peekAgentToken(token: string): AgentTokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1' || parts[1]!.length > 2048) return null;
  try {
    const bytes = fromBase64url(parts[1]!);
    if (!bytes) return null;
    const claims = JSON.parse(decoder.decode(bytes)) as Partial<AgentTokenClaims> | null;
    return wellFormed(claims) ? claims : null;
  } catch {
    return null;
  }
}

export type TokenCheck = { ok: true; claims: AgentTokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** `claims`: the token's, when the caller peeked already (the signature is checked all the same). */
export async function verifyAgentToken(token: string, orgSecret: string, nowMs: number, claims = peekAgentToken(token)): Promise<TokenCheck> {
  if (!claims) return { ok: false, reason: 'malformed' };
  const [, payload, sig] = token.split('.');
  const expected = base64url(await hmacSha256(orgSecret, `v1.${payload}`));
  if (!timingSafeEqual(expected, sig!)) return { ok: false, reason: 'bad_signature' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
