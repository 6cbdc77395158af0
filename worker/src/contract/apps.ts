// What an item of an app kind carries beside its status, by kind: one
// shape every client (room, workspace, Salesforce panel, HubSpot card)
// renders its bubble from. Each app's full views and inputs are in its own
// file (document-requests.ts, …), which may use the item's schema; these
// summaries are part of the item's schema, so they live here.
import { z } from '@hono/zod-openapi';
import { PAYMENT_STATES, REQUEST_CATEGORIES, SLOT_STATUSES } from '../domain/catalogue';
import { exampleId } from './ids';
import { isoTimeOrNull } from './time';

// A document request: the documents asked for, one slot each, and where each
// stands. The file itself is fetched through the request's own routes.
export const requestSlotSummarySchema = z
  .object({
    id: z.string().openapi({ example: exampleId('slot') }),
    category: z.enum(REQUEST_CATEGORIES),
    label: z.string().nullable().openapi({ description: "the agent's own name for an 'other' document; null: the category's name" }),
    required: z.boolean(),
    status: z.enum(SLOT_STATUSES),
    reason: z.string().nullable().openapi({ description: 'why the agent rejected the last file (shown to the customer)' }),
    fileType: z.string().nullable().openapi({ description: 'the type of the file given now (image/jpeg, application/pdf…), to preview it; null until one is given' }),
  })
  .openapi('RequestSlotSummary');

export const documentRequestSummarySchema = z
  .object({
    kind: z.literal('document_request'),
    slots: z.array(requestSlotSummarySchema),
  })
  .openapi('DocumentRequestSummary');
export type DocumentRequestSummary = z.infer<typeof documentRequestSummarySchema>;

// A payment: what is asked, and what Stripe says of it. Never a client
// secret or card number: those stay between the payment page and Stripe.
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

// A shared review: the document's pages, who leads and where, and how many
// highlights and comments it has.
export const reviewSummarySchema = z
  .object({
    kind: z.literal('shared_review'),
    pages: z.number().int().positive(),
    page: z.number().int().positive().openapi({ description: 'the page the leader is on' }),
    leader: z.string().nullable().openapi({ description: '"agent" or "participant:<id>"; null until someone leads' }),
    annotations: z.number().int().nonnegative(),
    endedAt: isoTimeOrNull,
  })
  .openapi('ReviewSummary');
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

// A workflow: which definition it runs and how far its steps are. The steps
// themselves are items whose parentId is the workflow item.
export const workflowSummarySchema = z
  .object({
    kind: z.literal('workflow'),
    workflowId: z.string().openapi({ example: exampleId('workflow') }),
    version: z.number().int().positive(),
    steps: z.number().int().nonnegative(),
    done: z.number().int().nonnegative().openapi({ description: 'steps completed or skipped' }),
    current: z.number().int().positive().nullable().openapi({ description: 'the position of the step to do now; null when none is left, or the workflow was declined or cancelled' }),
  })
  .openapi('WorkflowSummary');
export type WorkflowSummary = z.infer<typeof workflowSummarySchema>;

export const appSummarySchema = z
  .discriminatedUnion('kind', [documentRequestSummarySchema, paymentSummarySchema, reviewSummarySchema, workflowSummarySchema])
  .openapi('AppSummary');
export type AppSummary = z.infer<typeof appSummarySchema>;
