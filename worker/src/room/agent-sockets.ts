// An agent who can no longer act (deactivated, every token revoked) must not
// keep watching: their live sockets close in every open session of the org.
import type { Env } from '../env';
import { forEachOpenSession } from './fan-out';

export function closeAgentSockets(env: Env, orgId: string, agentId: string): Promise<void> {
  return forEachOpenSession(env, orgId, (room) => room.closeAgentSockets(agentId));
}
