// The one way to mint an agent token: the agent read uncached (a deactivated
// agent gets none, even a moment after the change), stamped with their token
// generation, a fresh id, and when the sign-in it continues began.
import { now } from '../clock';
import { findAgentWithSecret } from '../directory/agents';
import { newTokenId, signAgentToken, type AgentTokenClaims, type TokenUse } from './agent-token';
import type { SecretStore } from './secret-box';

export interface MintRequest {
  orgId: string;
  agentId: string;
  use: TokenUse;
  /** Expiry, seconds since epoch. */
  exp: number;
  /** When the sign-in this token continues began, seconds since epoch (now, for a new one). */
  auth: number;
  /** A socket token's one session. */
  ses?: string;
}

export type Minted = { ok: true; token: string; claims: AgentTokenClaims } | { ok: false; reason: 'not_found' | 'deactivated' };

export async function mintAgentToken(env: SecretStore, r: MintRequest): Promise<Minted> {
  const agent = await findAgentWithSecret(env, r.orgId, r.agentId);
  if (!agent) return { ok: false, reason: 'not_found' };
  if (!agent.active) return { ok: false, reason: 'deactivated' };
  const claims: AgentTokenClaims = {
    org: r.orgId,
    sub: r.agentId,
    use: r.use,
    jti: newTokenId(),
    gen: agent.tokenGeneration,
    iat: Math.floor(now() / 1000),
    auth: r.auth,
    exp: r.exp,
    ...(r.ses ? { ses: r.ses } : {}),
  };
  return { ok: true, token: await signAgentToken(claims, agent.secret), claims };
}
