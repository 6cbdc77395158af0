// An agent who can no longer act must not keep watching: their live sockets
// close in every open session of the org (deactivated), or every agent's do
// (the org's token key replaced: no token they were opened with verifies).
import type { Env } from '../env';
import { forEachOpenSession } from './fan-out';

export function closeAgentSockets(env: Env, orgId: string, agentId?: string): Promise<void> {
  return forEachOpenSession(env, orgId, (room) => room.closeAgentSockets(agentId));
}
