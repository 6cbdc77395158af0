import { describe, expect, it } from 'vitest';
import { contactSchema, normalizePhone } from '../../../worker/src/domain/contact';

describe('normalizePhone', () => {
  it('gives E.164 for valid international numbers and null otherwise', () => {
    expect(normalizePhone('+1 (415) 555-0123')).toBe('+14155550123');
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('+972 52 555 1234')).toBe('+972525551234');
    expect(normalizePhone('12345')).toBeNull();
  });
});

describe('contactSchema', () => {
  it('needs a name and an email or a phone, and normalizes both', () => {
    expect(contactSchema.parse({ name: ' Cora ', email: 'Cora@Example.COM' })).toEqual({ name: 'Cora', email: 'cora@example.com' });
    expect(contactSchema.parse({ name: 'Cora', phone: '+44 20 7946 0958' })).toEqual({ name: 'Cora', phone: '+442079460958' });
    const none = contactSchema.safeParse({ name: 'Cora' });
    expect(none.error?.issues[0]).toMatchObject({ path: ['email'], message: 'give an email or a phone number' });
    expect(contactSchema.safeParse({ name: 'Cora', phone: '0123' }).error?.issues[0]?.path).toEqual(['phone']);
    expect(contactSchema.safeParse({ name: '', email: 'a@b.co' }).success).toBe(false);
  });
});
