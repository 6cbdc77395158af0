// "Check connection" on the settings page: Parley calls HubSpot as write-back
// does (refreshing the access token, reading its properties back) and says
// which account and API version it reached, or HubSpot's reason for refusing.
// A refusal can mark the connection broken, so the panel reads the
// connection again after each check.
import { useState } from 'react';
import { Alert, Text } from '@hubspot/ui-extensions';
import { callParley } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { ConnectionCheck } from '@parley/hubspot-shared/parley-types';

export interface ConnectionChecking {
  /** Asks Parley to check; `afterwards` runs once the answer (or the failure) is in. */
  run: (afterwards: () => Promise<void>) => Promise<void>;
  busy: boolean;
  check: ConnectionCheck | null;
  /** Parley did not run the check (not connected, not an admin, unreachable). */
  failure: unknown;
}

export function useConnectionCheck(): ConnectionChecking {
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (afterwards: () => Promise<void>) => {
    setBusy(true);
    setCheck(null);
    setFailure(null);
    try {
      setCheck(await callParley<ConnectionCheck>('POST', '/crm/hubspot/check'));
    } catch (error) {
      setFailure(error);
    } finally {
      await afterwards();
      setBusy(false);
    }
  };

  return { run, busy, check, failure };
}

/** What the last check found: the account and API version reached, HubSpot's refusal, or why it did not run. */
export function ConnectionCheckResult({ check, failure }: Pick<ConnectionChecking, 'check' | 'failure'>) {
  if (failure) return <ParleyErrorAlert error={failure} title="The check did not run" />;
  if (!check) return null;
  if (check.ok) {
    return (
      <Alert testId="check-ok" title="HubSpot answered Parley" variant="success">
        <Text testId="check-result">{`Connected to ${check.instanceUrl} (API ${check.apiVersion})`}</Text>
      </Alert>
    );
  }
  return (
    <Alert testId="check-refused" title="HubSpot did not answer Parley" variant="danger">
      <Text testId="check-result">{check.error}</Text>
    </Alert>
  );
}
