// A shared review as every client shows it (issue 16): the document's
// pages, who leads and where, and how many highlights and comments it has.
import { z } from '@hono/zod-openapi';
import { isoTimeOrNull } from './time';

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
