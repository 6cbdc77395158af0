// HubSpot as a CRM connector (worker/src/crm/connector.ts): the portal that
// installed Parley's app, reached with its OAuth access token; sessions
// become Parley properties on the records they are linked to, milestone
// notes with the sealed PDFs attached, and the participants' contacts.
import type { ConnectionCheck, CrmConnector } from '../../worker/src/crm/connector';
import { findHubSpotConnection, recordHubSpotSync } from '../../worker/src/directory/hubspot-connections';
import { reasonOf } from '../../worker/src/log';
import { API_VERSION } from './writeback/hubspot-api';
import { openHubSpotApi } from './writeback/open-api';
import { createParleyProperties, missingParleyProperties } from './writeback/properties';
import { HubSpotWriter } from './writeback/writer';

export const hubspotConnector: CrmConnector = {
  system: 'hubspot',

  async connect(env, orgId, now) {
    const connection = await findHubSpotConnection(env.DB, orgId);
    // A broken connection (uninstalled) still gets a writer: it refuses every run, so the sessions wait and admins see why.
    return connection ? new HubSpotWriter(env, connection, now) : null;
  },

  async check(env, orgId, now): Promise<ConnectionCheck | null> {
    const connection = await findHubSpotConnection(env.DB, orgId);
    if (!connection) return null;
    if (connection.brokenAt !== null) return { ok: false, error: connection.brokenReason ?? 'HubSpot refused Parley: reconnect the app' };
    try {
      const api = await openHubSpotApi(env, connection, now);
      // Parley's properties read back from HubSpot; made again if an admin deleted some.
      if ((await missingParleyProperties(api)).length) {
        await createParleyProperties(api);
        await recordHubSpotSync(env.DB, orgId, { propertiesReadyAt: now() });
      }
      return { ok: true, instanceUrl: `https://app.hubspot.com/contacts/${connection.portalId}`, apiVersion: API_VERSION };
    } catch (err) {
      return { ok: false, error: reasonOf(err) };
    }
  },
};
