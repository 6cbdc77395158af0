import type { Env } from '../env';
import type { AgentRecord } from '../directory/agents';

/** Hono typing shared by every route: bindings, and the signed-in agent on /api/v1. */
export interface AppEnv {
  Bindings: Env;
  Variables: { agent: AgentRecord };
}
