// The crm-writeback queue consumer for Salesforce. A queue message says
// "session S changed at version V"; for each session in a batch the consumer
// asks its Durable Object for the records changed since the batch's oldest
// version, at their current state, and upserts them by external id — every
// session of an org together, one sObject Collections call per object type
// and 200 records. A retry writes the latest state, so nothing goes back in
// time, and a replay changes nothing.
import type { Env } from '../../../worker/src/env';
import type { CrmMessage } from '../../../worker/src/crm/messages';
import type { CrmChanges } from '../../../worker/src/crm/changes';
import { findSalesforceConnection, recordCrmFailures, recordSalesforceSync, type CrmFailure, type SalesforceConnection } from '../../../worker/src/directory/crm-connections';
import { SecretsKeyError } from '../../../worker/src/auth/secret-box';
import { SalesforceAuthError } from './jwt-bearer';
import { EXTERNAL_ID, ITEM_OBJECT, PARTICIPANT_OBJECT, SESSION_OBJECT, itemRecords, lookupFieldFor, participantRecords, sessionRecord, type Agent, type SObjectRecord } from './records';
import { RetryableError, SalesforceApi, describeErrors, isTransientRecordError, type SaveResult } from './salesforce-api';
import { attachSealedFiles, type SealedFile } from './sealed-files';

/** Deliveries of one message before it goes to the dead-letter queue: wrangler.toml's max_retries + 1. */
export const MAX_ATTEMPTS = 13;
/** Waits between tries, doubling: 5 s up to an hour; ~4 hours in all, enough for a Salesforce maintenance window. */
const BASE_DELAY_S = 5;
const MAX_DELAY_S = 3600;
/** Sign-in refused, or the org's key cannot be opened: someone must act, so try again only every 15 minutes. */
const AUTH_DELAY_S = 900;
/** Events that change no record: chat, private threads. */
const NO_RECORD_EVENTS = new Set<CrmMessage['type']>(['message.posted', 'private_session.opened']);

export function backoffSeconds(attempts: number): number {
  return Math.min(MAX_DELAY_S, BASE_DELAY_S * 2 ** Math.max(0, attempts - 1));
}

type QueueMessage = Message<CrmMessage>;

interface SessionWork {
  sessionId: string;
  messages: QueueMessage[];
  changes: CrmChanges;
}

/** What became of a session's messages in this run. */
type Outcome = { kind: 'done' } | { kind: 'retry'; delayS: number | null; reason: string };

export async function writeBackToSalesforce(batch: MessageBatch<CrmMessage>, env: Env, now: () => number): Promise<void> {
  const byOrg = new Map<string, Map<string, QueueMessage[]>>();
  for (const m of batch.messages) {
    const e = m.body;
    if (NO_RECORD_EVENTS.has(e.type) || (e.crm && e.crm.system !== 'salesforce')) {
      m.ack();
      continue;
    }
    const sessions = byOrg.get(e.orgId) ?? new Map<string, QueueMessage[]>();
    byOrg.set(e.orgId, sessions);
    sessions.set(e.sessionId, [...(sessions.get(e.sessionId) ?? []), m]);
  }
  for (const [orgId, sessions] of byOrg) await writeOrg(env, orgId, sessions, now);
}

async function writeOrg(env: Env, orgId: string, sessions: Map<string, QueueMessage[]>, now: () => number): Promise<void> {
  const all = [...sessions.values()].flat();
  let connection: SalesforceConnection | null;
  try {
    connection = await findSalesforceConnection(env, orgId);
  } catch (err) {
    if (!(err instanceof SecretsKeyError)) throw err;
    // Parley's own configuration cannot open the org's key: an operator must act, like a refused sign-in.
    await recordCrmFailures(env.DB, orgId, [{ at: now(), sessionId: null, record: null, reason: err.message }]);
    for (const m of all) m.retry({ delaySeconds: AUTH_DELAY_S });
    return;
  }
  if (!connection) {
    // The org has no Salesforce: nothing to write, nothing to keep.
    for (const m of all) m.ack();
    return;
  }
  const work: SessionWork[] = [];
  await Promise.all(
    [...sessions].map(async ([sessionId, messages]) => {
      const since = Math.min(...messages.map((m) => m.body.version));
      const changes = await env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId)).crmChanges(since);
      if (!changes || changes.orgId !== orgId) for (const m of messages) m.ack();
      else work.push({ sessionId, messages, changes });
    }),
  );
  if (work.length === 0) return;

  const failures: CrmFailure[] = [];
  let outcomes: Map<string, Outcome>;
  try {
    const api = await SalesforceApi.open(connection, now, connection.apiVersion ?? undefined);
    outcomes = await writeSessions(api, env, connection, work, failures, now);
    await recordSalesforceSync(env.DB, orgId, { instanceUrl: api.instanceUrl, syncedAt: now() });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const delayS = err instanceof SalesforceAuthError ? AUTH_DELAY_S : err instanceof RetryableError ? err.retryAfterS : null;
    if (!(err instanceof RetryableError)) failures.push({ at: now(), sessionId: null, record: null, reason });
    outcomes = new Map(work.map((w) => [w.sessionId, { kind: 'retry', delayS, reason }]));
  }

  for (const w of work) {
    const outcome = outcomes.get(w.sessionId) ?? { kind: 'done' };
    for (const m of w.messages) {
      if (outcome.kind === 'done') {
        m.ack();
        continue;
      }
      if (m.attempts >= MAX_ATTEMPTS) {
        // The queue dead-letters it after this try: say why, where admins look.
        failures.push({ at: now(), sessionId: w.sessionId, record: null, reason: `gave up after ${m.attempts} tries: ${outcome.reason}` });
      }
      m.retry({ delaySeconds: outcome.delayS ?? backoffSeconds(m.attempts) });
    }
  }
  await recordCrmFailures(env.DB, orgId, dedupe(failures));
}

