// POST /services/data/vXX.X/sobjects/{SObject}: create one record from a JSON
// body ("sObject Basic Information"). 201 with { id, success, errors } when it
// is saved; a 400 array of { message, errorCode, fields } when not. The file
// objects add what the platform does around their records (see files.ts).

import { json, notFound, saveErrorsResponse, type SaveError } from './errors.ts';
import { formatDateTime } from './field-values.ts';
import { prepareContentDocumentLink, stageContentVersion } from './files.ts';
import type { IdMint } from './ids.ts';
import { parseRecordFields, resolveRecordFields } from './record-fields.ts';
import type { RecordStore, StoredRecord } from './record-store.ts';
import { objectNamed } from './schema.ts';

export interface CreateContext {
  store: RecordStore;
  ids: IdMint;
  now: number;
  call: number;
  /** The user the access token belongs to: the owner of what it creates. */
  userId: string;
  validate: (object: string, record: StoredRecord) => SaveError[];
}

export function createRecord(ctx: CreateContext, objectName: string, body: unknown): Response {
  const object = objectNamed(objectName);
  if (!object || object.name === 'ContentDocument') return notFound();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return json(400, [{ message: 'The request body must be a JSON object', errorCode: 'JSON_PARSER_ERROR' }]);
  }
  const parsed = parseRecordFields(object, body as Record<string, unknown>);
  if (parsed instanceof Response) return parsed;

  const tx = ctx.store.begin();
  const { changes, errors } = resolveRecordFields(tx, object, parsed);
  if (errors.length > 0) return saveErrorsResponse(errors);

  const stamp = formatDateTime(ctx.now);
  const id = ctx.ids.next(object.keyPrefix);
  let record: StoredRecord = { ...changes, Id: id, CreatedDate: stamp, LastModifiedDate: stamp, SystemModstamp: stamp };
  if (object.name === 'ContentVersion') {
    record = stageContentVersion(tx, record, { ids: ctx.ids, stamp, userId: ctx.userId });
  } else if (object.name === 'ContentDocumentLink') {
    const prepared = prepareContentDocumentLink(tx, record);
    if (!('Id' in prepared)) return saveErrorsResponse([prepared]);
    record = prepared;
  }
  const broken = ctx.validate(object.name, record);
  if (broken.length > 0) return saveErrorsResponse(broken);
  tx.put(object.name, record, { call: ctx.call, at: ctx.now, sent: changes, version: null, outcome: 'created', after: record });
  tx.commit();
  return json(201, { id, success: true, errors: [] });
}
