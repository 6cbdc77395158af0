// The rules of a payment asked in the room (issue 16): amounts in the
// currency's minor unit as Stripe counts them, within the limits an admin
// sets and those Stripe imposes, and how a PaymentIntent's status becomes
// Parley's payment state, which only ever moves forward (webhooks arrive
// late, twice, or out of order). Pure.
import type { PaymentState } from './catalogue';

/** Currencies Stripe counts in whole units (docs.stripe.com/currencies). */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
/** Currencies with three decimals, whose last digit Stripe requires to be 0. */
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);
/** Stripe takes at most eight digits of minor units. */
export const STRIPE_MAX_MINOR = 99_999_999;

/** How many decimals the currency's minor unit has. */
export function currencyExponent(currency: string): 0 | 2 | 3 {
  const c = currency.toLowerCase();
  return ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2;
}

/** Minor units as a decimal amount for people ("125.00"), in the currency's own precision. */
export function majorAmount(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  return exp === 0 ? String(minor) : (minor / 10 ** exp).toFixed(exp);
}

/** An amount typed as people write it ("125", "125.5", "1,250.00") in minor units of the currency; null when it is not one. */
export function minorUnits(typed: string, currency: string): number | null {
  const clean = typed.replace(/[\s,']/g, '');
  const exp = currencyExponent(currency);
  if (!new RegExp(`^\\d+(\\.\\d{0,${exp}})?$`).test(clean)) return null;
  const [whole, fraction = ''] = clean.split('.');
  return Number(whole) * 10 ** exp + Number((fraction + '000').slice(0, exp) || 0);
}

export interface PaymentLimits {
  /** Lower-case ISO 4217 codes the org takes. */
  currencies: readonly string[];
  /** Bounds in major units (125.5 = 125.50), the same figure whatever the currency. */
  minAmount: number;
  maxAmount: number;
}

/** Why an amount cannot be asked, naming the field, or null when it can. */
export function amountProblem(amount: number, currency: string, limits: PaymentLimits): string | null {
  const c = currency.toLowerCase();
  if (!limits.currencies.includes(c)) return `currency: ${c} is not one this organisation takes (${limits.currencies.join(', ')})`;
  if (!Number.isSafeInteger(amount) || amount <= 0) return "amount: a positive whole number of the currency's smallest unit (cents, for most currencies)";
  if (amount > STRIPE_MAX_MINOR) return `amount: at most ${STRIPE_MAX_MINOR} in the smallest unit`;
  if (THREE_DECIMAL.has(c) && amount % 10 !== 0) return `amount: ${c} amounts must end in 0 (Stripe takes two of its three decimals)`;
  if (c === 'isk' && amount % 100 !== 0) return 'amount: isk amounts must be whole krónur (divisible by 100)';
  const exp = currencyExponent(c);
  const min = Math.round(limits.minAmount * 10 ** exp);
  const max = Math.round(limits.maxAmount * 10 ** exp);
  if (amount < min || amount > max) return `amount: between ${majorAmount(min, c)} and ${majorAmount(max, c)} ${c}, as your admin set`;
  return null;
}

/** A PaymentIntent's status (and whether its last try failed) as Parley's payment state. */
export function stateOfIntent(status: string, lastErrorMessage: string | null): PaymentState | null {
  switch (status) {
    case 'requires_payment_method':
      return lastErrorMessage ? 'failed' : 'awaiting_payment';
    case 'requires_confirmation':
      return 'awaiting_payment';
    case 'requires_action':
      return 'requires_action';
    case 'processing':
      return 'processing';
    case 'succeeded':
      return 'succeeded';
    case 'canceled':
      return 'cancelled';
    default:
      return null; // requires_capture: Parley never asks for manual capture
  }
}

/** How far along each state is; a state may only give way to one further along (or, before paying, to another try). */
const RANK: Record<PaymentState, number> = {
  requested: 0,
  awaiting_payment: 1,
  requires_action: 1,
  processing: 1,
  failed: 1,
  succeeded: 2,
  partially_refunded: 3,
  refunded: 4,
  cancelled: 5,
};

/** Whether the customer can still pay: asked, waiting, waiting for the bank, or after a failed try. */
export const isPayable = (state: PaymentState): boolean => state === 'requested' || state === 'awaiting_payment' || state === 'requires_action' || state === 'failed';

/** Whether a payment in `from` may move to `to`: paid never goes back, cancelled and refunded are final. */
export function mayMove(from: PaymentState, to: PaymentState): boolean {
  if (from === to) return false;
  if (from === 'cancelled' || from === 'refunded') return false;
  if (to === 'cancelled') return RANK[from] < RANK.succeeded;
  if (RANK[from] >= RANK.succeeded) return RANK[to] > RANK[from];
  return RANK[to] >= RANK[from];
}

/**
 * Whether Stripe's word is news for the payment: a move mayMove allows, or
 * more refunded while it stays partly refunded (a second partial refund
 * keeps the state but not the amount).
 */
export function changesPayment(from: { state: PaymentState; refunded: number }, to: { state: PaymentState; refunded: number }): boolean {
  return mayMove(from.state, to.state) || (from.state === 'partially_refunded' && to.state === 'partially_refunded' && to.refunded > from.refunded);
}

/** The state after refunds totalling `refunded` of `amount`. */
export function refundedState(amount: number, refunded: number): PaymentState {
  return refunded <= 0 ? 'succeeded' : refunded >= amount ? 'refunded' : 'partially_refunded';
}
