// /api/v1/crm/writeback — admin: what write-back could not do, whatever the
// CRM: records a CRM refused for good, sessions given up on after the last
// retry, and sessions linked to a CRM Parley cannot write to yet.
import { createRoute } from '@hono/zod-openapi';
import { requireAdmin } from '../auth/agent-auth';
import { crmWritebackSchema, type CrmFailureView } from '../contract/crm';
import { recentCrmFailures, type CrmFailure } from '../directory/crm-connections';
import { createApi, errorResponses, json } from './openapi';

export const crmWriteback = createApi();

crmWriteback.use('/crm/writeback', requireAdmin);

/** A failure as admins read it (here, and under each CRM's own status). */
export function failureView(f: CrmFailure): CrmFailureView {
  return { at: new Date(f.at).toISOString(), system: f.system, sessionId: f.sessionId, record: f.record, reason: f.reason };
}

crmWriteback.openapi(
  createRoute({
    method: 'get',
    path: '/crm/writeback',
    operationId: 'getWritebackFailures',
    tags: ['CRM connection (admin)'],
    summary: 'The latest write-back failures of every CRM system, newest first',
    responses: { 200: json(crmWritebackSchema, 'Failures, with the system, session and record each concerns'), ...errorResponses },
  }),
  async (c) => {
    const failures = await recentCrmFailures(c.env.DB, c.get('agent').orgId, null, 50);
    return c.json({ failures: failures.map(failureView) }, 200);
  },
);
