import { describe, expect, it } from 'vitest';
import { contactSchema, isLocalNumber, normalizePhone } from '../../../worker/src/domain/contact';

describe('normalizePhone', () => {
  it('gives E.164 for valid international numbers and null otherwise', () => {
    expect(normalizePhone('+1 (415) 555-0123')).toBe('+14155550123');
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('+972 52 555 1234')).toBe('+972525551234');
    expect(normalizePhone('12345')).toBeNull();
  });

  it('reads a number without a country code with the default prefix; an explicit prefix wins', () => {
    expect(normalizePhone('020 7946 0958', '+44')).toBe('+442079460958');
    expect(normalizePhone('(415) 555-0123', '+1')).toBe('+14155550123');
    expect(normalizePhone('+972 52 555 1234', '+44')).toBe('+972525551234');
    expect(normalizePhone('020 7946 0958')).toBeNull();
  });
});

describe('isLocalNumber', () => {
  it('is digits with the usual separators, without a +', () => {
    expect(isLocalNumber('020 7946 0958')).toBe(true);
    expect(isLocalNumber('(415) 555-0123')).toBe(true);
    expect(isLocalNumber('+44 20 7946 0958')).toBe(false);
    expect(isLocalNumber('123')).toBe(false);
    expect(isLocalNumber('call me')).toBe(false);
    expect(isLocalNumber('-1234')).toBe(false);
  });
});

describe('contactSchema', () => {
  it('needs a name and an email or a phone, and normalizes both', () => {
    expect(contactSchema.parse({ name: ' Cora ', email: 'Cora@Example.COM' })).toEqual({ name: 'Cora', email: 'cora@example.com' });
    expect(contactSchema.parse({ name: 'Cora', phone: '+44 20 7946 0958' })).toEqual({ name: 'Cora', phone: '+442079460958' });
    const none = contactSchema.safeParse({ name: 'Cora' });
    expect(none.error?.issues[0]).toMatchObject({ path: ['email'], message: 'give an email or a phone number' });
    // A local number passes, as typed, for the API to complete with the org's prefix.
    expect(contactSchema.parse({ name: 'Cora', phone: ' 020 7946 0958 ' })).toEqual({ name: 'Cora', phone: '020 7946 0958' });
    expect(contactSchema.safeParse({ name: 'Cora', phone: '012' }).error?.issues[0]?.path).toEqual(['phone']);
    expect(contactSchema.safeParse({ name: 'Cora', phone: 'not a number' }).error?.issues[0]?.path).toEqual(['phone']);
    expect(contactSchema.safeParse({ name: '', email: 'a@b.co' }).success).toBe(false);
  });
});
