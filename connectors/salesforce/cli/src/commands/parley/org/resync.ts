// sf parley org resync: write every Salesforce-linked session to Salesforce
// again, as it is now. For after an outage longer than write-back's retries
// (about four hours), or to bring records back in line after someone edited
// them by hand. Safe to repeat: records are upserted, files attached once.
import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { clientFor, workerFlags } from '../../../shared/worker-flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.org.resync');

export type OrgResyncResult = {
  /** Sessions queued for write-back. */
  queued: number;
  /** true when the org has more linked sessions than one resync takes: the older ones were left. */
  truncated: boolean;
};

export default class OrgResync extends SfCommand<OrgResyncResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = { ...workerFlags };

  public async run(): Promise<OrgResyncResult> {
    const { flags } = await this.parse(OrgResync);
    const { queued, truncated } = await clientFor(flags).post<OrgResyncResult>('/crm/salesforce/resync');
    this.logSuccess(messages.getMessage(queued === 1 ? 'info.queuedOne' : 'info.queued', [queued]));
    if (truncated) this.warn(messages.getMessage('warning.truncated'));
    return { queued, truncated };
  }
}
