// Reads one field value from a request body the way Salesforce does: a JSON
// value of the wrong kind fails the whole request (the body does not
// deserialize into the sObject), while a value of the right kind that breaks
// a field rule (too long, not in a restricted picklist, a bad id) fails only
// its record, with the status code Salesforce gives that rule.

import { saveError, type SaveError } from './errors.ts';
import { isWellFormedId, toId18 } from './ids.ts';
import { OBJECTS, UNSTORED_KEY_PREFIXES, type FieldDef } from './schema.ts';

export type ValueResult = { value: unknown } | { recordError: SaveError } | { parseError: string };

const cannotDeserialize = (type: string, value: unknown) => ({
  parseError: `Cannot deserialize instance of ${type} from ${jsonToken(value)} value ${String(value)} or request may be missing a required field`,
});

function jsonToken(value: unknown): string {
  if (typeof value === 'string') return 'VALUE_STRING';
  if (typeof value === 'number') return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (typeof value === 'boolean') return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (Array.isArray(value)) return 'START_ARRAY';
  return 'START_OBJECT';
}

const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/** Salesforce's own spelling of a datetime: milliseconds and a +0000 offset. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function parseDateTime(value: string): number | undefined {
  const m = ISO_DATETIME.exec(value);
  if (!m) return undefined;
  const zone = m[3] === undefined || m[3] === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

// Salesforce's email check is looser than RFC 5322 but refuses these.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function decodesAsBase64(value: string): boolean {
  try {
    atob(value.replace(/\s+/g, ''));
    return true;
  } catch {
    return false;
  }
}

export function readValue(field: FieldDef, value: unknown): ValueResult {
  if (value === null) return { value: field.type === 'boolean' ? false : null };
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url': {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return cannotDeserialize('string', value);
      const s = String(value);
      // An empty string is how the API clears a text field.
      if (s === '') return { value: null };
      if (field.length !== undefined && s.length > field.length) {
        return { recordError: saveError('STRING_TOO_LONG', `${field.label}: data value too large: ${s} (max length=${field.length})`, [field.name]) };
      }
      if (field.type === 'email' && !EMAIL.test(s)) {
        return { recordError: saveError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${s}`, [field.name]) };
      }
      return { value: s };
    }
    case 'double': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return cannotDeserialize('double', value);
      return { value: n };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false') return { value: value === 'true' };
      return cannotDeserialize('boolean', value);
    case 'datetime': {
      const ms = typeof value === 'string' ? parseDateTime(value) : undefined;
      if (ms === undefined) return cannotDeserialize('datetime', value);
      return { value: formatDateTime(ms) };
    }
    case 'picklist': {
      if (typeof value !== 'string') return cannotDeserialize('string', value);
      if (value === '') return { value: null };
      if (field.values && !field.values.includes(value)) {
        return {
          recordError: saveError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${value}`, [field.name]),
        };
      }
      return { value };
    }
    case 'reference': {
      if (typeof value !== 'string') return cannotDeserialize('string', value);
      if (value === '') return { value: null };
      if (!isWellFormedId(value) || !pointsAtAllowedObject(field, value)) {
        return { recordError: saveError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, [field.name]) };
      }
      return { value: toId18(value) };
    }
    case 'base64':
      if (typeof value !== 'string' || !decodesAsBase64(value)) return cannotDeserialize('base64', value);
      return { value: value.replace(/\s+/g, '') };
    case 'id':
      if (typeof value !== 'string') return cannotDeserialize('string', value);
      return { value };
  }
}

function pointsAtAllowedObject(field: FieldDef, id: string): boolean {
  const allowed = field.referenceTo ?? [];
  if (allowed.length === 0) return true;
  const prefix = id.slice(0, 3);
  return allowed.some((name) => (OBJECTS.find((o) => o.name === name)?.keyPrefix ?? UNSTORED_KEY_PREFIXES[name]) === prefix);
}
