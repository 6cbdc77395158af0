// /api/v1/settings/branding — admin only. The org's brand on customer pages,
// emails and the certificate page: display name, colour (refused below 4.5:1
// against white), support contact (JSON), and the logo (the image itself as
// the body: PNG or JPEG, checked by its bytes). Every change is told to the
// org's open sessions, so the next page a customer opens carries it.
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requireAdmin } from '../auth/agent-auth';
import { brandSettingsSchema, type BrandSettings } from '../contract/branding';
import { errorSchema } from '../contract/errors';
import { deleteLogo, orgBrand, putLogo, saveBrand } from '../directory/branding-store';
import { applyBrandPatch, brandPatchSchema, brandView, contrastRatio, logoPath, type StoredBrand } from '../domain/branding';
import { inspectLogo, isLogoProblem, LOGO_MAX_BYTES } from '../domain/logo-image';
import { sha256Hex } from '../documents/digest';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { tellSettingsChanged } from '../room/settings-changed';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const branding = createApi();
const tags = ['Settings (admin)'];

branding.use('/settings/branding', requireAdmin);
branding.use('/settings/branding/*', requireAdmin);

/** The admin's view: what they set, and the brand customers see. */
export function brandSettings(orgId: string, orgName: string, stored: StoredBrand): BrandSettings {
  return {
    displayName: stored.displayName ?? null,
    color: stored.color ?? null,
    contrast: stored.color ? Math.round(contrastRatio(stored.color, '#FFFFFF') * 100) / 100 : null,
    supportEmail: stored.supportEmail ?? null,
    supportPhone: stored.supportPhone ?? null,
    logo: stored.logo ? { url: logoPath(orgId, stored.logo), type: stored.logo.type, width: stored.logo.width, height: stored.logo.height } : null,
    brand: brandView(orgId, orgName, stored),
  };
}

async function current(db: D1Database, orgId: string) {
  const found = await orgBrand(db, orgId);
  if (!found) throw new ApiError(404, 'not_found', 'org not found');
  return found;
}

/** Save, tell the org's open sessions (they keep the brand), and answer with the new view. */
async function save(env: Env, orgId: string, orgName: string, next: StoredBrand): Promise<BrandSettings> {
  await saveBrand(env.DB, orgId, next);
  await tellSettingsChanged(env, orgId);
  return brandSettings(orgId, orgName, next);
}

const answer = { 200: json(brandSettingsSchema, 'The branding'), ...errorResponses };

branding.openapi(
  createRoute({ method: 'get', path: '/settings/branding', operationId: 'getBranding', tags, summary: "The org's branding, and the brand its customers see", responses: answer }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const { orgName, brand } = await current(c.env.DB, orgId);
    return c.json(brandSettings(orgId, orgName, brand), 200);
  },
);

branding.openapi(
  createRoute({
    method: 'put',
    path: '/settings/branding',
    operationId: 'setBranding',
    tags,
    summary: 'Set display name, colour and support contact (any subset; null clears a field); a colour under 4.5:1 against white is refused with its ratio',
    middleware: [jsonBody],
    request: { body: { required: true, content: { 'application/json': { schema: brandPatchSchema } } } },
    responses: { ...answer, ...bodyErrorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const { orgName, brand } = await current(c.env.DB, orgId);
    return c.json(await save(c.env, orgId, orgName, applyBrandPatch(brand, c.req.valid('json'))), 200);
  },
);

const image = { schema: z.string().openapi({ type: 'string', format: 'binary' }) };

branding.openapi(
  createRoute({
    method: 'put',
    path: '/settings/branding/logo',
    operationId: 'setBrandLogo',
    tags,
    summary: `Replace the logo: the image itself as the body, PNG or JPEG (SVG and WebP are refused), at most ${LOGO_MAX_BYTES / 1024} KB, 32 to 2000 px high`,
    middleware: [
      bodyLimit({
        maxSize: LOGO_MAX_BYTES,
        onError: () => {
          throw new ApiError(413, 'logo_too_large', `logo: the image is over ${LOGO_MAX_BYTES / 1024} KB`);
        },
      }),
    ],
    request: { body: { required: true, content: { 'image/png': image, 'image/jpeg': image } } },
    responses: {
      ...answer,
      413: { description: 'The image is over its limit', content: { 'application/json': { schema: errorSchema } } },
      415: { description: 'Not a PNG or JPEG (SVG, WebP and other types are refused)', content: { 'application/json': { schema: errorSchema } } },
    },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const logo = inspectLogo(bytes, c.req.header('Content-Type'));
    if (isLogoProblem(logo)) throw new ApiError(logo.status, logo.code, logo.message, [{ field: 'logo', message: logo.message }]);
    const { orgName, brand } = await current(c.env.DB, orgId);
    const stored = { ...logo, hash: (await sha256Hex(bytes)).slice(0, 16) };
    await putLogo(c.env.FILES, orgId, stored, bytes);
    const answerNow = await save(c.env, orgId, orgName, { ...brand, logo: stored });
    // The old image goes once nothing points at it (a cached page may still show it: it was public).
    if (brand.logo && brand.logo.hash !== stored.hash) await deleteLogo(c.env.FILES, orgId, brand.logo);
    return c.json(answerNow, 200);
  },
);

branding.openapi(
  createRoute({ method: 'delete', path: '/settings/branding/logo', operationId: 'removeBrandLogo', tags, summary: 'Remove the logo: customers see the display name alone', responses: answer }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const { orgName, brand } = await current(c.env.DB, orgId);
    const { logo, ...rest } = brand;
    const answerNow = await save(c.env, orgId, orgName, rest);
    if (logo) await deleteLogo(c.env.FILES, orgId, logo);
    return c.json(answerNow, 200);
  },
);
