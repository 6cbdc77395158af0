// The properties API (/crm/v3/properties/{type}…): property definitions and
// groups of an object, read one or all, created one at a time (409 when the
// name is taken) or in a batch (207 naming those that already exist).
import { batchError, conflict, json, notFound, validationError, type BatchError } from './errors.ts';
import type { CrmObject, Portal, PropertyDefinition } from './portal.ts';
import { BATCH_LIMIT } from './crm-objects.ts';

const TYPES: Record<string, string[]> = {
  string: ['text', 'textarea', 'html', 'phonenumber', 'file'],
  number: ['number'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
};

const NAME = /^[a-z][a-z0-9_]*$/;

/** A valid new definition, or the reason it is not. */
function definitionOf(portal: Portal, object: CrmObject, raw: unknown, at: number): PropertyDefinition | string {
  const p = (raw ?? {}) as Record<string, unknown>;
  for (const f of ['name', 'label', 'type', 'fieldType', 'groupName'] as const) if (typeof p[f] !== 'string' || !p[f]) return `"${f}" is required`;
  const name = p.name as string;
  if (!NAME.test(name)) return `property name "${name}" must be lower case letters, digits and underscores`;
  if (!TYPES[p.type as string]?.includes(p.fieldType as string)) return `fieldType "${p.fieldType}" is not valid for type "${p.type}"`;
  if (!portal.groups.get(object)!.has(p.groupName as string) && p.groupName !== 'hubspot_defined') return `property group "${p.groupName}" does not exist`;
  if (p.type === 'enumeration' && !Array.isArray(p.options)) return 'an enumeration needs "options"';
  const stamp = new Date(at).toISOString();
  return {
    name,
    label: p.label as string,
    type: p.type as string,
    fieldType: p.fieldType as string,
    groupName: p.groupName as string,
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
    ...(Array.isArray(p.options) ? { options: p.options as PropertyDefinition['options'] } : {}),
    hasUniqueValue: p.hasUniqueValue === true,
    createdAt: stamp,
    updatedAt: stamp,
    archived: false,
  };
}

export function propertiesRoute(portal: Portal, object: CrmObject, method: string, rest: string, body: unknown, at: number): Response {
  const defs = portal.properties.get(object)!;
  const groups = portal.groups.get(object)!;

  if (rest === '/groups') {
    if (method === 'GET') return json(200, { results: [...groups.values()] });
    if (method !== 'POST') return validationError(`${method} is not supported here`);
    const g = (body ?? {}) as Record<string, unknown>;
    if (typeof g.name !== 'string' || !NAME.test(g.name) || typeof g.label !== 'string') return validationError('a property group needs a "name" (lower case) and a "label"');
    if (groups.has(g.name)) return conflict(`A property group named ${g.name} already exists.`);
    const group = { name: g.name, label: g.label, displayOrder: typeof g.displayOrder === 'number' ? g.displayOrder : -1, archived: false };
    groups.set(g.name, group);
    return json(201, group);
  }
  const oneGroup = /^\/groups\/([^/]+)$/.exec(rest);
  if (oneGroup) {
    const group = groups.get(decodeURIComponent(oneGroup[1]!));
    return group ? json(200, group) : notFound('property group');
  }

  if (rest === '' || rest === '/') {
    if (method === 'GET') return json(200, { results: [...defs.values()] });
    if (method !== 'POST') return validationError(`${method} is not supported here`);
    const def = definitionOf(portal, object, body, at);
    if (typeof def === 'string') return validationError(def);
    if (defs.has(def.name)) return conflict(`Property named ${def.name} already exists.`);
    defs.set(def.name, def);
    return json(201, def);
  }

  if (rest === '/batch/create') {
    const inputs = (body as { inputs?: unknown } | null)?.inputs;
    if (!Array.isArray(inputs)) return validationError('Invalid input JSON: "inputs" must be an array');
    if (inputs.length > BATCH_LIMIT) return validationError(`Batch input limit exceeded: ${inputs.length} inputs, at most ${BATCH_LIMIT}`);
    const made: PropertyDefinition[] = [];
    const errors: BatchError[] = [];
    for (const raw of inputs) {
      const def = definitionOf(portal, object, raw, at);
      if (typeof def === 'string') return validationError(def);
      if (defs.has(def.name)) errors.push(batchError('OBJECT_ALREADY_EXISTS', `Property named ${def.name} already exists.`, { name: [def.name] }));
      else made.push(def);
    }
    for (const def of made) defs.set(def.name, def);
    const stamp = new Date(at).toISOString();
    return json(errors.length ? 207 : 201, { status: 'COMPLETE', results: made, startedAt: stamp, completedAt: stamp, ...(errors.length ? { errors, numErrors: errors.length } : {}) });
  }

  const one = /^\/([^/]+)$/.exec(rest);
  if (one && method === 'GET') {
    const def = defs.get(decodeURIComponent(one[1]!));
    return def ? json(200, def) : notFound('property');
  }
  return notFound();
}
