// Parley's settings page in HubSpot (Settings › Connected apps › Parley), for
// Parley admins: the connection to this HubSpot account, the org's settings,
// team overrides and the texts of the messages customers receive. The same
// settings and ranges as the Salesforce setup tab (force-app/…/parleySetup),
// from the same catalogue and API. Everything goes through hubspot.fetch,
// which HubSpot signs; Parley answers admin routes for admins only.
import { Tab, Tabs, hubspot } from '@hubspot/ui-extensions';
import type { ExtensionPointApiActions } from '@hubspot/ui-extensions';
import { ConnectionPanel } from './ConnectionPanel';
import { NotificationTextsPanel } from './NotificationTextsPanel';
import { OrgSettingsPanel } from './OrgSettingsPanel';
import { TeamSettingsPanel } from './TeamSettingsPanel';

hubspot.extend<'settings'>(({ actions }) => <Settings actions={actions} />);

export function Settings({ actions }: { actions: ExtensionPointApiActions<'settings'> }) {
  const saved = (what: string) => () => actions.addAlert({ type: 'success', title: 'Saved', message: `${what} saved; open sessions follow from their next action.` });
  return (
    <Tabs defaultSelected="connection">
      <Tab tabId="connection" title="Connection">
        <ConnectionPanel />
      </Tab>
      <Tab tabId="org" title="Org settings">
        <OrgSettingsPanel onSaved={saved("The org's settings are")} />
      </Tab>
      <Tab tabId="teams" title="Teams">
        <TeamSettingsPanel onSaved={saved("The team's settings are")} />
      </Tab>
      <Tab tabId="texts" title="Message texts">
        <NotificationTextsPanel onSaved={saved('The message texts are')} />
      </Tab>
    </Tabs>
  );
}
