// The CRM objects' batch endpoints (/crm/v3/objects/{type}/batch/…) and the
// v4 associations batch read, on one portal. Shapes per HubSpot's reference:
// `inputs` of at most 100; answers { status: 'COMPLETE', results, startedAt,
// completedAt }, and 207 Multi-Status with `errors` (each with its ids in
// `context.ids`) when some inputs failed; a property that does not exist, or
// a note without hs_timestamp, refuses the whole call with 400.
import { batchError, json, propertyDoesntExist, validationError, type BatchError } from './errors.ts';
import { NOTE_ASSOCIATION_TYPES, type CrmObject, type Portal, type StoredRecord } from './portal.ts';

export const BATCH_LIMIT = 100;
export const NOTE_BODY_LIMIT = 65_536;

export interface BatchContext {
  portal: Portal;
  at: number;
  call: number;
  /** Files the portal holds, for hs_attachment_ids. */
  fileExists: (id: string) => boolean;
}

type Properties = Record<string, string | null>;
type Input = { id?: unknown; idProperty?: unknown; properties?: unknown; associations?: unknown };

/** Property values as HubSpot stores them: strings (numbers and booleans are sent as either). */
function propertiesOf(raw: unknown): Properties | null {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const out: Properties = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === null) out[k] = null;
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else return null;
  }
  return out;
}

function readInputs(body: unknown): Input[] | Response {
  const inputs = (body as { inputs?: unknown } | null)?.inputs;
  if (!Array.isArray(inputs)) return validationError('Invalid input JSON: "inputs" must be an array');
  if (inputs.length > BATCH_LIMIT) return validationError(`Batch input limit exceeded: ${inputs.length} inputs, at most ${BATCH_LIMIT}`);
  if (inputs.some((i) => typeof i !== 'object' || i === null)) return validationError('Invalid input JSON: every input must be an object');
  return inputs as Input[];
}

/** Every property of every input exists on the object, and option values are among the options; else the call's 400. */
function checkProperties(portal: Portal, object: CrmObject, all: Properties[]): Response | null {
  const unknown = [...new Set(all.flatMap((p) => portal.unknownProperties(object, Object.keys(p))))];
  if (unknown.length) return propertyDoesntExist(unknown);
  const defs = portal.properties.get(object)!;
  for (const p of all) {
    for (const [name, value] of Object.entries(p)) {
      const def = defs.get(name)!;
      if (value === null || value === '') continue;
      if (def.type === 'enumeration' && def.options && def.fieldType !== 'checkbox' && !def.options.some((o) => o.value === value)) {
        return validationError(`Property values were not valid: ${name} "${value}" is not one of the allowed options`, [{ message: `${value} was not one of the allowed options`, code: 'INVALID_OPTION', context: { propertyName: [name] } }]);
      }
      if (def.type === 'datetime' && !/^\d+$/.test(value) && Number.isNaN(Date.parse(value))) {
        return validationError(`Property values were not valid: ${name} "${value}" is not a valid date`, [{ message: `${value} is not a valid datetime`, code: 'INVALID_DATETIME', context: { propertyName: [name] } }]);
      }
    }
  }
  return null;
}

function answer(results: unknown[], errors: BatchError[], at: number, okStatus = 200): Response {
  const stamp = new Date(at).toISOString();
  const body = { status: 'COMPLETE', results, startedAt: stamp, completedAt: stamp, ...(errors.length ? { errors, numErrors: errors.length } : {}) };
  return json(errors.length ? 207 : okStatus, body);
}

export function batchUpdate(ctx: BatchContext, object: CrmObject, body: unknown): { response: Response; records: number } {
  const inputs = readInputs(body);
  if (inputs instanceof Response) return { response: inputs, records: 0 };
  const props = inputs.map((i) => propertiesOf(i.properties));
  if (props.some((p) => p === null) || inputs.some((i) => typeof i.id !== 'string' || !i.id)) return { response: validationError('Invalid input JSON: every input needs a string "id" and a "properties" object'), records: 0 };
  const refused = checkProperties(ctx.portal, object, props as Properties[]);
  if (refused) return { response: refused, records: inputs.length };
  const results: unknown[] = [];
  const missing: string[] = [];
  inputs.forEach((input, i) => {
    const record = ctx.portal.record(object, String(input.id));
    if (!record) return void missing.push(String(input.id));
    ctx.portal.update(record, props[i]!, ctx.at, ctx.call);
    results.push(ctx.portal.view(record, Object.keys(props[i]!)));
  });
  const errors = missing.length ? [batchError('OBJECT_NOT_FOUND', `Could not get some ${object} objects, they may be deleted or not exist. Check that ids are valid.`, { ids: missing })] : [];
  return { response: answer(results, errors, ctx.at), records: inputs.length };
}

export function batchRead(ctx: BatchContext, object: CrmObject, body: unknown): { response: Response; records: number } {
  const inputs = readInputs(body);
  if (inputs instanceof Response) return { response: inputs, records: 0 };
  const wanted = (body as { properties?: unknown }).properties;
  const names = Array.isArray(wanted) ? wanted.filter((n): n is string => typeof n === 'string') : [];
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const record = ctx.portal.record(object, String(input.id));
    if (record) results.push(ctx.portal.view(record, names));
    else missing.push(String(input.id));
  }
  const errors = missing.length ? [batchError('OBJECT_NOT_FOUND', `Could not get some ${object} objects, they may be deleted or not exist.`, { ids: missing })] : [];
  return { response: answer(results, errors, ctx.at), records: inputs.length };
}

