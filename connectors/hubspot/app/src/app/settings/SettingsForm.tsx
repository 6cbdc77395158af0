// The org's or a team's settings as one form: both groups (during a session,
// after it ends), each setting's problem under it, and Save / Discard. Saving
// checks the draft first (the same ranges Parley applies), then sends only
// what changed; Parley's 422 issues land on the settings they name.
import { useState } from 'react';
import { Button, ButtonRow, Divider, Flex, Heading, Text } from '@hubspot/ui-extensions';
import { SETTING_GROUPS } from '@parley/hubspot-shared/catalogue';
import { ParleyError } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import { SettingField } from './SettingField';
import { changedSettings, errorKey, settingErrorsFromIssues, settingsIn, validateSettings, type SettingErrors, type SettingsValues } from './setting-rules';

export interface SettingsFormProps {
  /** Tells the org's form from a team's in tests ("org", "team"): both are on the page at once. */
  testIdPrefix: string;
  /** The values as saved: a value per setting (for a team, a value or "inherit"). */
  saved: SettingsValues;
  /** The org's values, when the form edits a team. */
  orgValues?: SettingsValues;
  /** Sends the changed settings; answers the values now saved. */
  save: (patch: Partial<SettingsValues>) => Promise<SettingsValues>;
  onSaved: () => void;
}

export function SettingsForm({ testIdPrefix, saved, orgValues, save, onSaved }: SettingsFormProps) {
  const [draft, setDraft] = useState<SettingsValues>(saved);
  // New values saved (or read again): the draft starts over from them, in the same render, so no edit lands on the old ones.
  const [basis, setBasis] = useState(saved);
  if (basis !== saved) {
    setBasis(saved);
    setDraft(saved);
  }
  const [errors, setErrors] = useState<SettingErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const patch = changedSettings(saved, draft);
  const dirty = Object.keys(patch).length > 0;

  const change = (group: keyof SettingsValues, key: string) => (value: unknown) => {
    setDraft((d) => ({ ...d, [group]: { ...d[group], [key]: value } }));
    setErrors((e) => {
      const { [`${group}.${key}`]: _gone, ...rest } = e;
      return rest;
    });
  };

  const submit = async () => {
    setFailure(null);
    const found = validateSettings(draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      setDraft(await save(patch));
      onSaved();
    } catch (error) {
      const fieldErrors = error instanceof ParleyError ? settingErrorsFromIssues(error.issues) : {};
      setErrors(fieldErrors);
      if (!Object.keys(fieldErrors).length) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" gap="md">
      {SETTING_GROUPS.map((group) => (
        <Flex key={group.name} direction="column" gap="sm">
          <Heading>{group.title}</Heading>
          {settingsIn(group.name).map((def) => (
            <SettingField
              key={def.key}
              def={def}
              form={testIdPrefix}
              value={draft[group.name]?.[def.key]}
              orgValue={orgValues ? orgValues[group.name]?.[def.key] : undefined}
              onChange={change(group.name, def.key)}
              error={errors[errorKey(def)]}
            />
          ))}
          <Divider />
        </Flex>
      ))}
      {Object.keys(errors).length ? <Text testId={`${testIdPrefix}-problems`}>{`${Object.keys(errors).length} setting(s) to correct before saving.`}</Text> : null}
      {failure ? <ParleyErrorAlert error={failure} title="The settings were not saved" /> : null}
      <ButtonRow>
        <Button testId={`${testIdPrefix}-save`} variant="primary" disabled={busy || !dirty} onClick={() => void submit()}>
          Save
        </Button>
        <Button testId={`${testIdPrefix}-discard`} variant="secondary" disabled={busy || !dirty} onClick={() => (setDraft(saved), setErrors({}))}>
          Discard changes
        </Button>
      </ButtonRow>
    </Flex>
  );
}
