// What an item of an app kind carries beside its status, by kind: one
// shape every client (room, workspace, Salesforce panel, HubSpot card)
// renders its bubble from.
import { z } from '@hono/zod-openapi';
import { documentRequestSummarySchema } from './document-requests';
import { paymentSummarySchema } from './payments';
import { reviewSummarySchema } from './reviews';
import { workflowSummarySchema } from './workflows';

export const appSummarySchema = z
  .discriminatedUnion('kind', [documentRequestSummarySchema, paymentSummarySchema, reviewSummarySchema, workflowSummarySchema])
  .openapi('AppSummary');
export type AppSummary = z.infer<typeof appSummarySchema>;
