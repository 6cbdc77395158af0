// One setting as a form control, by its kind in Parley's catalogue: a toggle,
// a number of hours within its range, the search space, an optional URL, or
// the auto-close duration (off, or days, hours and minutes within their
// ranges). For a team (orgValue given) it also offers "Inherit from org",
// which shows the org's value instead of an editable one.
import { Flex, Input, NumberInput, Select, Text, Toggle } from '@hubspot/ui-extensions';
import { DURATION_PARTS, SEARCH_SPACE_LABELS, SEARCH_SPACES, describeSettingValue, type SettingDef } from '@parley/hubspot-shared/catalogue';
import { DEFAULT_AUTO_CLOSE, INHERIT, type Duration } from './setting-rules';

export interface SettingFieldProps {
  def: SettingDef;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string | undefined;
  /** The org's value, for a team's setting. */
  orgValue?: unknown;
  /** Sets the controls' names apart ("org", "team"): the org's form and a team's are on the page together. */
  form: string;
}

const SPACE_OPTIONS = SEARCH_SPACES.map((value) => ({ value, label: SEARCH_SPACE_LABELS[value] }));

export function SettingField({ def, value, onChange, error, orgValue, form }: SettingFieldProps) {
  const team = orgValue !== undefined;
  const inherit = team && value === INHERIT;
  const name = `${form}.${def.group}.${def.key}`;
  return (
    <Flex direction="column" gap="xs">
      {team ? (
        <Select
          name={`${name}.source`}
          label={def.label}
          value={inherit ? INHERIT : 'own'}
          options={[
            { value: INHERIT, label: `Inherit from org (currently: ${describeSettingValue(def, orgValue)})` },
            { value: 'own', label: "This team's own value" },
          ]}
          onChange={(choice) => onChange(choice === INHERIT ? INHERIT : orgValue)}
        />
      ) : null}
      {inherit ? null : <Control def={def} name={name} value={value} onChange={onChange} error={error} labelled={!team} />}
      {def.help ? <Text variant="microcopy">{def.help}</Text> : null}
      {error && (def.kind === 'toggle' || def.kind === 'duration') ? <Text variant="microcopy" format={{ fontWeight: 'bold' }}>{error}</Text> : null}
    </Flex>
  );
}

function Control({ def, name, value, onChange, error, labelled }: { def: SettingDef; name: string; value: unknown; onChange: (v: unknown) => void; error: string | undefined; labelled: boolean }) {
  const label = labelled ? def.label : 'Value';
  const invalid = { error: Boolean(error), validationMessage: error ?? '' };
  switch (def.kind) {
    case 'toggle':
      return <Toggle name={name} label={label} checked={Boolean(value)} onChange={(checked) => onChange(checked)} />;
    case 'hours':
      return <NumberInput name={name} label={label} value={value as number} min={def.min} max={def.max} precision={0} onChange={(n) => onChange(n)} {...invalid} />;
    case 'space':
      return <Select name={name} label={label} value={String(value)} options={SPACE_OPTIONS} onChange={(v) => onChange(v)} {...invalid} />;
    case 'url':
      return <Input name={name} label={label} value={typeof value === 'string' ? value : ''} placeholder="https://…" onChange={(text) => onChange(text.trim() ? text.trim() : null)} {...invalid} />;
    case 'duration': {
      const d = value as Duration | null;
      return (
        <Flex direction="column" gap="xs">
          <Toggle name={`${name}.on`} label={label} checked={d !== null} onChange={(on) => onChange(on ? { ...DEFAULT_AUTO_CLOSE } : null)} />
          {d ? (
            <Flex direction="row" gap="sm">
              {DURATION_PARTS.map((part) => (
                <NumberInput
                  key={part.unit}
                  name={`${name}.${part.unit}`}
                  label={`${part.label} (0 to ${part.max})`}
                  value={d[part.unit]}
                  min={0}
                  max={part.max}
                  precision={0}
                  onChange={(n) => onChange({ ...d, [part.unit]: n })}
                  error={Boolean(error)}
                />
              ))}
            </Flex>
          ) : null}
        </Flex>
      );
    }
  }
}
