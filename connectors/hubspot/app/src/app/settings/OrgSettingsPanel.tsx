// The org's settings (GET and PATCH /api/v1/settings): every agent's default,
// which a team may override.
import { useCallback, useEffect, useState } from 'react';
import { LoadingSpinner } from '@hubspot/ui-extensions';
import { callParley } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { SettingsAnswer } from '@parley/hubspot-shared/parley-types';
import { SettingsForm } from './SettingsForm';
import type { SettingsValues } from './setting-rules';

export function OrgSettingsPanel({ onSaved }: { onSaved: () => void }) {
  const [saved, setSaved] = useState<SettingsValues | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    callParley<SettingsAnswer>('GET', '/settings')
      .then((answer) => setSaved(answer.settings as unknown as SettingsValues))
      .catch(setFailure);
  }, []);

  const save = useCallback(async (patch: Partial<SettingsValues>) => {
    const answer = await callParley<SettingsAnswer>('PATCH', '/settings', patch);
    const next = answer.settings as unknown as SettingsValues;
    setSaved(next);
    return next;
  }, []);

  if (failure) return <ParleyErrorAlert error={failure} title="The org's settings could not be read" />;
  if (!saved) return <LoadingSpinner label="Reading the org's settings…" />;
  return <SettingsForm testIdPrefix="org" saved={saved} save={save} onSaved={onSaved} />;
}
