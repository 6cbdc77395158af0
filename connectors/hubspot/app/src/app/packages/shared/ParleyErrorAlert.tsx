// How the card and the settings page show a call Parley refused: its own
// message, and, when this HubSpot account is not connected to Parley (never
// installed, uninstalled, or its token revoked), what an admin does about it.
import { Alert, Text } from '@hubspot/ui-extensions';
import { NOT_CONNECTED, ParleyError } from './parley-api';

export function ParleyErrorAlert({ error, title }: { error: unknown; title: string }) {
  if (error instanceof ParleyError && error.code === NOT_CONNECTED) {
    return (
      <Alert title="Connect Parley to this HubSpot account" variant="warning">
        <Text>{error.message}</Text>
        <Text>
          An admin connects it from the app's settings page (Settings › Connected apps › Parley): install or reconnect the app, then come back to this record.
        </Text>
      </Alert>
    );
  }
  return (
    <Alert title={title} variant="danger">
      {error instanceof Error ? error.message : String(error)}
    </Alert>
  );
}
