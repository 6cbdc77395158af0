// /room/api/payments/{itemId} — what the room's payment page needs: the
// payment, and while there is something to pay, the publishable key and the
// PaymentIntent's client secret for Stripe's Payment Element. The intent is
// made here if the agent's request could not make it (same idempotency key:
// never a second one).
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../contract/ids';
import { roomPaymentSchema } from '../contract/payments';
import { findStripeAccount } from '../directory/stripe-accounts';
import { isPayable } from '../domain/payment';
import { ApiError, unwrap } from '../errors';
import { ensureIntent, stripeTrouble } from '../payments/intents';
import { createApi, errorResponses, json, providerErrorResponses } from './openapi';
import { ROOM_SECURITY as security, ROOM_TAGS as tags } from './room-caller';

export const roomPayments = createApi();

roomPayments.openapi(
  createRoute({
    method: 'get',
    path: '/payments/{itemId}',
    operationId: 'getRoomPayment',
    tags,
    security,
    summary: 'A payment asked of you: the amount, where it stands, and what the payment page needs to take it through Stripe',
    request: { params: z.object({ itemId: idSchema('item') }) },
    responses: { 200: json(roomPaymentSchema, 'The payment, with the checkout while it can be paid'), ...errorResponses, ...providerErrorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    const { itemId } = c.req.valid('param');
    const { view, intentId, orgId, sessionId, mayPay } = unwrap(await stub.payment(actor, itemId));
    if (!mayPay || !isPayable(view.payment.state) || view.item.status === 'cancelled') return c.json({ ...view, checkout: null }, 200);
    const account = await findStripeAccount(c.env, orgId);
    if (!account) throw new ApiError(409, 'payments_not_set_up', 'payments are not available in this room now');
    let intent;
    try {
      intent = await ensureIntent(c.env, account, { orgId, sessionId }, view, intentId);
    } catch (err) {
      throw stripeTrouble(err);
    }
    const current = intentId ? view : unwrap(await stub.attachPaymentIntent(itemId, intent.id));
    if (!intent.client_secret) throw new ApiError(503, 'stripe_unavailable', 'Stripe gave no client secret for this payment; try again in a moment');
    return c.json({ ...current, checkout: { publishableKey: account.publishableKey, connectAccountId: account.connectAccountId, clientSecret: intent.client_secret } }, 200);
  },
);
