// Writing a batch of sessions to one HubSpot portal. Every session of the
// batch together: the linked records' Parley properties in one batch update
// per object type and 100 records (older writes skipped by the version
// guard), the participants' contacts matched or created by email in batch
// upserts (only emails not seen before), then the milestone notes in batch
// creates. Sealed PDFs are uploaded and their notes made when dispatch asks
// (attachSealedFiles). A record HubSpot refuses for good (deleted, invalid)
// is reported and not retried; a 429 or an outage retries the sessions, when
// HubSpot says; HubSpot refusing Parley (uninstalled) waits for an admin.
import type { Env } from '../../../worker/src/env';
import { AUTH_DELAY_S, type CrmFile, type CrmWriter, type Refusal, type SessionChanges, type WriteOutcome, type WriteResult } from '../../../worker/src/crm/connector';
import { itemFiles } from '../../../worker/src/crm/item-files';
import { recordHubSpotSync, type HubSpotConnection } from '../../../worker/src/directory/hubspot-connections';
import { reasonOf } from '../../../worker/src/log';
import { HubSpotAuthError, HubSpotUnavailableError } from '../oauth/tokens';
import { knownContacts, rememberContacts } from '../../../worker/src/directory/hubspot-contacts';
import { BATCH_LIMIT, HubSpotRefusal, RetryableError, type HubSpotApi } from './hubspot-api';
import { writeMilestoneNotes, type NoteToWrite } from './milestone-notes';
import { openHubSpotApi } from './open-api';
import { fileKey, sessionMilestones } from './milestones';
import { createParleyProperties } from './properties';
import type { HubSpotRecordObject } from '../../../worker/src/domain/hubspot-objects';
import { isNewer, linkedRecord, recordProperties, stampOf, workspaceLink } from './record-properties';
import { uploadFile } from './files';
import { guardKey, lastWrites, recordWrites, type WriteStamp } from '../../../worker/src/directory/hubspot-record-writes';

type Retry = Extract<WriteOutcome, { kind: 'retry' }>;
type Linked = { work: SessionChanges; objectType: HubSpotRecordObject; recordId: string };

const recordLabel = (objectType: string, recordId: string) => `${objectType}/${recordId}`;

export class HubSpotWriter implements CrmWriter {
  private api: HubSpotApi | null = null;
  /** What attachSealedFiles needs of this run's writes: each session's record, contacts and item completion times. */
  private readonly linked = new Map<string, Linked>();
  private readonly contactsOf = new Map<string, string[]>();

  constructor(
    private readonly env: Env,
    private readonly connection: HubSpotConnection,
    private readonly now: () => number,
  ) {}

  async writeChanges(work: SessionChanges[]): Promise<WriteResult & { files: CrmFile[] }> {
    try {
      const api = await this.open();
      const result = await this.writeRecords(api, work);
      if (result.files.length === 0) await this.recordSync();
      return result;
    } catch (err) {
      return { ...this.failedRun(err, work.map((w) => w.sessionId)), files: [] };
    }
  }

  async attachFiles(files: CrmFile[]): Promise<WriteResult> {
    const result: WriteResult = { retry: new Map(), refusals: [] };
    try {
      const api = await this.open();
      const notes: NoteToWrite[] = [];
      for (const file of files) {
        const linked = this.linked.get(file.sessionId);
        if (!linked) continue;
        const uploaded = await uploadFile(api, this.env.DB, this.env.FILES, this.connection.orgId, file, this.now());
        if (!uploaded.ok) {
          result.refusals.push({ sessionId: file.sessionId, record: file.itemId, reason: uploaded.reason });
          continue;
        }
        notes.push({
          milestone: { key: fileKey(file.kind, file.itemId, file.sha256), kind: file.kind === 'sealed' ? 'document' : 'received', sessionId: file.sessionId, at: file.at, title: file.title },
          record: { objectType: linked.objectType, recordId: linked.recordId },
          contactIds: this.contactsOf.get(file.sessionId) ?? [],
          link: workspaceLink(file.sessionId, this.env.PUBLIC_URL),
          attachmentIds: [uploaded.fileId],
        });
      }
      for (const f of await writeMilestoneNotes(api, this.env.DB, this.connection.orgId, notes, this.now)) {
        result.refusals.push({ sessionId: f.sessionId, record: f.key, reason: f.reason });
      }
      await this.recordSync();
      return result;
    } catch (err) {
      return this.failedRun(err, files.map((f) => f.sessionId));
    }
  }

  /** The API with a valid access token; refused at once when the portal already refused Parley. */
  private async open(): Promise<HubSpotApi> {
    if (this.connection.brokenAt !== null) throw new HubSpotAuthError(this.connection.brokenReason ?? 'HubSpot refused Parley: reconnect the app from Parley’s settings page in HubSpot');
    if (this.api) return this.api;
    this.api = await openHubSpotApi(this.env, this.connection, this.now);
    if (this.connection.propertiesReadyAt === null) await this.makeProperties(this.api);
    return this.api;
  }

