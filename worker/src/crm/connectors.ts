// The connectors write-back can use, by CRM system. Each loads on demand:
// the CRM client libraries are large and stay off every other path.
import type { CrmConnector } from './connector';
import type { CrmSystem } from './messages';

type ConnectorLoader = () => Promise<CrmConnector>;

/** One for every CRM system: a system added to CRM_SYSTEMS without its connector does not compile. */
export const CONNECTORS: Record<CrmSystem, ConnectorLoader> = {
  salesforce: async () => (await import('../../../connectors/salesforce/connector')).salesforceConnector,
  hubspot: async () => (await import('../../../connectors/hubspot/connector')).hubspotConnector,
};

/** Sessions linked to no CRM record are written where Salesforce is connected: as records of their own. */
export const UNLINKED_SYSTEM: CrmSystem = 'salesforce';
