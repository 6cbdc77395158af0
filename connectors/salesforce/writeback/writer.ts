// Writing a batch of sessions to one Salesforce org: sessions first (their
// children reference them by external id), then participants and items,
// every session of the batch together, one sObject Collections call per
// object type and 200 records. A record Salesforce refuses for good (a
// validation rule) is reported and not retried; a refusal that can pass
// later (a locked row) retries its session. A retry writes the latest
// state, so nothing goes back in time, and a replay changes nothing.
import type { Env } from '../../../worker/src/env';
import { AUTH_DELAY_S, type CrmFile, type CrmWriter, type SessionChanges, type WriteOutcome, type WriteResult } from '../../../worker/src/crm/connector';
import { itemFiles } from '../../../worker/src/crm/item-files';
import { agentsByIds } from '../../../worker/src/directory/agents';
import { recordSalesforceSync, type SalesforceConnection } from '../../../worker/src/directory/crm-connections';
import { reasonOf } from '../../../worker/src/log';
import { SalesforceAuthError } from './jwt-bearer';
import { checkLoginUrl } from './login-url';
import { EXTERNAL_ID, ITEM_OBJECT, PARTICIPANT_OBJECT, SESSION_OBJECT, itemRecords, lookupFieldFor, participantRecords, sessionRecord, type Agent, type SObjectRecord } from './records';
import { RetryableError, SalesforceApi, describeErrors, isTransientRecordError, type SaveResult } from './salesforce-api';
import { attachFiles } from './files';
import { sessionReach } from '../../../worker/src/directory/session-reach';
import { orgNames, type OrgNames } from './names';

type Retry = Extract<WriteOutcome, { kind: 'retry' }>;

export class SalesforceWriter implements CrmWriter {
  private api: SalesforceApi | null = null;
  /** The org's spelling of Parley's objects and fields (its package's namespace, if any). */
  private readonly names: OrgNames;

  constructor(
    private readonly env: Env,
    private readonly connection: SalesforceConnection,
    private readonly now: () => number,
  ) {
    this.names = orgNames(connection.namespace);
  }

  async writeChanges(work: SessionChanges[]): Promise<WriteResult & { files: CrmFile[] }> {
    try {
      checkLoginUrl(this.connection.loginUrl, this.env);
      this.api ??= await SalesforceApi.open(this.connection, this.now, this.connection.apiVersion ?? undefined);
      const result = await this.writeRecords(this.api, work);
      // With files to attach, the run is over only once they are (attachFiles notes it then).
      if (result.files.length === 0) await this.recordSync(this.api);
      return result;
    } catch (err) {
      return { ...this.failedRun(err, work.map((w) => w.sessionId)), files: [] };
    }
  }

  async attachFiles(files: CrmFile[]): Promise<WriteResult> {
    const result: WriteResult = { retry: new Map(), refusals: [] };
    try {
      for (const outcome of await attachFiles(this.api!, this.env.FILES, files, this.names)) {
        if (outcome.ok) continue;
        if (outcome.retry) result.retry.set(outcome.file.sessionId, { kind: 'retry', delayS: null, reason: outcome.reason });
        else result.refusals.push({ sessionId: outcome.file.sessionId, record: outcome.file.itemId, reason: outcome.reason });
      }
      await this.recordSync(this.api!);
      return result;
    } catch (err) {
      return this.failedRun(err, files.map((f) => f.sessionId));
    }
  }

  /** Salesforce was reached and the run is over: what the connection's "last synced" shows admins. */
  private recordSync(api: SalesforceApi): Promise<void> {
    return recordSalesforceSync(this.env.DB, this.connection.orgId, { instanceUrl: api.instanceUrl, syncedAt: this.now() });
  }

