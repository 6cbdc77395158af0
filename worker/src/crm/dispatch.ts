// The write-back queues' consumer. A batch is split by CRM system and org;
// each org's sessions are read from their SessionRooms (records changed
// since the oldest message's version, at their current state) and handed to
// that system's connector together, so many changes cost few CRM calls.
// Every message is acked, retried with backoff, or, after the last try,
// dead-lettered with its reason recorded where admins look.
import { SecretsKeyError } from '../auth/secret-box';
import { recordCrmFailures, type CrmFailure } from '../directory/crm-connections';
import type { Env } from '../env';
import { sessionRoom } from '../room/address';
import { logError, logWarning } from '../log';
import { AUTH_DELAY_S, type CrmConnector, type CrmWriter, type SessionChanges, type WriteOutcome } from './connector';
import { CONNECTORS, UNLINKED_SYSTEM } from './connectors';
import { NO_RECORD_EVENTS, type CrmMessage, type CrmSystem } from './messages';

/** Deliveries of one message before it goes to the dead-letter queue: wrangler.toml's max_retries + 1. */
export const MAX_ATTEMPTS = 13;
/** Waits between tries, doubling: 5 s up to an hour; ~4 hours in all, enough for a maintenance window. */
const BASE_DELAY_S = 5;
const MAX_DELAY_S = 3600;
/** A session another run is writing is tried again shortly: that run takes a second or two. */
const SESSION_BUSY: WriteOutcome = { kind: 'retry', delayS: 2, reason: 'another write-back run was writing this session' };

function backoffSeconds(attempts: number): number {
  return Math.min(MAX_DELAY_S, BASE_DELAY_S * 2 ** Math.max(0, attempts - 1));
}

type QueueMessage = Message<CrmMessage>;
type BySession = Map<string, QueueMessage[]>;

