// The payment page of the room: the room's next step for a payment asked of
// the customer, the amount in their locale, Stripe allowed by this page's
// CSP and by no other page's, Stripe.js left to the page's script, and once
// Stripe's webhook said so, the receipt instead of the form.
import { exports } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeStripe } from '../../fakes/stripe/fake-stripe';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const KEYS = { secretKey: 'sk_test_51ParleyPageKey000000000', webhookSecret: 'whsec_ParleyPageWebhook000000000', publishableKey: 'pk_test_51ParleyPageKey000000000' };

let stripe: FakeStripe;
beforeEach(() => {
  stripe = new FakeStripe();
  stripe.addKey(KEYS.secretKey);
  vi.stubGlobal('fetch', stripe.fetch);
});
afterEach(() => vi.unstubAllGlobals());

async function setup(language?: string) {
  const org = await makeOrg();
  await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: { ...KEYS, currencies: ['eur'], minAmount: 1, maxAmount: 1000 } });
  const s = await startSession(org.alice, { name: 'Cora', email: `pp-${crypto.randomUUID()}@example.com`, ...(language ? { language } : {}) });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  const asked = await call('POST', `/api/v1/sessions/${id}/payments`, { token: org.alice.token, body: { amount: 12_550, currency: 'eur', description: 'Deposit <b>1042</b>' } });
  return { org, id, cora, itemId: asked.json.item.id as string };
}

describe('the room payment page', () => {
  it('is the room’s next step, shows the amount, and is the only page that lets Stripe in', async () => {
    const { cora, itemId } = await setup();
    const room = await cora.request('GET', '/room');
    expect(room.text).toContain(`href="/room/payments/${itemId}"`);
    expect(room.text).toContain('Pay: Deposit &lt;b&gt;1042&lt;/b&gt;');
    expect(room.headers.get('Content-Security-Policy')).not.toContain('stripe.com');
    const page = await cora.request('GET', `/room/payments/${itemId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Deposit &lt;b&gt;1042&lt;/b&gt;</h1>');
    expect(page.text).toContain('€125.50');
    expect(page.text).toContain('Pay €125.50');
    expect(page.text).toContain('data-stripe-js="https://js.stripe.com/v3/"');
    expect(page.text).not.toContain('<script src="https://js.stripe.com'); // the page's script loads it, with the client secret it fetches
    expect(page.text).not.toContain('_secret_');
    const csp = page.headers.get('Content-Security-Policy')!;
    expect(csp).toContain("script-src 'self' https://js.stripe.com https://*.js.stripe.com");
    expect(csp).toContain('frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com');
    expect(csp).toContain("connect-src 'self' https://api.stripe.com https://*.stripe.com");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('writes the amount as the customer’s language does, and shows the receipt once Stripe said it is paid', async () => {
    const { org, cora, itemId } = await setup('de');
    expect((await cora.request('GET', `/room/payments/${itemId}`)).text).toContain('125,50');
    const secret = (await cora.request('GET', `/room/api/payments/${itemId}`)).json.checkout.clientSecret as string;
    stripe.confirm(secret.split('_secret_')[0]!, 'pm_card_visa', 'https://parley.test/room');
    await stripe.deliverEvents(`https://parley.test/hooks/stripe/${org.id}`, KEYS.webhookSecret, (r) => exports.default.fetch(r));
    const page = (await cora.request('GET', `/room/payments/${itemId}`)).text;
    expect(page).toContain('Bezahlt. Vielen Dank!');
    expect(page).toMatch(/125,50\s€ bezahlt mit Visa, endend auf 4242/);
    expect(page).toMatch(/<form id="pay-form" class="pay-form" hidden=""/);
  });

  it('answers unknown payments and missing cookies with clear pages', async () => {
    const { cora, itemId } = await setup();
    expect((await cora.request('GET', '/room/payments/itm_0000000000000000')).text).toContain('There is no such payment in your room.');
    expect((await new Browser().request('GET', `/room/payments/${itemId}`)).status).toBe(401);
  });
});