  /** The whole run failed (sign-in, an outage, a 429): every session tries again, when Salesforce says or by backoff. */
  private failedRun(err: unknown, sessionIds: string[]): WriteResult {
    const reason = reasonOf(err);
    const delayS = err instanceof SalesforceAuthError ? AUTH_DELAY_S : err instanceof RetryableError ? err.retryAfterS : null;
    const retry: Retry = { kind: 'retry', delayS, reason };
    // A passing outage is no news for admins; anything else is.
    const refusals = err instanceof RetryableError ? [] : [{ sessionId: null, record: null, reason }];
    return { retry: new Map(sessionIds.map((id) => [id, retry])), refusals };
  }

  /** Upsert Parley's records by external id, named as the org names them. */
  private upsert(api: SalesforceApi, object: string, rows: Array<{ record: SObjectRecord }>): Promise<SaveResult[]> {
    return api.upsert(this.names.name(object), this.names.name(EXTERNAL_ID), rows.map((r) => this.names.record(r.record)));
  }

  private async writeRecords(api: SalesforceApi, work: SessionChanges[]): Promise<WriteResult & { files: CrmFile[] }> {
    const retry = new Map<string, Retry>();
    const refusals: WriteResult['refusals'] = [];
    const refusedSessions = new Set<string>();
    const applyResults = (rows: Array<{ sessionId: string; record: SObjectRecord }>, results: SaveResult[], onRefused?: (sessionId: string) => void) => {
      rows.forEach((row, i) => {
        const result = results[i];
        if (result?.success) return;
        const errors = result?.errors ?? [];
        const reason = `${this.names.name(row.record.attributes.type)} ${row.record.External_Id__c}: ${describeErrors(errors) || 'no result'}`;
        if (errors.length === 0 || errors.some(isTransientRecordError)) return void retry.set(row.sessionId, { kind: 'retry', delayS: null, reason });
        refusals.push({ sessionId: row.sessionId, record: row.record.External_Id__c, reason });
        onRefused?.(row.sessionId);
      });
    };

    const agents = await agentsByIds(this.env.DB, this.connection.orgId, [...new Set(work.flatMap((w) => (w.changes.session ? [w.changes.session.agentId] : [])))]);
    const reach = await sessionReach(this.env.DB, this.connection.orgId, work.flatMap((w) => (w.changes.session ? [w.sessionId] : [])));
    const agentOf = (agentId: string | undefined): Agent | undefined => {
      const a = agentId === undefined ? undefined : agents.get(agentId);
      return a && { email: a.email, name: a.name, salesforceUserId: a.crmUser?.system === 'salesforce' ? a.crmUser.userId : null };
    };
    const sessionRecords = work.flatMap((w) => {
      const r = sessionRecord(w.changes, agentOf(w.changes.session?.agentId), this.env.PUBLIC_URL, reach.get(w.sessionId));
      return r ? [{ sessionId: w.sessionId, record: r }] : [];
    });
    applyResults(sessionRecords, await this.upsert(api, SESSION_OBJECT, sessionRecords), (sessionId) => refusedSessions.add(sessionId));

    // Children of a session Salesforce refused would only fail on the missing parent.
    const writable = work.filter((w) => !refusedSessions.has(w.sessionId) && !retry.has(w.sessionId));
    const participants = writable.flatMap((w) => participantRecords(w.changes).map((record) => ({ sessionId: w.sessionId, record })));
    const items = writable.flatMap((w) => itemRecords(w.changes).map((record) => ({ sessionId: w.sessionId, record })));
    applyResults(participants, await this.upsert(api, PARTICIPANT_OBJECT, participants));
    const itemResults = await this.upsert(api, ITEM_OBJECT, items);
    applyResults(items, itemResults);

    const files: CrmFile[] = [];
    items.forEach(({ sessionId, record }, i) => {
      const w = work.find((x) => x.sessionId === sessionId)!;
      const item = w.changes.items.find((x) => x.id === record.External_Id__c)!;
      const saved = itemResults[i];
      if (!saved?.success || !saved.id) return;
      const crmRecordId = lookupFieldFor(w.changes.crm) ? w.changes.crm!.recordId : null;
      for (const f of itemFiles(item)) files.push({ ...f, sessionId, itemRecordId: saved.id, crmRecordId });
    });
    return { retry, refusals, files };
  }
}
