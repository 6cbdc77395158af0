// Payments on the session page (workspace/payment-parts.tsx draws them):
// "Request a payment" opens the dialog that asks the customer to pay
// (POST …/payments; the amount typed as people write it, sent in the
// currency's smallest unit); an admin's Refund asks how much (all that is
// left by default) and refunds it (POST …/payments/{id}/refund). Every change
// comes back through the live refresh.
import { currencyExponent, majorAmount, minorUnits } from '../../../domain/payment';
import { $, api, clearErrors, sentence, showError, valueOf, type SessionPageHost } from './common';

export function payments(host: SessionPageHost): { onClick(target: HTMLButtonElement): boolean } {
  const { base, announce, problem, refresh } = host;
  const dialog = $<HTMLDialogElement>('payment-dialog');
  const form = $<HTMLFormElement>('payment-form');
  let openedFrom: HTMLElement | null = null;

  function open(trigger: HTMLElement): void {
    if (!dialog || !form) return;
    openedFrom = trigger;
    form.reset();
    clearErrors(form);
    dialog.showModal();
    $('payment-amount')?.focus();
  }
  $('payment-cancel')?.addEventListener('click', () => dialog?.close());
  dialog?.addEventListener('close', () => (openedFrom && document.body.contains(openedFrom) ? openedFrom.focus() : $('items-h')?.focus()));

  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const currency = $<HTMLSelectElement>('payment-currency')!.value;
    const amount = minorUnits(valueOf('payment-amount') ?? '', currency);
    if (amount === null || amount <= 0) {
      $('payment-amount-err')!.textContent = `Type the amount in ${currency.toUpperCase()}, such as ${majorAmount(125 * 10 ** currencyExponent(currency), currency)}.`;
      $('payment-amount')!.setAttribute('aria-invalid', 'true');
      $('payment-amount')!.focus();
      return;
    }
    const description = valueOf('payment-description');
    if (!description) {
      $('payment-description-err')!.textContent = 'Say what the payment is for: the customer reads it.';
      $('payment-description')!.focus();
      return;
    }
    const r = await api('POST', `${base}/payments`, { amount, currency, description });
    if (!r.ok) return showError(form, r.error);
    dialog?.close();
    announce(`${description}: the customer is asked to pay.`);
    await refresh();
  });

  async function refund(button: HTMLButtonElement): Promise<void> {
    if (button.getAttribute('aria-busy')) return;
    const currency = button.dataset.currency!;
    const left = Number(button.dataset.left);
    const typed = prompt(`Refund how much of ${button.dataset.name ?? 'this payment'} (${currency.toUpperCase()})?`, majorAmount(left, currency));
    if (typed === null) return;
    const amount = minorUnits(typed, currency);
    if (amount === null || amount <= 0) return problem('Type the amount to refund, such as 25.00.');
    problem('');
    button.setAttribute('aria-busy', 'true');
    const r = await api('POST', `${base}/payments/${button.dataset.refund}/refund`, amount === left ? {} : { amount });
    button.removeAttribute('aria-busy');
    if (!r.ok) return problem(sentence(r.error.message));
    announce(`${majorAmount(amount, currency)} ${currency.toUpperCase()} refunded.`);
    await refresh();
  }

  return {
    onClick(target) {
      if (target.dataset.paymentOpen) open(target);
      else if (target.dataset.refund) void refund(target);
      else return false;
      return true;
    },
  };
}
