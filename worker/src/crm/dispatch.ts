// The crm-writeback queue consumer. A batch is split by CRM system and org;
// each org's sessions are read from their SessionRooms (records changed
// since the oldest message's version, at their current state) and handed to
// that system's connector together, so many changes cost few CRM calls.
// Every message is acked, retried with backoff, or, after the last try,
// dead-lettered with its reason recorded where admins look — also when no
// connector exists for the session's CRM yet: nothing is acked and dropped.
import { SecretsKeyError } from '../auth/secret-box';
import { recordCrmFailures, type CrmFailure } from '../directory/crm-connections';
import type { Env } from '../env';
import { sessionRoom } from '../room/address';
import { logError, logWarning } from '../log';
import { AUTH_DELAY_S, type CrmConnector, type SessionChanges, type WriteOutcome } from './connector';
import { CONNECTORS, UNLINKED_SYSTEM, type ConnectorLoader } from './connectors';
import { NO_RECORD_EVENTS, type CrmMessage, type CrmSystem } from './messages';

/** Deliveries of one message before it goes to the dead-letter queue: wrangler.toml's max_retries + 1. */
export const MAX_ATTEMPTS = 13;
/** Waits between tries, doubling: 5 s up to an hour; ~4 hours in all, enough for a maintenance window. */
const BASE_DELAY_S = 5;
const MAX_DELAY_S = 3600;

export function backoffSeconds(attempts: number): number {
  return Math.min(MAX_DELAY_S, BASE_DELAY_S * 2 ** Math.max(0, attempts - 1));
}

type QueueMessage = Message<CrmMessage>;
type BySession = Map<string, QueueMessage[]>;

export async function writeBack(batch: MessageBatch<CrmMessage>, env: Env, now: () => number, connectors: Partial<Record<CrmSystem, ConnectorLoader>> = CONNECTORS): Promise<void> {
  const groups = new Map<CrmSystem, Map<string, BySession>>();
  for (const m of batch.messages) {
    const e = m.body;
    if (NO_RECORD_EVENTS.has(e.type)) {
      m.ack();
      continue;
    }
    const system = (e.crm?.system ?? UNLINKED_SYSTEM) as CrmSystem;
    const orgs = groups.get(system) ?? new Map<string, BySession>();
    groups.set(system, orgs);
    const sessions = orgs.get(e.orgId) ?? new Map<string, QueueMessage[]>();
    orgs.set(e.orgId, sessions);
    sessions.set(e.sessionId, [...(sessions.get(e.sessionId) ?? []), m]);
  }
  for (const [system, orgs] of groups) {
    const load = connectors[system];
    if (!load) {
      for (const [orgId, sessions] of orgs) await noConnector(env, system, orgId, sessions, now);
      continue;
    }
    const connector = await load();
    for (const [orgId, sessions] of orgs) await writeOrg(env, connector, orgId, sessions, now);
  }
}

/** A CRM Parley has no connector for yet: keep the messages (retried with backoff), dead-letter them with the reason. */
async function noConnector(env: Env, system: CrmSystem, orgId: string, sessions: BySession, now: () => number): Promise<void> {
  const reason = `no write-back connector for ${system} yet`;
  const failures: CrmFailure[] = [];
  for (const [sessionId, messages] of sessions) {
    settle(messages, { kind: 'retry', delayS: null, reason }, (why) => failures.push({ at: now(), system, sessionId, record: null, reason: why }));
  }
  if (failures.length) logError('crm_dead_lettered', { orgId, system, sessions: failures.length, reason });
  await recordCrmFailures(env.DB, orgId, dedupe(failures));
}

async function writeOrg(env: Env, connector: CrmConnector, orgId: string, sessions: BySession, now: () => number): Promise<void> {
  const system = connector.system;
  const all = [...sessions.values()].flat();
  const failures: CrmFailure[] = [];
  const fail = (sessionId: string | null, record: string | null, reason: string) => failures.push({ at: now(), system, sessionId, record, reason });
  let writer;
  try {
    writer = await connector.connect(env, orgId, now);
  } catch (err) {
    if (!(err instanceof SecretsKeyError)) throw err;
    // Parley's own configuration cannot open the org's credentials: an operator must act, like a refused sign-in.
    await recordCrmFailures(env.DB, orgId, [{ at: now(), system, sessionId: null, record: null, reason: err.message }]);
    for (const m of all) m.retry({ delaySeconds: AUTH_DELAY_S });
    return;
  }
  if (!writer) {
    // The org has not connected this CRM: nothing to write, nothing to keep (a first connection backfills).
    for (const m of all) m.ack();
    return;
  }

  const work: SessionChanges[] = [];
  await Promise.all(
    [...sessions].map(async ([sessionId, messages]) => {
      const since = Math.min(...messages.map((m) => m.body.version));
      const changes = await sessionRoom(env, sessionId).crmChanges(since);
      if (!changes || changes.orgId !== orgId) for (const m of messages) m.ack();
      else work.push({ sessionId, changes });
    }),
  );
  if (work.length === 0) return;

  const written = await writer.writeChanges(work);
  const retry = new Map(written.retry);
  const refusals = [...written.refusals];
  const files = written.sealedFiles.filter((f) => !retry.has(f.sessionId));
  if (files.length) {
    const attached = await writer.attachSealedFiles(files);
    for (const [sessionId, outcome] of attached.retry) retry.set(sessionId, outcome);
    refusals.push(...attached.refusals);
  }
  for (const r of refusals) fail(r.sessionId, r.record, r.reason);
  if (retry.size) {
    const reasons = [...new Set([...retry.values()].map((r) => r.reason))];
    logWarning('crm_write_retried', { orgId, system, sessions: retry.size, of: work.length, reason: reasons.slice(0, 3).join(' | ') });
  }

  for (const w of work) settle(sessions.get(w.sessionId)!, retry.get(w.sessionId) ?? { kind: 'done' }, (reason) => fail(w.sessionId, null, reason));
  await recordCrmFailures(env.DB, orgId, dedupe(failures));
}

/** Ack what was written; retry the rest, and say why a message gives up when its last try failed. */
function settle(messages: QueueMessage[], outcome: WriteOutcome, gaveUp: (reason: string) => void): void {
  for (const m of messages) {
    if (outcome.kind === 'done') {
      m.ack();
      continue;
    }
    // The queue dead-letters it after this try: say why, where admins look.
    if (m.attempts >= MAX_ATTEMPTS) gaveUp(`gave up after ${m.attempts} tries: ${outcome.reason}`);
    m.retry({ delaySeconds: outcome.delayS ?? backoffSeconds(m.attempts) });
  }
}

/** One failure per (session, record, reason) per run: a broken sign-in does not fill the list a hundred times. */
function dedupe(failures: CrmFailure[]): CrmFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.sessionId}|${f.record}|${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
