// What the payments page states of the org's Stripe account, one fact per
// row: drawn by the page (admin-payments.tsx) and refilled by its script after
// a save (client/workspace/admin-payments.ts), so the words live here once.
import type { StripeAccountView } from '../../contract/payments';

/** The currencies as the admin types and reads them: "USD, EUR" (Stripe writes them lower case). */
export const currencyCodes = (currencies: readonly string[]): string => currencies.map((c) => c.toUpperCase()).join(', ');

/** The facts shown of a connected account, each under the key client/workspace/admin-payments.ts refills it by. */
export function stripeFacts(stripe: StripeAccountView | null): { key: string; label: string; value: string | null }[] {
  return [
    { key: 'mode', label: 'Mode', value: stripe ? (stripe.mode === 'live' ? 'Live: customers are charged' : 'Test: no money moves') : null },
    { key: 'publishableKey', label: 'Publishable key', value: stripe?.publishableKey ?? null },
    { key: 'connectAccountId', label: 'Connect account', value: stripe?.connectAccountId ?? null },
    { key: 'currencies', label: 'Currencies', value: stripe ? currencyCodes(stripe.currencies) : null },
    { key: 'limits', label: 'Amounts agents may ask', value: stripe ? `${stripe.minAmount} to ${stripe.maxAmount}` : null },
  ];
}
