// /api/v1/payments/stripe — admin only: the org's Stripe account (keys
// write-only, sealed where D1 keeps them) and the limits agents ask within:
// the currencies taken and the smallest and largest amount. Without one, no
// payment can be asked. The answer names the webhook address to give Stripe.
import { createRoute } from '@hono/zod-openapi';
import { requireAdmin } from '../auth/agent-auth';
import { now } from '../clock';
import { stripeAccountAnswerSchema, stripeAccountInputSchema, type StripeAccountView } from '../contract/payments';
import { iso } from '../contract/time';
import { describeStripeAccount, removeStripeAccount, saveStripeAccount } from '../directory/stripe-accounts';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const stripeAccount = createApi();
const tags = ['Settings (admin)'];
stripeAccount.use('/payments/stripe', requireAdmin);

/** Where Stripe posts this org's events (api/stripe-webhooks.ts). */
export const stripeWebhookUrl = (env: Pick<Env, 'PUBLIC_URL'>, orgId: string) => `${env.PUBLIC_URL.replace(/\/$/, '')}/hooks/stripe/${orgId}`;

/** The account as admins see it (the API's answer and the payments page): null when none is connected. */
export async function stripeAccountView(env: Env, orgId: string): Promise<StripeAccountView | null> {
  const on = await describeStripeAccount(env.DB, orgId);
  return on ? { ...on, currencies: [...on.currencies], webhookUrl: stripeWebhookUrl(env, orgId), updatedAt: iso(on.updatedAt) } : null;
}
const answer = async (env: Env, orgId: string) => ({ stripe: await stripeAccountView(env, orgId) });

stripeAccount.openapi(
  createRoute({
    method: 'get',
    path: '/payments/stripe',
    operationId: 'getStripeAccount',
    tags,
    summary: "The org's Stripe account (no secret shown), its limits, and the webhook address to give Stripe",
    responses: { 200: json(stripeAccountAnswerSchema, 'The account, or null'), ...errorResponses },
  }),
  async (c) => c.json(await answer(c.env, c.get('agent').orgId), 200),
);

stripeAccount.openapi(
  createRoute({
    method: 'put',
    path: '/payments/stripe',
    operationId: 'setStripeAccount',
    tags,
    summary: 'Connect the org’s Stripe account and set what agents may ask (the secret key and webhook secret may be left out to keep those on file)',
    middleware: [jsonBody],
    request: { body: { required: true, content: { 'application/json': { schema: stripeAccountInputSchema } } } },
    responses: { 200: json(stripeAccountAnswerSchema, 'The account as saved'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const body = c.req.valid('json');
    const mode = (key: string) => (key.includes('_live_') ? 'live' : 'test');
    if (body.secretKey && mode(body.secretKey) !== mode(body.publishableKey)) throw ApiError.invalidField('body.secretKey', `a ${mode(body.secretKey)} key cannot go with a ${mode(body.publishableKey)} publishable key`);
    if (body.minAmount > body.maxAmount) throw ApiError.invalidField('body.minAmount', `the smallest amount (${body.minAmount}) is above the largest (${body.maxAmount})`);
    const saved = await saveStripeAccount(c.env, orgId, { ...body, currencies: [...new Set(body.currencies)], connectAccountId: body.connectAccountId ?? null }, now());
    if (saved === 'keys_required') throw ApiError.invalidField(body.secretKey ? 'body.webhookSecret' : 'body.secretKey', 'give the secret key and the webhook signing secret the first time');
    return c.json(await answer(c.env, orgId), 200);
  },
);

stripeAccount.openapi(
  createRoute({
    method: 'delete',
    path: '/payments/stripe',
    operationId: 'removeStripeAccount',
    tags,
    summary: 'Disconnect Stripe: no new payment can be asked (payments already asked keep their state)',
    responses: { 200: json(stripeAccountAnswerSchema, 'Nothing on file'), ...errorResponses },
  }),
  async (c) => {
    await removeStripeAccount(c.env.DB, c.get('agent').orgId);
    return c.json({ stripe: null }, 200);
  },
);
