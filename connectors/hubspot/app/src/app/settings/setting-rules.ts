// The rules of the settings form, from Parley's catalogue (shared/catalogue.ts)
// so the page offers exactly the settings, labels and ranges Parley's own
// pages and the Salesforce setup tab do: each setting's first problem, worded
// as Parley words it; the patch of what the admin changed (nothing else is
// sent, so two admins editing different settings do not undo each other);
// and Parley's 422 issues on the settings they name.
import { DURATION_PARTS, MAX_URL_LENGTH, SEARCH_SPACES, SETTINGS, type SettingDef, type SettingGroup } from '@parley/hubspot-shared/catalogue';
import type { FieldIssue } from '@parley/hubspot-shared/parley-api';

export const INHERIT = 'inherit';

/** What switching auto-close on starts from. */
export const DEFAULT_AUTO_CLOSE = Object.freeze({ days: 1, hours: 0, minutes: 0 });

export type Duration = { days: number; hours: number; minutes: number };
/** One group's values (for a team: a value or "inherit" per setting). */
export type GroupValues = Record<string, unknown>;
export type SettingsValues = Record<SettingGroup, GroupValues>;
/** Problems by "group.key". */
export type SettingErrors = Record<string, string>;

export const GROUPS: SettingGroup[] = ['session', 'afterEnd'];

export function settingsIn(group: SettingGroup): SettingDef[] {
  return SETTINGS.filter((def) => def.group === group);
}

export const errorKey = (def: Pick<SettingDef, 'group' | 'key'>) => `${def.group}.${def.key}`;

function wholeNumber(value: unknown, min: number, max: number, unit: string): string | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return `must be a number of ${unit}`;
  if (!Number.isInteger(value)) return `must be a whole number of ${unit}`;
  if (value < min || value > max) return `must be ${min} to ${max} ${unit}`;
  return null;
}

/** The first problem with a setting's value, or null. "inherit" is always fine for a team. */
export function settingProblem(def: SettingDef, value: unknown): string | null {
  if (value === INHERIT) return null;
  switch (def.kind) {
    case 'toggle':
      return typeof value === 'boolean' ? null : 'must be on or off';
    case 'hours':
      return wholeNumber(value, def.min ?? 0, def.max ?? Number.MAX_SAFE_INTEGER, 'hours');
    case 'space':
      return (SEARCH_SPACES as readonly unknown[]).includes(value) ? null : `must be one of ${SEARCH_SPACES.join(', ')}`;
    case 'url': {
      if (value === null) return null;
      if (typeof value !== 'string' || !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value)) return 'must be an http(s) URL';
      return value.length > MAX_URL_LENGTH ? `must be at most ${MAX_URL_LENGTH} characters` : null;
    }
    case 'duration': {
      if (value === null) return null;
      const d = value as Duration;
      for (const part of DURATION_PARTS) {
        const problem = wholeNumber(d[part.unit], 0, part.max, part.unit);
        if (problem) return `${part.label}: ${problem}`;
      }
      return d.days + d.hours + d.minutes > 0 ? null : 'must be longer than zero (or switch auto-close off)';
    }
  }
}

/** Every problem of the draft, by "group.key", each naming the setting. */
export function validateSettings(values: SettingsValues): SettingErrors {
  const errors: SettingErrors = {};
  for (const def of SETTINGS) {
    const problem = settingProblem(def, values[def.group]?.[def.key]);
    if (problem) errors[errorKey(def)] = `${def.label}: ${problem}`;
  }
  return errors;
}

/** The settings the admin changed, group by group; empty when nothing did. */
export function changedSettings(saved: SettingsValues, draft: SettingsValues): Partial<SettingsValues> {
  const patch: Partial<SettingsValues> = {};
  for (const group of GROUPS) {
    for (const def of settingsIn(group)) {
      const before = saved[group]?.[def.key];
      const after = draft[group]?.[def.key];
      if (JSON.stringify(before) !== JSON.stringify(after)) patch[group] = { ...patch[group], [def.key]: after };
    }
  }
  return patch;
}

/** Parley's refusal (body.session.accessWindowHours: …) on the settings it names. */
export function settingErrorsFromIssues(issues: FieldIssue[]): SettingErrors {
  const errors: SettingErrors = {};
  for (const issue of issues) {
    const [, group, key] = /^body\.(session|afterEnd)\.([A-Za-z]+)/.exec(issue.field) ?? [];
    const def = SETTINGS.find((d) => d.group === group && d.key === key);
    if (def && !errors[errorKey(def)]) errors[errorKey(def)] = `${def.label}: ${issue.message}`;
  }
  return errors;
}
