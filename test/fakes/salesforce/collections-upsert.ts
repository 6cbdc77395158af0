// PATCH /services/data/vXX.X/composite/sobjects/{SObject}/{ExternalIdField}:
// "Upsert Records Using sObject Collections" (REST API, version 46.0 and later).
// Up to 200 records of the one type in the URI, each with an attributes map
// naming that type; records are processed in order and answered in order with
// UpsertResults { id, success, errors, created }. A malformed request is a 400
// for the whole call; a record that breaks a rule fails alone, unless
// allOrNone is true, when every record is rolled back.
//
// The package's trigger guard is modelled too: an update carrying a
// Version__c lower than the stored one succeeds but leaves the record as it
// was (switchable, so tests can prove the client never relies on it). The
// org's validation rules run after it, as they do after before-triggers.

import { json, notFound, restError, saveError, type SaveError } from './errors.ts';
import { formatDateTime } from './field-values.ts';
import type { IdMint } from './ids.ts';
import { parseRecordFields, resolveRecordFields, type ParsedRecord } from './record-fields.ts';
import type { RecordStore, RecordWrite, StoredRecord } from './record-store.ts';
import { fieldNamed, objectNamed } from './schema.ts';

export const MAX_COLLECTION_RECORDS = 200;

export interface UpsertContext {
  store: RecordStore;
  ids: IdMint;
  now: number;
  /** Index of this request in FakeSalesforce.calls, recorded with each write. */
  call: number;
  versionGuard: boolean;
  /** The org's validation rules, run on the record as it would be saved. */
  validate: (object: string, record: StoredRecord) => SaveError[];
}

type UpsertResult =
  | { id: string; success: true; errors: []; created: boolean }
  | { success: false; errors: SaveError[] };

const rolledBack = (): UpsertResult => ({
  success: false,
  errors: [
    saveError('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header'),
  ],
});

export interface UpsertOutcome {
  response: Response;
  /** How many records the body carried (0 when it could not be read). */
  records: number;
}

export function upsertCollection(ctx: UpsertContext, objectName: string, externalIdFieldName: string, body: unknown): UpsertOutcome {
  const object = objectNamed(objectName);
  if (!object) return { response: notFound(), records: 0 };
  const keyField = fieldNamed(object, externalIdFieldName);
  if (!keyField?.externalId) {
    return { response: restError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${externalIdFieldName}`), records: 0 };
  }
  const fail = (response: Response, records = 0): UpsertOutcome => ({ response, records });

  if (typeof body !== 'object' || body === null || !Array.isArray((body as { records?: unknown }).records)) {
    return fail(restError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object with a records array'));
  }
  const { records, allOrNone = false } = body as { records: unknown[]; allOrNone?: unknown };
  if (typeof allOrNone !== 'boolean') return fail(restError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of boolean from ${typeof allOrNone} value`), records.length);
  if (records.length > MAX_COLLECTION_RECORDS) {
    return fail(restError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records in this operation`), records.length);
  }

  // The whole request must be well formed before any record is touched.
  const parsed: Array<{ key: unknown; fields: ParsedRecord }> = [];
  for (const record of records) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      return fail(restError(400, 'JSON_PARSER_ERROR', 'Each element of records must be a JSON object'), records.length);
    }
    const type = (record as { attributes?: { type?: unknown } }).attributes?.type;
    if (typeof type !== 'string') {
      return fail(restError(400, 'INVALID_INPUT', 'Each record must contain an attributes map with a value for type'), records.length);
    }
    if (type.toLowerCase() !== object.name.toLowerCase()) {
      return fail(restError(400, 'INVALID_INPUT', `The records must all be of the type in the request URI: ${object.name}, not ${type}`), records.length);
    }
    const fields = parseRecordFields(object, record as Record<string, unknown>);
    if (fields instanceof Response) return fail(fields, records.length);
    const keyItem = fields.find((f) => f.field.name === keyField.name && 'value' in f);
    parsed.push({ key: keyItem && 'value' in keyItem ? keyItem.value : undefined, fields });
  }

  const keyCounts = new Map<string, number>();
  for (const { key } of parsed) if (key != null) keyCounts.set(String(key), (keyCounts.get(String(key)) ?? 0) + 1);

  const tx = ctx.store.begin();
  const stamp = formatDateTime(ctx.now);
  const results: UpsertResult[] = parsed.map(({ key, fields }): UpsertResult => {
    if (key == null) return { success: false, errors: [saveError('MISSING_ARGUMENT', `${keyField.name} not specified`)] };
    if ((keyCounts.get(String(key)) ?? 0) > 1) {
      return { success: false, errors: [saveError('DUPLICATE_VALUE', `Duplicate external id specified: ${String(key)}`, [keyField.name])] };
    }
    const existingId = tx.idByUnique(object.name, keyField.name, key);
    const existing = existingId ? tx.get(object.name, existingId) : undefined;
    const { changes, errors } = resolveRecordFields(tx, object, fields, existing);
    if (errors.length > 0) return { success: false, errors };

    const version = typeof changes.Version__c === 'number' ? changes.Version__c : null;
    const write = (outcome: RecordWrite['outcome'], after: StoredRecord): RecordWrite => ({
      call: ctx.call,
      at: ctx.now,
      sent: changes,
      version,
      outcome,
      after,
    });

    if (existing) {
      const stored = typeof existing.Version__c === 'number' ? existing.Version__c : null;
      if (ctx.versionGuard && version !== null && stored !== null && version < stored) {
        // The trigger keeps every field of the old row; the save itself succeeds.
        tx.put(object.name, existing, write('kept', existing));
        return { id: existing.Id, success: true, errors: [], created: false };
      }
      const after: StoredRecord = { ...existing, ...changes, LastModifiedDate: stamp, SystemModstamp: stamp };
      const broken = ctx.validate(object.name, after);
      if (broken.length > 0) return { success: false, errors: broken };
      tx.put(object.name, after, write('updated', after));
      return { id: existing.Id, success: true, errors: [], created: false };
    }
    const id = ctx.ids.next(object.keyPrefix);
    // A Text name left out on create is set to the record's id.
    const after: StoredRecord = { Name: id, ...changes, Id: id, CreatedDate: stamp, LastModifiedDate: stamp, SystemModstamp: stamp };
    const broken = ctx.validate(object.name, after);
    if (broken.length > 0) return { success: false, errors: broken };
    tx.put(object.name, after, write('created', after));
    return { id, success: true, errors: [], created: true };
  });

  const anyFailed = results.some((r) => !r.success);
  if (allOrNone && anyFailed) {
    return { response: json(200, results.map((r) => (r.success ? rolledBack() : r))), records: records.length };
  }
  tx.commit();
  return { response: json(200, results), records: records.length };
}
