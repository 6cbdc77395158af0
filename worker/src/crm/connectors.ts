// The connectors write-back can use, by CRM system. Each loads on demand:
// the CRM client libraries are large and stay off every other path.
import type { CrmConnector } from './connector';
import type { CrmSystem } from './messages';

type ConnectorLoader = () => Promise<CrmConnector>;

export const CONNECTORS: Partial<Record<CrmSystem, ConnectorLoader>> = {
  salesforce: async () => (await import('../../../connectors/salesforce/connector')).salesforceConnector,
};

/** Sessions linked to no CRM record are written where Salesforce is connected: as records of their own. */
export const UNLINKED_SYSTEM: CrmSystem = 'salesforce';
