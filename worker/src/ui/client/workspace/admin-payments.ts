// The payments page's script (/app/admin/payments, part of /assets/admin.js):
// sends the Stripe form to PUT /api/v1/payments/stripe (an empty secret left
// out, so the stored one is kept; currencies typed as "USD, EUR"; amounts as
// typed, the server naming what it refuses at its field) and Disconnect to
// DELETE; then shows what the server saved.
import type { StripeAccountView } from '../../../contract/payments';
import { currencyCodes, stripeFacts } from '../../workspace/stripe-facts';
import { $, api, type ApiError } from './common';

type StripeAnswer = { stripe: StripeAccountView | null };

const field = (id: string) => $<HTMLInputElement>(id)!;
const trimmed = (id: string) => field(id).value.trim();

/** A typed amount as a number for the API; what is not one is sent as it is, so the server's 422 names the field. */
function amount(id: string): number | string {
  const typed = trimmed(id).replace(/[\s,']/g, '');
  return /^\d+(\.\d+)?$/.test(typed) ? Number(typed) : trimmed(id);
}

/** What the form asks for. */
export function stripeChange(): Record<string, unknown> {
  const secretKey = trimmed('stripe-secret-key');
  const webhookSecret = trimmed('stripe-webhook-secret');
  return {
    ...(secretKey ? { secretKey } : {}),
    ...(webhookSecret ? { webhookSecret } : {}),
    publishableKey: trimmed('stripe-publishable-key'),
    connectAccountId: trimmed('stripe-connect-account') || null,
    currencies: trimmed('stripe-currencies')
      .split(/[\s,;]+/)
      .filter(Boolean),
    minAmount: amount('stripe-min-amount'),
    maxAmount: amount('stripe-max-amount'),
  };
}

/** The saved state: the connected sentence, the facts, the secrets emptied, what an empty secret keeps, Disconnect. */
function showStripe(stripe: StripeAccountView | null): void {
  for (const s of document.querySelectorAll<HTMLElement>('#stripe-who [data-connected]')) s.hidden = (s.dataset.connected === 'yes') !== Boolean(stripe);
  const facts = new Map(stripeFacts(stripe).map((f) => [f.key, f.value]));
  for (const row of document.querySelectorAll<HTMLElement>('#stripe-facts [data-fact]')) {
    const value = facts.get(row.dataset.fact!) ?? null;
    row.hidden = value === null;
    row.querySelector('dd')!.textContent = value ?? '';
  }
  field('stripe-secret-key').value = '';
  field('stripe-webhook-secret').value = '';
  for (const id of ['stripe-secret-key-keep', 'stripe-webhook-secret-keep']) {
    const line = $(id);
    if (line) line.textContent = stripe ? (line.dataset.text ?? '') : '';
  }
  const disconnect = $<HTMLButtonElement>('stripe-disconnect');
  if (disconnect) disconnect.hidden = !stripe;
}

export function paymentsPage(showIssues: (root: HTMLElement, error: ApiError) => void, clear: (root: ParentNode) => void): void {
  const form = $<HTMLFormElement>('stripe-form');
  if (!form) return;
  const status = (text: string) => {
    const line = $('stripe-status');
    if (line) line.textContent = text;
  };
  const send = async (method: 'PUT' | 'DELETE', button: HTMLButtonElement | null, said: (s: StripeAccountView | null) => string): Promise<boolean> => {
    clear(form);
    status(method === 'PUT' ? 'Saving…' : 'Disconnecting…');
    if (button) button.disabled = true;
    const r = await api<StripeAnswer>(method, '/payments/stripe', method === 'PUT' ? stripeChange() : undefined);
    if (button) button.disabled = false;
    if (!r.ok) {
      status('');
      showIssues(form, r.error);
      return false;
    }
    showStripe(r.data.stripe);
    status(said(r.data.stripe));
    return true;
  };
  form.addEventListener('input', () => status(''));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void send('PUT', $<HTMLButtonElement>('stripe-save'), (s) => `Stripe account saved (${s?.mode === 'live' ? 'live' : 'test'} mode): agents can ask for payments in ${currencyCodes(s?.currencies ?? [])}.`);
  });
  $('stripe-disconnect')?.addEventListener('click', async (e) => {
    // The button hides itself on success: focus goes to the form's first field.
    if (await send('DELETE', e.currentTarget as HTMLButtonElement, () => 'Stripe is disconnected: agents cannot ask for new payments. Payments already asked keep their state.')) field('stripe-secret-key').focus();
  });
}