export async function writeBack(batch: MessageBatch<CrmMessage>, env: Env, now: () => number): Promise<void> {
  const groups = new Map<CrmSystem, Map<string, BySession>>();
  for (const m of batch.messages) {
    const e = m.body;
    if (NO_RECORD_EVENTS.has(e.type)) {
      m.ack();
      continue;
    }
    const system = e.crm?.system ?? UNLINKED_SYSTEM;
    const orgs = groups.get(system) ?? new Map<string, BySession>();
    groups.set(system, orgs);
    const sessions = orgs.get(e.orgId) ?? new Map<string, QueueMessage[]>();
    orgs.set(e.orgId, sessions);
    sessions.set(e.sessionId, [...(sessions.get(e.sessionId) ?? []), m]);
  }
  // Orgs share nothing a write touches (their own CRM, credentials and records), so they are written at once;
  // one org's sessions stay together in one writeOrg, and its queue (writeback-queues.ts) gives it one batch at a time.
  const runs: Promise<void>[] = [];
  for (const [system, orgs] of groups) {
    const connector = await CONNECTORS[system]();
    for (const [orgId, sessions] of orgs) runs.push(writeOrg(env, connector, orgId, sessions, now));
  }
  // Every org's run ends before the batch does (its messages settled); an unexpected error then fails the batch, as before.
  const failed = (await Promise.allSettled(runs)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * One org's failures in one run, for the list admins see: collected, then
 * recorded once (deduplicated) when the run is over.
 */
class Failures {
  private readonly list: CrmFailure[] = [];

  constructor(
    readonly orgId: string,
    readonly system: CrmSystem,
    private readonly now: () => number,
  ) {}

  add(sessionId: string | null, record: string | null, reason: string): void {
    this.list.push({ at: this.now(), system: this.system, sessionId, record, reason });
  }

  /** Settle a session's messages: ack what was written, retry the rest; when the queue will dead-letter them, log it and say why, where admins look. */
  settle(sessionId: string, messages: QueueMessage[], outcome: WriteOutcome): void {
    let gaveUp: string | null = null;
    for (const m of messages) {
      if (outcome.kind === 'done') {
        m.ack();
        continue;
      }
      if (m.attempts >= MAX_ATTEMPTS) gaveUp = `gave up after ${m.attempts} tries: ${outcome.reason}`;
      m.retry({ delaySeconds: outcome.delayS ?? backoffSeconds(m.attempts) });
    }
    if (gaveUp === null) return;
    logError('crm_dead_lettered', { sessionId, orgId: this.orgId, system: this.system, reason: gaveUp });
    this.add(sessionId, null, gaveUp);
  }

  /** One failure per (session, record, reason) per run: a broken sign-in does not fill the list a hundred times. */
  async record(db: D1Database): Promise<void> {
    const seen = new Set<string>();
    const unique = this.list.filter((f) => {
      const key = `${f.sessionId}|${f.record}|${f.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    await recordCrmFailures(db, this.orgId, unique);
  }
}

async function writeOrg(env: Env, connector: CrmConnector, orgId: string, sessions: BySession, now: () => number): Promise<void> {
  const system = connector.system;
  const failures = new Failures(orgId, system, now);
  let writer;
  try {
    writer = await connector.connect(env, orgId, now);
  } catch (err) {
    if (!(err instanceof SecretsKeyError)) throw err;
    // Parley's own configuration cannot open the org's credentials: an operator must act, like a refused sign-in.
    failures.add(null, null, err.message);
    const retry: WriteOutcome = { kind: 'retry', delayS: AUTH_DELAY_S, reason: err.message };
    for (const [sessionId, messages] of sessions) failures.settle(sessionId, messages, retry);
    await failures.record(env.DB);
    return;
  }
  if (!writer) {
    // The org has not connected this CRM: nothing to write, nothing to keep (a first connection backfills).
    for (const m of [...sessions.values()].flat()) m.ack();
    return;
  }

  // Each session is held for this run while it is written (room/crm-write-hold.ts); one another run holds is retried shortly.
  const holder = crypto.randomUUID();
  const held: string[] = [];
  const work: SessionChanges[] = [];
  await Promise.all(
    [...sessions].map(async ([sessionId, messages]) => {
      const since = Math.min(...messages.map((m) => m.body.version));
      const changes = await sessionRoom(env, sessionId).takeCrmChanges(since, holder);
      if (changes === 'busy') {
        // Rare (one batch per queue at a time; crm-write-hold.ts says when): say so where an operator looks.
        logWarning('crm_session_busy', { orgId, sessionId, messages: messages.length });
        failures.settle(sessionId, messages, SESSION_BUSY);
        return;
      }
      if (changes) held.push(sessionId);
      if (!changes || changes.orgId !== orgId) for (const m of messages) m.ack();
      else work.push({ sessionId, changes });
    }),
  );
  try {
    if (work.length) await writeSessions(writer, work, sessions, failures);
  } finally {
    await Promise.all(held.map((sessionId) => sessionRoom(env, sessionId).crmWritten(holder)));
  }
  await failures.record(env.DB);
}

async function writeSessions(writer: CrmWriter, work: SessionChanges[], sessions: BySession, failures: Failures): Promise<void> {
  const { orgId, system } = failures;
  const written = await writer.writeChanges(work);
  const retry = new Map(written.retry);
  const refusals = [...written.refusals];
  // Asked whenever the write found files, even when all of them wait for their session's retry: the writer notes the sync once attaching is over.
  if (written.files.length) {
    const attached = await writer.attachFiles(written.files.filter((f) => !retry.has(f.sessionId)));
    for (const [sessionId, outcome] of attached.retry) retry.set(sessionId, outcome);
    refusals.push(...attached.refusals);
  }
  for (const r of refusals) failures.add(r.sessionId, r.record, r.reason);
  if (retry.size) {
    const reasons = [...new Set([...retry.values()].map((r) => r.reason))];
    logWarning('crm_write_retried', { orgId, system, sessions: retry.size, of: work.length, reason: reasons.slice(0, 3).join(' | ') });
  }

  for (const w of work) failures.settle(w.sessionId, sessions.get(w.sessionId)!, retry.get(w.sessionId) ?? { kind: 'done' });
}
