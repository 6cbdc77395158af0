// From a signed-in agent to a SessionRoom call. Whether the agent may open
// the session (org, search space) is decided by the SessionRoom itself, so a
// session call costs no directory lookup; anything not theirs is 404.
import type { Context } from 'hono';
import type { AppEnv } from './context';
import type { AgentRecord } from '../directory/agents';
import type { AgentActor } from '../room/actors';
import { sessionRoom } from '../room/address';

export function agentActor(agent: AgentRecord): AgentActor {
  return { kind: 'agent', orgId: agent.orgId, agentId: agent.id, teamId: agent.teamId, admin: agent.role === 'admin' };
}

/**
 * The SessionRoom of a session and the caller as its actor. The room itself
 * decides whether this agent may open it (org, search space), so a session
 * call costs no directory lookup.
 */
export function openSession(c: Context<AppEnv>, sessionId: string) {
  return { stub: sessionRoom(c.env, sessionId), actor: agentActor(c.get('agent')) };
}
