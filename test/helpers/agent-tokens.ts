// Agent tokens made by hand for tests that need one of a given kind, age or
// shape: signed with the org's key like the Worker's own, with the current
// claims filled in (an API token valid for an hour) and the case's on top.
import type { AgentTokenClaims } from '../../worker/src/auth/agent-token';
import { signAgentToken } from '../../worker/src/auth/agent-token';
import type { Org } from './world';

export function signTestToken(org: Pick<Org, 'id' | 'secret'>, agentId: string, claims: Partial<AgentTokenClaims> = {}, secret = org.secret): Promise<string> {
  const nowS = Math.floor(Date.now() / 1000);
  const base: AgentTokenClaims = { org: org.id, sub: agentId, use: 'api', jti: crypto.randomUUID().slice(0, 16), gen: 0, iat: nowS, auth: nowS, exp: nowS + 3600 };
  return signAgentToken({ ...base, ...claims }, secret);
}

/** A sign-in link's token, as POST /api/v1/workspace-link mints it (two minutes unless the case says otherwise). */
export function signInLinkToken(org: Pick<Org, 'id' | 'secret'>, agentId: string, claims: Partial<AgentTokenClaims> = {}): Promise<string> {
  return signTestToken(org, agentId, { use: 'sign_in', exp: Math.floor(Date.now() / 1000) + 120, ...claims });
}
