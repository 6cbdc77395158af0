// /api/v1/sessions/{id}/documents — send a template or an ad hoc PDF, fill
// agent fields, sign as agent, download, and read the audit trail.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { prefillValues, type FieldDef } from '../domain/fields';
import { contactSchema } from '../domain/contact';
import { loadTemplateVersion } from '../directory/templates';
import { newId } from '../auth/crypto';
import { auditTrailSchema, batchSchema, documentItemSchema } from '../contract/documents';
import { fieldIdSchema, idPattern, idSchema } from '../contract/ids';
import { MAX_PDF_BYTES } from '../documents/pdf-limits';
import { ApiError, unwrap } from '../errors';
import type { AddDocumentInput } from '../room/documents';
import type { RoleChoice } from '../room/participant-list';
import { jsonBody, uploadBody } from './body-limits';
import type { AppEnv } from './context';
import { readDocumentUpload } from './definition-form';
import { evidence } from './evidence';
import { withOrgPhonePrefix } from './local-phone';
import { bodyErrorResponses, createApi, errorResponses, file, json, uploadErrorResponses } from './openapi';
import { openSession } from './session-access';
import { fieldValueBodySchema } from './schemas';
import { fileResponse } from './uploads';
import { drawnImageResponse } from './drawn-image';

export const documents = createApi();
const tags = ['Documents'];
const roleChoiceSchema = z.union(
  [
    z.string().regex(new RegExp(`^(agent|${idPattern('participant')})$`), 'must be a participant id (par_…) or "agent"'),
    z.object({ contact: contactSchema, required: z.literal(true).optional() }).strict(),
    z.object({ assign: z.literal('customer'), required: z.boolean().optional() }).strict(),
  ],
  { error: roleChoiceError },
);

/**
 * Why a role's value was refused. An object that says which form it means
 * ({"contact"…} or {"assign"…}) is told what is wrong inside it ("contact.phone:
 * must be…"), not only which forms exist.
 */
function roleChoiceError(issue: { code?: string; input?: unknown; errors?: { path: PropertyKey[]; message: string }[][] }): string {
  const forms = 'must be a participant id (par_…), "agent", {"contact": {"name", "email"?, "phone"?}} or {"assign": "customer"}';
  const input = issue.input;
  if (issue.code !== 'invalid_union' || typeof input !== 'object' || input === null) return forms;
  const branch = 'contact' in input ? 1 : 'assign' in input ? 2 : -1;
  const first = branch < 0 ? undefined : issue.errors?.[branch]?.[0];
  return first ? `${first.path.map(String).join('.')}: ${first.message}` : forms;
}
const rolesSchema = z
  .record(z.string().min(1).max(60), roleChoiceSchema)
  .optional()
  .openapi({
    description:
      'The participant list, role name → one of: a participant id or "agent"; {"contact": {name, email?, phone?}, "required"?: true} — a new participant ' +
      'for this role, with their own link (the same person in two roles is two participants), invited with the document when the session is active; ' +
      '{"assign": "customer", "required"?: boolean} — the customer names who takes it in their Assign step (required defaults to the template\'s flag; ' +
      'true makes an optional role mandatory; an optional one may be skipped). "required": true on a contact makes an optional role mandatory. ' +
      'Customer and Agent default to the customer and you; an optional role left out is left out; a required role left out is refused (422). ' +
      'With SMS off a phone is refused; with OTP required each new participant needs both an email and a phone (the code goes by the other channel). ' +
      'Nothing is created unless every role is valid.',
  });
const docParams = z.object({ sessionId: idSchema('session'), itemId: idSchema('item') });
const mergeValuesSchema = z
  .record(z.string().min(1).max(120), z.string().max(10000))
  .optional()
  .openapi({ description: 'CRM merge values by merge key (e.g. {"Contact.FirstName": "Cora"}), filled into the fields that name them' });
const templateSend = z
  .object({
    templateId: idSchema('template'),
    version: z.number().int().min(1).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    roles: rolesSchema,
    mergeValues: mergeValuesSchema,
  })
  .strict();

documents.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/documents',
    operationId: 'sendTemplate',
    tags,
    summary: 'Send a template document from Assets (at its current version, or a given one)',
    middleware: [jsonBody],
    request: {
      params: z.object({ sessionId: idSchema('session') }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: templateSend,
          },
        },
      },
    },
    responses: { 201: json(documentItemSchema, 'The item and its document'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    const view = await stub.addDocument(actor, await fromTemplate(c, actor.orgId, c.req.valid('json')));
    return c.json(unwrap(view), 201);
  },
);

