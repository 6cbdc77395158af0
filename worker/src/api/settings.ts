// /api/v1/settings and /api/v1/teams/{id}/settings — admin only.
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../contract/ids';
import { disclosureSettingSchema, settingsAnswerSchema, teamSettingsSchema } from '../contract/settings';
import { applyPatch, describeTeamSettings, orgSettingsPatchSchema, resolveSettings, teamSettingsPatchSchema } from '../domain/settings';
import { orgDisclosure, orgOverrides, saveDisclosure, saveOrgOverrides } from '../directory/settings-store';
import { findTeam, saveTeamOverrides } from '../directory/teams';
import { ApiError } from '../errors';
import { requireAdmin } from '../auth/agent-auth';
import { disclosureTextSchema } from '../documents/esign-disclosure';
import { tellSettingsChanged } from '../room/settings-changed';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const settings = createApi();
const tags = ['Settings (admin)'];

settings.use('/settings', requireAdmin);
settings.use('/settings/esign-disclosure', requireAdmin);
settings.use('/teams/*', requireAdmin);

async function team(db: D1Database, orgId: string, teamId: string) {
  const found = await findTeam(db, orgId, teamId);
  if (!found) throw new ApiError(404, 'not_found', 'team not found');
  return found;
}

settings.openapi(
  createRoute({ method: 'get', path: '/settings', operationId: 'getOrgSettings', tags, summary: "The org's settings (defaults filled in)", responses: { 200: json(settingsAnswerSchema, 'Settings'), ...errorResponses } }),
  async (c) => c.json({ settings: resolveSettings(await orgOverrides(c.env.DB, c.get('agent').orgId)) }, 200),
);

settings.openapi(
  createRoute({
    method: 'patch',
    path: '/settings',
    operationId: 'changeOrgSettings',
    tags,
    summary: "Change some of the org's settings; errors name the field and its allowed range",
    middleware: [jsonBody],
    request: { body: { required: true, content: { 'application/json': { schema: orgSettingsPatchSchema } } } },
    responses: { 200: json(settingsAnswerSchema, 'Settings'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const next = applyPatch(await orgOverrides(c.env.DB, orgId), c.req.valid('json'));
    await saveOrgOverrides(c.env.DB, orgId, next);
    // Every open session follows the change from its next action on, not after a while.
    await tellSettingsChanged(c.env, orgId);
    return c.json({ settings: resolveSettings(next) }, 200);
  },
);

settings.openapi(
  createRoute({
    method: 'get',
    path: '/teams/{teamId}/settings',
    operationId: 'getTeamSettings',
    tags,
    summary: "A team's settings: its own values or \"inherit\", and the effective values",
    request: { params: z.object({ teamId: idSchema('team') }) },
    responses: { 200: json(teamSettingsSchema, 'Team settings'), ...errorResponses },
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
    operationId: 'changeTeamSettings',
    tags,
    summary: 'Override settings for a team; "inherit" goes back to the org value',
    middleware: [jsonBody],
    request: { params: z.object({ teamId: idSchema('team') }), body: { required: true, content: { 'application/json': { schema: teamSettingsPatchSchema } } } },
    responses: { 200: json(teamSettingsSchema, 'Team settings'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const t = await team(c.env.DB, orgId, c.req.valid('param').teamId);
    const next = applyPatch(t.overrides, c.req.valid('json'));
    await saveTeamOverrides(c.env.DB, orgId, t.id, next);
    await tellSettingsChanged(c.env, orgId, t.id);
    return c.json({ teamId: t.id, name: t.name, ...describeTeamSettings(await orgOverrides(c.env.DB, orgId), next) }, 200);
  },
);

settings.openapi(
  createRoute({
    method: 'get',
    path: '/settings/esign-disclosure',
    operationId: 'getDisclosureSetting',
    tags,
    summary: "The consent-to-do-business-electronically text signers see (the org's, or Parley's default)",
    responses: { 200: json(disclosureSettingSchema, 'The text, and whether it is the org’s own'), ...errorResponses },
  }),
  async (c) => c.json(await orgDisclosure(c.env.DB, c.get('agent').orgId), 200),
);

settings.openapi(
  createRoute({
    method: 'put',
    path: '/settings/esign-disclosure',
    operationId: 'setDisclosure',
    tags,
    summary: 'Replace the disclosure text (null goes back to the default); consents already given keep the hash of the text they saw',
    middleware: [jsonBody],
    request: { body: { required: true, content: { 'application/json': { schema: z.object({ text: disclosureTextSchema.nullable() }).strict() } } } },
    responses: { 200: json(disclosureSettingSchema, 'The text, and whether it is the org’s own'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { text } = c.req.valid('json');
    // No session keeps the text (each consent reads it from D1), so none needs telling.
    return c.json(await saveDisclosure(c.env.DB, c.get('agent').orgId, text), 200);
  },
);
