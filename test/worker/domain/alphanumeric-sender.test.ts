import { describe, expect, it } from 'vitest';
import { acceptsAlphanumericSender } from '../../../worker/src/domain/alphanumeric-sender';

describe('acceptsAlphanumericSender', () => {
  it('is true where Twilio delivers a sender name with no registration', () => {
    expect(acceptsAlphanumericSender('+447400123456')).toBe(true); // United Kingdom
    expect(acceptsAlphanumericSender('+4915123456789')).toBe(true); // Germany
    expect(acceptsAlphanumericSender('+33612345678')).toBe(true); // France
    expect(acceptsAlphanumericSender('+353851234567')).toBe(true); // Ireland
    expect(acceptsAlphanumericSender('+31612345678')).toBe(true); // Netherlands
  });

  it('tells apart the countries sharing a calling code', () => {
    // +44: Guernsey, Jersey and the Isle of Man are listed on their own, and are in.
    expect(acceptsAlphanumericSender('+447781123456')).toBe(true); // Guernsey
    expect(acceptsAlphanumericSender('+447624123456')).toBe(true); // Isle of Man
    // +1: the US and Canada take no names; Jamaica and Barbados do.
    expect(acceptsAlphanumericSender('+14155550123')).toBe(false);
    expect(acceptsAlphanumericSender('+16135550123')).toBe(false);
    expect(acceptsAlphanumericSender('+18765551234')).toBe(true);
    expect(acceptsAlphanumericSender('+12462345678')).toBe(true);
  });

  it('is false where names are unsupported or must be registered first', () => {
    expect(acceptsAlphanumericSender('+17875550123')).toBe(false); // Puerto Rico
    expect(acceptsAlphanumericSender('+5511987654321')).toBe(false); // Brazil: not supported
    expect(acceptsAlphanumericSender('+32470123456')).toBe(false); // Belgium: not supported
    expect(acceptsAlphanumericSender('+919812345678')).toBe(false); // India: registration
    expect(acceptsAlphanumericSender('+6591234567')).toBe(false); // Singapore: SSIR registration
    expect(acceptsAlphanumericSender('+971501234567')).toBe(false); // UAE: registration
    expect(acceptsAlphanumericSender('+61412345678')).toBe(false); // Australia: Sender ID Register
  });

  it('is false for anything that is not a number of a known country', () => {
    expect(acceptsAlphanumericSender('')).toBe(false);
    expect(acceptsAlphanumericSender('447911123456')).toBe(false);
    expect(acceptsAlphanumericSender('+999123456')).toBe(false);
    expect(acceptsAlphanumericSender('not a number')).toBe(false);
  });
});