  private async makeProperties(api: HubSpotApi): Promise<void> {
    await createParleyProperties(api);
    const at = this.now();
    await recordHubSpotSync(this.env.DB, this.connection.orgId, { propertiesReadyAt: at });
    this.connection.propertiesReadyAt = at;
  }

  private recordSync(): Promise<void> {
    return recordHubSpotSync(this.env.DB, this.connection.orgId, { syncedAt: this.now() });
  }

  /** The whole run failed: every session tries again, when HubSpot says or by backoff; admins hear of all but a passing outage. */
  private failedRun(err: unknown, sessionIds: string[]): WriteResult {
    const reason = reasonOf(err);
    const passing = err instanceof RetryableError || err instanceof HubSpotUnavailableError;
    const delayS = err instanceof HubSpotAuthError ? AUTH_DELAY_S : passing ? err.retryAfterS : null;
    const retry: Retry = { kind: 'retry', delayS, reason };
    return { retry: new Map(sessionIds.map((id) => [id, retry])), refusals: passing ? [] : [{ sessionId: null, record: null, reason }] };
  }

  private async writeRecords(api: HubSpotApi, work: SessionChanges[]): Promise<WriteResult & { files: CrmFile[] }> {
    const refusals: Refusal[] = [];
    const refused = new Set<string>();
    const refuse = (sessionId: string, record: string | null, reason: string) => {
      refusals.push({ sessionId, record, reason });
      refused.add(sessionId);
    };

    const linked: Linked[] = [];
    for (const w of work) {
      const link = linkedRecord(w.changes.crm);
      if (link.ok) linked.push({ work: w, objectType: link.objectType, recordId: link.recordId });
      else refuse(w.sessionId, w.changes.crm?.recordId ?? null, link.reason);
    }
    for (const l of linked) this.linked.set(l.work.sessionId, l);

    await this.writeLinkedRecords(api, linked, refuse);
    const writable = linked.filter((l) => !refused.has(l.work.sessionId));
    await this.matchContacts(api, writable, refuse);

    const notes: NoteToWrite[] = writable.flatMap((l) =>
      sessionMilestones(l.work.changes).map((milestone) => ({
        milestone,
        record: { objectType: l.objectType, recordId: l.recordId },
        contactIds: this.contactsOf.get(l.work.sessionId) ?? [],
        link: workspaceLink(l.work.sessionId, this.env.PUBLIC_URL),
      })),
    );
    for (const f of await writeMilestoneNotes(api, this.env.DB, this.connection.orgId, notes, this.now)) refuse(f.sessionId, f.key, f.reason);

    const files: CrmFile[] = writable
      .filter((l) => !refused.has(l.work.sessionId))
      .flatMap((l) => l.work.changes.items.flatMap((i) => itemFiles(i).map((f) => ({ ...f, sessionId: l.work.sessionId, itemRecordId: recordLabel(l.objectType, l.recordId), crmRecordId: l.recordId }))));
    // Nothing here retries a single session: what can pass later fails the whole run (failedRun).
    return { retry: new Map(), refusals, files };
  }

  /**
   * One write per record, from the newest session and version in the batch,
   * and only when newer than what the record last received.
   */
  private async writeLinkedRecords(api: HubSpotApi, linked: Linked[], refuse: (sessionId: string, record: string | null, reason: string) => void): Promise<void> {
    const candidates = linked.flatMap((l) => {
      const properties = recordProperties(l.work.changes, this.env.PUBLIC_URL);
      return Object.keys(properties).length ? [{ ...l, properties, stamp: stampOf(l.work.changes) }] : [];
    });
    const last = await lastWrites(this.env.DB, this.connection.orgId, candidates);
    const winners = new Map<string, (typeof candidates)[number]>();
    for (const c of candidates) {
      const key = guardKey(c.objectType, c.recordId);
      const current = winners.get(key);
      if (current && !isNewer(c.stamp, current.stamp)) continue;
      if (!isNewer(c.stamp, last.get(key) ?? null)) continue;
      winners.set(key, c);
    }
    const byObject = new Map<HubSpotRecordObject, Array<(typeof candidates)[number]>>();
    for (const c of winners.values()) byObject.set(c.objectType, [...(byObject.get(c.objectType) ?? []), c]);

    const written: Array<{ objectType: string; recordId: string; stamp: WriteStamp }> = [];
    for (const [objectType, list] of byObject) {
      for (let i = 0; i < list.length; i += BATCH_LIMIT) {
        const chunk = list.slice(i, i + BATCH_LIMIT);
        const outcome = await this.updateChunk(api, objectType, chunk.map((c) => ({ id: c.recordId, properties: c.properties })));
        for (const c of chunk) {
          const failure = outcome.get(c.recordId);
          if (failure) refuse(c.work.sessionId, recordLabel(objectType, c.recordId), failure);
          else written.push({ objectType, recordId: c.recordId, stamp: c.stamp });
        }
      }
    }
    await recordWrites(this.env.DB, this.connection.orgId, written, this.now());
  }

