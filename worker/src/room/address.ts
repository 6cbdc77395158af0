// Where a session lives: its SessionRoom Durable Object, named by the session
// id. The one way the API, the pages and write-back reach a session.
import type { Env } from '../env';

export function sessionRoom(env: Pick<Env, 'SESSION_ROOM'>, sessionId: string) {
  return env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
}
