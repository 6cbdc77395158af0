// /api/v1/crm/salesforce — admin: connect the org's Salesforce (how Parley
// signs in to write records back), make the org key Salesforce signs its
// calls with, check the connection, and see what write-back could not do.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireAdmin } from '../auth/agent-auth';
import { newCrmKey } from '../auth/crm-key';
import {
  deleteSalesforceConnection,
  findSalesforceConnectionInfo,
  recentCrmFailures,
  saveSalesforceConnection,
  setCrmKeyHash,
  type SalesforceConnectionInfo,
} from '../directory/crm-connections';
import { ApiError } from '../errors';
import { isLocalDevelopment, outboundUrlProblem } from '../outbound-url';
import { now } from '../clock';
import { CONNECTORS } from '../crm/connectors';
import { RESYNC_MAX_SESSIONS, queueResync } from '../crm/resync';
import { failureView } from './crm-writeback';
import { NAMESPACE_PATTERN } from '../../../connectors/salesforce/writeback/names';
import { connectionCheckSchema, disconnectedSchema, orgKeySchema, resyncSchema, salesforceConnectedSchema, salesforceStatusSchema } from '../contract/crm';
import type { AppEnv } from './context';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const crmSalesforce = createApi();
const tags = ['CRM connection (admin)'];

crmSalesforce.use('/crm/salesforce', requireAdmin);
crmSalesforce.use('/crm/salesforce/*', requireAdmin);

/**
 * Salesforce login hosts: production, sandbox, or the org's My Domain. https
 * only; plain http to 127.0.0.1/localhost passes this shape check and is then
 * admitted in local development only (the handler, with the env).
 */
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
    namespace: z
      .string()
      .trim()
      .refine((ns) => ns === '' || NAMESPACE_PATTERN.test(ns), { message: 'must be empty or a Salesforce namespace prefix: 1 to 15 letters, digits or single underscores, starting with a letter' })
      .default('')
      .openapi({
        description: "The namespace of the org's Parley package when it was installed from a namespaced managed package (its objects and fields are then ns__Parley_Session__c…); empty or absent when it was deployed from source",
        example: '',
      }),
    privateKey: z.string().min(1, 'must not be empty').max(16_384).openapi({ description: 'PEM private key of the connected app certificate (PKCS#8 or PKCS#1)' }),
  })
  .strict();

function describe(c: SalesforceConnectionInfo) {
  return {
    loginUrl: c.loginUrl,
    instanceUrl: c.instanceUrl,
    sfOrgId: c.crmOrgId,
    clientId: c.clientId,
    username: c.username,
    namespace: c.namespace,
    apiVersion: c.apiVersion,
    connectedAt: new Date(c.connectedAt).toISOString(),
  };
}

async function status(c: Context<AppEnv>) {
  const orgId = c.get('agent').orgId;
  const connection = await findSalesforceConnectionInfo(c.env.DB, orgId);
  const failures = await recentCrmFailures(c.env.DB, orgId, 'salesforce');
  return {
    connection: connection ? describe(connection) : null,
    writeback: {
      lastSyncAt: connection?.lastSyncAt ? new Date(connection.lastSyncAt).toISOString() : null,
      failures: failures.map(failureView),
    },
  };
}

crmSalesforce.openapi(
  createRoute({
    method: 'get',
    path: '/crm/salesforce',
    operationId: 'getSalesforceConnection',
    tags,
    summary: 'The Salesforce connection and how write-back is going',
    responses: { 200: json(salesforceStatusSchema, 'The connection (null when none) and the latest write-back failures'), ...errorResponses },
  }),
  async (c) => c.json(await status(c), 200),
);

crmSalesforce.openapi(
  createRoute({
    method: 'put',
    path: '/crm/salesforce',
    operationId: 'connectSalesforce',
    tags,
    summary: "Connect the org's Salesforce: its connected app (JWT bearer flow) and integration user",
    middleware: [jsonBody],
    request: { body: { required: true, content: { 'application/json': { schema: connectionSchema } } } },
    responses: { 200: json(salesforceConnectedSchema, 'The connection, and the sessions a first connection queued'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    // The signed sign-in assertion and the access token it buys travel there: https outside local development.
    for (const field of ['loginUrl', 'instanceUrl'] as const) {
      const problem = outboundUrlProblem(body[field], isLocalDevelopment(c.env));
      if (problem) throw ApiError.invalidField(`body.${field}`, problem);
    }
    const { importSigningKey } = await import('../../../connectors/salesforce/writeback/private-key');
    if (!(await importSigningKey(body.privateKey))) {
      throw new ApiError(422, 'invalid_key', 'body.privateKey: must be the RSA private key of the connected app certificate, in PEM ("-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----")');
    }
    const orgId = c.get('agent').orgId;
    const first = !(await findSalesforceConnectionInfo(c.env.DB, orgId));
    const saved = await saveSalesforceConnection(
      c.env,
      orgId,
      { loginUrl: body.loginUrl, instanceUrl: body.instanceUrl, crmOrgId: body.sfOrgId, clientId: body.clientId, username: body.username, namespace: body.namespace, privateKey: body.privateKey },
      now(),
    );
    // A first connection brings the sessions agents linked to Salesforce records before it.
    const resync = first ? await queueResync(c.env, orgId, 'salesforce') : null;
    return c.json({ connection: describe(saved), resync }, 200);
  },
);

crmSalesforce.openapi(
  createRoute({
    method: 'delete',
    path: '/crm/salesforce',
    operationId: 'disconnectSalesforce',
    tags,
    summary: 'Disconnect: write-back stops; the org key stays until replaced',
    responses: { 200: json(disconnectedSchema, 'No connection any more'), ...errorResponses },
  }),
  async (c) => {
    if (!(await deleteSalesforceConnection(c.env.DB, c.get('agent').orgId))) throw new ApiError(404, 'not_found', 'Salesforce is not connected');
    return c.json({ connection: null }, 200);
  },
);

crmSalesforce.openapi(
  createRoute({
    method: 'post',
    path: '/crm/salesforce/key',
    operationId: 'makeOrgKey',
    tags,
    summary: 'Make a new org key for the Salesforce Named Credential (shown once; the previous key stops working)',
    responses: { 201: json(orgKeySchema, 'The key'), ...errorResponses },
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
    operationId: 'resyncSalesforce',
    tags,
    summary: `Write every Salesforce-linked session to Salesforce again, as it is now (the most recent ${RESYNC_MAX_SESSIONS.toLocaleString('en-US')}): after an outage longer than write-back's retries`,
    responses: { 202: json(resyncSchema, 'How many sessions were queued'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    if (!(await findSalesforceConnectionInfo(c.env.DB, orgId))) throw new ApiError(409, 'not_connected', 'Salesforce is not connected: run `sf parley org connect` first');
    return c.json(await queueResync(c.env, orgId, 'salesforce'), 202);
  },
);

crmSalesforce.openapi(
  createRoute({
    method: 'post',
    path: '/crm/salesforce/check',
    operationId: 'checkSalesforce',
    tags,
    summary: 'Sign in to Salesforce as write-back does and read its API versions',
    responses: { 200: json(connectionCheckSchema, 'Signed in (with the API version write-back uses), or why not'), ...errorResponses },
  }),
  async (c) => {
    const connector = await CONNECTORS.salesforce();
    const check = await connector.check(c.env, c.get('agent').orgId, now);
    if (!check) throw new ApiError(409, 'not_connected', 'Salesforce is not connected: run `sf parley org connect` first');
    return c.json(check, 200);
  },
);
