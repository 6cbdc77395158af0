// What the customer's payment page says, worked out once from the payment:
// the amount in their locale, where it stands in their words, the receipt
// line once paid, and whether the card form is offered. The server page
// (room-payment-page.tsx) and its script (client/room-payment.ts) both use
// it. Pure.
import type { PaymentSummary } from '../../contract/apps';
import { isPayable } from '../../domain/payment';
import { formatAmount } from '../../i18n/format';
import type { Translate } from '../../i18n/translate';

export interface PaymentModel {
  amount: string;
  status: string;
  /** "Paid $125.00 with visa ending in 4242", once paid. */
  receipt: string | null;
  receiptUrl: string | null;
  /** Whether the card form and Pay button are shown. */
  payable: boolean;
  pay: string;
}

/** Stripe's card brand codes as people write them. */
const BRANDS: Record<string, string> = { amex: 'American Express', diners: 'Diners Club', discover: 'Discover', eftpos_au: 'eftpos', jcb: 'JCB', mastercard: 'Mastercard', unionpay: 'UnionPay', visa: 'Visa', cartes_bancaires: 'Cartes Bancaires' };
export const cardBrand = (code: string) => BRANDS[code] ?? code.charAt(0).toUpperCase() + code.slice(1);

export function paymentModel(t: Translate, p: PaymentSummary, mayAct: boolean): PaymentModel {
  const amount = formatAmount(t.locale, p.amount, p.currency);
  const status =
    p.state === 'failed'
      ? p.failureMessage
        ? t('payment.state.failed', { reason: p.failureMessage })
        : t('payment.state.failed_no_reason')
      : p.state === 'partially_refunded'
        ? t('payment.state.partially_refunded', { amount: formatAmount(t.locale, p.amountRefunded, p.currency) })
        : t(`payment.state.${p.state}`);
  const paid = p.state === 'succeeded' || p.state === 'partially_refunded' || p.state === 'refunded';
  return {
    amount,
    status: !mayAct && isPayable(p.state) ? t('payment.limited') : status,
    receipt: paid && p.card ? t('payment.receipt.card', { amount, card: cardBrand(p.card.brand), last4: p.card.last4 }) : null,
    receiptUrl: paid ? p.receiptUrl : null,
    payable: mayAct && isPayable(p.state),
    pay: t('payment.pay', { amount }),
  };
}
