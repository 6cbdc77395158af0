// A document request as every client shows it (issue 16): the documents
// asked for, one slot each, and where each stands. The file itself is
// fetched through the request's own routes, never carried in a view.
import { z } from '@hono/zod-openapi';
import { REQUEST_CATEGORIES, SLOT_STATUSES } from '../domain/catalogue';
import { exampleId } from './ids';

export const requestSlotSummarySchema = z
  .object({
    id: z.string().openapi({ example: exampleId('slot') }),
    category: z.enum(REQUEST_CATEGORIES),
    label: z.string().nullable().openapi({ description: "the agent's own name for an 'other' document; null: the category's name" }),
    required: z.boolean(),
    status: z.enum(SLOT_STATUSES),
    reason: z.string().nullable().openapi({ description: 'why the agent rejected the last file (shown to the customer)' }),
  })
  .openapi('RequestSlotSummary');

export const documentRequestSummarySchema = z
  .object({
    kind: z.literal('document_request'),
    slots: z.array(requestSlotSummarySchema),
  })
  .openapi('DocumentRequestSummary');
export type DocumentRequestSummary = z.infer<typeof documentRequestSummarySchema>;
