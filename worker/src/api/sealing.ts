// /api/v1/settings/sealing — admin: the org's own sealing certificate and
// timestamp authority. Without them, documents are sealed with Parley's
// certificate and no timestamp.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireAdmin } from '../auth/agent-auth';
import { clearOrgCertificate, describeSealing, saveOrgCertificate, saveTsaUrl } from '../directory/org-sealing';
import { sealingSchema } from '../contract/settings';
import { ApiError } from '../errors';
import { isLocalDevelopment, outboundUrlProblem } from '../outbound-url';
import { jsonBody, uploadBody } from './body-limits';
import type { AppEnv } from './context';
import { bodyErrorResponses, createApi, errorResponses, json, uploadErrorResponses } from './openapi';
import { fileField, readForm } from './uploads';

export const sealing = createApi();
const tags = ['Settings (admin)'];
const MAX_P12_BYTES = 64 * 1024;

sealing.use('/settings/sealing', requireAdmin);
sealing.use('/settings/sealing/*', requireAdmin);

const describe = (c: Context<AppEnv>) => describeSealing(c.env, c.get('agent').orgId);
const sealingAnswer = json(sealingSchema, 'Who seals, and the timestamp authority');

sealing.openapi(
  createRoute({ method: 'get', path: '/settings/sealing', operationId: 'getSealing', tags, summary: "Who seals this org's documents, and the timestamp authority", responses: { 200: sealingAnswer, ...errorResponses } }),
  async (c) => c.json(await describe(c), 200),
);

sealing.openapi(
  createRoute({
    method: 'put',
    path: '/settings/sealing/certificate',
    operationId: 'setSealingCertificate',
    tags,
    summary: "Seal with the org's own certificate: a PKCS#12 file (RSA or EC) and its password",
    middleware: [uploadBody(MAX_P12_BYTES)],
    request: {
      body: {
        required: true,
        content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }), password: z.string() }) } },
      },
    },
    responses: { 200: sealingAnswer, ...uploadErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const form = await readForm(c);
    const { bytes } = await fileField(form);
    const password = form.get('password');
    if (typeof password !== 'string') throw new ApiError(422, 'invalid_request', 'password: the PKCS#12 password is required (it may be empty)');
    const { loadSignerIdentity } = await import('../documents/signer-identity');
    try {
      await loadSignerIdentity(new Uint8Array(bytes), password);
    } catch {
      throw new ApiError(422, 'invalid_certificate', 'file: not a PKCS#12 file with a usable RSA or EC key and certificate, or the password is wrong');
    }
    await saveOrgCertificate(c.env, c.get('agent').orgId, new Uint8Array(bytes), password);
    return c.json(await describe(c), 200);
  },
);

sealing.openapi(
  createRoute({ method: 'delete', path: '/settings/sealing/certificate', operationId: 'clearSealingCertificate', tags, summary: "Go back to sealing with Parley's certificate", responses: { 200: sealingAnswer, ...errorResponses } }),
  async (c) => {
    await clearOrgCertificate(c.env.DB, c.get('agent').orgId);
    return c.json(await describe(c), 200);
  },
);

sealing.openapi(
  createRoute({
    method: 'put',
    path: '/settings/sealing/tsa',
    operationId: 'setTimestampAuthority',
    tags,
    summary: 'The RFC 3161 timestamp authority to stamp seals with (null: none)',
    middleware: [jsonBody],
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z
              .object({
                tsaUrl: z
                  .string()
                  .url()
                  .max(2048)
                  .refine((u) => /^https?:\/\//i.test(u), 'must be an https URL')
                  .nullable()
                  .openapi({ description: 'https (plain http only to 127.0.0.1 or localhost, in local development)' }),
              })
              .strict(),
          },
        },
      },
    },
    responses: { 200: sealingAnswer, ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { tsaUrl } = c.req.valid('json');
    // What is sent there (a document's hash, the token back) must not be read or changed on the way.
    const problem = tsaUrl === null ? null : outboundUrlProblem(tsaUrl, isLocalDevelopment(c.env));
    if (problem) throw ApiError.invalidField('body.tsaUrl', problem);
    await saveTsaUrl(c.env.DB, c.get('agent').orgId, tsaUrl);
    return c.json(await describe(c), 200);
  },
);
