// The payment page in the customer's room (room-payment-page.tsx): Stripe.js
// is loaded here only, from Stripe (the page's CSP allows it and nothing
// else of Stripe's anywhere else), and draws its Payment Element with the
// intent's client secret from /room/api/payments/{id}. Pay confirms with
// Stripe in the browser (3-D Secure included, redirecting only when the
// method needs it); the outcome Parley records comes from Stripe's webhook,
// which redraws this page over the live socket.
import type { RoomPaymentView } from '../../contract/payments';
import type { ParticipantFrame } from '../../contract/frames';
import { frameConcernsItem } from '../room/document-words';
import { paymentModel } from '../room/payment-words';
import { LiveSocket } from './live/live-socket';
import { errorText, networkErrorText } from './room/errors';
import { t } from './room/i18n';
import { wireLanguageMenu } from './room/language-menu';

/** The part of Stripe.js this page uses (docs.stripe.com/js). */
interface StripeJs {
  elements(options: { clientSecret: string; appearance?: object; locale?: string }): StripeElements;
  confirmPayment(options: { elements: StripeElements; confirmParams: { return_url: string }; redirect: 'if_required' }): Promise<{ error?: { message?: string; type?: string } }>;
}
interface StripeElements {
  create(type: 'payment', options?: object): { mount(selector: string): void; on(event: 'ready', handler: () => void): void };
}
type StripeFactory = (publishableKey: string, options?: { stripeAccount?: string; locale?: string }) => StripeJs;

const ROOM = { 'X-Parley-Room': '1' };
const main = document.getElementById('payment')!;
const itemId = main.dataset['itemId']!;
const mayAct = main.dataset['mayAct'] === 'true';
const $ = (id: string) => document.getElementById(id)!;

async function load(): Promise<{ view: RoomPaymentView | null; error: string | null }> {
  const res = await fetch(`/room/api/payments/${itemId}`, { headers: ROOM }).catch(() => null);
  if (!res) return { view: null, error: networkErrorText() };
  const body: unknown = await res.json().catch(() => null);
  return res.ok ? { view: body as RoomPaymentView, error: null } : { view: null, error: errorText(body, 'payment.error.load') };
}

/** The status, amount and receipt as the payment now stands (the card form stays as Stripe drew it). */
function draw(view: RoomPaymentView): void {
  const model = paymentModel(t, view.payment, mayAct);
  $('pay-status').textContent = model.status;
  $('pay-amount').textContent = model.amount;
  const receipt = $('pay-receipt');
  receipt.hidden = !model.receipt;
  receipt.firstChild!.textContent = `${model.receipt ?? ''} `;
  const link = $('pay-receipt-link') as HTMLAnchorElement;
  link.hidden = !model.receiptUrl;
  if (model.receiptUrl) link.href = model.receiptUrl;
  $('pay-form').hidden = !model.payable || !view.checkout;
}

function loadStripeJs(src: string): Promise<StripeFactory> {
  const existing = (window as unknown as { Stripe?: StripeFactory }).Stripe;
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => {
      const factory = (window as unknown as { Stripe?: StripeFactory }).Stripe;
      if (factory) resolve(factory);
      else reject(new Error('Stripe.js loaded without Stripe'));
    };
    script.onerror = () => reject(new Error('Stripe.js could not be loaded'));
    document.head.append(script);
  });
}

async function mountCheckout(view: RoomPaymentView): Promise<void> {
  const checkout = view.checkout!;
  const Stripe = await loadStripeJs(main.dataset['stripeJs']!);
  const stripe = Stripe(checkout.publishableKey, { ...(checkout.connectAccountId ? { stripeAccount: checkout.connectAccountId } : {}), locale: t.locale });
  const brand = getComputedStyle(document.body).getPropertyValue('--brand').trim();
  const elements = stripe.elements({ clientSecret: checkout.clientSecret, locale: t.locale, appearance: { theme: 'stripe', ...(brand ? { variables: { colorPrimary: brand } } : {}) } });
  const element = elements.create('payment', { layout: 'tabs' });
  const submit = $('pay-submit') as HTMLButtonElement;
  element.on('ready', () => (submit.disabled = false));
  element.mount('#payment-element');
  $('pay-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    submit.disabled = true;
    const label = submit.textContent;
    submit.textContent = t('payment.paying');
    $('pay-error').textContent = '';
    // Back to this page after a bank's own page (some 3-D Secure checks): the webhook will have said how it went.
    const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: location.href.split('?')[0]! }, redirect: 'if_required' });
    submit.textContent = label;
    if (error) {
      // Stripe's own words, in the customer's language (Stripe.js was given it).
      $('pay-error').textContent = error.message ?? t('payment.state.failed_no_reason');
      submit.disabled = false;
      return;
    }
    $('pay-status').textContent = t('payment.state.processing');
    $('pay-form').hidden = true;
  });
}

void (async () => {
  wireLanguageMenu();
  const { view, error } = await load();
  if (!view) {
    $('pay-error').textContent = error ?? t('payment.error.load');
    return;
  }
  draw(view);
  if (view.checkout) {
    try {
      await mountCheckout(view);
    } catch {
      $('pay-error').textContent = t('payment.error.load');
    }
  }
  new LiveSocket<ParticipantFrame>({
    path: '/room/api/ws',
    version: Number(main.dataset['version'] ?? 0),
    onFrame: async (frame) => {
      if (!frameConcernsItem(frame, itemId) && frame.type !== 'resync') return;
      const fresh = await load();
      if (fresh.view) draw(fresh.view);
    },
  });
})();
