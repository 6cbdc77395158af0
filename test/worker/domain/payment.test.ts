import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYMENT_STATES } from '../../../worker/src/domain/catalogue';
import { amountProblem, changesPayment, currencyExponent, majorAmount, mayMove, refundedState, stateOfIntent } from '../../../worker/src/domain/payment';

const limits = { currencies: ['usd', 'eur', 'jpy', 'kwd', 'isk'], minAmount: 1, maxAmount: 5000 };

describe('amounts', () => {
  it("counts in each currency's minor unit as Stripe does", () => {
    expect([currencyExponent('usd'), currencyExponent('JPY'), currencyExponent('kwd')]).toEqual([2, 0, 3]);
    expect(majorAmount(12_550, 'usd')).toBe('125.50');
    expect(majorAmount(1200, 'jpy')).toBe('1200');
    expect(majorAmount(5120, 'kwd')).toBe('5.120');
  });

  it('stays within the admin’s bounds, in every currency’s own unit', () => {
    expect(amountProblem(12_550, 'usd', limits)).toBeNull();
    expect(amountProblem(99, 'usd', limits)).toBe('amount: between 1.00 and 5000.00 usd, as your admin set');
    expect(amountProblem(500_001, 'usd', limits)).toBe('amount: between 1.00 and 5000.00 usd, as your admin set');
    expect(amountProblem(5000, 'jpy', limits)).toBeNull();
    expect(amountProblem(5001, 'jpy', limits)).toBe('amount: between 1 and 5000 jpy, as your admin set');
  });

  it('refuses what Stripe would refuse, naming the field', () => {
    expect(amountProblem(100, 'gbp', limits)).toBe('currency: gbp is not one this organisation takes (usd, eur, jpy, kwd, isk)');
    expect(amountProblem(12.5, 'usd', limits)).toMatch(/^amount: a positive whole number/);
    expect(amountProblem(0, 'usd', limits)).toMatch(/^amount: a positive whole number/);
    expect(amountProblem(5125, 'kwd', limits)).toBe('amount: kwd amounts must end in 0 (Stripe takes two of its three decimals)');
    expect(amountProblem(150, 'isk', limits)).toBe('amount: isk amounts must be whole krónur (divisible by 100)');
    expect(amountProblem(100_000_000, 'usd', { ...limits, maxAmount: 10_000_000 })).toBe('amount: at most 99999999 in the smallest unit');
  });
});

describe('payment states', () => {
  it('reads a PaymentIntent’s status, a failed try included', () => {
    expect(stateOfIntent('requires_payment_method', null)).toBe('awaiting_payment');
    expect(stateOfIntent('requires_payment_method', 'Your card was declined.')).toBe('failed');
    expect(stateOfIntent('requires_action', null)).toBe('requires_action');
    expect(stateOfIntent('succeeded', null)).toBe('succeeded');
    expect(stateOfIntent('canceled', null)).toBe('cancelled');
    expect(stateOfIntent('requires_capture', null)).toBeNull();
  });

  it('never goes back from paid, and ends at cancelled or refunded', () => {
    expect(mayMove('processing', 'succeeded')).toBe(true);
    expect(mayMove('failed', 'awaiting_payment')).toBe(true); // another try
    expect(mayMove('succeeded', 'processing')).toBe(false); // a late event
    expect(mayMove('succeeded', 'cancelled')).toBe(false);
    expect(mayMove('succeeded', 'partially_refunded')).toBe(true);
    expect(mayMove('partially_refunded', 'refunded')).toBe(true);
    fc.assert(
      fc.property(fc.constantFrom(...PAYMENT_STATES), (to) => {
        expect(mayMove('cancelled', to)).toBe(false);
        expect(mayMove('refunded', to)).toBe(false);
        if (['requested', 'awaiting_payment', 'requires_action', 'processing', 'failed'].includes(to)) expect(mayMove('succeeded', to)).toBe(false);
      }),
    );
  });

  it('says how much of a payment was refunded', () => {
    expect([refundedState(1000, 0), refundedState(1000, 400), refundedState(1000, 1000)]).toEqual(['succeeded', 'partially_refunded', 'refunded']);
  });

  it('takes a second partial refund as news, though the state stays, and an old word about refunds as none', () => {
    const partly = (refunded: number) => ({ state: 'partially_refunded' as const, refunded });
    expect(changesPayment(partly(200), partly(500))).toBe(true);
    expect(changesPayment(partly(500), partly(200))).toBe(false); // a late event
    expect(changesPayment(partly(500), partly(500))).toBe(false);
    expect(changesPayment({ state: 'succeeded', refunded: 0 }, partly(200))).toBe(true);
    expect(changesPayment({ state: 'processing', refunded: 0 }, { state: 'processing', refunded: 0 })).toBe(false);
  });
});
