// The fake Stripe on its own: PaymentIntents through their statuses with
// Stripe's test cards, idempotent replays and refusals, Connect accounts kept
// apart, refunds, and events signed so that Parley's check accepts them.
import { describe, expect, it } from 'vitest';
import { verifyStripeSignature } from '../../../worker/src/payments/stripe-signature';
import { FakeStripe, type PaymentIntent } from './fake-stripe';

const KEY = 'sk_test_51ParleyFakeKey';
const API = 'https://api.stripe.com';
const SECRET = 'whsec_parley_test_secret';
/** An answer's JSON, loosely typed: the tests look into Stripe's error bodies too. */
const read = (r: Response): Promise<any> => r.json();

function setup() {
  const fake = new FakeStripe();
  fake.addKey(KEY);
  const headers = (extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', ...extra });
  const post = (path: string, params: Record<string, string>, extra: Record<string, string> = {}) => fake.fetch(`${API}${path}`, { method: 'POST', headers: headers(extra), body: new URLSearchParams(params).toString() });
  const get = (path: string, extra: Record<string, string> = {}) => fake.fetch(`${API}${path}`, { headers: headers(extra) });
  const create = (extra: Record<string, string> = {}, params: Record<string, string> = {}) =>
    post('/v1/payment_intents', { amount: '12500', currency: 'usd', description: 'Deposit', 'metadata[item_id]': 'itm_1', ...params }, extra);
  return { fake, post, get, create };
}

describe('the fake Stripe', () => {
  it('takes a payment with a test card, and tells the webhook, signed', async () => {
    const { fake, get, create } = setup();
    const intent: PaymentIntent = await read(await create());
    expect(intent).toMatchObject({ object: 'payment_intent', amount: 12500, currency: 'usd', status: 'requires_payment_method', metadata: { item_id: 'itm_1' } });
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    fake.confirm(intent.id, 'pm_card_visa', 'https://parley.test/return');
    const paid = await read(await get(`/v1/payment_intents/${intent.id}?expand[]=latest_charge`));
    expect(paid).toMatchObject({ status: 'succeeded', amount_received: 12500, latest_charge: { object: 'charge', payment_method_details: { card: { brand: 'visa', last4: '4242' } } } });

    const seen: Array<{ type: string; verified: true | string }> = [];
    await fake.deliverEvents('https://parley.test/hooks/stripe/org_1', SECRET, async (request) => {
      const body = new Uint8Array(await request.arrayBuffer());
      seen.push({ type: JSON.parse(new TextDecoder().decode(body)).type, verified: await verifyStripeSignature(SECRET, request.headers.get('Stripe-Signature'), body, Date.now()) });
      return new Response(null, { status: 200 });
    });
    expect(seen).toEqual([
      { type: 'payment_intent.created', verified: true },
      { type: 'payment_intent.succeeded', verified: true },
    ]);
  });

  it('declines, and asks for 3-D Secure before paying', async () => {
    const { fake, create } = setup();
    const declined: PaymentIntent = await read(await create());
    expect(fake.confirm(declined.id, 'pm_card_chargeDeclined', 'https://parley.test/r')).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined', message: 'Your card was declined.' } });
    const secure: PaymentIntent = await read(await create());
    expect(fake.confirm(secure.id, 'pm_card_authenticationRequired', 'https://parley.test/r')).toMatchObject({ status: 'requires_action', next_action: { type: 'redirect_to_url', redirect_to_url: { return_url: 'https://parley.test/r' } } });
    expect(fake.finishAction(secure.id, true).status).toBe('succeeded');
  });

  it('answers an idempotent retry with the first answer, and refuses the key with other parameters', async () => {
    const { fake, create } = setup();
    const first = await read(await create({ 'Idempotency-Key': 'pay-create:itm_1' }));
    const again = await create({ 'Idempotency-Key': 'pay-create:itm_1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await read(again)).id).toBe(first.id);
    const other = await create({ 'Idempotency-Key': 'pay-create:itm_1' }, { amount: '999' });
    expect(other.status).toBe(400);
    expect((await read(other)).error).toMatchObject({ type: 'idempotency_error' });
    expect(fake.calls.filter((c) => c.path === '/v1/payment_intents')).toHaveLength(3);
  });

  it('keeps a Connect account’s intents to that account', async () => {
    const { get, create } = setup();
    const onConnected: PaymentIntent = await read(await create({ 'Stripe-Account': 'acct_1Connected' }));
    expect((await get(`/v1/payment_intents/${onConnected.id}`)).status).toBe(404);
    expect((await get(`/v1/payment_intents/${onConnected.id}`, { 'Stripe-Account': 'acct_1Connected' })).status).toBe(200);
  });

  it('cancels an unpaid intent, refunds a paid one in parts, and refuses the rest as Stripe does', async () => {
    const { fake, post, create } = setup();
    const unpaid: PaymentIntent = await read(await create());
    expect(await read(await post(`/v1/payment_intents/${unpaid.id}/cancel`, { cancellation_reason: 'requested_by_customer' }))).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
    const paid: PaymentIntent = await read(await create());
    fake.confirm(paid.id, 'pm_card_visa', 'https://parley.test/r');
    expect((await read(await post(`/v1/payment_intents/${paid.id}/cancel`, {}))).error.code).toBe('payment_intent_unexpected_state');
    expect(await read(await post('/v1/refunds', { payment_intent: paid.id, amount: '2500' }))).toMatchObject({ object: 'refund', amount: 2500, status: 'succeeded' });
    expect((await read(await post('/v1/refunds', { payment_intent: paid.id, amount: '20000' }))).error.code).toBe('amount_too_large');
    expect((await read(await post('/v1/refunds', { payment_intent: paid.id }))).amount).toBe(10000);
    expect((await read(await post('/v1/refunds', { payment_intent: paid.id }))).error.code).toBe('charge_already_refunded');
  });

  it('refuses bad parameters and unknown keys with Stripe’s error body', async () => {
    const { fake, post, create } = setup();
    expect((await read(await create({}, { amount: '10' }))).error).toMatchObject({ type: 'invalid_request_error', code: 'amount_too_small', param: 'amount' });
    expect((await read(await post('/v1/payment_intents', { currency: 'usd' }))).error).toMatchObject({ code: 'parameter_missing', param: 'amount' });
    const unknown = await fake.fetch(`${API}/v1/payment_intents`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_wrongwrongwrong1234' } });
    expect(unknown.status).toBe(401);
    expect((await read(unknown)).error.message).toBe('Invalid API Key provided: sk_test_********1234');
  });
});
