// The bounds of contact details, in literal numbers: a name of 1 to 120
// characters, an email of at most 254 (RFC 5321), a phone number of at most 32
// characters as typed. Found missing by the mutation runner
// (scripts/mutation.mjs).
import { describe, expect, it } from 'vitest';
import { contactSchema, emailSchema, personNameSchema, phoneSchema } from '../../../worker/src/domain/contact';

describe('contact bounds', () => {
  it('a name of 1 to 120 characters, trimmed', () => {
    expect(personNameSchema.parse(' A ')).toBe('A');
    expect(personNameSchema.safeParse('n'.repeat(120)).success).toBe(true);
    expect(personNameSchema.safeParse('n'.repeat(121)).success).toBe(false);
    expect(personNameSchema.safeParse('   ').error?.issues[0]?.message).toBe('must not be empty');
  });

  it('an email of at most 254 characters', () => {
    const email = (length: number) => `${'a'.repeat(64)}@${'b'.repeat(length - 64 - 1 - 4 - 63 - 1 - 63 - 1)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`;
    expect(email(254)).toHaveLength(254);
    expect(emailSchema.safeParse(email(254)).success).toBe(true);
    expect(emailSchema.safeParse(email(255)).success).toBe(false);
  });

  it('a phone number of at most 32 characters as typed', () => {
    const padded = (length: number) => `+1 415 555 0123${' '.repeat(length - 15)}`;
    expect(phoneSchema.parse(padded(32))).toBe('+14155550123');
    expect(phoneSchema.safeParse(padded(33)).success).toBe(false);
    expect(phoneSchema.safeParse('hello').error?.issues[0]?.message).toBe('must be a phone number in international form, e.g. +14155550123 (or a local number, where the org set a default phone prefix)');
  });

  it('a contact needs an email or a phone number', () => {
    expect(contactSchema.safeParse({ name: 'Cora' }).error?.issues[0]).toMatchObject({ path: ['email'], message: 'give an email or a phone number' });
    expect(contactSchema.safeParse({ name: 'Cora', phone: '+14155550123' }).success).toBe(true);
  });
});
