import type { AgentTokenClaims } from '../auth/agent-token';
import type { Env } from '../env';
import type { AgentRecord } from '../directory/agents';
import type { ParticipantActor } from '../room/actors';
import type { sessionRoom } from '../room/address';

/** The participant calling the customer room (api/room-caller.ts signs them in). */
export interface RoomCaller {
  stub: ReturnType<typeof sessionRoom>;
  actor: ParticipantActor;
}

/** Hono typing shared by every route: bindings, the signed-in agent on /api/v1, the participant on /room/api. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    agent: AgentRecord;
    /** The claims of the token the agent signed in with; undefined for an org-key call (agent-auth.ts). */
    agentToken: AgentTokenClaims | undefined;
    room: RoomCaller;
  };
}
