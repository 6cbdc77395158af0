// A payment on the agent's session page: in its bubble, the amount, where
// Stripe says it stands (and why a try failed), the card and receipt once
// paid, refunds, and for an admin the Refund button; the dialog that asks
// the customer to pay. Wired by client/workspace/payments.ts.
import type { PaymentSummary } from '../../contract/apps';
import type { AgentRoomView } from '../../contract/session';
import { PAYMENT_STATE_LABELS } from '../../domain/catalogue';
import { formatAmount } from '../../i18n/format';
import type { PaymentLimits } from '../../domain/payment';

type Item = AgentRoomView['items'][number];

export function PaymentFacts({ item, app, admin }: { item: Item; app: PaymentSummary; admin: boolean }) {
  const amount = formatAmount('en', app.amount, app.currency);
  const paid = app.state === 'succeeded' || app.state === 'partially_refunded';
  return (
    <div class="ws-payment" id={`payment-${item.id}`} data-state={app.state}>
      <p class="ws-payment-line">
        <strong>{amount}</strong> <span class={`status${paid || app.state === 'refunded' ? ' done' : ''}`}>{PAYMENT_STATE_LABELS[app.state]}</span>
        {app.amountRefunded > 0 ? <span class="muted"> · {formatAmount('en', app.amountRefunded, app.currency)} refunded</span> : null}
      </p>
      {app.state === 'failed' && app.failureMessage ? <p class="muted">Last try: {app.failureMessage}</p> : null}
      {app.card ? (
        <p class="muted">
          {app.card.brand} ending {app.card.last4}
          {app.receiptUrl ? (
            <>
              {' '}
              ·{' '}
              <a href={app.receiptUrl} target="_blank" rel="noopener">
                Receipt<span class="ws-sr"> for {item.name} (opens in a new tab)</span>
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      {admin && paid ? (
        <span class="ws-toolbar">
          <button type="button" class="ws-tool" data-refund={item.id} data-name={item.name} data-left={String(app.amount - app.amountRefunded)} data-currency={app.currency}>
            Refund<span class="ws-sr"> {item.name}</span>
          </button>
        </span>
      ) : null}
    </div>
  );
}

/** "Request a payment": amount, currency, what it is for (POST /sessions/{id}/payments). */
export function PaymentDialog({ limits }: { limits: PaymentLimits }) {
  return (
    <dialog id="payment-dialog" aria-labelledby="payment-h">
      <form id="payment-form" class="ws-form" novalidate>
        <h2 id="payment-h">Request a payment</h2>
        <p class="muted" id="payment-limits">
          Between {limits.minAmount} and {limits.maxAmount}, as your admin set. The customer pays in the room through Stripe.
        </p>
        <div class="ws-field">
          <label for="payment-amount">Amount (e.g. 125.00)</label>
          <input id="payment-amount" type="text" inputmode="decimal" autocomplete="off" aria-describedby="payment-amount-err" data-field="body.amount" />
          <p class="ws-err" id="payment-amount-err" data-field="body.amount" />
        </div>
        <div class="ws-field">
          <label for="payment-currency">Currency</label>
          <select id="payment-currency" aria-describedby="payment-currency-err" data-field="body.currency">
            {limits.currencies.map((c) => (
              <option value={c}>{c.toUpperCase()}</option>
            ))}
          </select>
          <p class="ws-err" id="payment-currency-err" data-field="body.currency" />
        </div>
        <div class="ws-field">
          <label for="payment-description">What it is for (the customer reads this)</label>
          <input id="payment-description" type="text" maxlength={200} autocomplete="off" aria-describedby="payment-description-err" data-field="body.description" />
          <p class="ws-err" id="payment-description-err" data-field="body.description" />
        </div>
        <p class="ws-err" id="payment-err" data-field="" role="alert" />
        <div class="ws-row">
          <button type="submit" class="ws-btn">
            Request payment
          </button>
          <button type="button" class="ws-btn ws-btn-quiet" id="payment-cancel">
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
