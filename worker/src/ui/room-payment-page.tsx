// The page where the customer pays what their agent asked, in their
// language: the description and the amount in their locale's format, where
// the payment stands, and while it can be paid, Stripe's Payment Element
// (drawn by /assets/room-payment.js with Stripe.js, which only this page
// loads: its CSP allows Stripe's origins here and nowhere else) and one Pay
// button. Once paid: the card and the receipt. Redrawn live when Stripe's
// webhook moves the payment.
import type { PaymentView } from '../contract/payments';
import type { ParticipantRoomView } from '../contract/session';
import { areaMessages } from '../i18n/catalogue';
import type { Locale } from '../i18n/locales';
import type { Translate } from '../i18n/translate';
import { LanguageMenu } from './language-menu';
import { Layout } from './layout';
import { paymentModel } from './room/payment-words';

export interface PaymentPageProps {
  t: Translate;
  locale: Locale;
  view: PaymentView;
  room: Pick<ParticipantRoomView, 'brand' | 'may'>;
  version: number;
  /** Stripe.js's address (STRIPE_JS_URL stands in for tests). */
  stripeJs: string;
}

export function PaymentPage({ t, locale, view, room, version, stripeJs }: PaymentPageProps) {
  const { item, payment } = view;
  const model = paymentModel(t, payment, room.may.act);
  return (
    <Layout
      title={t('payment.title', { payment: item.name, brand: room.brand.displayName })}
      script="/assets/room-payment.js"
      styles={['/assets/room-payment.css', ...(room.brand.themeUrl ? [room.brand.themeUrl] : [])]}
      bodyClass="payment"
      locale={locale}
      messages={areaMessages(locale, ['payment', 'entry.error'])}
    >
      <main id="payment" data-item-id={item.id} data-may-act={room.may.act ? 'true' : 'false'} data-version={version} data-stripe-js={stripeJs}>
        <header class="doc-head">
          <a href="/room" class="doc-back">
            <span aria-hidden="true" class="doc-back-arrow">
              ←
            </span>{' '}
            {t('payment.back')}
          </a>
          <LanguageMenu t={t} back={`/room/payments/${item.id}`} />
        </header>
        <h1>{item.name}</h1>
        <p class="pay-amount">
          <span class="muted">{t('payment.amount')}</span> <strong id="pay-amount">{model.amount}</strong>
        </p>
        <p id="pay-status" role="status">
          {model.status}
        </p>
        <p id="pay-receipt" hidden={!model.receipt}>
          {model.receipt ?? ''}{' '}
          <a id="pay-receipt-link" href={model.receiptUrl ?? '#'} target="_blank" rel="noopener" hidden={!model.receiptUrl}>
            {t('payment.receipt.link')}
          </a>
        </p>
        <form id="pay-form" class="pay-form" hidden={!model.payable} novalidate>
          {/* Stripe's Payment Element is mounted here: the card details never reach Parley. */}
          <div id="payment-element" />
          <p class="muted">{t('payment.secure', { brand: room.brand.displayName })}</p>
          <p id="pay-error" class="error" role="alert" />
          {/* Enabled by the script once Stripe's form is ready. */}
          <button id="pay-submit" type="submit" class="primary" disabled>
            {model.pay}
          </button>
        </form>
      </main>
    </Layout>
  );
}
