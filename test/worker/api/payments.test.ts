// Payments through Stripe, end to end against the fake Stripe: an admin
// connects the org's account and sets its limits; an agent asks within them
// (the PaymentIntent made once, with an idempotency key); the customer's
// room gets the client secret; and only Stripe's signed webhook makes the
// payment paid, failed or authenticated: a forged one, a replay, a late
// event or any room or agent call changes nothing.
import { exports } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeStripe } from '../../fakes/stripe/fake-stripe';
import { stripeSignature } from '../../../worker/src/payments/stripe-signature';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession, type Org } from '../../helpers/world';

const SECRET_KEY = 'sk_test_51ParleyFakeKey0000000000';
const WEBHOOK_SECRET = 'whsec_ParleyFakeWebhookSecret0000';
const ACCOUNT = { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, publishableKey: 'pk_test_51ParleyFakeKey0000000000', currencies: ['usd', 'EUR', 'jpy'], minAmount: 1, maxAmount: 5000 };

let stripe: FakeStripe;
beforeEach(() => {
  stripe = new FakeStripe();
  stripe.addKey(SECRET_KEY);
  vi.stubGlobal('fetch', stripe.fetch);
});
afterEach(() => vi.unstubAllGlobals());

const toParley = (request: Request) => exports.default.fetch(request);
const deliver = (org: Org, secret = WEBHOOK_SECRET) => stripe.deliverEvents(`https://parley.test/hooks/stripe/${org.id}`, secret, toParley);

