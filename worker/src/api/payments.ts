// /api/v1/sessions/{sessionId}/payments — the agent asks the customer to pay
// an amount, within the limits the org's admin set (api/stripe-account.ts),
// and reads where the payment stands. The PaymentIntent is created here, in
// the Worker (payments/intents.ts), once per payment; if Stripe cannot be
// reached the payment is still asked, and its intent is made when the
// customer opens the payment page. Only Stripe's webhook can mark it paid.
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../contract/ids';
import { newPaymentSchema, paymentSchema } from '../contract/payments';
import { findIndexedSession } from '../directory/session-index';
import { findStripeAccount } from '../directory/stripe-accounts';
import { amountProblem } from '../domain/payment';
import { ApiError, unwrap } from '../errors';
import { logWarning, reasonOf } from '../log';
import { ensureIntent, intentSnapshot, stripeTrouble } from '../payments/intents';
import { requestOptions, stripeFor } from '../payments/stripe-client';
import { requireAdmin } from '../auth/agent-auth';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json, providerErrorResponses } from './openapi';
import { openSession } from './session-access';

export const payments = createApi();
const tags = ['Payments'];
const thePayment = json(paymentSchema, 'The payment: the item, the amount asked and what Stripe says of it');

payments.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/payments',
    operationId: 'requestPayment',
    tags,
    summary: "Ask the customer to pay an amount (in the currency's smallest unit) within the org's limits; they pay in the room through Stripe",
    middleware: [jsonBody],
    request: { params: z.object({ sessionId: idSchema('session') }), body: { required: true, content: { 'application/json': { schema: newPaymentSchema } } } },
    responses: { 201: thePayment, ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { sessionId } = c.req.valid('param');
    const agent = c.get('agent');
    const input = c.req.valid('json');
    // Another org's session is not there at all, whatever this org's payment settings.
    const [indexed, account] = await Promise.all([findIndexedSession(c.env.DB, agent.orgId, sessionId), findStripeAccount(c.env, agent.orgId)]);
    if (!indexed) throw new ApiError(404, 'not_found', 'session not found');
    if (!account) throw new ApiError(409, 'payments_not_set_up', 'payments are not set up: an admin must connect Stripe first (PUT /api/v1/payments/stripe)');
    const problem = amountProblem(input.amount, input.currency, account);
    if (problem) throw ApiError.invalidField(`body.${problem.split(':')[0]}`, problem.slice(problem.indexOf(':') + 2));
    const { stub, actor } = openSession(c, sessionId);
    const view = unwrap(await stub.addPayment(actor, input));
    try {
      const intent = await ensureIntent(c.env, account, { orgId: agent.orgId, sessionId }, view, null);
      return c.json(unwrap(await stub.attachPaymentIntent(view.item.id, intent.id)), 201);
    } catch (err) {
      // Asked all the same: the payment page makes the intent (same idempotency key) when the customer opens it.
      logWarning('stripe_intent_deferred', { orgId: agent.orgId, sessionId, itemId: view.item.id, reason: reasonOf(err) });
      return c.json(view, 201);
    }
  },
);

payments.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/payments/{itemId}',
    operationId: 'getPayment',
    tags,
    summary: 'A payment: the amount asked, its state as Stripe reports it, the card and receipt once paid, refunds',
    request: { params: z.object({ sessionId: idSchema('session'), itemId: idSchema('item') }) },
    responses: { 200: thePayment, ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.payment(actor, itemId)).view, 200);
  },
);

payments.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/payments/{itemId}/refund',
    operationId: 'refundPayment',
    tags,
    summary: 'Admins only: refund a paid payment, in full or in part (amount in the smallest unit); the payment shows it once Stripe confirms',
    middleware: [requireAdmin, jsonBody],
    request: {
      params: z.object({ sessionId: idSchema('session'), itemId: idSchema('item') }),
      body: { required: true, content: { 'application/json': { schema: z.object({ amount: z.number().int().positive().optional().openapi({ description: 'default: all that is left' }) }).strict() } } },
    },
    responses: { 200: thePayment, ...bodyErrorResponses, ...errorResponses, ...providerErrorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { amount } = c.req.valid('json');
    const { stub, actor } = openSession(c, sessionId);
    const { view, intentId, orgId } = unwrap(await stub.payment(actor, itemId));
    const left = view.payment.amount - view.payment.amountRefunded;
    if (!intentId || (view.payment.state !== 'succeeded' && view.payment.state !== 'partially_refunded')) throw new ApiError(409, 'not_refundable', `only a paid payment can be refunded; this one is ${view.payment.state}`);
    if (amount !== undefined && amount > left) throw ApiError.invalidField('body.amount', `at most ${left}, what is left to refund`);
    const account = await findStripeAccount(c.env, orgId);
    if (!account) throw new ApiError(409, 'payments_not_set_up', 'Stripe is no longer connected: reconnect it to refund');
    try {
      const stripe = await stripeFor(c.env, account);
      // The same refund asked twice (a double click, a retry) is one refund: the key names what was refunded before and how much now.
      const refund = await stripe.refunds.create({ payment_intent: intentId, ...(amount ? { amount } : {}) }, requestOptions(account, `parley-refund-${itemId}-${view.payment.amountRefunded}-${amount ?? left}`));
      // Stripe's word now, as the webhook would bring it: the refund shows at once.
      const reading = await intentSnapshot(c.env, account, intentId, { id: `refund:${refund.id}`, type: 'refund.created' });
      unwrap(await stub.applyStripeEvent(itemId, reading.intent));
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw stripeTrouble(err);
    }
    return c.json(unwrap(await stub.payment(actor, itemId)).view, 200);
  },
);
