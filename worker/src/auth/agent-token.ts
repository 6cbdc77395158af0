// Agent API tokens: `v1.<payload>.<signature>`, HMAC-SHA256 with the org's secret.
// The payload names the org so the verifier knows which secret to use; the
// agent's role is read from the directory (briefly cached, see agent-auth.ts),
// never from the token, so a demotion takes effect within seconds.
import { base64url, fromBase64url, hmacSha256, timingSafeEqual } from './crypto.ts';

export interface AgentTokenClaims {
  org: string;
  sub: string;
  /** Expiry, seconds since epoch. */
  exp: number;
  /** Optional narrowing: a panel's WebSocket token is bound to one session. */
  ses?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function signAgentToken(claims: AgentTokenClaims, orgSecret: string): Promise<string> {
  const payload = base64url(encoder.encode(JSON.stringify(claims)));
  const sig = base64url(await hmacSha256(orgSecret, `v1.${payload}`));
  return `v1.${payload}.${sig}`;
}

/** The claims without checking anything: only to find which org's secret to verify with. */
export function peekAgentToken(token: string): AgentTokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1' || parts[1]!.length > 2048) return null;
  try {
    const bytes = fromBase64url(parts[1]!);
    if (!bytes) return null;
    const claims = JSON.parse(decoder.decode(bytes)) as Partial<AgentTokenClaims>;
    if (typeof claims.org !== 'string' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    if (claims.ses !== undefined && typeof claims.ses !== 'string') return null;
    return claims as AgentTokenClaims;
  } catch {
    return null;
  }
}

export type TokenCheck = { ok: true; claims: AgentTokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export async function verifyAgentToken(token: string, orgSecret: string, nowMs: number): Promise<TokenCheck> {
  const claims = peekAgentToken(token);
  if (!claims) return { ok: false, reason: 'malformed' };
  const [, payload, sig] = token.split('.');
  const expected = base64url(await hmacSha256(orgSecret, `v1.${payload}`));
  if (!timingSafeEqual(expected, sig!)) return { ok: false, reason: 'bad_signature' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
