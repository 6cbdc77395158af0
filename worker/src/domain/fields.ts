// Document fields (SPEC §4): what an admin or agent places on a PDF, and the
// server-side validation of every value a signer sends. Pure.
import { z } from 'zod';
import { normalizePhone } from './contact';
import { isId } from '../contract/ids';

export const FIELD_TYPES = [
  'signature',
  'initials',
  'full_name',
  'date_signed',
  'text',
  'number',
  'email',
  'phone',
  'checkbox',
  'radio',
  'dropdown',
  'attachment',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A rectangle on a page in PDF points, origin at the bottom-left corner. */
export const rectSchema = z
  .object({
    x: z.number().min(0).max(14400),
    y: z.number().min(0).max(14400),
    width: z.number().positive().max(14400),
    height: z.number().positive().max(14400),
  })
  .strict();
export type Rect = z.infer<typeof rectSchema>;

/** A field's properties; fieldSchema adds the rules that span them. */
export const fieldShape = {
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -'),
  type: z.enum(FIELD_TYPES),
  page: z.number().int().min(1),
  rect: rectSchema,
  role: z.string().trim().min(1).max(60),
  required: z.boolean().default(true),
  label: z.string().trim().max(120).optional(),
  validation: z
    .object({
      format: z.enum(['email', 'phone', 'digits', 'date']).optional(),
      minLength: z.number().int().min(0).max(10000).optional(),
      maxLength: z.number().int().min(1).max(10000).optional(),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .strict()
    .optional(),
  options: z.array(z.string().trim().min(1).max(120)).min(1).max(50).optional(),
  defaultValue: z.string().max(10000).optional(),
  /** A CRM merge key (e.g. Contact.FirstName) filled when the document is sent. */
  merge: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, 'must be a merge key such as Contact.FirstName').max(120).optional(),
};

export const fieldSchema = z
  .object(fieldShape)
  .strict()
  .superRefine((f, ctx) => {
    const needsOptions = f.type === 'radio' || f.type === 'dropdown';
    if (needsOptions && !f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${f.type} field needs options` });
    if (!needsOptions && f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${f.type} field takes no options` });
    const v = f.validation;
    if (v?.minLength !== undefined && v.maxLength !== undefined && v.minLength > v.maxLength) {
      ctx.addIssue({ code: 'custom', path: ['validation', 'minLength'], message: 'must not be more than maxLength' });
    }
  });
export type FieldDef = z.infer<typeof fieldSchema>;

export interface PageSize {
  width: number;
  height: number;
}

/** Field placement against the real pages: each field on an existing page, inside it; ids unique. */
export function checkPlacement(fields: FieldDef[], pages: PageSize[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.id)) problems.push({ path: `fields.${i}.id`, message: `duplicate field id "${f.id}"` });
    seen.add(f.id);
    const page = pages[f.page - 1];
    if (!page) {
      problems.push({ path: `fields.${i}.page`, message: `page ${f.page} does not exist (the document has ${pages.length})` });
      return;
    }
    const { x, y, width, height } = f.rect;
    if (x + width > page.width + 0.01 || y + height > page.height + 0.01) {
      problems.push({ path: `fields.${i}.rect`, message: `the field lies outside page ${f.page} (${Math.round(page.width)} × ${Math.round(page.height)} pt)` });
    }
  });
  return problems;
}

