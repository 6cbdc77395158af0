// The Worker's side of a payment: the PaymentIntent it is paid through,
// created once (the item's id is the idempotency key, so a retry after a lost
// answer finds the same intent, never a second charge), and read back fresh
// from Stripe when the webhook says something changed: Stripe's current
// word, not the event's copy, is what the room records, so events that
// arrive out of order still end at the truth.
import type Stripe from 'stripe';
import type { PaymentView } from '../contract/payments';
import type { StripeAccount } from '../directory/stripe-accounts';
import type { Env } from '../env';
import { ApiError } from '../errors';
import type { StripeIntentSnapshot } from '../room/payments';
import { requestOptions, stripeFor } from './stripe-client';
import { findStripeAccount } from '../directory/stripe-accounts';
import { logWarning, reasonOf } from '../log';
import type { AgentActor } from '../room/actors';
import type { sessionRoom } from '../room/address';
import { isId } from '../contract/ids';

export interface PaymentTarget {
  orgId: string;
  sessionId: string;
}

/** The intent's id for the payment, creating it when there is none yet. */
export async function ensureIntent(env: Env, account: StripeAccount, target: PaymentTarget, view: PaymentView, intentId: string | null): Promise<Stripe.PaymentIntent> {
  const stripe = await stripeFor(env, account);
  if (intentId) return stripe.paymentIntents.retrieve(intentId, {}, requestOptions(account));
  const { payment, item } = view;
  return stripe.paymentIntents.create(
    {
      amount: payment.amount,
      currency: payment.currency,
      description: payment.description,
      automatic_payment_methods: { enabled: true },
      // How the webhook finds the payment again: Stripe sends the intent's metadata with every event about it.
      metadata: { parley_org: target.orgId, parley_session: target.sessionId, parley_item: item.id },
    },
    requestOptions(account, `parley-payment-${item.id}`),
  );
}

/** What a verified event's intent says now, and whose payment it is (from the metadata Parley gave it). */
export interface IntentReading {
  intent: StripeIntentSnapshot;
  orgId: string | null;
  target: { sessionId: string; itemId: string } | null;
}

/** The intent as the room records it, read fresh from Stripe with its latest charge (card, receipt, refunds). */
export async function intentSnapshot(env: Env, account: StripeAccount, intentId: string, event: { id: string; type: string }): Promise<IntentReading> {
  const stripe = await stripeFor(env, account);
  const intent = await stripe.paymentIntents.retrieve(intentId, { expand: ['latest_charge'] }, requestOptions(account));
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const card = charge?.payment_method_details?.card;
  const { parley_org: orgId, parley_session: sessionId, parley_item: itemId } = intent.metadata ?? {};
  return {
    intent: {
      eventId: event.id,
      eventType: event.type,
      intentId: intent.id,
      status: intent.status,
      failureMessage: intent.last_payment_error?.message ?? null,
      amountRefunded: charge?.amount_refunded ?? 0,
      card: card?.brand && card.last4 ? { brand: card.brand, last4: card.last4 } : null,
      receiptUrl: charge?.receipt_url ?? null,
    },
    orgId: orgId ?? null,
    target: sessionId && itemId && isId('session', sessionId) && isId('item', itemId) ? { sessionId, itemId } : null,
  };
}

/**
 * The agent cancelled a payment item: its PaymentIntent is cancelled at
 * Stripe too, so it can no longer be paid anywhere, and the payment records
 * Stripe's word. The item is cancelled in Parley whatever Stripe says; a
 * failure here is logged (an intent already paid or cancelled cannot be
 * cancelled, and the webhook keeps the payment true).
 */
export async function cancelIntent(env: Env, stub: ReturnType<typeof sessionRoom>, actor: AgentActor, itemId: string): Promise<void> {
  const found = await stub.payment(actor, itemId);
  if (!found.ok || !found.value.intentId) return;
  const { intentId, orgId } = found.value;
  const account = await findStripeAccount(env, orgId);
  if (!account) return;
  try {
    const stripe = await stripeFor(env, account);
    const cancelled = await stripe.paymentIntents.cancel(intentId, { cancellation_reason: 'abandoned' }, requestOptions(account, `parley-cancel-${itemId}`));
    const reading = await intentSnapshot(env, account, cancelled.id, { id: `cancel:${itemId}`, type: 'payment_intent.canceled' });
    await stub.applyStripeEvent(itemId, reading.intent);
  } catch (err) {
    logWarning('stripe_cancel_failed', { orgId, itemId, reason: reasonOf(err) });
  }
}

/** Stripe could not be reached or refused Parley's key: said plainly, never as a 500. */
export function stripeTrouble(err: unknown): ApiError {
  const e = err as { type?: string; statusCode?: number; message?: string };
  if (e?.type === 'StripeAuthenticationError' || e?.statusCode === 401) return new ApiError(502, 'stripe_refused', "Stripe refused the organisation's secret key: an admin must check the payment settings");
  if (e?.type === 'StripeInvalidRequestError') return new ApiError(502, 'stripe_refused', `Stripe refused the request: ${e.message ?? 'invalid request'}`);
  return new ApiError(503, 'stripe_unavailable', 'Stripe could not be reached; try again in a moment');
}
