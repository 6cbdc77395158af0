// Turns one record of a request body into the field changes it asks for, in
// two steps that match how Salesforce fails:
// 1. parseRecordFields — the body must name only fields (or relationships) of
//    the object, with JSON values of the right kind; otherwise the whole
//    request is a 400 (the JSON does not deserialize into the sObject).
// 2. resolveRecordFields — against the org's data: read-only fields,
//    required fields, references that must exist, references by external id,
//    unique values. These fail the one record, with Salesforce's status codes.

import { jsonParserError, noSuchColumn, restError, saveError, type SaveError } from './errors.ts';
import { readValue } from './field-values.ts';
import type { StoredRecord, Transaction } from './record-store.ts';
import { OBJECTS, fieldNamed, objectNamed, relationshipNamed, type FieldDef, type ObjectDef } from './schema.ts';

type ParsedField =
  | { field: FieldDef; value: unknown }
  | { field: FieldDef; error: SaveError }
  /** `Session__r: { External_Id__c: "ses_1" }`: set Session__c to the id of the session with that external id. */
  | { field: FieldDef; reference: { target: ObjectDef; keyField: FieldDef; key: unknown } };

export type ParsedRecord = ParsedField[];

export function parseRecordFields(object: ObjectDef, body: Readonly<Record<string, unknown>>): ParsedRecord | Response {
  const parsed: ParsedRecord = [];
  for (const [key, raw] of Object.entries(body)) {
    if (key === 'attributes') continue;
    const field = fieldNamed(object, key);
    if (field) {
      const read = readValue(field, raw);
      if ('parseError' in read) return jsonParserError(read.parseError);
      parsed.push('recordError' in read ? { field, error: read.recordError } : { field, value: read.value });
      continue;
    }
    const lookup = relationshipNamed(object, key);
    if (!lookup) return noSuchColumn(key, object.name);
    if (raw === null) {
      parsed.push({ field: lookup, value: null });
      continue;
    }
    const reference = parseReference(lookup, raw);
    if (reference instanceof Response) return reference;
    parsed.push({ field: lookup, reference });
  }
  return parsed;
}

function parseReference(lookup: FieldDef, raw: unknown): { target: ObjectDef; keyField: FieldDef; key: unknown } | Response {
  const target = objectNamed(lookup.referenceTo?.[0] ?? '');
  if (!target) return noSuchColumn(lookup.relationshipName!, lookup.referenceTo?.[0] ?? '');
  if (typeof raw !== 'object' || Array.isArray(raw) || raw === null) {
    return jsonParserError(`Cannot deserialize instance of ${target.name} from VALUE_STRING value ${String(raw)} or request may be missing a required field`);
  }
  const keys = Object.entries(raw as Record<string, unknown>).filter(([k]) => k !== 'attributes');
  if (keys.length !== 1) {
    return restError(400, 'INVALID_FIELD', `A reference to ${target.name} must name exactly one External ID field`);
  }
  const [[name, key]] = keys as [[string, unknown]];
  const keyField = fieldNamed(target, name);
  if (!keyField) return noSuchColumn(name, target.name);
  if (!keyField.externalId && keyField.name !== 'Id') {
    return restError(400, 'INVALID_FIELD', `Field ${keyField.name} is not an External ID or indexed field for ${target.name}`);
  }
  return { target, keyField, key };
}

export interface ResolvedRecord {
  changes: Record<string, unknown>;
  errors: SaveError[];
}

/** `existing` is the record an update applies to; none means a create. */
export function resolveRecordFields(tx: Transaction, object: ObjectDef, parsed: ParsedRecord, existing?: StoredRecord): ResolvedRecord {
  const changes: Record<string, unknown> = {};
  const errors: SaveError[] = [];
  const notWritable: string[] = [];
  for (const item of parsed) {
    const { field } = item;
    if (existing ? !field.updateable : !field.createable) {
      // The external id an upsert matched on is "written" with its own value: that is no change.
      if (!(existing && field.externalId && 'value' in item && item.value === existing[field.name])) notWritable.push(field.name);
      continue;
    }
    if ('error' in item) {
      errors.push(item.error);
    } else if ('reference' in item) {
      const { target, keyField, key } = item.reference;
      const id = keyField.name === 'Id' ? (tx.get(target.name, String(key)) ? String(key) : undefined) : tx.idByUnique(target.name, keyField.name, key);
      if (id) changes[field.name] = id;
      else errors.push(saveError('INVALID_FIELD', `Foreign key external ID: ${String(key)} not found for field ${keyField.name} in entity ${target.name}`));
    } else {
      if (item.value !== null && field.type === 'reference' && !referenceExists(tx, field, String(item.value))) {
        errors.push(saveError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]));
      }
      changes[field.name] = item.value;
    }
  }
  if (notWritable.length > 0) {
    errors.unshift(
      saveError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        notWritable,
      ),
    );
  }
  if (!existing) {
    const missing = object.fields.filter((f) => f.required && (changes[f.name] === undefined || changes[f.name] === null)).map((f) => f.name);
    if (missing.length > 0) errors.push(saveError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing));
  }
  for (const field of object.fields) {
    if (!(field.unique || field.externalId) || changes[field.name] == null) continue;
    const holder = tx.idByUnique(object.name, field.name, changes[field.name]);
    if (holder && holder !== existing?.Id) {
      errors.push(saveError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${holder}`));
    }
  }
  return { changes, errors };
}

/** Ids of objects the fake stores must point at a record; ids of other objects (a Contact, a User) are taken on trust. */
function referenceExists(tx: Transaction, field: FieldDef, id: string): boolean {
  const stored = OBJECTS.find((o) => o.keyPrefix === id.slice(0, 3));
  if (!stored) return true;
  return (field.referenceTo ?? []).length === 0 ? tx.exists(id) : tx.get(stored.name, id) !== undefined;
}
