// Telling every open session of an org about a change that must apply at
// once (a settings change, a deactivated agent): one RPC per session, a few
// at a time, and the caller answers only when every room has it.
import { openSessionIds } from '../directory/session-index';
import type { Env } from '../env';
import type { SessionRoom } from './session-room';
import { sessionRoom } from './address';

/** How many rooms are told at once: enough to be quick, few enough to stay within a Worker's connection limit. */
const AT_ONCE = 6;

export async function forEachOpenSession(
  env: Env,
  orgId: string,
  tell: (room: DurableObjectStub<SessionRoom>, sessionId: string) => Promise<unknown>,
  teamId?: string,
): Promise<void> {
  const ids = await openSessionIds(env.DB, orgId, teamId);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      await tell(sessionRoom(env, id), id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, ids.length) }, worker));
}