documents.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/batches',
    operationId: 'sendBatch',
    tags,
    summary: 'Send several template documents as one batch, completed in the given order (each unlocks when the one before is done)',
    middleware: [jsonBody],
    request: {
      params: z.object({ sessionId: idSchema('session') }),
      body: {
        required: true,
        content: { 'application/json': { schema: z.object({ name: z.string().trim().min(1).max(200), documents: z.array(templateSend).min(2).max(10) }).strict() } },
      },
    },
    responses: { 201: json(batchSchema, 'The batch item and its documents, in order'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    const body = c.req.valid('json');
    const docs = [];
    for (const [i, d] of body.documents.entries()) {
      try {
        docs.push(await fromTemplate(c, actor.orgId, d));
      } catch (err) {
        if (err instanceof ApiError) throw new ApiError(err.status, err.code, `documents.${i}: ${err.message}`);
        throw err;
      }
    }
    return c.json(unwrap(await stub.addBatch(actor, body.name, docs)), 201);
  },
);

/** A template at the asked (or current) version, as a document to send. */
export async function fromTemplate(c: Context<AppEnv>, orgId: string, spec: z.infer<typeof templateSend>): Promise<AddDocumentInput> {
  const t = await loadTemplateVersion(c.env.DB, orgId, spec.templateId, spec.version);
  if (!t) throw new ApiError(404, 'not_found', spec.version ? `template version ${spec.version} not found` : 'template not found');
  const fields = JSON.parse(t.fields_json) as FieldDef[];
  const prefill = prefillValues(fields, spec.mergeValues ?? {});
  if (!prefill.ok) throw new ApiError(422, 'invalid_merge_value', prefill.message);
  return {
    roles: await withRolePhones(c, spec.roles),
    prefill: prefill.values,
    name: spec.name ?? t.name,
    source: 'template',
    templateId: t.id,
    templateVersion: t.version,
    pdfKey: t.pdf_key,
    originalSha256: t.pdf_sha256,
    pages: JSON.parse(t.pages_json),
    definition: { fields, roles: JSON.parse(t.roles_json), signingOrder: t.signing_order },
  };
}

/** The participant list with each new participant's phone completed by the org's default prefix (api/local-phone.ts). */
export async function withRolePhones(c: Context<AppEnv>, roles: Roles | undefined): Promise<Record<string, RoleChoice> | undefined> {
  if (!roles) return undefined;
  const out: Record<string, RoleChoice> = {};
  for (const [name, choice] of Object.entries(roles)) {
    out[name] = typeof choice === 'object' && 'contact' in choice ? { ...choice, contact: await withOrgPhonePrefix(c, choice.contact, `roles.${name}.contact.phone`) } : choice;
  }
  return out;
}

documents.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/documents/adhoc',
    operationId: 'sendAdhocDocument',
    tags,
    summary: 'Upload a PDF during the session, with its fields placed, and send it',
    middleware: [uploadBody(MAX_PDF_BYTES)],
    request: {
      params: z.object({ sessionId: idSchema('session') }),
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              file: z.any().openapi({ type: 'string', format: 'binary' }),
              name: z.string().openapi({ description: 'the document name' }),
              definition: z.string().openapi({ description: 'JSON: {"roles"?, "signingOrder"?, "fields":[{"id","type","page","rect":{"x","y","width","height"},"role","required"}]}' }),
              roles: z.string().optional().openapi({ description: 'JSON: the participant list, as "roles" of sendTemplate' }),
            }),
          },
        },
      },
    },
    responses: { 201: json(documentItemSchema, 'The item and its document'), ...uploadErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = openSession(c, c.req.valid('param').sessionId);
    const upload = await readDocumentUpload(c);
    const name = upload.form.get('name');
    if (typeof name !== 'string' || !name.trim() || name.trim().length > 200) throw new ApiError(422, 'invalid_request', 'name: give the document a name of 1–200 characters');
    const roles = await withRolePhones(c, parseRoles(upload.form.get('roles')));
    const prefill = adhocPrefill(upload.definition.fields);
    // Checked against the session before the PDF is stored, so a refused send stores nothing.
    unwrap(await stub.view(actor));
    const key = `orgs/${actor.orgId}/sessions/${c.req.valid('param').sessionId}/documents/${newId('fil')}.pdf`;
    await c.env.FILES.put(key, upload.pdf.bytes, { httpMetadata: { contentType: 'application/pdf' }, customMetadata: { sha256: upload.pdf.sha256 } });
    const view = await stub.addDocument(actor, {
      name: name.trim(),
      source: 'adhoc',
      templateId: null,
      templateVersion: null,
      pdfKey: key,
      originalSha256: upload.pdf.sha256,
      pages: upload.pdf.pages,
      definition: upload.definition,
      roles,
      prefill,
    });
    if (!view.ok) await c.env.FILES.delete(key);
    return c.json(unwrap(view), 201);
  },
);

