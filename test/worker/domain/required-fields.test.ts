// A required field is filled only by something a person typed: a blank or
// whitespace-only value never counts (SPEC §4). Pinned at the domain level;
// test/worker/api/required-fields.test.ts pins the same rule through the room.
import { describe, expect, it } from 'vitest';
import { checkValue, fieldSchema, fieldValueSchema, prefillValues, type FieldDef } from '../../../worker/src/domain/fields';

const field = (type: string, extra: Record<string, unknown> = {}): FieldDef =>
  fieldSchema.parse({ id: `f_${type}`, type, page: 1, rect: { x: 10, y: 10, width: 100, height: 20 }, role: 'Customer', ...extra });

const BLANKS = ['', ' ', '   ', '\t', '\n', ' \t\r\n '];
const text = (t: string) => ({ kind: 'text' as const, text: t });

describe('a required text field', () => {
  it.each(BLANKS.map((b) => [JSON.stringify(b), b]))('refuses %s as "is required"', (_, blank) => {
    expect(checkValue(field('text'), text(blank))).toEqual({ ok: false, message: 'is required' });
  });

  it('is required unless the definition says otherwise', () => {
    expect(field('text').required).toBe(true);
    expect(checkValue(field('text'), text('  '))).toEqual({ ok: false, message: 'is required' });
  });

  it('takes one visible character, trimmed', () => {
    expect(checkValue(field('text'), text('  x  '))).toEqual({ ok: true, value: text('x') });
  });

  it('an optional one may stay blank: stored empty', () => {
    expect(checkValue(field('text', { required: false }), text('   '))).toEqual({ ok: true, value: text('') });
  });

  it('a full name is refused blank the same way', () => {
    for (const blank of BLANKS) expect(checkValue(field('full_name'), text(blank))).toEqual({ ok: false, message: 'is required' });
    expect(checkValue(field('full_name'), text(' Cora ')).ok).toBe(true);
  });

  it('a minimum length of 0 does not make a blank value count', () => {
    expect(checkValue(field('text', { validation: { minLength: 0 } }), text('   '))).toEqual({ ok: false, message: 'is required' });
  });
});

describe('required fields of the other kinds', () => {
  // Each refuses a blank value with its own message: none lets it through as filled.
  const cases: [string, Record<string, unknown>, string][] = [
    ['number', {}, 'must be a number'],
    ['email', {}, 'must be an email address'],
    ['phone', {}, 'must be a phone number in international form, e.g. +14155550123'],
    ['dropdown', { options: ['Yes', 'No'] }, 'must be one of: Yes, No'],
    ['radio', { options: ['A', 'B'] }, 'must be one of: A, B'],
    ['text', { validation: { format: 'digits' } }, 'must be digits only'],
    ['text', { validation: { format: 'date' } }, 'must be a date as YYYY-MM-DD'],
  ];
  it.each(cases)('%s %j refuses a blank value', (type, extra, message) => {
    for (const blank of BLANKS) expect(checkValue(field(type, extra), text(blank))).toEqual({ ok: false, message });
  });

  it('a typed signature or initials cannot be blank', () => {
    for (const blank of BLANKS) expect(fieldValueSchema.safeParse({ kind: 'typed', text: blank }).success).toBe(false);
    expect(fieldValueSchema.safeParse({ kind: 'typed', text: ' Cora ' })).toMatchObject({ success: true, data: { kind: 'typed', text: 'Cora' } });
  });

  it('a checkbox, an attachment and a signature take only their own kind of value, never text', () => {
    expect(checkValue(field('checkbox'), text('   ')).ok).toBe(false);
    expect(checkValue(field('attachment'), text('   ')).ok).toBe(false);
    expect(checkValue(field('signature'), text('   ')).ok).toBe(false);
  });
});

describe('prefilled values', () => {
  it('a whitespace-only default of a required field is refused, naming the field', () => {
    expect(prefillValues([field('text', { defaultValue: '   ' })], {})).toEqual({ ok: false, message: 'field f_text default: is required' });
  });

  it('a whitespace-only merge value of a required field is refused, naming the merge key', () => {
    expect(prefillValues([field('text', { merge: 'Contact.FirstName' })], { 'Contact.FirstName': ' \t ' })).toEqual({ ok: false, message: 'mergeValues.Contact.FirstName: is required' });
  });

  it('an empty default leaves the field to the signer', () => {
    expect(prefillValues([field('text', { defaultValue: '' })], {})).toEqual({ ok: true, values: {} });
  });
});
