// Writing every session linked to one CRM system again, as it is now: after
// an org first connects that CRM (the sessions agents linked before it) and
// when an admin asks (after an outage longer than write-back's retries).
// Harmless to repeat: write-back upserts by external id, and files once.
import { crmLinkedSessions } from '../directory/session-index';
import type { Env } from '../env';
import { sendInBatches } from '../queues';
import type { CrmResync, CrmSystem } from './messages';
import { writebackQueue, type WritebackEnv } from './writeback-queues';

/** Sessions one resync writes at most: the most recently changed, which are the ones agents look at. */
export const RESYNC_MAX_SESSIONS = 5_000;

export async function queueResync(env: Pick<Env, 'DB'> & WritebackEnv, orgId: string, system: CrmSystem): Promise<{ queued: number; truncated: boolean }> {
  const sessions = await crmLinkedSessions(env.DB, orgId, system, RESYNC_MAX_SESSIONS + 1);
  const queued = sessions.slice(0, RESYNC_MAX_SESSIONS);
  await sendInBatches(
    writebackQueue(env, orgId),
    queued.map((s): CrmResync => ({ type: 'crm.resync', orgId, sessionId: s.id, version: 0, crm: { system, objectType: s.crm_object, recordId: s.crm_record_id } })),
  );
  return { queued: queued.length, truncated: sessions.length > RESYNC_MAX_SESSIONS };
}
