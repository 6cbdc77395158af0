// The rules of document fields (SPEC §4) beyond "required", in literal
// numbers: what a field definition may say, where it may sit on the page, and
// what each kind of field takes from a signer. Pure; found missing by the
// mutation runner (scripts/mutation.mjs).
import { describe, expect, it } from 'vitest';
import { checkPlacement, checkValue, fieldSchema, fieldValueSchema, prefillValues, type FieldDef } from '../../../worker/src/domain/fields';

const RECT = { x: 10, y: 10, width: 100, height: 20 };
const base = { id: 'f1', type: 'text', page: 1, rect: RECT, role: 'Customer' };
const field = (type: string, extra: Record<string, unknown> = {}): FieldDef => fieldSchema.parse({ ...base, type, ...extra });
const ok = (def: Record<string, unknown>) => fieldSchema.safeParse({ ...base, ...def }).success;
const text = (t: string) => ({ kind: 'text' as const, text: t });
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('a field definition', () => {
  it('sits on a rectangle from 0 to 14400 points, of positive size', () => {
    for (const k of ['x', 'y']) {
      expect(ok({ rect: { ...RECT, [k]: 0 } })).toBe(true);
      expect(ok({ rect: { ...RECT, [k]: 14400 } })).toBe(true);
      expect(ok({ rect: { ...RECT, [k]: 14401 } })).toBe(false);
      expect(ok({ rect: { ...RECT, [k]: -1 } })).toBe(false);
    }
    for (const k of ['width', 'height']) {
      expect(ok({ rect: { ...RECT, [k]: 14400 } })).toBe(true);
      expect(ok({ rect: { ...RECT, [k]: 14401 } })).toBe(false);
      expect(ok({ rect: { ...RECT, [k]: 0 } })).toBe(false);
    }
  });

  it('has an id of 1 to 64 letters, digits, _ or -, a page from 1, a role of 1 to 60 characters, a label of at most 120', () => {
    expect(ok({ id: 'a'.repeat(64) })).toBe(true);
    expect(ok({ id: 'a'.repeat(65) })).toBe(false);
    expect(ok({ id: 'a b' })).toBe(false);
    expect(ok({ page: 0 })).toBe(false);
    expect(ok({ page: 1.5 })).toBe(false);
    expect(ok({ role: 'r'.repeat(60) })).toBe(true);
    expect(ok({ role: 'r'.repeat(61) })).toBe(false);
    expect(ok({ role: '  ' })).toBe(false);
    expect(ok({ label: 'l'.repeat(120) })).toBe(true);
    expect(ok({ label: 'l'.repeat(121) })).toBe(false);
  });

  it('validation lengths are 0 to 10000 (minimum) and 1 to 10000 (maximum), the minimum not above the maximum', () => {
    expect(ok({ validation: { minLength: 0, maxLength: 1 } })).toBe(true);
    expect(ok({ validation: { minLength: 10000, maxLength: 10000 } })).toBe(true);
    expect(ok({ validation: { minLength: 10001 } })).toBe(false);
    expect(ok({ validation: { minLength: -1 } })).toBe(false);
    expect(ok({ validation: { maxLength: 0 } })).toBe(false);
    expect(ok({ validation: { maxLength: 10001 } })).toBe(false);
    expect(ok({ validation: { minLength: 5, maxLength: 5 } })).toBe(true);
    const r = fieldSchema.safeParse({ ...base, validation: { minLength: 6, maxLength: 5 } });
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['validation', 'minLength'], message: 'must not be more than maxLength' })]);
  });

  it('radio and dropdown need 1 to 50 options of at most 120 characters; the others take none', () => {
    const options = (n: number, length = 3) => Array.from({ length: n }, (_, i) => `${i}`.padStart(length, 'o'));
    expect(ok({ type: 'dropdown', options: options(50) })).toBe(true);
    expect(ok({ type: 'dropdown', options: options(51) })).toBe(false);
    expect(ok({ type: 'radio', options: [] })).toBe(false);
    expect(ok({ type: 'radio', options: options(1, 120) })).toBe(true);
    expect(ok({ type: 'radio', options: options(1, 121) })).toBe(false);
    expect(ok({ type: 'radio', options: ['Yes', '  '] })).toBe(false);
    expect(fieldSchema.safeParse({ ...base, type: 'radio' }).error?.issues[0]?.message).toBe('a radio field needs options');
    expect(fieldSchema.safeParse({ ...base, type: 'text', options: ['a'] }).error?.issues[0]?.message).toBe('a text field takes no options');
  });

  it('a default of at most 10000 characters, and a merge key of at most 120', () => {
    expect(ok({ defaultValue: 'd'.repeat(10000) })).toBe(true);
    expect(ok({ defaultValue: 'd'.repeat(10001) })).toBe(false);
    expect(ok({ merge: `Contact.${'a'.repeat(112)}` })).toBe(true);
    expect(ok({ merge: `Contact.${'a'.repeat(113)}` })).toBe(false);
  });
});

