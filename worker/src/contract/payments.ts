// Payments through Stripe (issue 16): the org's Stripe account as admins set
// it (keys write-only), what an agent sends to ask for a payment, and what
// the payment page in the room receives to show Stripe's Payment Element.
// The payment's summary, part of every item view, is in apps.ts.
import { z } from '@hono/zod-openapi';
import { STRIPE_MAX_MINOR } from '../domain/payment';
import { idSchema } from './ids';
import { paymentSummarySchema } from './apps';
import { itemSchema } from './session';
import { isoTimeOrNull } from './time';

const currencySchema = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code such as "usd" or "EUR"')
  .transform((c) => c.toLowerCase())
  .openapi({ example: 'usd' });

export const stripeAccountSchema = z
  .object({
    publishableKey: z.string(),
    connectAccountId: z.string().nullable(),
    mode: z.enum(['test', 'live']),
    currencies: z.array(z.string()),
    minAmount: z.number(),
    maxAmount: z.number(),
    webhookUrl: z.string().openapi({ description: "the address to give Stripe as this org's webhook endpoint" }),
    updatedAt: isoTimeOrNull,
  })
  .openapi('StripeAccount');

export type StripeAccountView = z.infer<typeof stripeAccountSchema>;

export const stripeAccountAnswerSchema = z.object({ stripe: stripeAccountSchema.nullable() }).openapi('StripeAccountAnswer');

export const stripeAccountInputSchema = z
  .object({
    secretKey: z
      .string()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{10,}$/, 'a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)')
      .optional()
      .openapi({ description: 'write-only; leave out to keep the one on file' }),
    webhookSecret: z.string().regex(/^whsec_[A-Za-z0-9]{10,}$/, "the endpoint's signing secret (whsec_…)").optional().openapi({ description: 'write-only; leave out to keep the one on file' }),
    publishableKey: z.string().regex(/^pk_(test|live)_[A-Za-z0-9]{10,}$/, 'a Stripe publishable key (pk_test_… or pk_live_…)'),
    connectAccountId: z.string().regex(/^acct_[A-Za-z0-9]{6,}$/, 'a Stripe Connect account id (acct_…)').nullable().optional(),
    currencies: z.array(currencySchema).min(1).max(20),
    minAmount: z.number().positive().openapi({ description: 'in major units (0.5 = 0.50)', example: 1 }),
    maxAmount: z.number().positive().openapi({ example: 10_000 }),
  })
  .strict()
  .openapi('StripeAccountInput');

export const newPaymentSchema = z
  .object({
    amount: z.number().int().positive().max(STRIPE_MAX_MINOR).openapi({ description: "in the currency's smallest unit (cents; yen for JPY)", example: 12_500 }),
    currency: currencySchema,
    description: z.string().trim().min(1).max(200).openapi({ example: 'Deposit for order 1042' }),
    assigneeIds: z.array(idSchema('participant')).min(1).max(20).optional().openapi({ description: 'defaults to the customer' }),
    threadId: idSchema('thread').optional(),
  })
  .strict()
  .openapi('NewPayment');
export type NewPayment = z.infer<typeof newPaymentSchema>;

export const paymentSchema = z.object({ item: itemSchema, payment: paymentSummarySchema }).openapi('Payment');
export type PaymentView = z.infer<typeof paymentSchema>;

/** What the payment page needs to draw Stripe's Payment Element for this payment, and nothing that could take another. */
export const roomPaymentSchema = paymentSchema
  .extend({
    checkout: z
      .object({
        publishableKey: z.string(),
        connectAccountId: z.string().nullable(),
        clientSecret: z.string().openapi({ description: "the PaymentIntent's client secret: lets this browser confirm this one payment" }),
      })
      .nullable()
      .openapi({ description: 'null once there is nothing to pay (paid, cancelled, refunded)' }),
  })
  .openapi('RoomPayment');
export type RoomPaymentView = z.infer<typeof roomPaymentSchema>;
