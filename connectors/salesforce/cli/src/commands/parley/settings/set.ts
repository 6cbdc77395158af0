// sf parley settings set: change one setting of the org or of a team. The
// name is checked against the settings the Worker has before anything is
// sent; the value's rules are the Worker's, and its message is shown as is.
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { clientFor, workerFlags } from '../../../shared/worker-flags.js';
import {
  findSetting,
  findTeam,
  formatSettingValue,
  inForce,
  isTeamView,
  parseSettingValue,
  readSettings,
  writeSetting,
  type SettingsView,
} from '../../../shared/settings.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.settings.set');

/** The Worker's answer to the change: all settings of the org, or the team's view. */
export type SettingsSetResult = SettingsView;

export default class SettingsSet extends SfCommand<SettingsSetResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...workerFlags,
    name: Flags.string({ summary: messages.getMessage('flags.name.summary'), required: true }),
    value: Flags.string({ summary: messages.getMessage('flags.value.summary'), required: true }),
    team: Flags.string({ summary: messages.getMessage('flags.team.summary') }),
  };

  public async run(): Promise<SettingsSetResult> {
    const { flags } = await this.parse(SettingsSet);
    const value = parseSettingValue(flags.value, flags.team !== undefined);
    const client = clientFor(flags);
    const team = flags.team === undefined ? undefined : await findTeam(client, flags.team);
    const setting = findSetting(inForce(await readSettings(client, team)), flags.name);

    const view = await writeSetting(client, team, setting, value);

    const now = inForce(view)[setting.group][setting.key];
    if (isTeamView(view)) {
      const own = view.overrides[setting.group][setting.key];
      this.log(messages.getMessage('info.teamSet', [flags.name, view.name, formatSettingValue(own), formatSettingValue(now)]));
    } else {
      this.log(messages.getMessage('info.orgSet', [flags.name, formatSettingValue(now)]));
    }
    return view;
  }
}