/** One failure per (session, reason) per run: a broken sign-in does not fill the list a hundred times. */
function dedupe(failures: CrmFailure[]): CrmFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.sessionId}|${f.record}|${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** D1 binds at most 100 parameters a query. */
const AGENTS_PER_QUERY = 90;

async function agentsOf(db: D1Database, orgId: string, ids: string[]): Promise<Map<string, Agent>> {
  const agents = new Map<string, Agent>();
  for (let i = 0; i < ids.length; i += AGENTS_PER_QUERY) {
    const chunk = ids.slice(i, i + AGENTS_PER_QUERY);
    const { results } = await db
      .prepare(`SELECT id, email, name FROM agents WHERE org_id = ? AND id IN (${chunk.map(() => '?').join(', ')})`)
      .bind(orgId, ...chunk)
      .all<{ id: string; email: string; name: string }>();
    for (const r of results) agents.set(r.id, { email: r.email, name: r.name });
  }
  return agents;
}

/**
 * Sessions first (children reference them by external id), then participants
 * and items, then files. A record Salesforce refuses for good (a validation
 * rule) is reported and not retried; a refusal that can pass later (a locked
 * row) retries its session.
 */
async function writeSessions(api: SalesforceApi, env: Env, connection: SalesforceConnection, work: SessionWork[], failures: CrmFailure[], now: () => number): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>(work.map((w) => [w.sessionId, { kind: 'done' }]));
  const retry = (sessionId: string, reason: string) => outcomes.set(sessionId, { kind: 'retry', delayS: null, reason });
  const refuse = (sessionId: string, record: string, reason: string) => failures.push({ at: now(), sessionId, record, reason });

  const agents = await agentsOf(env.DB, connection.orgId, [...new Set(work.flatMap((w) => (w.changes.session ? [w.changes.session.agentId] : [])))]);
  const sessionRecords = work.flatMap((w) => {
    const r = sessionRecord(w.changes, agents.get(w.changes.session?.agentId ?? ''), env.PUBLIC_URL);
    return r ? [{ sessionId: w.sessionId, record: r }] : [];
  });
  const refusedSessions = new Set<string>();
  const applyResults = (rows: Array<{ sessionId: string; record: SObjectRecord }>, results: SaveResult[], onRefused?: (sessionId: string) => void) => {
    rows.forEach((row, i) => {
      const result = results[i];
      if (result?.success) return;
      const errors = result?.errors ?? [];
      const reason = `${row.record.attributes.type} ${row.record.External_Id__c}: ${describeErrors(errors) || 'no result'}`;
      if (errors.length === 0 || errors.some(isTransientRecordError)) return retry(row.sessionId, reason);
      refuse(row.sessionId, row.record.External_Id__c, reason);
      onRefused?.(row.sessionId);
    });
  };
  applyResults(
    sessionRecords,
    await api.upsert(SESSION_OBJECT, EXTERNAL_ID, sessionRecords.map((r) => r.record)),
    (sessionId) => refusedSessions.add(sessionId),
  );

  // Children of a session Salesforce refused would only fail on the missing parent.
  const writable = work.filter((w) => !refusedSessions.has(w.sessionId) && outcomes.get(w.sessionId)!.kind === 'done');
  const participants = writable.flatMap((w) => participantRecords(w.changes).map((record) => ({ sessionId: w.sessionId, record })));
  const items = writable.flatMap((w) => itemRecords(w.changes).map((record) => ({ sessionId: w.sessionId, record })));
  applyResults(participants, await api.upsert(PARTICIPANT_OBJECT, EXTERNAL_ID, participants.map((r) => r.record)));
  const itemResults = await api.upsert(ITEM_OBJECT, EXTERNAL_ID, items.map((r) => r.record));
  applyResults(items, itemResults);

  const files: SealedFile[] = [];
  items.forEach(({ sessionId, record }, i) => {
    const w = work.find((x) => x.sessionId === sessionId)!;
    const item = w.changes.items.find((x) => x.id === record.External_Id__c)!;
    const saved = itemResults[i];
    if (!item.sealed || !saved?.success || !saved.id) return;
    files.push({
      sessionId,
      itemId: item.id,
      itemRecordId: saved.id,
      title: item.name,
      r2Key: item.sealed.key,
      sha256: item.sealed.sha256,
      crmRecordId: lookupFieldFor(w.changes.crm) ? w.changes.crm!.recordId : null,
    });
  });
  for (const outcome of await attachSealedFiles(api, env.FILES, files)) {
    if (outcome.ok) continue;
    if (outcome.retry) retry(outcome.file.sessionId, outcome.reason);
    else refuse(outcome.file.sessionId, outcome.file.itemId, outcome.reason);
  }
  return outcomes;
}
