// Stripe's webhook for an org's account: POST /hooks/stripe/{orgId}, the
// address the admin gives Stripe (api/stripe-account.ts). The only way a
// payment becomes paid, failed, cancelled or refunded. Each delivery is
// checked against Stripe-Signature with the org's endpoint secret before
// anything in it is used (payments/stripe-signature.ts); then the intent is
// read fresh from Stripe (payments/intents.ts), so the room records Stripe's
// current word whatever order events come in. An event about a payment
// Parley does not know is acknowledged (Stripe would retry it for days).
import { Hono, type Context } from 'hono';
import { isId } from '../../contract/ids';
import { findStripeAccount, type StripeAccount } from '../../directory/stripe-accounts';
import { logWarning, reasonOf } from '../../log';
import { intentSnapshot } from '../../payments/intents';
import { verifyStripeSignature } from '../../payments/stripe-signature';
import { sessionRoom } from '../../room/address';
import type { AppEnv } from '../context';
import { webhookBody } from '../body-limits';

export const stripeHooks = new Hono<AppEnv>();
stripeHooks.use('/hooks/stripe/*', webhookBody);

/** The events that can move a payment: its intent's own, and a refund on its charge. */
const HANDLED = /^(payment_intent\.(succeeded|payment_failed|processing|requires_action|canceled|amount_capturable_updated)|charge\.refunded|charge\.refund\.updated)$/;

interface StripeEventBody {
  id?: unknown;
  type?: unknown;
  account?: unknown;
  data?: { object?: { object?: unknown; id?: unknown; payment_intent?: unknown; metadata?: Record<string, unknown> } };
}

stripeHooks.post('/hooks/stripe/:orgId', async (c) => {
  const refuse = (status: 400 | 403 | 404, message: string) => c.json({ error: { code: 'webhook_refused', message } }, status);
  const orgId = c.req.param('orgId');
  if (!isId('org', orgId)) return refuse(404, 'no such organisation');
  const account = await findStripeAccount(c.env, orgId);
  if (!account) return refuse(404, 'this organisation has not connected Stripe');
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const verified = await verifyStripeSignature(account.webhookSecret, c.req.header('Stripe-Signature') ?? null, raw, Date.now());
  if (verified !== true) return refuse(403, verified);

  let event: StripeEventBody;
  try {
    event = JSON.parse(new TextDecoder().decode(raw)) as StripeEventBody;
  } catch {
    return refuse(400, 'the body is not JSON');
  }
  if (typeof event.id !== 'string' || typeof event.type !== 'string') return refuse(400, 'an event has an id and a type');
  if (!HANDLED.test(event.type)) return c.json({ received: true, handled: false }, 200);
  // Stripe Connect: an event from another connected account is not this org's.
  if (account.connectAccountId && event.account !== account.connectAccountId) return c.json({ received: true, handled: false }, 200);

  const object = event.data?.object;
  const intentId = object?.object === 'payment_intent' ? object.id : object?.payment_intent;
  if (typeof intentId !== 'string') return c.json({ received: true, handled: false }, 200);
  return applyEvent(c, orgId, account, intentId, { id: event.id, type: event.type });
});

async function applyEvent(c: Context<AppEnv>, orgId: string, account: StripeAccount, intentId: string, event: { id: string; type: string }) {
  let reading;
  try {
    reading = await intentSnapshot(c.env, account, intentId, event);
  } catch (err) {
    // Stripe retries a delivery that was not answered 2xx: the same event comes back later.
    logWarning('stripe_event_deferred', { orgId, event: event.id, reason: reasonOf(err) });
    return c.json({ error: { code: 'stripe_unavailable', message: 'Stripe could not be read back; deliver this event again' } }, 503);
  }
  const { target } = reading;
  if (!target || reading.orgId !== orgId) return c.json({ received: true, handled: false }, 200);
  const r = await sessionRoom(c.env, target.sessionId).applyStripeEvent(target.itemId, reading.intent);
  if (!r.ok) {
    logWarning('stripe_event_unmatched', { orgId, event: event.id, reason: r.message });
    return c.json({ received: true, handled: false }, 200);
  }
  return c.json({ received: true, handled: r.value.applied, state: r.value.state }, 200);
}
