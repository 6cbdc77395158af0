// A local stand-in for the part of Stripe's API Parley uses: PaymentIntents
// (create, retrieve, cancel), Charges (retrieve, for the receipt), Refunds
// (create), idempotent requests, Connect's Stripe-Account header, and
// webhook events signed as Stripe signs them. Shapes follow Stripe's API
// reference and its OpenAPI fixtures (github.com/stripe/openapi,
// fixtures3.json), so a client that works against the fake sends what
// Stripe accepts:
//   - PaymentIntents: docs.stripe.com/api/payment_intents (statuses as in
//     docs.stripe.com/payments/paymentintents/lifecycle)
//   - idempotency: docs.stripe.com/api/idempotent_requests (same key and
//     parameters: the first answer again; other parameters: 400
//     idempotency_error)
//   - webhooks: docs.stripe.com/webhooks (Stripe-Signature t=…,v1=…)
//
// The customer's side (Stripe.js confirming with a card, a 3-D Secure
// challenge) is played by `confirm` and `finishAction` with Stripe's test
// payment methods: pm_card_visa pays; pm_card_chargeDeclined is declined;
// pm_card_authenticationRequired asks for 3-D Secure first.
//
// Events are not posted by themselves: each change queues one, and
// `await fake.deliverEvents(url, secret, fetch)` posts them signed, so a test
// decides when Stripe "calls back". Web APIs only: it runs inside workerd.

import { stripeSignature } from '../../../worker/src/payments/stripe-signature.ts';
import { invalidKey, invalidRequest, json, noSuch, stripeError } from './errors.ts';

export const API_VERSION = '2026-10-28.endive';

/** The fields of a PaymentIntent Parley reads (the rest of Stripe's object is left out, not invented). */
export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  description: string | null;
  metadata: Record<string, string>;
  status: 'requires_payment_method' | 'requires_action' | 'processing' | 'succeeded' | 'canceled';
  client_secret: string;
  last_payment_error: { type: 'card_error'; code: string; decline_code?: string; message: string } | null;
  latest_charge: string | Charge | null;
  next_action: { type: 'redirect_to_url'; redirect_to_url: { url: string; return_url: string } } | null;
  cancellation_reason: string | null;
  canceled_at: number | null;
  payment_method: string | null;
  automatic_payment_methods: { enabled: boolean } | null;
  livemode: boolean;
  created: number;
}

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_refunded: number;
  currency: string;
  payment_intent: string;
  paid: boolean;
  refunded: boolean;
  receipt_url: string;
  payment_method_details: { type: 'card'; card: { brand: string; last4: string } };
  created: number;
}

export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  currency: string;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
  created: number;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  account?: string;
  data: { object: PaymentIntent | Charge };
}

/** Stripe's test cards, by test payment method (docs.stripe.com/testing). */
const TEST_CARDS: Record<string, { brand: string; last4: string; outcome: 'pay' | 'decline' | 'authenticate' }> = {
  pm_card_visa: { brand: 'visa', last4: '4242', outcome: 'pay' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', outcome: 'pay' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', outcome: 'decline' },
  pm_card_authenticationRequired: { brand: 'visa', last4: '3184', outcome: 'authenticate' },
};

/** Stripe's minimum charge in a few currencies (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts), in minor units. */
const MINIMUM: Record<string, number> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, chf: 50, ils: 200, jpy: 50 };

type Saved = { endpoint: string; params: string; status: number; body: string };

const rand = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('');
const seconds = () => Math.floor(Date.now() / 1000);

export class FakeStripe {
  /** Every call the fake answered, for assertions: method, path, the Stripe-Account and Idempotency-Key sent. */
  readonly calls: Array<{ method: string; path: string; account: string | null; idempotencyKey: string | null; version: string | null }> = [];
  readonly pendingEvents: StripeEvent[] = [];
  private readonly keys = new Set<string>();
  private readonly intents = new Map<string, { account: string; intent: PaymentIntent }>();
  private readonly charges = new Map<string, Charge>();
  private readonly idempotent = new Map<string, Saved>();
  /** The test card of an intent waiting for 3-D Secure. */
  private readonly pendingCard = new Map<string, string>();