  /** A batch update; the reason for each record HubSpot refused. Missing properties are made once and the call repeated. */
  private async updateChunk(api: HubSpotApi, objectType: HubSpotRecordObject, inputs: Array<{ id: string; properties: Record<string, string> }>, remade = false): Promise<Map<string, string>> {
    const failures = new Map<string, string>();
    try {
      const answer = await api.batchUpdate(objectType, inputs);
      for (const e of answer.errors) {
        const reason = e.category === 'OBJECT_NOT_FOUND' ? `HubSpot has no ${objectType} record with this id (deleted?)` : `${e.category}: ${e.message}`;
        for (const id of e.context?.ids ?? inputs.map((x) => x.id)) failures.set(id, reason);
      }
      return failures;
    } catch (err) {
      if (!(err instanceof HubSpotRefusal)) throw err;
      if (!remade && err.codes.includes('PROPERTY_DOESNT_EXIST')) {
        await this.makeProperties(api);
        return this.updateChunk(api, objectType, inputs, true);
      }
      if (inputs.length === 1) return new Map([[inputs[0]!.id, err.message]]);
      // One invalid record refuses the whole call: write them one by one to find it.
      for (const input of inputs) for (const [id, reason] of await this.updateChunk(api, objectType, [input], remade)) failures.set(id, reason);
      return failures;
    }
  }

  /**
   * Each participant with an email as a HubSpot contact: known ones from D1,
   * the others upserted by email. The session's customer counts too when the
   * session itself changed (a document completed moves its progress): a note
   * written in a run where no participant changed still reaches their contact.
   */
  private async matchContacts(api: HubSpotApi, linked: Linked[], refuse: (sessionId: string, record: string | null, reason: string) => void): Promise<void> {
    const peopleOf = (l: Linked) => {
      const { participants, session } = l.work.changes;
      const listed = participants.flatMap((p) => (p.email ? [{ ref: p.id as string | null, name: p.name, email: p.email }] : []));
      const email = session?.customerEmail?.trim().toLowerCase();
      const customer = email && !listed.some((p) => p.email.trim().toLowerCase() === email) ? [{ ref: null, name: session!.customerName, email }] : [];
      return [...listed, ...customer].map((p) => ({ ...p, sessionId: l.work.sessionId, email: p.email.trim().toLowerCase() }));
    };
    const people = linked.flatMap(peopleOf);
    const known = await knownContacts(this.env.DB, this.connection.orgId, people.map((p) => p.email));
    const unknown = [...new Map(people.filter((p) => !known.has(p.email)).map((p) => [p.email, p])).values()];
    for (let i = 0; i < unknown.length; i += BATCH_LIMIT) {
      const chunk = unknown.slice(i, i + BATCH_LIMIT);
      // Matched by email alone: an existing contact keeps the name HubSpot users gave it.
      const answer = await api.batchUpsert('contacts', chunk.map((p) => ({ idProperty: 'email', id: p.email, properties: { email: p.email } })));
      const saved = answer.results.flatMap((r) => (r.properties.email ? [{ email: r.properties.email.toLowerCase(), contactId: r.id, created: r.new }] : []));
      // A contact Parley just made gets the participant's name (one more call, only when some were made).
      const named = saved.flatMap((s) => {
        const p = s.created ? chunk.find((x) => x.email === s.email) : undefined;
        return p ? [{ id: s.contactId, properties: names(p.name) }] : [];
      });
      if (named.length) await api.batchUpdate('contacts', named);
      await rememberContacts(this.env.DB, this.connection.orgId, saved);
      for (const s of saved) known.set(s.email, s.contactId);
      for (const e of answer.errors) for (const p of chunk.filter((x) => !known.has(x.email))) refuse(p.sessionId, p.ref, `HubSpot refused the participant's contact: ${e.message}`);
    }
    for (const l of linked) {
      const ids = peopleOf(l).flatMap((p) => (known.has(p.email) ? [known.get(p.email)!] : []));
      this.contactsOf.set(l.work.sessionId, [...new Set(ids)]);
    }
  }
}

/** A participant's name as HubSpot's first and last name (the last word is the last name). */
function names(name: string): Record<string, string> {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return { firstname: parts[0] ?? '' };
  return { firstname: parts.slice(0, -1).join(' '), lastname: parts.at(-1)! };
}