describe('placement on the real pages', () => {
  const pages = [{ width: 612, height: 792 }];
  it('inside the page (a hundredth of a point of slack), on a page that exists, with unique ids', () => {
    expect(checkPlacement([field('text', { rect: { x: 512, y: 772, width: 100, height: 20 } })], pages)).toEqual([]);
    expect(checkPlacement([field('text', { rect: { x: 512.005, y: 10, width: 100, height: 20 } })], pages)).toEqual([]);
    // Exactly at the slack: still inside.
    expect(checkPlacement([field('text', { rect: { x: 512.01, y: 772.01, width: 100, height: 20 } })], pages)).toEqual([]);
    expect(checkPlacement([field('text', { rect: { x: 512.02, y: 10, width: 100, height: 20 } })], pages)).toEqual([{ path: 'fields.0.rect', message: 'the field lies outside page 1 (612 × 792 pt)' }]);
    expect(checkPlacement([field('text', { rect: { x: 10, y: 772.02, width: 100, height: 20 } })], pages)).toHaveLength(1);
    expect(checkPlacement([field('text', { page: 2 })], pages)).toEqual([{ path: 'fields.0.page', message: 'page 2 does not exist (the document has 1)' }]);
    expect(checkPlacement([field('text'), field('text')], pages)).toEqual([{ path: 'fields.1.id', message: 'duplicate field id "f1"' }]);
  });
});

describe('what each kind of field takes', () => {
  it('signatures and initials: a drawn PNG or a typed name', () => {
    for (const type of ['signature', 'initials']) {
      expect(checkValue(field(type), { kind: 'drawn', png: PNG }).ok).toBe(true);
      expect(checkValue(field(type), { kind: 'drawn', png: 'R0lGODlhAQABAAAAACw=' })).toEqual({ ok: false, message: 'a drawn signature must be a PNG image' });
      expect(checkValue(field(type), { kind: 'typed', text: 'Cora' }).ok).toBe(true);
      expect(checkValue(field(type), text('Cora'))).toEqual({ ok: false, message: `a ${type} is drawn or typed` });
    }
  });

  it('a checkbox takes checked or not; an attachment a file; the date signed nothing from the signer', () => {
    expect(checkValue(field('checkbox'), { kind: 'checked', checked: false })).toEqual({ ok: true, value: { kind: 'checked', checked: false } });
    expect(checkValue(field('checkbox'), text('yes'))).toEqual({ ok: false, message: 'a checkbox is checked or not' });
    expect(checkValue(field('attachment'), { kind: 'file', fileId: 'fil_AAAAAAAAAAAAAAAA' }).ok).toBe(true);
    expect(checkValue(field('attachment'), text('x'))).toEqual({ ok: false, message: 'an attachment field takes an uploaded file' });
    expect(checkValue(field('date_signed'), text('2026-01-01'))).toEqual({ ok: false, message: 'the date signed is filled in by Parley when you sign' });
  });

  it('text kinds take text only', () => {
    expect(checkValue(field('full_name'), { kind: 'checked', checked: true })).toEqual({ ok: false, message: 'a full name field takes text' });
  });

  it('lengths count the trimmed text, both bounds included', () => {
    const f = field('text', { validation: { minLength: 2, maxLength: 4 } });
    expect(checkValue(f, text(' ab ')).ok).toBe(true);
    expect(checkValue(f, text('abcd')).ok).toBe(true);
    expect(checkValue(f, text(' a '))).toEqual({ ok: false, message: 'must be at least 2 characters' });
    expect(checkValue(f, text('abcde'))).toEqual({ ok: false, message: 'must be at most 4 characters' });
  });

  it('numbers: digits with an optional sign and decimals, bounds included', () => {
    const f = field('number', { validation: { min: 1, max: 10 } });
    expect(checkValue(f, text(' 1 '))).toEqual({ ok: true, value: text('1') });
    expect(checkValue(f, text('10')).ok).toBe(true);
    expect(checkValue(f, text('2.5')).ok).toBe(true);
    expect(checkValue(f, text('0.99'))).toEqual({ ok: false, message: 'must be at least 1' });
    expect(checkValue(f, text('10.01'))).toEqual({ ok: false, message: 'must be at most 10' });
    expect(checkValue(field('number'), text('-3')).ok).toBe(true);
    expect(checkValue(field('number'), text('1e3'))).toEqual({ ok: false, message: 'must be a number' });
    expect(checkValue(field('number'), text('12abc'))).toEqual({ ok: false, message: 'must be a number' });
  });

  it('radio and dropdown: one of the options, exactly', () => {
    const f = field('radio', { options: ['Yes', 'No'] });
    expect(checkValue(f, text(' Yes '))).toEqual({ ok: true, value: text('Yes') });
    expect(checkValue(f, text('yes')).ok).toBe(false);
  });

  it('email is lower-cased, phone is E.164, digits and dates are checked by format', () => {
    expect(checkValue(field('email'), text(' Cora@Example.COM '))).toEqual({ ok: true, value: text('cora@example.com') });
    expect(checkValue(field('text', { validation: { format: 'email' } }), text('nope')).ok).toBe(false);
    expect(checkValue(field('phone'), text('+1 415 555 0123'))).toEqual({ ok: true, value: text('+14155550123') });
    expect(checkValue(field('text', { validation: { format: 'phone' } }), text('12')).ok).toBe(false);
    expect(checkValue(field('text', { validation: { format: 'digits' } }), text('0123'))).toEqual({ ok: true, value: text('0123') });
    expect(checkValue(field('text', { validation: { format: 'digits' } }), text('12a')).ok).toBe(false);
    expect(checkValue(field('text', { validation: { format: 'date' } }), text('2026-02-28')).ok).toBe(true);
    expect(checkValue(field('text', { validation: { format: 'date' } }), text('2026-13-45'))).toEqual({ ok: false, message: 'must be a date as YYYY-MM-DD' });
    expect(checkValue(field('text', { validation: { format: 'date' } }), text('28/02/2026')).ok).toBe(false);
  });
});

