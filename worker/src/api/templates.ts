// /api/v1/templates — the agent's Assets: admin-prepared PDFs with fields,
// roles and signing order. Versioned: a new upload is a new version, and a
// document already sent keeps the version it was sent with.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './context';
import { requireAdmin } from '../auth/agent-auth';
import { newId } from '../auth/crypto';
import { now } from '../clock';
import { ApiError } from '../errors';
import { createApi, errorResponses, jsonResponse } from './openapi';
import { readDocumentUpload, type DocumentUpload } from './definition-form';
import { idParam } from './schemas';
import { fileResponse } from './uploads';
import { loadTemplateVersion, templateVersionView, type TemplateRow } from '../directory/templates';

export const templates = createApi();
const tags = ['Templates (Assets)'];
export const templateIdParam = idParam('tpl', 'template');

templates.use('/templates', async (c, next) => (c.req.method === 'GET' ? next() : requireAdmin(c, next)));
templates.use('/templates/*', async (c, next) => (c.req.method === 'GET' ? next() : requireAdmin(c, next)));

const uploadBody = {
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

async function storeVersion(c: Context<AppEnv>, templateId: string, version: number, upload: DocumentUpload) {
  const agent = c.get('agent');
  const key = `orgs/${agent.orgId}/templates/${templateId}/v${version}.pdf`;
  await c.env.FILES.put(key, upload.pdf.bytes, { httpMetadata: { contentType: 'application/pdf' }, customMetadata: { sha256: upload.pdf.sha256 } });
  return c.env.DB.prepare(
    `INSERT INTO template_versions (template_id, version, pdf_key, pdf_sha256, page_count, pages_json, fields_json, roles_json, signing_order, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).bind(
    templateId,
    version,
    key,
    upload.pdf.sha256,
    upload.pdf.pages.length,
    JSON.stringify(upload.pdf.pages),
    JSON.stringify(upload.definition.fields),
    JSON.stringify(upload.definition.roles),
    upload.definition.signingOrder,
    agent.id,
    now(),
  );
}

templates.openapi(
  createRoute({
    method: 'post',
    path: '/templates',
    tags,
    summary: 'Create a template from a PDF and its fields, roles and signing order (admin)',
    request: { body: uploadBody },
    responses: { 201: jsonResponse('The template, version 1'), 413: { description: 'Too large' }, 415: { description: 'Not a PDF' }, ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const upload = await readDocumentUpload(c);
    const name = upload.form.get('name');
    if (typeof name !== 'string' || !name.trim() || name.trim().length > 120) throw new ApiError(422, 'invalid_request', 'name: give the template a name of 1–120 characters');
    const taken = await c.env.DB.prepare('SELECT 1 FROM templates WHERE org_id = ? AND name = ?').bind(agent.orgId, name.trim()).first();
    if (taken) throw new ApiError(409, 'duplicate', `name: a template called "${name.trim()}" exists; upload a new version of it instead`);
    const id = newId('tpl');
    const at = now();
    await c.env.DB.batch([
      c.env.DB.prepare('INSERT INTO templates (id, org_id, name, current_version, created_by, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)').bind(id, agent.orgId, name.trim(), agent.id, at, at),
      await storeVersion(c, id, 1, upload),
    ]);
    return c.json(templateVersionView((await loadTemplateVersion(c.env.DB, agent.orgId, id))!), 201);
  },
);

templates.openapi(
  createRoute({
    method: 'post',
    path: '/templates/{templateId}/versions',
    tags,
    summary: 'Upload a new version of a template (admin); documents already sent keep theirs',
    request: { params: z.object({ templateId: templateIdParam }), body: uploadBody },
    responses: { 201: jsonResponse('The template at its new version'), ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const { templateId } = c.req.valid('param');
    const current = await c.env.DB.prepare('SELECT * FROM templates WHERE id = ? AND org_id = ?').bind(templateId, agent.orgId).first<TemplateRow>();
    if (!current) throw new ApiError(404, 'not_found', 'template not found');
    const upload = await readDocumentUpload(c);
    const version = current.current_version + 1;
    // The version number is the guard: a concurrent upload of the same version fails the primary key.
    await c.env.DB.batch([
      await storeVersion(c, templateId, version, upload),
      c.env.DB.prepare('UPDATE templates SET current_version = ?, updated_at = ? WHERE id = ? AND current_version = ?').bind(version, now(), templateId, current.current_version),
    ]);
    return c.json(templateVersionView((await loadTemplateVersion(c.env.DB, agent.orgId, templateId))!), 201);
  },
);

templates.openapi(
  createRoute({ method: 'get', path: '/templates', tags, summary: "The org's templates at their current version", responses: { 200: jsonResponse('Templates'), ...errorResponses } }),
  async (c) => {
    const { results } = await c.env.DB.prepare('SELECT id, name, current_version AS version, updated_at FROM templates WHERE org_id = ? AND archived_at IS NULL ORDER BY name')
      .bind(c.get('agent').orgId)
      .all<{ id: string; name: string; version: number; updated_at: number }>();
    return c.json({ templates: results.map((t) => ({ id: t.id, name: t.name, version: t.version, updatedAt: new Date(t.updated_at).toISOString() })) }, 200);
  },
);

templates.openapi(
  createRoute({
    method: 'get',
    path: '/templates/{templateId}',
    tags,
    summary: 'A template with its fields and roles (current version, or ?version=N)',
    request: { params: z.object({ templateId: templateIdParam }), query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
    responses: { 200: jsonResponse('The template'), ...errorResponses },
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
    tags,
    summary: "The template's PDF (current version, or ?version=N)",
    request: { params: z.object({ templateId: templateIdParam }), query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
    responses: { 200: { description: 'The PDF' }, ...errorResponses },
  }),
  async (c) => {
    const t = await loadTemplateVersion(c.env.DB, c.get('agent').orgId, c.req.valid('param').templateId, c.req.valid('query').version);
    if (!t) throw new ApiError(404, 'not_found', 'template not found');
    return fileResponse(c.env.FILES, { key: t.pdf_key, name: `${t.name} v${t.version}.pdf`, type: 'application/pdf' });
  },
);
