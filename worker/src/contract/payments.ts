// A payment as every client shows it (issue 16): what is asked, and what
// Stripe says of it. Never a client secret or card number: those stay
// between the payment page and Stripe.
import { z } from '@hono/zod-openapi';
import { PAYMENT_STATES } from '../domain/catalogue';
import { isoTimeOrNull } from './time';

export const paymentSummarySchema = z
  .object({
    kind: z.literal('payment'),
    amount: z.number().int().positive().openapi({ description: "in the currency's minor unit (cents; yen for JPY)", example: 12_500 }),
    currency: z.string().regex(/^[a-z]{3}$/).openapi({ description: 'ISO 4217, lower case as Stripe writes it', example: 'usd' }),
    description: z.string(),
    state: z.enum(PAYMENT_STATES),
    failureMessage: z.string().nullable().openapi({ description: "why the last try failed, in Stripe's words" }),
    amountRefunded: z.number().int().nonnegative(),
    paidAt: isoTimeOrNull,
    card: z.object({ brand: z.string(), last4: z.string() }).nullable().openapi({ description: 'the card that paid, for the receipt' }),
    receiptUrl: z.string().nullable(),
  })
  .openapi('PaymentSummary');
export type PaymentSummary = z.infer<typeof paymentSummarySchema>;
