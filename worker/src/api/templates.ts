// /api/v1/templates — the agent's Assets: admin-prepared PDFs with fields,
// roles and signing order. Versioned: a new upload is a new version, and a
// document already sent keeps the version it was sent with.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './context';
import { requireAdmin } from '../auth/agent-auth';
import { newId } from '../auth/crypto';
import { now } from '../clock';
import { idSchema } from '../contract/ids';
import { templateListSchema, templateVersionSchema } from '../contract/templates';
import { MAX_PDF_BYTES } from '../documents/pdf-limits';
import { ApiError } from '../errors';
import { uploadBody } from './body-limits';
import { createApi, errorResponses, file, json, uploadErrorResponses } from './openapi';
import { readDocumentUpload, type DocumentUpload } from './definition-form';
import { fileResponse } from './uploads';
import {
  addTemplateVersion,
  createTemplate,
  findTemplate,
  listTemplates,
  loadTemplateVersion,
  templateNameTaken,
  templateVersionView,
  type NewTemplateVersion,
} from '../directory/templates';

export const templates = createApi();
const tags = ['Templates (Assets)'];
const templateParams = z.object({ templateId: idSchema('template') });
const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

templates.use('/templates', async (c, next) => (c.req.method === 'GET' ? next() : requireAdmin(c, next)));
templates.use('/templates/*', async (c, next) => (c.req.method === 'GET' ? next() : requireAdmin(c, next)));

const uploadBodySchema = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: z.object({
        file: z.any().openapi({ type: 'string', format: 'binary', description: 'the PDF' }),
        name: z.string().optional().openapi({ description: 'the template name (new templates)' }),
        definition: z.string().openapi({ description: 'JSON: {"roles":[{"name","required"}], "signingOrder":"parallel"|"sequential", "fields":[…]}' }),
      }),
    },
  },
} as const;

/** Store the PDF of a version in R2; the caller records it in D1. */
async function storeVersion(c: Context<AppEnv>, templateId: string, version: number, upload: DocumentUpload): Promise<NewTemplateVersion> {
  const agent = c.get('agent');
  const key = `orgs/${agent.orgId}/templates/${templateId}/v${version}.pdf`;
  await c.env.FILES.put(key, upload.pdf.bytes, { httpMetadata: { contentType: 'application/pdf' }, customMetadata: { sha256: upload.pdf.sha256 } });
  return {
    templateId,
    version,
    pdfKey: key,
    pdfSha256: upload.pdf.sha256,
    pages: upload.pdf.pages,
    fields: upload.definition.fields,
    roles: upload.definition.roles,
    signingOrder: upload.definition.signingOrder,
    createdBy: agent.id,
    at: now(),
  };
}

templates.openapi(
  createRoute({
    method: 'post',
    path: '/templates',
    operationId: 'createTemplate',
    tags,
    summary: 'Create a template from a PDF and its fields, roles and signing order (admin)',
    middleware: [uploadBody(MAX_PDF_BYTES)],
    request: { body: uploadBodySchema },
    responses: { 201: json(templateVersionSchema, 'The template, version 1'), ...uploadErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const upload = await readDocumentUpload(c);
    const name = upload.form.get('name');
    if (typeof name !== 'string' || !name.trim() || name.trim().length > 120) throw new ApiError(422, 'invalid_request', 'name: give the template a name of 1–120 characters');
    if (await templateNameTaken(c.env.DB, agent.orgId, name.trim())) throw new ApiError(409, 'duplicate', `name: a template called "${name.trim()}" exists; upload a new version of it instead`);
    const id = newId('tpl');
    await createTemplate(c.env.DB, { orgId: agent.orgId, name: name.trim() }, await storeVersion(c, id, 1, upload));
    return c.json(templateVersionView((await loadTemplateVersion(c.env.DB, agent.orgId, id))!), 201);
  },
);

templates.openapi(
  createRoute({
    method: 'post',
    path: '/templates/{templateId}/versions',
    operationId: 'addTemplateVersion',
    tags,
    summary: 'Upload a new version of a template (admin); documents already sent keep theirs',
    middleware: [uploadBody(MAX_PDF_BYTES)],
    request: { params: templateParams, body: uploadBodySchema },
    responses: { 201: json(templateVersionSchema, 'The template at its new version'), ...uploadErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const { templateId } = c.req.valid('param');
    const current = await findTemplate(c.env.DB, agent.orgId, templateId);
    if (!current) throw new ApiError(404, 'not_found', 'template not found');
    const upload = await readDocumentUpload(c);
    await addTemplateVersion(c.env.DB, await storeVersion(c, templateId, current.current_version + 1, upload));
    return c.json(templateVersionView((await loadTemplateVersion(c.env.DB, agent.orgId, templateId))!), 201);
  },
);

templates.openapi(
  createRoute({ method: 'get', path: '/templates', operationId: 'listTemplates', tags, summary: "The org's templates at their current version", responses: { 200: json(templateListSchema, 'Templates'), ...errorResponses } }),
  async (c) => {
    const rows = await listTemplates(c.env.DB, c.get('agent').orgId);
    return c.json({ templates: rows.map((t) => ({ id: t.id, name: t.name, version: t.version, updatedAt: new Date(t.updatedAt).toISOString() })) }, 200);
  },
);

templates.openapi(
  createRoute({
    method: 'get',
    path: '/templates/{templateId}',
    operationId: 'getTemplate',
    tags,
    summary: 'A template with its fields and roles (current version, or ?version=N)',
    request: { params: templateParams, query: versionQuery },
    responses: { 200: json(templateVersionSchema, 'The template'), ...errorResponses },
  }),
  async (c) => {
    const t = await loadTemplateVersion(c.env.DB, c.get('agent').orgId, c.req.valid('param').templateId, c.req.valid('query').version);
    if (!t) throw new ApiError(404, 'not_found', 'template not found');
    return c.json(templateVersionView(t), 200);
  },
);

templates.openapi(
  createRoute({
    method: 'get',
    path: '/templates/{templateId}/pdf',
    operationId: 'downloadTemplate',
    tags,
    summary: "The template's PDF (current version, or ?version=N)",
    request: { params: templateParams, query: versionQuery },
    responses: { 200: file('The PDF', 'application/pdf'), ...errorResponses },
  }),
  async (c) => {
    const t = await loadTemplateVersion(c.env.DB, c.get('agent').orgId, c.req.valid('param').templateId, c.req.valid('query').version);
    if (!t) throw new ApiError(404, 'not_found', 'template not found');
    return fileResponse(c.env.FILES, { key: t.pdf_key, name: `${t.name} v${t.version}.pdf`, type: 'application/pdf' });
  },
);