async function setup(account: Partial<typeof ACCOUNT> | null = {}) {
  const org = await makeOrg();
  if (account) expect((await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: { ...ACCOUNT, ...account } })).status).toBe(200);
  const s = await startSession(org.alice, { name: 'Cora', email: `pay-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  return { org, id, cora };
}

const ask = (org: Org, id: string, body: unknown) => call('POST', `/api/v1/sessions/${id}/payments`, { token: org.alice.token, body });

describe('the org’s Stripe account', () => {
  it('is set by an admin, keys write-only, and names the webhook address to give Stripe', async () => {
    const org = await makeOrg();
    expect((await call('PUT', '/api/v1/payments/stripe', { token: org.alice.token, body: ACCOUNT })).status).toBe(403);
    const saved = await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: ACCOUNT });
    expect(saved.json.stripe).toMatchObject({ publishableKey: ACCOUNT.publishableKey, mode: 'test', currencies: ['usd', 'eur', 'jpy'], minAmount: 1, maxAmount: 5000, connectAccountId: null });
    expect(saved.json.stripe.webhookUrl).toMatch(new RegExp(`/hooks/stripe/${org.id}$`));
    expect(saved.text).not.toContain(SECRET_KEY);
    expect(saved.text).not.toContain(WEBHOOK_SECRET);
    // Limits change without pasting the keys again; a live secret key cannot go with a test publishable key.
    const { secretKey: _s, webhookSecret: _w, ...limits } = ACCOUNT;
    expect((await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: { ...limits, maxAmount: 100 } })).json.stripe.maxAmount).toBe(100);
    const mixed = await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: { ...ACCOUNT, secretKey: 'sk_live_51ParleyFakeKey0000000000' } });
    expect([mixed.status, mixed.json.error.issues?.[0]?.field]).toEqual([422, 'body.secretKey']);
    const inverted = await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: { ...ACCOUNT, minAmount: 10, maxAmount: 5 } });
    expect([inverted.status, inverted.json.error.issues?.[0]?.field]).toEqual([422, 'body.minAmount']);
    const badKey = await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: { ...ACCOUNT, publishableKey: 'sk_test_nope' } });
    expect(badKey.status).toBe(422);
    expect((await call('DELETE', '/api/v1/payments/stripe', { token: org.admin.token })).json).toEqual({ stripe: null });
  });
});

describe('a payment', () => {
  it('is asked within the admin’s limits, naming the field that is not', async () => {
    const none = await setup(null);
    expect((await ask(none.org, none.id, { amount: 1000, currency: 'usd', description: 'Deposit' })).json.error.code).toBe('payments_not_set_up');
    const { org, id } = await setup();
    const tooMuch = await ask(org, id, { amount: 500_001, currency: 'usd', description: 'Deposit' });
    expect([tooMuch.status, tooMuch.json.error.issues[0]]).toEqual([422, { field: 'body.amount', message: 'between 1.00 and 5000.00 usd, as your admin set' }]);
    const currency = await ask(org, id, { amount: 1000, currency: 'gbp', description: 'Deposit' });
    expect(currency.json.error.issues[0].field).toBe('body.currency');
    // Yen have no minor unit: 5000 is ¥5,000, inside the limits.
    expect((await ask(org, id, { amount: 5000, currency: 'JPY', description: 'Fee' })).status).toBe(201);
    expect(stripe.calls.filter((c) => c.path === '/v1/payment_intents')).toHaveLength(1);
  });

  it('is paid only when Stripe’s signed webhook says so: the room shows the card and receipt, and nothing else can complete it', async () => {
    const { org, id, cora } = await setup();
    const asked = await ask(org, id, { amount: 12_500, currency: 'usd', description: 'Deposit for order 1042' });
    expect(asked.status).toBe(201);
    expect(asked.json.payment).toMatchObject({ amount: 12_500, currency: 'usd', state: 'awaiting_payment' });
    const itemId = asked.json.item.id as string;
    const create = stripe.calls.find((c) => c.path === '/v1/payment_intents')!;
    expect(create.idempotencyKey).toBe(`parley-payment-${itemId}`);
    expect(create.version).toBe('2026-10-28.endive');

    const room = await cora.request('GET', `/room/api/payments/${itemId}`);
    expect(room.json.checkout).toMatchObject({ publishableKey: ACCOUNT.publishableKey, connectAccountId: null });
    const intentId = (room.json.checkout.clientSecret as string).split('_secret_')[0]!;
    expect(stripe.intent(intentId)!.metadata).toEqual({ parley_org: org.id, parley_session: id, parley_item: itemId });
    expect(JSON.stringify(asked.json)).not.toContain('_secret_');

    // Neither side can mark it paid.
    expect((await cora.request('POST', `/room/api/items/${itemId}/status`, { status: 'completed' })).status).toBe(403);
    expect((await call('POST', `/api/v1/sessions/${id}/items/${itemId}/status`, { token: org.alice.token, body: { status: 'completed' } })).status).toBe(403);

    // A forged delivery (signed with another secret) is refused before anything in it is used.
    stripe.confirm(intentId, 'pm_card_visa', 'https://parley.test/room');
    const [event] = stripe.pendingEvents;
    const forged = await signedPost(org, JSON.stringify(event), 'whsec_SomebodyElsesSecret00000000');
    expect([forged.status, ((await forged.json()) as { error: { message: string } }).error.message]).toEqual([403, 'no Stripe-Signature v1 signature matches this endpoint secret']);
    expect((await call('GET', `/api/v1/sessions/${id}/payments/${itemId}`, { token: org.alice.token })).json.payment.state).toBe('awaiting_payment');

    // Stripe's own delivery makes it paid, with the card and the receipt; the item completes.
    const delivered: string[] = [];
    const answers = await stripe.deliverEvents(`https://parley.test/hooks/stripe/${org.id}`, WEBHOOK_SECRET, async (r) => (delivered.push(await r.clone().text()), toParley(r)));
    // payment_intent.created, then payment_intent.succeeded.
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const paid = await call('GET', `/api/v1/sessions/${id}/payments/${itemId}`, { token: org.alice.token });
    expect(paid.json.payment).toMatchObject({ state: 'succeeded', card: { brand: 'visa', last4: '4242' }, failureMessage: null, receiptUrl: expect.stringMatching(/^https:\/\/pay\.stripe\.com\/receipts\//) });
    expect(paid.json.payment.paidAt).not.toBeNull();
    expect(paid.json.item.status).toBe('completed');
    // The room has nothing left to pay.
    expect((await cora.request('GET', `/room/api/payments/${itemId}`)).json).toMatchObject({ checkout: null, payment: { state: 'succeeded' } });

    // The same event delivered again counts once.
    const replay = await signedPost(org, delivered.at(-1)!, WEBHOOK_SECRET);
    expect(await replay.json()).toEqual({ received: true, handled: false, state: 'succeeded' });
  });

  it('shows why a card was declined, takes another try, and waits through 3-D Secure', async () => {
    const { org, id, cora } = await setup();
    const itemId = (await ask(org, id, { amount: 2000, currency: 'eur', description: 'Fee' })).json.item.id as string;
    const intentId = ((await cora.request('GET', `/room/api/payments/${itemId}`)).json.checkout.clientSecret as string).split('_secret_')[0]!;
    const state = async () => (await call('GET', `/api/v1/sessions/${id}/payments/${itemId}`, { token: org.alice.token })).json;

    stripe.confirm(intentId, 'pm_card_chargeDeclined', 'https://parley.test/room');
    await deliver(org);
    expect((await state()).payment).toMatchObject({ state: 'failed', failureMessage: 'Your card was declined.' });
    expect((await state()).item.status).toBe('in_progress');
    // A failed try can be tried again: the room still offers the same intent.
    expect((await cora.request('GET', `/room/api/payments/${itemId}`)).json.checkout.clientSecret).toMatch(new RegExp(`^${intentId}_secret_`));

    stripe.confirm(intentId, 'pm_card_authenticationRequired', 'https://parley.test/room');
    await deliver(org);
    expect((await state()).payment).toMatchObject({ state: 'requires_action', failureMessage: null });
    stripe.finishAction(intentId, true);
    await deliver(org);
    expect((await state()).payment).toMatchObject({ state: 'succeeded', card: { brand: 'visa' } });
    expect(stripe.calls.filter((c) => c.path === '/v1/payment_intents' && c.method === 'POST')).toHaveLength(1);
  });

  it('is refunded by an admin only, in parts, once per ask, and ends refunded', async () => {
    const { org, id, cora } = await setup();
    const itemId = (await ask(org, id, { amount: 10_000, currency: 'usd', description: 'Deposit' })).json.item.id as string;
    const refund = (token: string, body: unknown = {}) => call('POST', `/api/v1/sessions/${id}/payments/${itemId}/refund`, { token, body });
    expect((await refund(org.admin.token)).json.error.code).toBe('not_refundable');
    const secret = (await cora.request('GET', `/room/api/payments/${itemId}`)).json.checkout.clientSecret as string;
    stripe.confirm(secret.split('_secret_')[0]!, 'pm_card_visa', 'https://parley.test/room');
    await deliver(org);

    expect((await refund(org.alice.token, { amount: 100 })).status).toBe(403);
    const tooMuch = await refund(org.admin.token, { amount: 10_001 });
    expect([tooMuch.status, tooMuch.json.error.issues[0].field]).toEqual([422, 'body.amount']);
    const part = await refund(org.admin.token, { amount: 2500 });
    expect(part.json.payment).toMatchObject({ state: 'partially_refunded', amountRefunded: 2500 });
    expect(part.json.item.status).toBe('completed');
    // Stripe's own charge.refunded event arrives after: it changes nothing more.
    await deliver(org);
    // A second part leaves it partly refunded, the amount grown.
    const second = await refund(org.admin.token, { amount: 1500 });
    expect(second.json.payment).toMatchObject({ state: 'partially_refunded', amountRefunded: 4000 });
    const rest = await refund(org.admin.token);
    expect(rest.json.payment).toMatchObject({ state: 'refunded', amountRefunded: 10_000 });
    expect(stripe.calls.filter((c) => c.path === '/v1/refunds').map((c) => c.idempotencyKey)).toEqual([`parley-refund-${itemId}-0-2500`, `parley-refund-${itemId}-2500-1500`, `parley-refund-${itemId}-4000-6000`]);
    expect((await refund(org.admin.token)).json.error.code).toBe('not_refundable');
  });

  it('shows in the workspace: Request a payment with the admin’s currencies, and the bubble with the amount and state', async () => {
    const { org, id } = await setup();
    await ask(org, id, { amount: 12_500, currency: 'usd', description: 'Deposit' });
    const ws = await signInToWorkspace(org.alice);
    const page = (await ws.get(`/app/sessions/${id}`)).text;
    expect(page).toContain('data-payment-open="1"');
    expect(page).toContain('<option value="jpy">JPY</option>');
    expect(page).toContain('<strong>$125.00</strong> <span class="status">Waiting for payment</span>');
    expect(page).not.toContain('data-refund=');
    const none = await setup(null);
    expect((await (await signInToWorkspace(none.org.alice)).get(`/app/sessions/${none.id}`)).text).not.toContain('data-payment-open');
  });

  it('cancelled by the agent, is cancelled at Stripe too and can no longer be paid', async () => {
    const { org, id, cora } = await setup();
    const itemId = (await ask(org, id, { amount: 3000, currency: 'usd', description: 'Fee' })).json.item.id as string;
    const secret = (await cora.request('GET', `/room/api/payments/${itemId}`)).json.checkout.clientSecret as string;
    const cancelled = await call('POST', `/api/v1/sessions/${id}/items/${itemId}/status`, { token: org.alice.token, body: { status: 'cancelled' } });
    expect(cancelled.json.status).toBe('cancelled');
    expect(stripe.intent(secret.split('_secret_')[0]!)!.status).toBe('canceled');
    expect((await call('GET', `/api/v1/sessions/${id}/payments/${itemId}`, { token: org.alice.token })).json.payment.state).toBe('cancelled');
    expect((await cora.request('GET', `/room/api/payments/${itemId}`)).json.checkout).toBeNull();
  });

  it('acknowledges events about payments it does not know, and refuses unsigned or unknown addresses', async () => {
    const { org } = await setup();
    const unknownOrg = await exports.default.fetch(new Request('https://parley.test/hooks/stripe/org_0000000000000000', { method: 'POST', body: '{}' }));
    expect(unknownOrg.status).toBe(404);
    const unsigned = await exports.default.fetch(new Request(`https://parley.test/hooks/stripe/${org.id}`, { method: 'POST', body: '{}' }));
    expect(unsigned.status).toBe(403);
    const other = await signedPost(org, JSON.stringify({ id: 'evt_1', object: 'event', type: 'customer.created', data: { object: { object: 'customer', id: 'cus_1' } } }), WEBHOOK_SECRET);
    expect(await other.json()).toEqual({ received: true, handled: false });
  });
});

/** A delivery signed as Stripe signs it, with this secret. */
async function signedPost(org: Org, body: string, secret: string): Promise<Response> {
  const t = Math.floor(Date.now() / 1000);
  const v1 = await stripeSignature(secret, t, new TextEncoder().encode(body));
  return exports.default.fetch(new Request(`https://parley.test/hooks/stripe/${org.id}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': `t=${t},v1=${v1}` }, body }));
}
