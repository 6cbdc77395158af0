// /api/v1/settings/security — admin only: the CRM origins that may open live
// sockets, and whether the org key may make CRM users admins.
import { createRoute } from '@hono/zod-openapi';
import { forgetTokens, requireAdmin } from '../auth/agent-auth';
import { forgetCrmCallers } from '../auth/crm-caller';
import { orgSecurityAnswerSchema } from '../contract/settings';
import { orgSecurityPatchSchema } from '../domain/org-security';
import { orgSecurity, saveOrgSecurity } from '../directory/org-security-store';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const security = createApi();
const tags = ['Settings (admin)'];

security.use('/settings/security', requireAdmin);

security.openapi(
  createRoute({ method: 'get', path: '/settings/security', operationId: 'getOrgSecurity', tags, summary: "The org's security settings", responses: { 200: json(orgSecurityAnswerSchema, 'Security settings'), ...errorResponses } }),
  async (c) => c.json({ security: await orgSecurity(c.env.DB, c.get('agent').orgId) }, 200),
);

security.openapi(
  createRoute({
    method: 'patch',
    path: '/settings/security',
    operationId: 'changeOrgSecurity',
    tags,
    summary: "Change the org's security settings; errors name the field",
    middleware: [jsonBody],
    request: { body: { required: true, content: { 'application/json': { schema: orgSecurityPatchSchema } } } },
    responses: { 200: json(orgSecurityAnswerSchema, 'Security settings'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const next = { ...(await orgSecurity(c.env.DB, orgId)), ...c.req.valid('json') };
    await saveOrgSecurity(c.env.DB, orgId, next);
    // The next call applies it: what this isolate remembers of the org's callers (their roles) is read again.
    forgetCrmCallers(orgId);
    forgetTokens(orgId);
    return c.json({ security: next }, 200);
  },
);