describe('a signer sends', () => {
  it('a drawn PNG of at most 700000 base64 characters, a typed name of at most 120, text of at most 10000', () => {
    const png = (n: number) => ({ kind: 'drawn', png: 'A'.repeat(n) });
    expect(fieldValueSchema.safeParse(png(700_000)).success).toBe(true);
    expect(fieldValueSchema.safeParse(png(700_001)).success).toBe(false);
    expect(fieldValueSchema.safeParse({ kind: 'drawn', png: 'not base64!' }).success).toBe(false);
    expect(fieldValueSchema.safeParse({ kind: 'typed', text: 'X' }).success).toBe(true);
    expect(fieldValueSchema.safeParse({ kind: 'typed', text: 't'.repeat(120) }).success).toBe(true);
    expect(fieldValueSchema.safeParse({ kind: 'typed', text: 't'.repeat(121) }).success).toBe(false);
    expect(fieldValueSchema.safeParse(text('t'.repeat(10000))).success).toBe(true);
    expect(fieldValueSchema.safeParse(text('t'.repeat(10001))).success).toBe(false);
    expect(fieldValueSchema.safeParse({ kind: 'file', fileId: 'ses_AAAAAAAAAAAAAAAA' }).success).toBe(false);
  });
});

describe('prefilled values', () => {
  it('a merge value wins over the default; a checkbox default "true" is checked; a bad one names its key', () => {
    const fields = [
      field('text', { id: 'name', merge: 'Contact.Name', defaultValue: 'Someone' }),
      field('checkbox', { id: 'agree', defaultValue: 'true' }),
      field('checkbox', { id: 'other', defaultValue: 'yes' }),
      field('text', { id: 'plain', defaultValue: 'Plain' }),
    ];
    expect(prefillValues(fields, { 'Contact.Name': 'Cora' })).toEqual({
      ok: true,
      values: { name: text('Cora'), agree: { kind: 'checked', checked: true }, other: { kind: 'checked', checked: false }, plain: text('Plain') },
    });
    expect(prefillValues(fields, {})).toMatchObject({ ok: true, values: { name: text('Someone') } });
    expect(prefillValues([field('email', { merge: 'Contact.Email' })], { 'Contact.Email': 'nope' })).toEqual({ ok: false, message: 'mergeValues.Contact.Email: must be an email address' });
    expect(prefillValues([field('email', { defaultValue: 'nope' })], {})).toEqual({ ok: false, message: 'field f1 default: must be an email address' });
    // A merge key the sender did not give: the default is used, and named.
    expect(prefillValues([field('email', { merge: 'Contact.Email', defaultValue: 'nope' })], {})).toEqual({ ok: false, message: 'field f1 default: must be an email address' });
  });
});
