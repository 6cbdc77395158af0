// A payment as issue 16 checks it, on a 360-px phone: the admin connects
// Stripe (the stand-in of test/e2e/stripe-stand-in.ts, Stripe's documented
// shapes on 127.0.0.1) and the agent asks for a deposit; the customer follows
// the room's next step to the payment page, where Stripe.js draws the card
// form; a declined card shows Stripe's reason and leaves the payment open; a
// card that needs 3-D Secure is confirmed in the bank's dialog; the page
// turns to the receipt live, when Stripe's signed webhook says it is paid,
// and the agent's API says the same.
import { describe, expect, inject, it } from 'vitest';
import type { PaymentView } from '../../worker/src/contract/payments';
import { expectStatus, startSession } from './api';
import { expectAccessible, followInvitation, shot, useChromium } from './browser';
import { E2E_STRIPE } from './stripe-stand-in';

const chromium = useChromium();
const admin = () => ({ token: inject('adminToken') });

describe('a payment through Stripe, on a phone', () => {
  it('a declined card says why; a 3-D Secure card pays; the receipt comes live', async () => {
    await expectStatus([200], 'PUT', '/api/v1/payments/stripe', { ...admin(), body: { ...E2E_STRIPE, currencies: ['usd'], minAmount: 1, maxAmount: 10_000 } });
    const { sessionId, link } = await startSession();
    const asked = await expectStatus<PaymentView>([201], 'POST', `/api/v1/sessions/${sessionId}/payments`, { body: { amount: 12_500, currency: 'usd', description: 'Deposit for order 1042' } });
    expect(asked.payment.state).toBe('awaiting_payment');

    const page = await chromium.open('phone');
    await followInvitation(page, link);
    await page.getByRole('link', { name: 'Pay now' }).click();
    await page.waitForURL(/\/room\/payments\/itm_/);
    await page.getByText('$125.00').first().waitFor();
    const pay = page.locator('#pay-submit');
    await page.locator('#card-pm_card_visa').waitFor();
    await expect.poll(() => pay.isEnabled()).toBe(true);
    await expectAccessible(page);
    await shot(page, 'payment-form');

    // Declined: Stripe's reason on the page; the payment stays open and can be tried again.
    await page.locator('#card-pm_card_chargeDeclined').check();
    await pay.click();
    await page.locator('#pay-error').getByText('Your card was declined.').waitFor();
    await page.locator('#pay-status').getByText('The payment did not go through: Your card was declined.').waitFor();
    expect(await pay.isEnabled()).toBe(true);

    // 3-D Secure: the bank's dialog, then paid; the page shows the receipt without a reload.
    await page.locator('#card-pm_card_authenticationRequired').check();
    await pay.click();
    await page.locator('#three-ds-complete').click();
    await page.locator('#pay-status').getByText('Paid. Thank you!').waitFor();
    await page.getByText('Paid $125.00 with Visa ending in 3184').waitFor();
    expect(await page.locator('#pay-form').isHidden()).toBe(true);
    expect(await page.locator('#pay-receipt-link').getAttribute('href')).toMatch(/^https:\/\/pay\.stripe\.com\/receipts\//);
    await expectAccessible(page);
    await shot(page, 'payment-paid');

    const agent = await expectStatus<PaymentView>([200], 'GET', `/api/v1/sessions/${sessionId}/payments/${asked.item.id}`);
    expect(agent.payment).toMatchObject({ state: 'succeeded', card: { brand: 'visa', last4: '3184' } });
    expect(agent.item.status).toBe('completed');
  });
});
