// Workflows (issue 16): an admin's ordered steps, each a template, a
// document request or a payment, with the roles that act in it. The
// participant list is asked once for the whole workflow (its roles), and
// each step says which of them acts: a template maps its own roles to the
// workflow's (a role of the same name by default; "Agent" is the agent), a
// request or payment names one role. Optional steps may be skipped.
import { z } from '@hono/zod-openapi';
import { STRIPE_MAX_MINOR } from '../domain/payment';
import { MAX_WORKFLOW_STEPS } from '../domain/workflow-definition';
import { askedDocumentSchema } from './document-requests';
import { idSchema } from './ids';
import { isoTime } from './time';

const roleName = z.string().trim().min(1, 'give the role a name').max(60);

const stepBase = {
  name: z.string().trim().min(1).max(200).optional().openapi({ description: "what the customer reads; defaults to the template's name, \"Documents to send\" or the payment's description" }),
  optional: z.boolean().default(false).openapi({ description: 'the agent may skip it; the workflow goes on' }),
};

export const workflowStepSchema = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('template'),
        templateId: idSchema('template'),
        ...stepBase,
        roles: z.record(roleName, roleName).optional().openapi({ description: 'template role → workflow role; by default each goes to the workflow role of its name ("Agent" is always the agent)' }),
      })
      .strict(),
    z.object({ kind: z.literal('document_request'), ...stepBase, documents: z.array(askedDocumentSchema).min(1).max(10), role: roleName.optional().openapi({ description: 'who sends them; default the first role' }) }).strict(),
    z
      .object({
        kind: z.literal('payment'),
        ...stepBase,
        amount: z.number().int().positive().max(STRIPE_MAX_MINOR).openapi({ description: "in the currency's smallest unit" }),
        currency: z
          .string()
          .regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code such as "usd"')
          .transform((c) => c.toLowerCase()),
        description: z.string().trim().min(1).max(200),
        role: roleName.optional().openapi({ description: 'who pays; default the first role' }),
      })
      .strict(),
  ])
  .openapi('WorkflowStep');
export type WorkflowStep = z.infer<typeof workflowStepSchema>;

export const workflowDefinitionSchema = z
  .object({
    name: z.string().trim().min(1, 'give the workflow a name').max(120),
    roles: z
      .array(z.object({ name: roleName, required: z.boolean().default(true) }).strict())
      .min(1)
      .max(10)
      .default([{ name: 'Customer', required: true }])
      .openapi({ description: 'the participant list, asked once when the workflow is sent; default one "Customer"' }),
    steps: z.array(workflowStepSchema).min(1).max(MAX_WORKFLOW_STEPS),
  })
  .strict()
  .openapi('WorkflowDefinition');
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;

export const workflowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.number().int().positive(),
    currentVersion: z.number().int().positive(),
    roles: z.array(z.object({ name: z.string(), required: z.boolean() })),
    steps: z.array(workflowStepSchema),
    createdAt: isoTime,
  })
  .openapi('Workflow');
export type WorkflowView = z.infer<typeof workflowSchema>;

export const workflowListSchema = z
  .object({ workflows: z.array(z.object({ id: z.string(), name: z.string(), version: z.number().int(), steps: z.number().int(), updatedAt: isoTime })) })
  .openapi('WorkflowList');
