// /api/v1/crm/salesforce — admin: connect the org's Salesforce (how Parley
// signs in to write records back), make the org key Salesforce signs its
// calls with, check the connection, and see what write-back could not do.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireAdmin } from '../auth/agent-auth';
import { newCrmKey } from '../auth/crm-key';
import {
  deleteSalesforceConnection,
  findSalesforceConnection,
  findSalesforceConnectionInfo,
  recentCrmFailures,
  recordSalesforceSync,
  saveSalesforceConnection,
  setCrmKeyHash,
  type SalesforceConnectionInfo,
} from '../directory/crm-connections';
import { crmLinkedSessions } from '../directory/session-index';
import { ApiError } from '../errors';
import { now } from '../clock';
import { sendInBatches } from '../queues';
import type { CrmResync } from '../crm/messages';
import type { AppEnv } from './context';
import { createApi, errorResponses, jsonResponse } from './openapi';

export const crmSalesforce = createApi();
const tags = ['CRM connection (admin)'];

crmSalesforce.use('/crm/salesforce', requireAdmin);
crmSalesforce.use('/crm/salesforce/*', requireAdmin);

/** Salesforce login hosts: production, sandbox, or the org's My Domain (https only, except a local test server). */
const loginUrl = z
  .string()
  .trim()
  .url('must be a URL such as https://login.salesforce.com')
  .max(300)
  .refine((u) => /^https:\/\//i.test(u) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/i.test(u), { message: 'must be an https URL' })
  .transform((u) => u.replace(/\/+$/, ''));

const connectionSchema = z
  .object({
    loginUrl,
    instanceUrl: loginUrl,
    sfOrgId: z.string().trim().regex(/^00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/, 'must be a Salesforce org id (00D…)'),
    clientId: z.string().trim().min(1, 'must not be empty').max(256),
    username: z.string().trim().min(3).max(254).regex(/^[^\s@]+@[^\s@]+$/, 'must be a Salesforce username (user@example.com)'),
    privateKey: z.string().min(1, 'must not be empty').max(16_384).openapi({ description: 'PEM private key of the connected app certificate (PKCS#8 or PKCS#1)' }),
  })
  .strict();

/** Sessions one resync writes at most: the most recently changed, which are the ones agents look at. */
const RESYNC_MAX_SESSIONS = 5_000;

/**
 * Queue every Salesforce-linked session of the org for write-back as it is
 * now. Harmless to repeat: write-back upserts by external id, files once.
 */
async function queueResync(c: Context<AppEnv>, orgId: string) {
  const sessions = await crmLinkedSessions(c.env.DB, orgId, 'salesforce', RESYNC_MAX_SESSIONS + 1);
  const queued = sessions.slice(0, RESYNC_MAX_SESSIONS);
  await sendInBatches(
    c.env.CRM_WRITEBACK,
    queued.map((s): CrmResync => ({ type: 'crm.resync', orgId, sessionId: s.id, version: 0, crm: { system: 'salesforce', objectType: s.crm_object, recordId: s.crm_record_id } })),
  );
  return { queued: queued.length, truncated: sessions.length > RESYNC_MAX_SESSIONS };
}

function describe(c: SalesforceConnectionInfo | null) {
  if (!c) return null;
  return {
    loginUrl: c.loginUrl,
    instanceUrl: c.instanceUrl,
    sfOrgId: c.crmOrgId,
    clientId: c.clientId,
    username: c.username,
    apiVersion: c.apiVersion,
    connectedAt: new Date(c.connectedAt).toISOString(),
  };
}

async function status(c: Context<AppEnv>) {
  const orgId = c.get('agent').orgId;
  const connection = await findSalesforceConnectionInfo(c.env.DB, orgId);
  const failures = await recentCrmFailures(c.env.DB, orgId);
  return {
    connection: describe(connection),
    writeback: {
      lastSyncAt: connection?.lastSyncAt ? new Date(connection.lastSyncAt).toISOString() : null,
      failures: failures.map((f) => ({ at: new Date(f.at).toISOString(), sessionId: f.sessionId, record: f.record, reason: f.reason })),
    },
  };
}

crmSalesforce.openapi(
  createRoute({ method: 'get', path: '/crm/salesforce', tags, summary: 'The Salesforce connection and how write-back is going', responses: { 200: jsonResponse('{ connection, writeback: { lastSyncAt, failures } }'), ...errorResponses } }),
  async (c) => c.json(await status(c), 200),
);

crmSalesforce.openapi(
  createRoute({
    method: 'put',
    path: '/crm/salesforce',
    tags,
    summary: "Connect the org's Salesforce: its connected app (JWT bearer flow) and integration user",
    request: { body: { required: true, content: { 'application/json': { schema: connectionSchema } } } },
    responses: { 200: jsonResponse('{ connection }'), ...errorResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const { importSigningKey } = await import('../../../connectors/salesforce/writeback/private-key');
    if (!(await importSigningKey(body.privateKey))) {
      throw new ApiError(422, 'invalid_key', 'body.privateKey: must be the RSA private key of the connected app certificate, in PEM ("-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----")');
    }
    const orgId = c.get('agent').orgId;
    const first = !(await findSalesforceConnectionInfo(c.env.DB, orgId));
    const saved = await saveSalesforceConnection(
      c.env,
      orgId,
      { loginUrl: body.loginUrl, instanceUrl: body.instanceUrl, crmOrgId: body.sfOrgId, clientId: body.clientId, username: body.username, privateKey: body.privateKey },
      now(),
    );
    // A first connection brings the sessions agents linked to Salesforce records before it.
    const resync = first ? await queueResync(c, orgId) : null;
    return c.json({ connection: describe(saved), resync }, 200);
  },
);

crmSalesforce.openapi(
  createRoute({ method: 'delete', path: '/crm/salesforce', tags, summary: 'Disconnect: write-back stops; the org key stays until replaced', responses: { 200: jsonResponse('{ connection: null }'), ...errorResponses } }),
  async (c) => {
    if (!(await deleteSalesforceConnection(c.env.DB, c.get('agent').orgId))) throw new ApiError(404, 'not_found', 'Salesforce is not connected');
    return c.json({ connection: null }, 200);
  },
);

crmSalesforce.openapi(
  createRoute({
    method: 'post',
    path: '/crm/salesforce/key',
    tags,
    summary: 'Make a new org key for the Salesforce Named Credential (shown once; the previous key stops working)',
    responses: { 201: jsonResponse('{ key }'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const { key, hash } = await newCrmKey(orgId);
    await setCrmKeyHash(c.env.DB, orgId, hash);
    return c.json({ key }, 201);
  },
);

crmSalesforce.openapi(
  createRoute({
    method: 'post',
    path: '/crm/salesforce/resync',
    tags,
    summary: "Write every Salesforce-linked session to Salesforce again, as it is now (the most recent 5,000): after an outage longer than write-back's retries",
    responses: { 202: jsonResponse('{ queued, truncated }'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    if (!(await findSalesforceConnectionInfo(c.env.DB, orgId))) throw new ApiError(409, 'not_connected', 'Salesforce is not connected: run `sf parley org connect` first');
    return c.json(await queueResync(c, orgId), 202);
  },
);

crmSalesforce.openapi(
  createRoute({
    method: 'post',
    path: '/crm/salesforce/check',
    tags,
    summary: 'Sign in to Salesforce as write-back does and read its API versions',
    responses: { 200: jsonResponse('{ ok, instanceUrl, apiVersion } or { ok: false, error }'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const connection = await findSalesforceConnection(c.env, orgId);
    if (!connection) throw new ApiError(409, 'not_connected', 'Salesforce is not connected: run `sf parley org connect` first');
    const { SalesforceApi, API_VERSION } = await import('../../../connectors/salesforce/writeback/salesforce-api');
    try {
      const api = await SalesforceApi.open(connection, now);
      const served = (await api.versions()).map((v) => v.version);
      // Parley's version when the org serves it, else the org's newest.
      const apiVersion = served.includes(API_VERSION) ? API_VERSION : served.filter((v) => Number(v) < Number(API_VERSION)).at(-1) ?? served.at(-1) ?? null;
      if (!apiVersion) return c.json({ ok: false, error: 'Salesforce listed no API versions' }, 200);
      await recordSalesforceSync(c.env.DB, orgId, { instanceUrl: api.instanceUrl, apiVersion });
      return c.json({ ok: true, instanceUrl: api.instanceUrl, apiVersion }, 200);
    } catch (err) {
      return c.json({ ok: false, error: err instanceof Error ? err.message : String(err) }, 200);
    }
  },
);
