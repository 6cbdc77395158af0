// The amount an agent types in "Request a payment", as Stripe counts it:
// in the currency's smallest unit, with the currency's own decimals.
import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../../worker/src/domain/payment';

describe('an amount typed by an agent', () => {
  it('becomes the currency’s smallest unit', () => {
    expect(minorUnits('125', 'usd')).toBe(12_500);
    expect(minorUnits('125.5', 'eur')).toBe(12_550);
    expect(minorUnits('1,250.05', 'usd')).toBe(125_005);
    expect(minorUnits('5000', 'jpy')).toBe(5000);
    expect(minorUnits('1.250', 'kwd')).toBe(1250);
  });

  it('is refused when it is not an amount in that currency', () => {
    expect(minorUnits('12.345', 'usd')).toBeNull();
    expect(minorUnits('50.5', 'jpy')).toBeNull();
    expect(minorUnits('-5', 'usd')).toBeNull();
    expect(minorUnits('ten', 'usd')).toBeNull();
    expect(minorUnits('', 'usd')).toBeNull();
  });
});
