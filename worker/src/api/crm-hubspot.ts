// /api/v1/crm/hubspot — admin: the org's HubSpot connection (made by
// installing Parley's app in a portal, hooks/hubspot-oauth.tsx), how
// write-back is going, a resync, a check, and disconnecting. The HubSpot
// settings page shows the same, through a signed call.
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { installUrl } from '../../../connectors/hubspot/oauth/install-url';
import { requireAdmin } from '../auth/agent-auth';
import { forgetHubSpotCallers } from '../auth/hubspot-caller';
import { now } from '../clock';
import { connectionCheckSchema, disconnectedSchema, hubspotStatusSchema, resyncSchema } from '../contract/crm';
import { CONNECTORS } from '../crm/connectors';
import { RESYNC_MAX_SESSIONS, queueResync } from '../crm/resync';
import { recentCrmFailures } from '../directory/crm-connections';
import { deleteHubSpotConnection, findHubSpotConnection, type HubSpotConnection } from '../directory/hubspot-connections';
import { ApiError } from '../errors';
import { iso } from '../contract/time';
import { failureView } from './crm-writeback';
import type { AppEnv } from './context';
import { createApi, errorResponses, json } from './openapi';

export const crmHubSpot = createApi();
const tags = ['CRM connection (admin)'];

crmHubSpot.use('/crm/hubspot', requireAdmin);
crmHubSpot.use('/crm/hubspot/*', requireAdmin);

const NOT_CONNECTED = 'HubSpot is not connected: install Parley\'s app in the portal from installUrl (GET /api/v1/crm/hubspot)';

function describe(h: HubSpotConnection) {
  return {
    portalId: h.portalId,
    hubDomain: h.hubDomain,
    scopes: h.scopes,
    connectedAt: iso(h.connectedAt)!,
    broken: h.brokenAt !== null ? { at: iso(h.brokenAt)!, reason: h.brokenReason ?? 'HubSpot refused Parley' } : null,
  };
}

async function status(c: Context<AppEnv>) {
  const agent = c.get('agent');
  const connection = await findHubSpotConnection(c.env.DB, agent.orgId);
  const failures = await recentCrmFailures(c.env.DB, agent.orgId, 'hubspot');
  return {
    connection: connection ? describe(connection) : null,
    writeback: { lastSyncAt: iso(connection?.lastSyncAt ?? null), failures: failures.map(failureView) },
    installUrl: await installUrl(c.env, agent.orgId, agent.id, now()),
  };
}

crmHubSpot.openapi(
  createRoute({
    method: 'get',
    path: '/crm/hubspot',
    operationId: 'getHubSpotConnection',
    tags,
    summary: 'The HubSpot connection, how write-back is going, and the link that installs (or reinstalls) the app',
    responses: { 200: json(hubspotStatusSchema, 'The connection (null when none), the latest write-back failures, the install link'), ...errorResponses },
  }),
  async (c) => c.json(await status(c), 200),
);

crmHubSpot.openapi(
  createRoute({
    method: 'delete',
    path: '/crm/hubspot',
    operationId: 'disconnectHubSpot',
    tags,
    summary: "Disconnect: write-back stops and the portal's cards are refused until the app is installed again",
    responses: { 200: json(disconnectedSchema, 'No connection any more'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const connection = await findHubSpotConnection(c.env.DB, orgId);
    if (!connection || !(await deleteHubSpotConnection(c.env.DB, orgId))) throw new ApiError(404, 'not_found', 'HubSpot is not connected');
    forgetHubSpotCallers(connection.portalId);
    return c.json({ connection: null }, 200);
  },
);

crmHubSpot.openapi(
  createRoute({
    method: 'post',
    path: '/crm/hubspot/resync',
    operationId: 'resyncHubSpot',
    tags,
    summary: `Write every HubSpot-linked session to HubSpot again, as it is now (the most recent ${RESYNC_MAX_SESSIONS.toLocaleString('en-US')}): after an outage longer than write-back's retries`,
    responses: { 202: json(resyncSchema, 'How many sessions were queued'), ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const connection = await findHubSpotConnection(c.env.DB, orgId);
    if (!connection) throw new ApiError(409, 'not_connected', NOT_CONNECTED);
    if (connection.brokenAt !== null) throw new ApiError(409, 'connection_broken', `HubSpot refuses Parley (${connection.brokenReason}): reinstall the app from installUrl first`);
    return c.json(await queueResync(c.env, orgId, 'hubspot'), 202);
  },
);

crmHubSpot.openapi(
  createRoute({
    method: 'post',
    path: '/crm/hubspot/check',
    operationId: 'checkHubSpot',
    tags,
    summary: "Call HubSpot as write-back does (refreshing the access token) and read Parley's properties",
    responses: { 200: json(connectionCheckSchema, 'Reached, or why not'), ...errorResponses },
  }),
  async (c) => {
    const check = await (await CONNECTORS.hubspot()).check(c.env, c.get('agent').orgId, now);
    if (!check) throw new ApiError(409, 'not_connected', NOT_CONNECTED);
    return c.json(check, 200);
  },
);
