// The settings page as HubSpot shows it, rendered by HubSpot's test renderer.
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { Settings } from '../../src/app/settings/Settings';

export function renderSettings() {
  const renderer = createRenderer('settings');
  renderer.render(<Settings actions={renderer.mocks.actions} />);
  return renderer;
}