/** Upsert by a unique property (contacts by email): existing records are updated, the others created with it. */
export function batchUpsert(ctx: BatchContext, object: CrmObject, body: unknown): { response: Response; records: number } {
  const inputs = readInputs(body);
  if (inputs instanceof Response) return { response: inputs, records: 0 };
  const props = inputs.map((i) => propertiesOf(i.properties));
  if (props.some((p) => p === null)) return { response: validationError('Invalid input JSON: "properties" must be an object'), records: 0 };
  for (const input of inputs) {
    if (typeof input.idProperty !== 'string' || typeof input.id !== 'string' || !input.id) return { response: validationError('Invalid input JSON: upsert needs "idProperty" and "id" on every input'), records: 0 };
    const def = ctx.portal.properties.get(object)!.get(input.idProperty);
    if (!def) return { response: propertyDoesntExist([input.idProperty]), records: 0 };
    if (!def.hasUniqueValue) return { response: validationError(`${input.idProperty} is not a unique identifier property of ${object}`), records: 0 };
  }
  const refused = checkProperties(ctx.portal, object, props as Properties[]);
  if (refused) return { response: refused, records: inputs.length };
  const results: unknown[] = [];
  inputs.forEach((input, i) => {
    const idProperty = input.idProperty as string;
    const id = input.id as string;
    let record: StoredRecord | undefined = ctx.portal.findByProperty(object, idProperty, id);
    const created = !record;
    if (record) ctx.portal.update(record, props[i]!, ctx.at, ctx.call);
    else record = ctx.portal.create(object, { ...props[i]!, [idProperty]: id }, ctx.at, ctx.call);
    results.push({ ...ctx.portal.view(record, Object.keys(props[i]!)), new: created });
  });
  return { response: answer(results, [], ctx.at), records: inputs.length };
}

/** Batch create; notes with their associations and attachments, as HubSpot checks them. */
export function batchCreate(ctx: BatchContext, object: CrmObject, body: unknown): { response: Response; records: number } {
  const inputs = readInputs(body);
  if (inputs instanceof Response) return { response: inputs, records: 0 };
  const props = inputs.map((i) => propertiesOf(i.properties));
  if (props.some((p) => p === null)) return { response: validationError('Invalid input JSON: "properties" must be an object'), records: 0 };
  const refused = checkProperties(ctx.portal, object, props as Properties[]);
  if (refused) return { response: refused, records: inputs.length };
  const associations: Array<Array<{ toId: string; toObject: CrmObject; category: string; typeId: number }>> = [];
  for (const [i, input] of inputs.entries()) {
    const p = props[i]!;
    if (object === 'notes') {
      if (!p.hs_timestamp) return { response: validationError('Property values were not valid: hs_timestamp is required', [{ message: 'hs_timestamp is required', code: 'MISSING_REQUIRED_PROPERTY', context: { propertyName: ['hs_timestamp'] } }]), records: inputs.length };
      if ((p.hs_note_body ?? '').length > NOTE_BODY_LIMIT) return { response: validationError(`hs_note_body is longer than ${NOTE_BODY_LIMIT} characters`), records: inputs.length };
      for (const fileId of (p.hs_attachment_ids ?? '').split(';').filter(Boolean)) {
        if (!ctx.fileExists(fileId)) return { response: validationError(`hs_attachment_ids: file ${fileId} does not exist`), records: inputs.length };
      }
    }
    const list: Array<{ toId: string; toObject: CrmObject; category: string; typeId: number }> = [];
    for (const a of Array.isArray(input.associations) ? input.associations : []) {
      const toId = String((a as { to?: { id?: unknown } }).to?.id ?? '');
      for (const t of ((a as { types?: unknown }).types as Array<{ associationCategory?: string; associationTypeId?: number }> | undefined) ?? []) {
        const toObject = object === 'notes' && t.associationCategory === 'HUBSPOT_DEFINED' ? NOTE_ASSOCIATION_TYPES[t.associationTypeId ?? -1] : undefined;
        if (!toObject) return { response: validationError(`association type ${t.associationCategory}/${t.associationTypeId} is not valid from ${object}`), records: inputs.length };
        if (!ctx.portal.record(toObject, toId)) return { response: validationError(`association to ${toObject} ${toId}: the object does not exist`), records: inputs.length };
        list.push({ toId, toObject, category: t.associationCategory!, typeId: t.associationTypeId! });
      }
    }
    associations.push(list);
  }
  const results = inputs.map((_, i) => {
    const record = ctx.portal.create(object, props[i]!, ctx.at, ctx.call);
    for (const a of associations[i]!) ctx.portal.associate({ fromObject: object, fromId: record.id, toObject: a.toObject, toId: a.toId, category: a.category, typeId: a.typeId });
    return ctx.portal.view(record, Object.keys(props[i]!));
  });
  return { response: answer(results, [], ctx.at, 201), records: inputs.length };
}

/** POST /crm/v4/associations/{from}/{to}/batch/read: each input's associated records of the other object. */
export function associationsBatchRead(ctx: BatchContext, from: CrmObject, to: CrmObject, body: unknown): { response: Response; records: number } {
  const inputs = readInputs(body);
  if (inputs instanceof Response) return { response: inputs, records: 0 };
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const id = String(input.id ?? '');
    if (!ctx.portal.record(from, id)) {
      missing.push(id);
      continue;
    }
    const byTarget = new Map<string, Array<{ category: string; typeId: number; label: null }>>();
    for (const a of ctx.portal.associated(from, id, to)) byTarget.set(a.toId, [...(byTarget.get(a.toId) ?? []), { category: a.category, typeId: a.typeId, label: null }]);
    results.push({ from: { id }, to: [...byTarget].map(([toId, associationTypes]) => ({ toObjectId: Number(toId), associationTypes })) });
  }
  const errors = missing.length ? [batchError('OBJECT_NOT_FOUND', `No ${from} with these ids`, { ids: missing })] : [];
  return { response: answer(results, errors, ctx.at), records: inputs.length };
}
