// Telling every open session of an org about a change that must apply at
// once (a settings change, a deactivated agent): one RPC per session, a few
// at a time, and the caller answers only when every room has it.
import { openSessionIds } from '../directory/session-index';
import type { Env } from '../env';
import type { SessionRoom } from './session-room';
import { sessionRoom } from './address';

/** How many rooms are told at once: enough to be quick, few enough to stay within a Worker's connection limit. */
const AT_ONCE = 6;

/**
 * Tell each open session (of one team, with `teamId`). A room that fails is
 * told once more after the others, so one broken room never keeps the rest
 * from hearing; if it fails again the caller gets the error (the change is
 * saved: sending it again tells every room again).
 */
export async function forEachOpenSession(
  env: Env,
  orgId: string,
  tell: (room: DurableObjectStub<SessionRoom>, sessionId: string) => Promise<unknown>,
  teamId?: string,
): Promise<void> {
  const ids = await openSessionIds(env.DB, orgId, teamId);
  const failed = await tellAll(env, ids, tell);
  const stillFailed = await tellAll(env, failed.map((f) => f.id), tell);
  if (stillFailed.length > 0) {
    throw new Error(`${stillFailed.length} of ${ids.length} open sessions could not be told of the change (first: ${stillFailed[0]!.id}): ${String(stillFailed[0]!.error)}`);
  }
}

async function tellAll(env: Env, ids: string[], tell: (room: DurableObjectStub<SessionRoom>, sessionId: string) => Promise<unknown>) {
  const failed: { id: string; error: unknown }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      await tell(sessionRoom(env, id), id).catch((error: unknown) => failed.push({ id, error }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, ids.length) }, worker));
  return failed;
}
