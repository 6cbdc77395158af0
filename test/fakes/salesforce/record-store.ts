// The fake org's data: records per object, the unique indexes Salesforce
// keeps for external-id and unique fields, and every write each record
// received. Writes go through a transaction so a request can be rolled back
// whole (allOrNone) or committed record by record, as Salesforce does.

import { OBJECTS, fieldNamed, objectNamed, type ObjectDef } from './schema.ts';

/** A record as stored: field API names (declared spelling) to values; always has Id. */
export type StoredRecord = Readonly<Record<string, unknown>> & { readonly Id: string };

/** One write a record received, kept so tests can follow its versions over time. */
export interface RecordWrite {
  /** Index in FakeSalesforce.calls of the request that wrote it. */
  call: number;
  at: number;
  /** What the request asked to set (after relationship references were resolved to ids). */
  sent: Readonly<Record<string, unknown>>;
  /** Version__c the request sent, if any. */
  version: number | null;
  /** `kept` = the version guard refused an older version and left the record as it was. */
  outcome: 'created' | 'updated' | 'kept';
  /** The whole record once the write was done. */
  after: StoredRecord;
}

const indexName = (object: string, field: string) => `${object}.${field}`;

/** Unique values compare as Salesforce does: case-insensitively, unless the field is External_Id__c (case-sensitive in the package). */
function uniqueKey(field: string, value: unknown): string {
  const s = String(value);
  return field === 'External_Id__c' ? s : s.toLowerCase();
}

function uniqueFields(object: ObjectDef): string[] {
  return object.fields.filter((f) => f.unique || f.externalId).map((f) => f.name);
}

export class RecordStore {
  private readonly records = new Map<string, Map<string, StoredRecord>>();
  private readonly indexes = new Map<string, Map<string, string>>();
  private readonly writes = new Map<string, RecordWrite[]>();

  all(object: string): StoredRecord[] {
    return [...(this.records.get(object)?.values() ?? [])];
  }

  get(object: string, id: string): StoredRecord | undefined {
    return this.records.get(object)?.get(id);
  }

  /** The id of the record whose unique field holds `value`, if any. */
  idByUnique(object: string, field: string, value: unknown): string | undefined {
    return this.indexes.get(indexName(object, field))?.get(uniqueKey(field, value));
  }

  history(id: string): RecordWrite[] {
    return [...(this.writes.get(id) ?? [])];
  }

  begin(): Transaction {
    return new Transaction(this);
  }

  /** Applies what a transaction staged: records, their unique index entries, their writes. */
  apply(staged: Map<string, { object: string; record: StoredRecord }>, writes: Array<[string, RecordWrite]>): void {
    for (const [id, { object, record }] of staged) {
      const def = objectNamed(object)!;
      const table = this.records.get(object) ?? new Map<string, StoredRecord>();
      this.records.set(object, table);
      const before = table.get(id);
      for (const field of uniqueFields(def)) {
        const index = this.indexes.get(indexName(object, field)) ?? new Map<string, string>();
        this.indexes.set(indexName(object, field), index);
        if (before?.[field] != null) index.delete(uniqueKey(field, before[field]));
        if (record[field] != null) index.set(uniqueKey(field, record[field]), id);
      }
      table.set(id, record);
    }
    for (const [id, write] of writes) {
      const list = this.writes.get(id) ?? [];
      list.push(write);
      this.writes.set(id, list);
    }
  }
}

/**
 * Changes staged over the store: reads see the staged state first, so a
 * record written earlier in the same request is found by later ones.
 * Nothing reaches the store until commit().
 */
export class Transaction {
  private readonly staged = new Map<string, { object: string; record: StoredRecord }>();
  private readonly stagedWrites: Array<[string, RecordWrite]> = [];
  private readonly store: RecordStore;

  constructor(store: RecordStore) {
    this.store = store;
  }

  get(object: string, id: string): StoredRecord | undefined {
    const staged = this.staged.get(id);
    if (staged) return staged.object === object ? staged.record : undefined;
    return this.store.get(object, id);
  }

  /** Any stored object: for polymorphic references, which may point anywhere. */
  exists(id: string): boolean {
    if (this.staged.has(id)) return true;
    const object = OBJECTS.find((o) => o.keyPrefix === id.slice(0, 3));
    return object !== undefined && this.store.get(object.name, id) !== undefined;
  }

  idByUnique(object: string, field: string, value: unknown): string | undefined {
    const def = objectNamed(object);
    const declared = def && fieldNamed(def, field)?.name;
    if (!declared) return undefined;
    const wanted = uniqueKey(declared, value);
    for (const [id, s] of this.staged) {
      if (s.object === object && s.record[declared] != null && uniqueKey(declared, s.record[declared]) === wanted) return id;
    }
    const id = this.store.idByUnique(object, declared, value);
    // A staged update may have moved the value away from the committed record.
    if (id && this.staged.has(id)) {
      const now = this.staged.get(id)!.record[declared];
      return now != null && uniqueKey(declared, now) === wanted ? id : undefined;
    }
    return id;
  }

  /** Every record of an object as this transaction sees it. */
  all(object: string): StoredRecord[] {
    const out = new Map(this.store.all(object).map((r) => [r.Id, r] as const));
    for (const [id, s] of this.staged) if (s.object === object) out.set(id, s.record);
    return [...out.values()];
  }

  put(object: string, record: StoredRecord, write?: RecordWrite): void {
    this.staged.set(record.Id, { object, record });
    if (write) this.stagedWrites.push([record.Id, write]);
  }

  commit(): void {
    this.store.apply(this.staged, this.stagedWrites);
    this.staged.clear();
    this.stagedWrites.length = 0;
  }
}