  /** A secret key the fake accepts (sk_test_… or rk_test_…). */
  addKey(secretKey: string): void {
    this.keys.add(secretKey);
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const key = /^Bearer (\S+)$/.exec(request.headers.get('Authorization') ?? '')?.[1] ?? null;
    const account = request.headers.get('Stripe-Account');
    const idempotencyKey = request.headers.get('Idempotency-Key');
    this.calls.push({ method: request.method, path: url.pathname, account, idempotencyKey, version: request.headers.get('Stripe-Version') });
    if (!key || !this.keys.has(key)) return invalidKey(key);
    const scope = `${key}|${account ?? ''}`;
    const params = request.method === 'POST' ? new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer())) : url.searchParams;
    if (request.method !== 'POST' || !idempotencyKey) return this.route(request.method, url.pathname, params, scope, idempotencyKey);

    // Idempotent requests: the first answer is kept, whatever it was, and given again for the same key and parameters.
    const saved = this.idempotent.get(`${scope}|${idempotencyKey}`);
    const canonical = [...params].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join('&');
    if (saved) {
      if (saved.endpoint !== url.pathname) {
        return stripeError(400, { type: 'idempotency_error', message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${saved.endpoint}' vs '${url.pathname}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.` });
      }
      if (saved.params !== canonical) {
        return stripeError(400, { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.` });
      }
      return new Response(saved.body, { status: saved.status, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } });
    }
    const res = await this.route(request.method, url.pathname, params, scope, idempotencyKey);
    // A request refused before it ran (bad parameters) is not saved: a retry runs anew.
    if (res.status !== 400) this.idempotent.set(`${scope}|${idempotencyKey}`, { endpoint: url.pathname, params: canonical, status: res.status, body: await res.clone().text() });
    return res;
  };

  /** The intent as stored, for assertions. */
  intent(id: string): PaymentIntent | null {
    return this.intents.get(id)?.intent ?? null;
  }

  /** The customer confirms in the browser with a test payment method: paid, declined, or asked for 3-D Secure. */
  confirm(intentId: string, paymentMethod: keyof typeof TEST_CARDS, returnUrl: string): PaymentIntent {
    const found = this.intents.get(intentId);
    if (!found) throw new Error(`no intent ${intentId}`);
    const { intent } = found;
    if (intent.status !== 'requires_payment_method') throw new Error(`cannot confirm an intent that is ${intent.status}`);
    const card = TEST_CARDS[paymentMethod]!;
    intent.payment_method = `pm_${rand(24)}`;
    if (card.outcome === 'decline') {
      intent.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
      this.queue('payment_intent.payment_failed', intent, found.account);
    } else if (card.outcome === 'authenticate') {
      intent.status = 'requires_action';
      intent.next_action = { type: 'redirect_to_url', redirect_to_url: { url: `https://hooks.stripe.com/3d_secure_2/${intent.id}`, return_url: returnUrl } };
      this.pendingCard.set(intent.id, paymentMethod);
      this.queue('payment_intent.requires_action', intent, found.account);
    } else this.pay(intent, card, found.account);
    return structuredClone(intent);
  }

  /** The 3-D Secure challenge ends: passed (paid) or failed (asked for another card). */
  finishAction(intentId: string, passed: boolean): PaymentIntent {
    const found = this.intents.get(intentId);
    if (!found || found.intent.status !== 'requires_action') throw new Error(`no intent ${intentId} waiting for 3-D Secure`);
    const { intent } = found;
    intent.next_action = null;
    if (passed) this.pay(intent, TEST_CARDS[this.pendingCard.get(intentId)!]!, found.account);
    else {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = { type: 'card_error', code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.' };
      this.queue('payment_intent.payment_failed', intent, found.account);
    }
    return structuredClone(intent);
  }

  /**
   * Post the queued events, each signed with `secret` as Stripe signs it; the
   * app's answers, in order. `url` may depend on the event (an endpoint per
   * org); an event it gives no address for is dropped, as Stripe sends an
   * endpoint only the events it subscribed to.
   */
  async deliverEvents(url: string | ((event: StripeEvent) => string | null), secret: string, fetcher: (request: Request) => Promise<Response>): Promise<Response[]> {
    const answers: Response[] = [];
    for (const event of this.pendingEvents.splice(0)) {
      const to = typeof url === 'string' ? url : url(event);
      if (!to) continue;
      const body = JSON.stringify(event, null, 2);
      const t = seconds();
      const v1 = await stripeSignature(secret, t, new TextEncoder().encode(body));
      answers.push(await fetcher(new Request(to, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': `t=${t},v1=${v1}` }, body })));
    }
    return answers;
  }

  private pay(intent: PaymentIntent, card: { brand: string; last4: string }, account: string): void {
    const charge: Charge = {
      id: `ch_${rand(24)}`,
      object: 'charge',
      amount: intent.amount,
      amount_refunded: 0,
      currency: intent.currency,
      payment_intent: intent.id,
      paid: true,
      refunded: false,
      receipt_url: `https://pay.stripe.com/receipts/payment/${rand(40)}`,
      payment_method_details: { type: 'card', card: { brand: card.brand, last4: card.last4 } },
      created: seconds(),
    };
    this.charges.set(charge.id, charge);
    Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: charge.id, last_payment_error: null });
    this.queue('payment_intent.succeeded', intent, account);
  }

  /** An event for the change, on the account it happened on (scope is "secret key|connected account"). */
  private queue(type: string, object: PaymentIntent | Charge, scope: string): void {
    const [, connected] = scope.split('|');
    this.pendingEvents.push({
      id: `evt_${rand(24)}`,
      object: 'event',
      api_version: API_VERSION,
      created: seconds(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      ...(connected ? { account: connected } : {}),
      data: { object: structuredClone(object) },
    });
  }

  private route(method: string, path: string, params: URLSearchParams, scope: string, idempotencyKey: string | null): Response {
    const intentPath = /^\/v1\/payment_intents\/(pi_[A-Za-z0-9]+)(\/cancel)?$/.exec(path);
    if (method === 'POST' && path === '/v1/payment_intents') return this.createIntent(params, scope, idempotencyKey);
    if (intentPath) {
      const found = this.intents.get(intentPath[1]!);
      if (!found || found.account !== scope) return noSuch('payment_intent', intentPath[1]!);
      if (method === 'GET' && !intentPath[2]) return json(200, this.expanded(found.intent, params));
      if (method === 'POST' && intentPath[2]) return this.cancelIntent(found.intent, params, scope);
    }
    const chargePath = /^\/v1\/charges\/(ch_[A-Za-z0-9]+)$/.exec(path);
    if (method === 'GET' && chargePath) {
      const charge = this.charges.get(chargePath[1]!);
      return charge && this.intents.get(charge.payment_intent)?.account === scope ? json(200, charge) : noSuch('charge', chargePath[1]!);
    }
    if (method === 'POST' && path === '/v1/refunds') return this.refund(params, scope);
    return stripeError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` });
  }

  private createIntent(params: URLSearchParams, scope: string, idempotencyKey: string | null): Response {
    const amount = params.get('amount');
    const currency = params.get('currency');
    if (amount === null) return invalidRequest('Missing required param: amount.', 'parameter_missing', 'amount');
    if (!/^\d+$/.test(amount)) return invalidRequest('Invalid integer: ' + amount, 'parameter_invalid_integer', 'amount');
    if (currency === null) return invalidRequest('Missing required param: currency.', 'parameter_missing', 'currency');
    if (!/^[a-z]{3}$/.test(currency)) return invalidRequest(`Invalid currency: ${currency}.`, 'parameter_invalid_string', 'currency');
    if (Number(amount) > 99_999_999) return invalidRequest('Amount must be no more than $999,999.99', 'amount_too_large', 'amount');
    if (Number(amount) < (MINIMUM[currency] ?? 1)) return invalidRequest('Amount must be at least the minimum charge amount for this currency', 'amount_too_small', 'amount');
    const metadata: Record<string, string> = {};
    for (const [k, v] of params) {
      const m = /^metadata\[(.+)\]$/.exec(k);
      if (m) metadata[m[1]!] = v;
    }
    const id = `pi_${rand(24)}`;
    const intent: PaymentIntent = {
      id,
      object: 'payment_intent',
      amount: Number(amount),
      amount_received: 0,
      currency,
      description: params.get('description'),
      metadata,
      status: 'requires_payment_method',
      client_secret: `${id}_secret_${rand(25)}`,
      last_payment_error: null,
      latest_charge: null,
      next_action: null,
      cancellation_reason: null,
      canceled_at: null,
      payment_method: null,
      automatic_payment_methods: params.get('automatic_payment_methods[enabled]') === 'false' ? null : { enabled: true },
      livemode: false,
      created: seconds(),
    };
    this.intents.set(id, { account: scope, intent });
    this.queue('payment_intent.created', intent, scope);
    this.pendingEvents.at(-1)!.request = { id: `req_${rand(14)}`, idempotency_key: idempotencyKey };
    return json(200, intent);
  }

  private cancelIntent(intent: PaymentIntent, params: URLSearchParams, scope: string): Response {
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      return invalidRequest(`You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`, 'payment_intent_unexpected_state');
    }
    const reason = params.get('cancellation_reason');
    if (reason !== null && !['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'].includes(reason)) return invalidRequest(`Invalid cancellation_reason: ${reason}`, 'parameter_invalid_string', 'cancellation_reason');
    Object.assign(intent, { status: 'canceled', cancellation_reason: reason, canceled_at: seconds(), next_action: null });
    this.queue('payment_intent.canceled', intent, scope);
    return json(200, intent);
  }

  private refund(params: URLSearchParams, scope: string): Response {
    const intentId = params.get('payment_intent');
    if (!intentId) return invalidRequest('One of the following params should be provided for this request: payment_intent or charge.', 'parameter_missing', 'payment_intent');
    const found = this.intents.get(intentId);
    if (!found || found.account !== scope) return noSuch('payment_intent', intentId);
    const charge = typeof found.intent.latest_charge === 'string' ? this.charges.get(found.intent.latest_charge) : undefined;
    if (!charge || found.intent.status !== 'succeeded') return invalidRequest(`This PaymentIntent (${intentId}) does not have a successful charge to refund.`, 'charge_not_refundable');
    const left = charge.amount - charge.amount_refunded;
    if (left === 0) return invalidRequest(`Charge ${charge.id} has already been refunded.`, 'charge_already_refunded');
    const asked = params.get('amount');
    const amount = asked === null ? left : Number(asked);
    if (!Number.isSafeInteger(amount) || amount <= 0) return invalidRequest(`Invalid positive integer`, 'parameter_invalid_integer', 'amount');
    if (amount > left) return invalidRequest(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, 'amount_too_large', 'amount');
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const refund: Refund = { id: `re_${rand(24)}`, object: 'refund', amount, charge: charge.id, currency: charge.currency, payment_intent: intentId, reason: params.get('reason'), status: 'succeeded', created: seconds() };
    this.queue('charge.refunded', charge, scope);
    return json(200, refund);
  }

  /** A retrieved intent, with `expand[]=latest_charge` honoured. */
  private expanded(intent: PaymentIntent, params: URLSearchParams): PaymentIntent {
    // Stripe takes expand[]=… and the indexed expand[0]=… its libraries send.
    const expand = [...params].filter(([k]) => /^expand\[\d*\]$/.test(k)).map(([, v]) => v);
    if (!expand.includes('latest_charge') || typeof intent.latest_charge !== 'string') return intent;
    return { ...intent, latest_charge: this.charges.get(intent.latest_charge) ?? null };
  }
}
