// /api/v1/settings and /api/v1/teams/{id}/settings — admin only.
import { createRoute, z } from '@hono/zod-openapi';
import { applyPatch, describeTeamSettings, orgSettingsPatchSchema, resolveSettings, teamSettingsPatchSchema } from '../domain/settings';
import { orgDisclosure, orgOverrides, parseOverrides } from '../directory/settings-store';
import { ApiError } from '../errors';
import { requireAdmin } from '../auth/agent-auth';
import { createApi, errorResponses, jsonResponse } from './openapi';
import { teamIdParam } from './schemas';
import { DEFAULT_ESIGN_DISCLOSURE, disclosureTextSchema } from '../documents/esign-disclosure';

export const settings = createApi();
const tags = ['Settings (admin)'];

settings.use('/settings', requireAdmin);
settings.use('/teams/*', requireAdmin);

async function team(db: D1Database, orgId: string, teamId: string) {
  const row = await db.prepare('SELECT id, name, settings_json FROM teams WHERE id = ? AND org_id = ?').bind(teamId, orgId).first<{ id: string; name: string; settings_json: string }>();
  if (!row) throw new ApiError(404, 'not_found', 'team not found');
  return { id: row.id, name: row.name, overrides: parseOverrides(row.settings_json) };
}

settings.openapi(
  createRoute({
    method: 'get',
    path: '/settings',
    tags,
    summary: "The org's settings (defaults filled in)",
    responses: { 200: jsonResponse('Settings'), ...errorResponses },
  }),
  async (c) => c.json({ settings: resolveSettings(await orgOverrides(c.env.DB, c.get('agent').orgId)) }, 200),
);

settings.openapi(
  createRoute({
    method: 'patch',
    path: '/settings',
    tags,
    summary: "Change some of the org's settings; errors name the field and its allowed range",
    request: { body: { required: true, content: { 'application/json': { schema: orgSettingsPatchSchema } } } },
    responses: { 200: jsonResponse('Settings'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const next = applyPatch(await orgOverrides(c.env.DB, orgId), c.req.valid('json'));
    await c.env.DB.prepare('UPDATE orgs SET settings_json = ? WHERE id = ?').bind(JSON.stringify(next), orgId).run();
    return c.json({ settings: resolveSettings(next) }, 200);
  },
);

settings.openapi(
  createRoute({
    method: 'get',
    path: '/teams/{teamId}/settings',
    tags,
    summary: "A team's settings: its own values or \"inherit\", and the effective values",
    request: { params: z.object({ teamId: teamIdParam }) },
    responses: { 200: jsonResponse('Team settings'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const t = await team(c.env.DB, orgId, c.req.valid('param').teamId);
    return c.json({ teamId: t.id, name: t.name, ...describeTeamSettings(await orgOverrides(c.env.DB, orgId), t.overrides) }, 200);
  },
);

settings.openapi(
  createRoute({
    method: 'patch',
    path: '/teams/{teamId}/settings',
    tags,
    summary: 'Override settings for a team; "inherit" goes back to the org value',
    request: {
      params: z.object({ teamId: teamIdParam }),
      body: { required: true, content: { 'application/json': { schema: teamSettingsPatchSchema } } },
    },
    responses: { 200: jsonResponse('Team settings'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const t = await team(c.env.DB, orgId, c.req.valid('param').teamId);
    const next = applyPatch(t.overrides, c.req.valid('json'));
    await c.env.DB.prepare('UPDATE teams SET settings_json = ? WHERE id = ? AND org_id = ?').bind(JSON.stringify(next), t.id, orgId).run();
    return c.json({ teamId: t.id, name: t.name, ...describeTeamSettings(await orgOverrides(c.env.DB, orgId), next) }, 200);
  },
);

settings.use('/settings/esign-disclosure', requireAdmin);

settings.openapi(
  createRoute({
    method: 'get',
    path: '/settings/esign-disclosure',
    tags,
    summary: "The consent-to-do-business-electronically text signers see (the org's, or Parley's default)",
    responses: { 200: jsonResponse('{ text, custom }'), ...errorResponses },
  }),
  async (c) => {
    return c.json(await orgDisclosure(c.env.DB, c.get('agent').orgId), 200);
  },
);

settings.openapi(
  createRoute({
    method: 'put',
    path: '/settings/esign-disclosure',
    tags,
    summary: 'Replace the disclosure text (null goes back to the default); consents already given keep the hash of the text they saw',
    request: { body: { required: true, content: { 'application/json': { schema: z.object({ text: disclosureTextSchema.nullable() }).strict() } } } },
    responses: { 200: jsonResponse('{ text, custom }'), ...errorResponses },
  }),
  async (c) => {
    const { text } = c.req.valid('json');
    await c.env.DB.prepare('UPDATE orgs SET esign_disclosure = ? WHERE id = ?').bind(text, c.get('agent').orgId).run();
    return c.json({ text: text ?? DEFAULT_ESIGN_DISCLOSURE, custom: text !== null }, 200);
  },
);
