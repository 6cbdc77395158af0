// @vitest-environment jsdom
// The payments page's script (/assets/admin.js on /app/admin/payments) in a
// DOM: the page as the server renders it, fetch answering as
// PUT|DELETE /api/v1/payments/stripe do (answers checked against the
// contract). What is sent (an empty secret left out, currencies and amounts
// as the API takes them), where a 422's issues land, the saved state shown.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { stripeAccountAnswerSchema, type StripeAccountView } from '../../../worker/src/contract/payments';
import { PaymentsPage } from '../../../worker/src/ui/workspace/admin-payments';
import { queuedApi } from '../../helpers/queued-api';

// Loaded by a path TypeScript does not follow: the pages' code is typed by its own tsconfig (the browser's DOM).
const ADMIN_SCRIPT: string = '../../../worker/src/ui/client/admin';

/** The little of jsdom's DOM this file uses (the tests' tsconfig has no DOM library). */
interface El {
  hidden: boolean;
  value: string;
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  innerHTML: string;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  dispatchEvent(event: Event): boolean;
  click(): void;
}
const document = (globalThis as unknown as { document: { documentElement: El; body: El; activeElement: El | null; getElementById(id: string): El } }).document;

const ORG = 'org_Test0000000000';
const WEBHOOK = `https://parley.test/hooks/stripe/${ORG}`;
const SECRET = 'sk_test_51ParleyScriptKey0000000';
const HOOK_SECRET = 'whsec_ParleyScriptSecret00000';
const PUBLISHABLE = 'pk_test_51ParleyScriptKey0000000';
const SAVED: StripeAccountView = { publishableKey: PUBLISHABLE, connectAccountId: null, mode: 'test', currencies: ['usd', 'eur'], minAmount: 1, maxAmount: 2500, webhookUrl: WEBHOOK, updatedAt: '2026-12-01T09:30:00.000Z' };

const api = queuedApi();
const { answers, calls } = api;

async function renderPage(stripe: StripeAccountView | null) {
  const page = PaymentsPage({ agent: { id: 'agt_1', orgId: ORG, teamId: null, email: 'ada@acme.example', name: 'Ada Admin', role: 'admin', orgName: 'Acme' }, stripe, webhookUrl: WEBHOOK });
  const html = String(await page!.toString());
  document.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/.exec(html)![1]!;
  const body = /<body([^>]*)>/.exec(html)![1]!;
  for (const [, name, value] of body.matchAll(/([a-z-]+)="([^"]*)"/g)) document.body.setAttribute(name!, value!);
  vi.resetModules();
  await import(ADMIN_SCRIPT);
}

const $ = (id: string) => document.getElementById(id);
const shown = () => [...$('stripe-who').querySelectorAll('[data-connected]')].filter((s) => !s.hidden).map((s) => s.dataset.connected);
const facts = () => Object.fromEntries([...$('stripe-facts').querySelectorAll('[data-fact]')].filter((r) => !r.hidden).map((r) => [r.dataset.fact, r.querySelector('dd')!.textContent]));
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
function type(id: string, value: string) {
  $(id).value = value;
  $(id).dispatchEvent(new Event('input', { bubbles: true }));
}
const answer = (stripe: StripeAccountView | null) => answers.push({ status: 200, body: stripeAccountAnswerSchema.parse({ stripe }) });

beforeAll(() => vi.stubGlobal('fetch', api.fetch));
afterAll(() => vi.unstubAllGlobals());
beforeEach(api.reset);

describe('the Stripe form', () => {
  it('connects an account: the keys, the currencies as codes and the amounts as numbers; then shows what is saved, the secrets emptied', async () => {
    await renderPage(null);
    expect(shown()).toEqual(['no']);
    type('stripe-secret-key', ` ${SECRET} `);
    type('stripe-webhook-secret', HOOK_SECRET);
    type('stripe-publishable-key', PUBLISHABLE);
    type('stripe-currencies', 'USD, eur');
    type('stripe-min-amount', '1');
    type('stripe-max-amount', '2,500');
    answer(SAVED);
    $('stripe-form').dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await settle();
    expect(calls).toEqual([
      expect.objectContaining({ url: '/api/v1/payments/stripe', method: 'PUT', body: { secretKey: SECRET, webhookSecret: HOOK_SECRET, publishableKey: PUBLISHABLE, connectAccountId: null, currencies: ['USD', 'eur'], minAmount: 1, maxAmount: 2500 } }),
    ]);
    expect(shown()).toEqual(['yes']);
    expect(facts()).toEqual({ mode: 'Test: no money moves', publishableKey: PUBLISHABLE, currencies: 'USD, EUR', limits: '1 to 2500' });
    expect([$('stripe-secret-key').value, $('stripe-webhook-secret').value]).toEqual(['', '']);
    expect($('stripe-secret-key-keep').textContent).toBe('Leave empty to keep the current one.');
    expect($('stripe-disconnect').hidden).toBe(false);
    expect($('stripe-status').textContent).toBe('Stripe account saved (test mode): agents can ask for payments in USD, EUR.');
  });

  it('keeps the stored keys when left empty, and shows a refusal at its field', async () => {
    await renderPage(SAVED);
    type('stripe-max-amount', 'lots');
    answers.push({ status: 422, body: { error: { code: 'invalid_request', message: 'body.maxAmount: expected number, received string', issues: [{ field: 'body.maxAmount', message: 'expected number, received string' }] } } });
    $('stripe-form').dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    await settle();
    expect(calls[0]!.body).toEqual({ publishableKey: PUBLISHABLE, connectAccountId: null, currencies: ['USD', 'EUR'], minAmount: 1, maxAmount: 'lots' });
    expect($('stripe-max-amount-err').textContent).toBe('Expected number, received string.');
    expect($('stripe-max-amount').getAttribute('aria-invalid')).toBe('true');
    expect(shown()).toEqual(['yes']);
  });

  it('disconnects: no facts, no Disconnect, and says what that means', async () => {
    await renderPage(SAVED);
    answer(null);
    $('stripe-disconnect').click();
    await settle();
    expect(calls).toEqual([expect.objectContaining({ url: '/api/v1/payments/stripe', method: 'DELETE', body: undefined })]);
    expect(shown()).toEqual(['no']);
    expect(facts()).toEqual({});
    expect($('stripe-disconnect').hidden).toBe(true);
    expect($('stripe-secret-key-keep').textContent).toBe('');
    expect($('stripe-status').textContent).toBe('Stripe is disconnected: agents cannot ask for new payments. Payments already asked keep their state.');
  });
});
