// A payment's own rows (schema v9: payments, stripe_events): the amount
// asked and what Stripe said of it.
import type { PaymentSummary } from '../contract/apps';
import { iso } from '../contract/time';
import type { PaymentState } from '../domain/catalogue';

export type PaymentRow = {
  item_id: string;
  amount: number;
  currency: string;
  description: string;
  intent_id: string | null;
  state: PaymentState;
  failure_message: string | null;
  cancel_reason: string | null;
  amount_refunded: number;
  card_brand: string | null;
  card_last4: string | null;
  receipt_url: string | null;
  paid_at: number | null;
  updated_at: number;
};

export function paymentRow(sql: SqlStorage, itemId: string): PaymentRow | null {
  return sql.exec<PaymentRow>('SELECT * FROM payments WHERE item_id = ?', itemId).toArray()[0] ?? null;
}

/** The payment as its bubble shows it; null for an item without a payment row. */
export function paymentSummary(sql: SqlStorage, itemId: string): PaymentSummary | null {
  const p = paymentRow(sql, itemId);
  if (!p) return null;
  return {
    kind: 'payment',
    amount: p.amount,
    currency: p.currency,
    description: p.description,
    state: p.state,
    failureMessage: p.failure_message,
    amountRefunded: p.amount_refunded,
    paidAt: iso(p.paid_at),
    card: p.card_brand && p.card_last4 ? { brand: p.card_brand, last4: p.card_last4 } : null,
    receiptUrl: p.receipt_url,
  };
}
