import type { Env } from '../env';
import type { AgentRecord } from '../directory/agents';
import type { RoomCaller } from './room-caller';

/** Hono typing shared by every route: bindings, the signed-in agent on /api/v1, the participant on /room/api. */
export interface AppEnv {
  Bindings: Env;
  Variables: { agent: AgentRecord; room: RoomCaller };
}
