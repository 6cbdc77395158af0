// Salesforce as a CRM connector (worker/src/crm/connector.ts): the org's
// connected app signs in with the JWT bearer flow, sessions, participants
// and items are upserted as Parley's custom objects by external id, and
// sealed PDFs become Salesforce Files on the CRM record and the item.
import type { ConnectionCheck, CrmConnector } from '../../worker/src/crm/connector';
import { findSalesforceConnection, recordSalesforceSync } from '../../worker/src/directory/crm-connections';
import { reasonOf } from '../../worker/src/log';
import { API_VERSION, SalesforceApi } from './writeback/salesforce-api';
import { checkLoginUrl } from './writeback/login-url';
import { SalesforceWriter } from './writeback/writer';

export const salesforceConnector: CrmConnector = {
  system: 'salesforce',

  async connect(env, orgId, now) {
    const connection = await findSalesforceConnection(env, orgId);
    return connection ? new SalesforceWriter(env, connection, now) : null;
  },

  async check(env, orgId, now): Promise<ConnectionCheck | null> {
    const connection = await findSalesforceConnection(env, orgId);
    if (!connection) return null;
    try {
      checkLoginUrl(connection.loginUrl, env);
      const api = await SalesforceApi.open(connection, now);
      const served = (await api.versions()).map((v) => v.version);
      // Parley's version when the org serves it, else the org's newest older one.
      const apiVersion = served.includes(API_VERSION) ? API_VERSION : (served.filter((v) => Number(v) < Number(API_VERSION)).at(-1) ?? served.at(-1) ?? null);
      if (!apiVersion) return { ok: false, error: 'Salesforce listed no API versions' };
      await recordSalesforceSync(env.DB, orgId, { instanceUrl: api.instanceUrl, apiVersion });
      return { ok: true, instanceUrl: api.instanceUrl, apiVersion };
    } catch (err) {
      return { ok: false, error: reasonOf(err) };
    }
  },
};
