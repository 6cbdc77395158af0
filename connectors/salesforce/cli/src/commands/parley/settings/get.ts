// sf parley settings get: the org's or a team's settings, as a table or,
// with --json, exactly as the Worker returned them.
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { clientFor, workerFlags } from '../../../shared/worker-flags.js';
import { findTeam, isTeamView, readSettings, settingRows, type SettingsView } from '../../../shared/settings.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.settings.get');

export type SettingsGetResult = SettingsView;

export default class SettingsGet extends SfCommand<SettingsGetResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...workerFlags,
    team: Flags.string({ summary: messages.getMessage('flags.team.summary') }),
  };

  public async run(): Promise<SettingsGetResult> {
    const { flags } = await this.parse(SettingsGet);
    const client = clientFor(flags);
    const team = flags.team === undefined ? undefined : await findTeam(client, flags.team);
    const view = await readSettings(client, team);

    const rows = settingRows(view);
    if (isTeamView(view)) {
      this.table({
        title: messages.getMessage('title.team', [view.name]),
        data: rows,
        columns: [
          { key: 'setting', name: messages.getMessage('column.setting') },
          { key: 'value', name: messages.getMessage('column.team') },
          { key: 'inForce', name: messages.getMessage('column.inForce') },
        ],
      });
    } else {
      this.table({
        title: messages.getMessage('title.org'),
        data: rows,
        columns: [
          { key: 'setting', name: messages.getMessage('column.setting') },
          { key: 'value', name: messages.getMessage('column.value') },
        ],
      });
    }
    return view;
  }
}