/** A value as the signer sends it. Signatures are a drawn PNG or a typed name. */
export const fieldValueSchema = z.union([
  z.object({ kind: z.literal('drawn'), png: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64').max(700_000) }).strict(),
  z.object({ kind: z.literal('typed'), text: z.string().trim().min(1).max(120) }).strict(),
  z.object({ kind: z.literal('text'), text: z.string().max(10000) }).strict(),
  z.object({ kind: z.literal('checked'), checked: z.boolean() }).strict(),
  z.object({ kind: z.literal('file'), fileId: z.string().refine((v) => isId('file', v), 'must be a file id (fil_…)') }).strict(),
]);
export type FieldValue = z.infer<typeof fieldValueSchema>;

export type ValueCheck = { ok: true; value: FieldValue } | { ok: false; message: string };

const PNG_SIGNATURE = 'iVBORw0KGgo';

/**
 * Check a value against its field. Returns the value to store (normalized:
 * trimmed text, E.164 phone numbers, lower-case email).
 */
export function checkValue(field: FieldDef, value: FieldValue): ValueCheck {
  const bad = (message: string): ValueCheck => ({ ok: false, message });
  switch (field.type) {
    case 'signature':
    case 'initials':
      if (value.kind === 'drawn') return value.png.startsWith(PNG_SIGNATURE) ? { ok: true, value } : bad('a drawn signature must be a PNG image');
      if (value.kind === 'typed') return { ok: true, value };
      return bad(`a ${field.type} is drawn or typed`);
    case 'checkbox':
      return value.kind === 'checked' ? { ok: true, value } : bad('a checkbox is checked or not');
    case 'attachment':
      return value.kind === 'file' ? { ok: true, value } : bad('an attachment field takes an uploaded file');
    case 'date_signed':
      return bad('the date signed is filled in by Parley when you sign');
    default:
      break;
  }
  if (value.kind !== 'text') return bad(`a ${field.type.replace('_', ' ')} field takes text`);
  const text = value.text.trim();
  const v = field.validation ?? {};
  if (v.minLength !== undefined && text.length < v.minLength) return bad(`must be at least ${v.minLength} characters`);
  if (v.maxLength !== undefined && text.length > v.maxLength) return bad(`must be at most ${v.maxLength} characters`);
  const asText = (t: string): ValueCheck => ({ ok: true, value: { kind: 'text', text: t } });
  const format = field.type === 'email' ? 'email' : field.type === 'phone' ? 'phone' : v.format;
  if (field.type === 'number') {
    if (!/^-?\d+(\.\d+)?$/.test(text)) return bad('must be a number');
    const n = Number(text);
    if (v.min !== undefined && n < v.min) return bad(`must be at least ${v.min}`);
    if (v.max !== undefined && n > v.max) return bad(`must be at most ${v.max}`);
    return asText(text);
  }
  if (field.type === 'radio' || field.type === 'dropdown') {
    return field.options!.includes(text) ? asText(text) : bad(`must be one of: ${field.options!.join(', ')}`);
  }
  if (format === 'email') {
    return z.email().safeParse(text.toLowerCase()).success ? asText(text.toLowerCase()) : bad('must be an email address');
  }
  if (format === 'phone') {
    const e164 = normalizePhone(text);
    return e164 ? asText(e164) : bad('must be a phone number in international form, e.g. +14155550123');
  }
  if (format === 'digits' && !/^\d+$/.test(text)) return bad('must be digits only');
  if (format === 'date' && !(/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)))) return bad('must be a date as YYYY-MM-DD');
  if (field.required && text.length === 0) return bad('is required');
  return asText(text);
}

/**
 * Values a document starts with: each field's default, or the value of its
 * CRM merge key when the sender gave one (merge wins). Checked like any
 * value; a bad one names its field and key.
 */
export function prefillValues(fields: FieldDef[], mergeValues: Record<string, string>): { ok: true; values: Record<string, FieldValue> } | { ok: false; message: string } {
  const values: Record<string, FieldValue> = {};
  for (const f of fields) {
    const raw = f.merge !== undefined && mergeValues[f.merge] !== undefined ? mergeValues[f.merge]! : f.defaultValue;
    if (raw === undefined || raw === '') continue;
    const value: FieldValue = f.type === 'checkbox' ? { kind: 'checked', checked: raw === 'true' } : { kind: 'text', text: raw };
    const checked = checkValue(f, value);
    if (!checked.ok) return { ok: false, message: `${f.merge && mergeValues[f.merge] !== undefined ? `mergeValues.${f.merge}` : `field ${f.id} default`}: ${checked.message}` };
    values[f.id] = checked.value;
  }
  return { ok: true, values };
}
