// A workflow as every client shows it (issue 16): which definition it runs
// and how far its steps are. The steps themselves are items whose parentId
// is the workflow item.
import { z } from '@hono/zod-openapi';
import { exampleId } from './ids';

export const workflowSummarySchema = z
  .object({
    kind: z.literal('workflow'),
    workflowId: z.string().openapi({ example: exampleId('workflow') }),
    version: z.number().int().positive(),
    steps: z.number().int().nonnegative(),
    done: z.number().int().nonnegative().openapi({ description: 'steps completed or skipped' }),
    current: z.number().int().positive().nullable().openapi({ description: 'the position of the step to do now; null when none is left' }),
  })
  .openapi('WorkflowSummary');
export type WorkflowSummary = z.infer<typeof workflowSummarySchema>;
