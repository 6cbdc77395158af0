// POST /api/v1/sessions/{id}/workflows — send one of the org's workflows:
// the Worker reads its definition and each template step's template (at
// their current versions), and the session's room inserts the workflow with
// all its steps in one change (room/workflows.ts). The participant list is
// the workflow's roles, given once.
import { createRoute, z } from '@hono/zod-openapi';
import { idPattern, idSchema } from '../contract/ids';
import { itemSchema } from '../contract/session';
import { loadWorkflow } from '../directory/workflows';
import { contactSchema } from '../domain/contact';
import { ApiError, unwrap } from '../errors';
import type { WorkflowStepInput } from '../room/workflows';
import { jsonBody } from './body-limits';
import { fromTemplate, withRolePhones } from './documents';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';
import { openSession } from './session-access';

export const sessionWorkflows = createApi();
const tags = ['Workflows'];

const sendWorkflowSchema = z
  .object({
    workflowId: idSchema('workflow'),
    version: z.number().int().min(1).optional().openapi({ description: 'default the current version' }),
    name: z.string().trim().min(1).max(200).optional().openapi({ description: "default the workflow's name" }),
    roles: z
      .record(z.string().min(1).max(60), z.union([z.string().regex(new RegExp(`^${idPattern('participant')}$`), 'must be a participant id (par_…)'), z.object({ contact: contactSchema, required: z.literal(true).optional() }).strict()]))
      .optional()
      .openapi({ description: 'the participant list, once for the whole workflow: role → a participant id, or {"contact": …} for someone new; Customer defaults to the customer' }),
  })
  .strict()
  .openapi('SendWorkflow');

const sentSchema = z.object({ workflow: itemSchema, steps: z.array(itemSchema) }).openapi('SentWorkflow');

sessionWorkflows.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/workflows',
    operationId: 'sendWorkflow',
    tags,
    summary: 'Send a workflow: one item whose steps the customer does in order, each going out when the one before is done',
    middleware: [jsonBody],
    request: { params: z.object({ sessionId: idSchema('session') }), body: { required: true, content: { 'application/json': { schema: sendWorkflowSchema } } } },
    responses: { 201: json(sentSchema, 'The workflow item and its steps, in order'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    const body = c.req.valid('json');
    const workflow = await loadWorkflow(c.env.DB, actor.orgId, body.workflowId, body.version);
    if (!workflow) throw new ApiError(404, 'not_found', body.version ? `workflow version ${body.version} not found` : 'workflow not found');
    const steps: WorkflowStepInput[] = [];
    for (const [i, step] of workflow.steps.entries()) {
      if (step.kind === 'template') {
        let document;
        try {
          document = await fromTemplate(c, actor.orgId, { templateId: step.templateId });
        } catch (err) {
          throw err instanceof ApiError ? new ApiError(err.status === 404 ? 409 : err.status, 'workflow_outdated', `steps.${i}: ${err.message}; an admin must save the workflow again`) : err;
        }
        const { roles: _, ...rest } = document;
        const templateRoles = document.definition.roles.map((r) => r.name);
        const roleMap = Object.fromEntries(templateRoles.map((r) => [r, step.roles?.[r] ?? r]));
        steps.push({ kind: 'template', name: step.name ?? document.name, optional: step.optional, document: rest, roleMap });
      } else if (step.kind === 'document_request') {
        steps.push({ kind: 'document_request', name: step.name ?? 'Documents to send', optional: step.optional, documents: step.documents, role: step.role ?? workflow.roles[0]!.name });
      } else {
        steps.push({ kind: 'payment', name: step.name ?? step.description, optional: step.optional, amount: step.amount, currency: step.currency, description: step.description, role: step.role ?? workflow.roles[0]!.name });
      }
    }
    const choices = (await withRolePhones(c, body.roles)) as Parameters<typeof stub.addWorkflow>[1]['choices'];
    const sent = await stub.addWorkflow(actor, { workflowId: workflow.id, version: workflow.version, name: body.name ?? workflow.name, roles: workflow.roles, choices, steps });
    return c.json(unwrap(sent), 201);
  },
);
