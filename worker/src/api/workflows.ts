// /api/v1/workflows — the org's workflows: ordered steps of templates,
// document requests and payments with their roles, built by an admin and
// sent to a session like a template. Versioned: saving again makes a new
// version, and a workflow already sent keeps the version it was sent with.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireAdmin } from '../auth/agent-auth';
import { newId } from '../auth/crypto';
import { now } from '../clock';
import { idSchema } from '../contract/ids';
import { workflowDefinitionSchema, workflowListSchema, workflowSchema, type WorkflowDefinition } from '../contract/workflows';
import { describeStripeAccount } from '../directory/stripe-accounts';
import { loadTemplateVersion } from '../directory/templates';
import { addWorkflowVersion, createWorkflow, currentWorkflows, findWorkflow, loadWorkflow, workflowNamed } from '../directory/workflows';
import type { RoleDef } from '../domain/document-definition';
import { workflowProblems } from '../domain/workflow-definition';
import { ApiError } from '../errors';
import { jsonBody } from './body-limits';
import type { AppEnv } from './context';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const workflows = createApi();
const tags = ['Workflows'];
const params = z.object({ workflowId: idSchema('workflow') });
const theWorkflow = json(workflowSchema, 'The workflow at this version');

workflows.use('/workflows', async (c, next) => (c.req.method === 'GET' ? next() : requireAdmin(c, next)));
workflows.use('/workflows/*', async (c, next) => (c.req.method === 'GET' ? next() : requireAdmin(c, next)));

/** Refuses a definition that cannot be sent, naming every problem at its field; checked against the org's templates and payment limits now. */
async function checkDefinition(c: Context<AppEnv>, def: WorkflowDefinition): Promise<void> {
  const orgId = c.get('agent').orgId;
  const templateIds = [...new Set(def.steps.flatMap((s) => (s.kind === 'template' ? [s.templateId] : [])))];
  const [templates, stripe] = await Promise.all([
    Promise.all(templateIds.map(async (id) => [id, await loadTemplateVersion(c.env.DB, orgId, id)] as const)),
    def.steps.some((s) => s.kind === 'payment') ? describeStripeAccount(c.env.DB, orgId) : null,
  ]);
  const roles = new Map(templates.flatMap(([id, t]) => (t ? [[id, (JSON.parse(t.roles_json) as RoleDef[]).map((r) => r.name)] as const] : [])));
  const problems = workflowProblems(def, roles, stripe);
  if (problems.length) {
    const issues = problems.map((p) => ({ field: `body.${p.path}`, message: p.message }));
    throw new ApiError(422, 'invalid_workflow', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  }
}

const definitionBody = { required: true, content: { 'application/json': { schema: workflowDefinitionSchema } } } as const;

workflows.openapi(
  createRoute({
    method: 'post',
    path: '/workflows',
    operationId: 'createWorkflow',
    tags,
    summary: 'Create a workflow: its roles (the participant list asked once) and its ordered steps (admin)',
    middleware: [jsonBody],
    request: { body: definitionBody },
    responses: { 201: json(workflowSchema, 'The workflow, version 1'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const def = c.req.valid('json');
    if (await workflowNamed(c.env.DB, agent.orgId, def.name)) throw new ApiError(409, 'duplicate', `name: a workflow called "${def.name}" exists; save a new version of it instead`);
    await checkDefinition(c, def);
    const id = newId('wfl');
    await createWorkflow(c.env.DB, { id, orgId: agent.orgId, def, by: agent.id, at: now() });
    return c.json((await loadWorkflow(c.env.DB, agent.orgId, id))!, 201);
  },
);

workflows.openapi(
  createRoute({
    method: 'post',
    path: '/workflows/{workflowId}/versions',
    operationId: 'addWorkflowVersion',
    tags,
    summary: 'Save a new version of a workflow (admin); workflows already sent keep theirs',
    middleware: [jsonBody],
    request: { params, body: definitionBody },
    responses: { 201: theWorkflow, ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const { workflowId } = c.req.valid('param');
    const def = c.req.valid('json');
    const current = await findWorkflow(c.env.DB, agent.orgId, workflowId);
    if (!current) throw new ApiError(404, 'not_found', 'workflow not found');
    const named = await workflowNamed(c.env.DB, agent.orgId, def.name);
    if (named && named.id !== workflowId) throw new ApiError(409, 'duplicate', `name: another workflow is called "${def.name}"`);
    await checkDefinition(c, def);
    try {
      await addWorkflowVersion(c.env.DB, { id: workflowId, version: current.current_version + 1, def, by: agent.id, at: now() });
    } catch {
      throw new ApiError(409, 'version_conflict', 'someone saved this workflow at the same moment; load it again and redo your change');
    }
    return c.json((await loadWorkflow(c.env.DB, agent.orgId, workflowId))!, 201);
  },
);

workflows.openapi(
  createRoute({ method: 'get', path: '/workflows', operationId: 'listWorkflows', tags, summary: "The org's workflows at their current version", responses: { 200: json(workflowListSchema, 'Workflows'), ...errorResponses } }),
  async (c) => {
    const list = await currentWorkflows(c.env.DB, c.get('agent').orgId);
    return c.json({ workflows: list.map((w) => ({ id: w.id, name: w.name, version: w.version, steps: w.steps.length, updatedAt: w.updatedAt })) }, 200);
  },
);

workflows.openapi(
  createRoute({
    method: 'get',
    path: '/workflows/{workflowId}',
    operationId: 'getWorkflow',
    tags,
    summary: 'A workflow with its roles and steps (current version, or ?version=N)',
    request: { params, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
    responses: { 200: theWorkflow, ...errorResponses },
  }),
  async (c) => {
    const w = await loadWorkflow(c.env.DB, c.get('agent').orgId, c.req.valid('param').workflowId, c.req.valid('query').version);
    if (!w) throw new ApiError(404, 'not_found', 'workflow not found');
    return c.json(w, 200);
  },
);