/** An ad hoc document starts with its fields' defaults. */
function adhocPrefill(fields: FieldDef[]) {
  const prefill = prefillValues(fields, {});
  if (!prefill.ok) throw new ApiError(422, 'invalid_request', `definition: ${prefill.message}`);
  return prefill.values;
}

type Roles = z.infer<typeof rolesSchema>;

function parseRoles(raw: string | File | null): Roles {
  if (raw === null) return undefined;
  let json: unknown;
  try {
    json = typeof raw === 'string' ? JSON.parse(raw) : null;
  } catch {
    throw new ApiError(422, 'invalid_request', 'roles: not valid JSON');
  }
  const parsed = rolesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(422, 'invalid_request', `${['roles', ...(issue?.path ?? []).map(String)].join('.')}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

documents.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/documents/{itemId}',
    operationId: 'getDocument',
    tags,
    summary: 'A document: fields with values, roles, whose turn it is, sealed state',
    request: { params: docParams },
    responses: { 200: json(documentItemSchema, 'The document'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.document(actor, itemId)), 200);
  },
);

documents.openapi(
  createRoute({
    method: 'put',
    path: '/sessions/{sessionId}/documents/{itemId}/fields/{fieldId}',
    operationId: 'fillAgentField',
    tags,
    summary: "Fill one of the agent's fields (agent details, or signing as agent)",
    middleware: [jsonBody],
    request: {
      params: docParams.extend({ fieldId: fieldIdSchema }),
      body: { required: true, content: { 'application/json': { schema: fieldValueBodySchema } } },
    },
    responses: { 200: json(documentItemSchema, 'The document'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId, fieldId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.fillField(actor, itemId, fieldId, c.req.valid('json').value, evidence(c))), 200);
  },
);

documents.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/documents/{itemId}/complete',
    operationId: 'completeAgentPart',
    tags,
    summary: "Complete the agent's part: sign as agent, or finish agent details so the document reaches the customer",
    request: { params: docParams },
    responses: { 200: json(documentItemSchema, 'The document'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.completeDocument(actor, itemId, evidence(c))), 200);
  },
);

documents.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/documents/{itemId}/pdf',
    operationId: 'downloadDocument',
    tags,
    summary: 'Download or preview the document: the sealed PDF once complete, the current state (values drawn in, unsigned) before',
    request: { params: docParams },
    responses: { 200: file('The PDF', 'application/pdf'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    const file = unwrap(await stub.documentPdf(actor, itemId, evidence(c)));
    return fileResponse(c.env.FILES, { ...file, type: 'application/pdf' });
  },
);

documents.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/documents/{itemId}/audit',
    operationId: 'getDocumentAudit',
    tags,
    summary: "The document's hash-chained audit trail, and whether the chain verifies",
    request: { params: docParams },
    responses: { 200: json(auditTrailSchema, 'Entries and verification'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return c.json(unwrap(await stub.documentAudit(actor, itemId)), 200);
  },
);

documents.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/documents/{itemId}/forward',
    operationId: 'forwardDocument',
    tags,
    summary: 'Forward a completed document for approval to a third party (name and email or phone; they get their own link)',
    middleware: [jsonBody],
    request: { params: docParams, body: { required: true, content: { 'application/json': { schema: z.object({ approver: contactSchema }).strict() } } } },
    responses: { 200: json(documentItemSchema, 'The document, pending approval'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    const approver = await withOrgPhonePrefix(c, c.req.valid('json').approver, 'body.approver.phone');
    return c.json(unwrap(await stub.forwardDocument(actor, itemId, approver)), 200);
  },
);

documents.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/documents/{itemId}/fields/{fieldId}/image',
    operationId: 'getFieldImage',
    tags,
    summary: 'A drawn signature or initials, as the PNG drawn (404 when the field holds no drawing)',
    request: { params: docParams.extend({ fieldId: fieldIdSchema }) },
    responses: { 200: file('The drawing', 'image/png'), ...errorResponses },
  }),
  async (c) => {
    const { sessionId, itemId, fieldId } = c.req.valid('param');
    const { stub, actor } = openSession(c, sessionId);
    return drawnImageResponse(unwrap(await stub.documentFieldImage(actor, itemId, fieldId)));
  },
);

