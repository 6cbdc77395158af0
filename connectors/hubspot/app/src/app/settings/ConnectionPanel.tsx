// The connection between this HubSpot account and Parley: which account,
// since when, with which scopes; what write-back last managed and what it
// could not do; and the way back when HubSpot refused Parley (the app
// uninstalled, its token revoked): Reconnect, through the app's install link.
// Resync writes every linked session to HubSpot again; Check connection asks
// HubSpot now whether it still accepts Parley.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, ButtonRow, DescriptionList, DescriptionListItem, Flex, Heading, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { callParley } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { HubSpotStatus, Resync } from '@parley/hubspot-shared/parley-types';
import { shortTime } from '@parley/hubspot-shared/short-time';
import { ConnectionCheckResult, useConnectionCheck } from './ConnectionCheck';

export function ConnectionPanel() {
  const [status, setStatus] = useState<HubSpotStatus | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [resync, setResync] = useState<Resync | null>(null);
  const [resyncFailure, setResyncFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const checking = useConnectionCheck();

  const load = useCallback(async () => {
    try {
      setStatus(await callParley<HubSpotStatus>('GET', '/crm/hubspot'));
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const runResync = async () => {
    setBusy(true);
    setResyncFailure(null);
    try {
      setResync(await callParley<Resync>('POST', '/crm/hubspot/resync'));
      await load();
    } catch (error) {
      setResyncFailure(error);
    } finally {
      setBusy(false);
    }
  };

  if (failure) return <ParleyErrorAlert error={failure} title="The connection could not be read" />;
  if (!status) return <LoadingSpinner label="Reading the connection…" />;

  const { connection, writeback, installUrl } = status;
  if (!connection) {
    return (
      <Flex direction="column" gap="sm">
        <Alert title="Parley is not connected to this HubSpot account" variant="warning">
          Install the app to connect it: Parley then writes each session's status back to its HubSpot record.
        </Alert>
        {installUrl ? (
          <Button testId="connect" variant="primary" href={{ url: installUrl, external: true }}>
            Connect
          </Button>
        ) : (
          <NoApp />
        )}
      </Flex>
    );
  }

  return (
    <Flex direction="column" gap="md">
      {connection.broken ? (
        <Alert testId="broken" title="HubSpot no longer accepts Parley's connection" variant="danger">
          <Text>{`Since ${shortTime(connection.broken.at)}: ${connection.broken.reason}. Nothing is written to HubSpot until an admin reconnects.`}</Text>
        </Alert>
      ) : null}
      <DescriptionList direction="row">
        <DescriptionListItem label="HubSpot account">
          <Text testId="portal">{connection.hubDomain ? `${connection.hubDomain} (${connection.portalId})` : connection.portalId}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Connected">
          <Text>{shortTime(connection.connectedAt)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Last write-back">
          <Text testId="last-sync">{writeback.lastSyncAt ? shortTime(writeback.lastSyncAt) : 'Nothing written yet'}</Text>
        </DescriptionListItem>
      </DescriptionList>
      <ButtonRow>
        {installUrl ? (
          <Button testId="reconnect" variant={connection.broken ? 'primary' : 'secondary'} href={{ url: installUrl, external: true }}>
            Reconnect
          </Button>
        ) : null}
        <Button testId="resync" disabled={busy || Boolean(connection.broken)} onClick={() => void runResync()}>
          Resync
        </Button>
        <Button testId="check" disabled={checking.busy} onClick={() => void checking.run(load)}>
          Check connection
        </Button>
      </ButtonRow>
      {installUrl ? null : <NoApp />}
      <ConnectionCheckResult check={checking.check} failure={checking.failure} />
      {resync ? (
        <Text testId="resync-result">
          {`${resync.queued} session(s) queued for write-back${resync.truncated ? '; more are linked than one resync writes: run it again once these are done' : ''}.`}
        </Text>
      ) : null}
      {resyncFailure ? <ParleyErrorAlert error={resyncFailure} title="The resync did not start" /> : null}
      <Heading>What write-back could not do</Heading>
      {writeback.failures.length ? (
        writeback.failures.map((f, i) => (
          <Text key={`${f.at}-${i}`} testId={`failure-${i}`}>
            {`${shortTime(f.at)} — ${f.record ?? f.sessionId ?? 'Parley'}: ${f.reason}`}
          </Text>
        ))
      ) : (
        <Text testId="no-failures">No failures.</Text>
      )}
    </Flex>
  );
}

/** Parley has no HubSpot app of its own configured, so there is nothing to install from here. */
function NoApp() {
  return <Text testId="no-app">This Parley has no HubSpot app configured (HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, HUBSPOT_APP_ID): whoever runs Parley sets them first.</Text>;
}
