// The admin's payments page (/app/admin/payments): whether the org's Stripe
// account is connected and in which mode, the limits agents ask within, the
// webhook address to give Stripe, and the form that connects, changes or
// disconnects the account (/assets/admin.js, client/workspace/admin-payments.ts,
// sends it to PUT|DELETE /api/v1/payments/stripe). Keys are write-only: the
// secret ones are never written into the page.
import type { StripeAccountView } from '../../contract/payments';
import type { AgentRecord } from '../../directory/agents';
import { AdminLayout } from './admin-layout';
import { Facts, ProviderField } from './admin-messaging';
import { currencyCodes, stripeFacts } from './stripe-facts';

/** The Stripe events the webhook handles (api/hooks/stripe.ts): the ones to pick in Stripe's dashboard. */
export const STRIPE_WEBHOOK_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.processing',
  'payment_intent.requires_action',
  'payment_intent.canceled',
  'payment_intent.amount_capturable_updated',
  'charge.refunded',
  'charge.refund.updated',
];

export function PaymentsPage(props: { agent: AgentRecord; stripe: StripeAccountView | null; webhookUrl: string }) {
  const { stripe } = props;
  return (
    <AdminLayout title="Payments" agent={props.agent} section="payments" page="payments">
      <h1>Payments</h1>
      <p class="muted">Agents ask for payments in their sessions, and customers pay in the room through your org's Stripe account, by card with 3-D Secure. Stripe's word alone marks a payment paid.</p>
      <section class="ws-panel" aria-labelledby="stripe-h">
        <h2 id="stripe-h">Stripe account</h2>
        <p class="adm-who" id="stripe-who">
          <span data-connected="yes" hidden={!stripe}>
            Your Stripe account is connected: agents can ask for payments within the limits below.
          </span>
          <span data-connected="no" hidden={Boolean(stripe)}>
            No Stripe account is connected, so agents cannot ask for payments and workflows with a payment step cannot be sent.
          </span>
        </p>
        <Facts id="stripe-facts" facts={stripeFacts(stripe)} />
        <form id="stripe-form" class="ws-form adm-provider-form" novalidate>
          <h3>Connect your Stripe account</h3>
          <p id="stripe-webhook-help">In Stripe's dashboard (Developers, Webhooks), add an endpoint with this URL, for the events listed under it, then paste its signing secret below:</p>
          <p>
            <code class="adm-copy" id="stripe-webhook-url">
              {props.webhookUrl}
            </code>
          </p>
          <p class="muted adm-help" id="stripe-webhook-events">
            {STRIPE_WEBHOOK_EVENTS.join(', ')}
          </p>
          <ProviderField id="stripe-secret-key" label="Secret key" field="body.secretKey" type="password" help="Starts with sk_test_ or sk_live_ (or a restricted key, rk_…), from Developers, API keys." keep={Boolean(stripe)} />
          <ProviderField id="stripe-webhook-secret" label="Webhook signing secret" field="body.webhookSecret" type="password" help="Starts with whsec_; shown on the endpoint's page once you added the URL above." keep={Boolean(stripe)} />
          <ProviderField id="stripe-publishable-key" label="Publishable key" field="body.publishableKey" type="text" value={stripe?.publishableKey} help="Starts with pk_test_ or pk_live_, of the same mode as the secret key: the payment page loads Stripe with it." />
          <ProviderField
            id="stripe-connect-account"
            label="Connect account (optional)"
            field="body.connectAccountId"
            type="text"
            value={stripe?.connectAccountId}
            help="acct_…: only when payments go to a connected account of your Stripe platform; leave empty to be paid on the account itself."
          />
          <ProviderField
            id="stripe-currencies"
            label="Currencies"
            field="body.currencies"
            type="text"
            value={stripe ? currencyCodes(stripe.currencies) : 'USD'}
            help="The ISO codes agents may ask in, separated by commas, e.g. USD, EUR."
          />
          <div class="ws-row">
            <ProviderField id="stripe-min-amount" label="Smallest amount" field="body.minAmount" type="text" value={stripe ? String(stripe.minAmount) : '1'} help="In each currency's main unit: 0.5 is 0.50." />
            <ProviderField id="stripe-max-amount" label="Largest amount" field="body.maxAmount" type="text" value={stripe ? String(stripe.maxAmount) : '10000'} help="Agents cannot ask for more than this." />
          </div>
          <p class="ws-err" data-field="" role="alert" />
          <p class="adm-status" id="stripe-status" role="status" />
          <div class="ws-row">
            <button type="submit" class="ws-btn" id="stripe-save">
              Save Stripe account
            </button>
            <button type="button" class="ws-btn ws-btn-quiet adm-quiet" id="stripe-disconnect" hidden={!stripe}>
              Disconnect Stripe
            </button>
          </div>
        </form>
      </section>
    </AdminLayout>
  );
}
