// The Stripe client, one per org account: the `stripe` package over fetch
// (it runs in workerd), pinned to the API version Parley is written for,
// retrying network failures and 429s itself with an idempotency key on every
// create (the package adds one to each POST; Parley passes its own where a
// retry from Parley's side must hit the same object). STRIPE_API_BASE points
// it at a local stand-in for tests. Loaded only where a payment is handled:
// the room's other paths never evaluate it.
import type Stripe from 'stripe';
import type { Env } from '../env';
import type { StripeAccount } from '../directory/stripe-accounts';

/** The API version Parley reads Stripe's objects in (the package's own). */
export const STRIPE_API_VERSION = '2026-10-28.endive';

export async function stripeFor(env: Pick<Env, 'STRIPE_API_BASE'>, account: Pick<StripeAccount, 'secretKey'>): Promise<Stripe> {
  const { default: StripeClient } = await import('stripe');
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null;
  return new StripeClient(account.secretKey, {
    apiVersion: STRIPE_API_VERSION as Stripe.LatestApiVersion,
    httpClient: StripeClient.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(base ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? '443' : '80'), protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {}),
  });
}

/** Per-request options: the connected account when the org uses Connect, and the idempotency key. */
export function requestOptions(account: Pick<StripeAccount, 'connectAccountId'>, idempotencyKey?: string): Stripe.RequestOptions {
  return { ...(account.connectAccountId ? { stripeAccount: account.connectAccountId } : {}), ...(idempotencyKey ? { idempotencyKey } : {}) };
}
