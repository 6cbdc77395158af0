// Org and team settings as the Worker returns them (GET/PATCH /settings and
// /teams/{teamId}/settings), addressed on the command line by dotted names
// such as session.accessWindowHours. The Worker owns the rules (ranges,
// allowed values); this side only finds the setting and reads the value the
// user typed, so a new setting on the Worker needs no change here.
import { Messages } from '@salesforce/core';
import type { ParleyClient } from './parley-client.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.settings');

/** An auto-close delay: the Worker's duration object. */
export type SettingDuration = { days: number; hours: number; minutes: number };
export type SettingValue = boolean | number | string | null | SettingDuration;
/** A team's own value: a value, or "inherit" to follow the org. */
export type TeamSettingValue = SettingValue | 'inherit';

/** Settings come in groups: session (during a session) and afterEnd (after the agent ends it). */
export type SettingsGroups = { session: Record<string, SettingValue>; afterEnd: Record<string, SettingValue> };
export type SettingsGroup = keyof SettingsGroups;
const GROUPS: SettingsGroup[] = ['session', 'afterEnd'];

/** GET/PATCH /settings. */
export type OrgSettingsView = { settings: SettingsGroups };
/** GET/PATCH /teams/{teamId}/settings. */
export type TeamSettingsView = {
  teamId: string;
  name: string;
  overrides: { session: Record<string, TeamSettingValue>; afterEnd: Record<string, TeamSettingValue> };
  effective: SettingsGroups;
};
export type SettingsView = OrgSettingsView | TeamSettingsView;

export type Team = { id: string; name: string };

export function isTeamView(view: SettingsView): view is TeamSettingsView {
  return 'teamId' in view;
}

/** The settings in force, whether for the org or for a team. */
export function inForce(view: SettingsView): SettingsGroups {
  return isTeamView(view) ? view.effective : view.settings;
}

export function settingNames(groups: SettingsGroups): string[] {
  return GROUPS.flatMap((group) => Object.keys(groups[group]).map((key) => `${group}.${key}`));
}

/** Split "session.accessWindowHours" into its group and key, refusing names the Worker doesn't have. */
export function findSetting(groups: SettingsGroups, name: string): { group: SettingsGroup; key: string } {
  const dot = name.indexOf('.');
  const group = name.slice(0, dot) as SettingsGroup;
  const key = name.slice(dot + 1);
  if (dot < 0 || !GROUPS.includes(group) || !Object.hasOwn(groups[group], key)) {
    throw messages.createError('error.UnknownSetting', [name], [settingNames(groups).join(', ')]);
  }
  return { group, key };
}

/**
 * Read a value as typed: true/false, numbers, null, JSON objects (the
 * auto-close duration), "inherit" for teams, and anything else as text.
 */
export function parseSettingValue(raw: string, forTeam: boolean): TeamSettingValue {
  const text = raw.trim();
  if (text === 'inherit') {
    if (!forTeam) throw messages.createError('error.InheritNeedsTeam');
    return 'inherit';
  }
  if (text === 'null') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text.startsWith('{')) {
    try {
      return JSON.parse(text) as SettingDuration;
    } catch {
      throw messages.createError('error.ValueNotJson', [raw]);
    }
  }
  return raw;
}

export function formatSettingValue(value: TeamSettingValue | undefined): string {
  if (value === undefined) return '';
  if (value !== null && typeof value === 'object') {
    return `${value.days}d ${value.hours}h ${value.minutes}m`;
  }
  return String(value);
}

/** A team by its name (exact first, then ignoring case), listing the teams there are when none matches. */
export async function findTeam(client: ParleyClient, name: string): Promise<Team> {
  const { teams } = await client.get<{ teams: Team[] }>('/teams');
  const wanted = name.trim();
  const team = teams.find((t) => t.name === wanted) ?? teams.find((t) => t.name.toLowerCase() === wanted.toLowerCase());
  if (!team) {
    throw messages.createError('error.UnknownTeam', [name], [teams.length ? teams.map((t) => t.name).join(', ') : messages.getMessage('noTeams')]);
  }
  return team;
}

export async function readSettings(client: ParleyClient, team: Team | undefined): Promise<SettingsView> {
  return team ? client.get<TeamSettingsView>(`/teams/${team.id}/settings`) : client.get<OrgSettingsView>('/settings');
}

export async function writeSetting(
  client: ParleyClient,
  team: Team | undefined,
  setting: { group: SettingsGroup; key: string },
  value: TeamSettingValue,
): Promise<SettingsView> {
  const patch = { [setting.group]: { [setting.key]: value } };
  return team ? client.patch<TeamSettingsView>(`/teams/${team.id}/settings`, patch) : client.patch<OrgSettingsView>('/settings', patch);
}

/** One row per setting, for the table the commands print. */
export type SettingRow = { setting: string; value: string; inForce?: string };

export function settingRows(view: SettingsView): SettingRow[] {
  const effective = inForce(view);
  return GROUPS.flatMap((group) =>
    Object.entries(effective[group]).map(([key, value]) => {
      const setting = `${group}.${key}`;
      if (!isTeamView(view)) return { setting, value: formatSettingValue(value) };
      return { setting, value: formatSettingValue(view.overrides[group][key] ?? 'inherit'), inForce: formatSettingValue(value) };
    }),
  );
}
