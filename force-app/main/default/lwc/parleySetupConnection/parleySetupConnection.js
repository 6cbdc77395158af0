// The Connection tab: walks both directions Parley talks to this org and
// says where it breaks. Salesforce → Parley is the callout through the Parley
// Named Credential with the org key; Parley → Salesforce is the Worker's own
// sign-in for the write-back, its last sync and what it could not write.
// When either is missing, the fix is `sf parley org connect`, so say so.
import { LightningElement } from 'lwc';
import checkConnection from '@salesforce/apex/ParleySetupController.checkConnection';
import resyncWriteback from '@salesforce/apex/ParleySetupController.resyncWriteback';
import { errorMessage } from 'c/parleySetupApexError';

// The flags of connectors/salesforce/cli's `parley org connect`.
const CONNECT_COMMAND =
    'sf parley org connect --target-org <org alias> --worker-url <Parley Worker URL> --admin-token <Parley admin token> ' +
    '--consumer-key <connected app consumer key> --jwt-key-file <certificate private key file> --username <integration user>';

export default class ParleySetupConnection extends LightningElement {
    checking = true;
    result;
    checkError;
    resyncing = false;
    resyncMessage;
    resyncError;
    connectCommand = CONNECT_COMMAND;

    connectedCallback() {
        this.check();
    }

    async check() {
        this.checking = true;
        this.checkError = undefined;
        try {
            this.result = await checkConnection();
        } catch (error) {
            this.result = undefined;
            this.checkError = errorMessage(error);
        } finally {
            this.checking = false;
        }
    }

    handleCheck() {
        this.check();
    }

    /** Write every linked session again: what an admin does after an outage longer than the retries. */
    async handleResync() {
        this.resyncing = true;
        this.resyncMessage = undefined;
        this.resyncError = undefined;
        try {
            const { queued, truncated } = await resyncWriteback();
            const sessions = `${queued} session${queued === 1 ? '' : 's'}`;
            this.resyncMessage = truncated
                ? `The ${sessions} changed most recently will be written to Salesforce again within minutes; older ones are left as they are.`
                : `${sessions} will be written to Salesforce again within minutes.`;
        } catch (error) {
            this.resyncError = errorMessage(error);
        } finally {
            this.resyncing = false;
        }
    }

    get hasResult() {
        return !this.checking && Boolean(this.result);
    }

    get callout() {
        return (this.result && this.result.callout) || { ok: false };
    }

    get calloutOk() {
        return this.callout.ok === true;
    }

    get calloutError() {
        return this.callout.error || 'Salesforce got no answer from Parley.';
    }

    get orgName() {
        const org = this.result && this.result.worker && this.result.worker.org;
        if (!org) return '';
        return org.name ? `${org.name} (${org.id})` : org.id;
    }

    get agentText() {
        const agent = this.result && this.result.worker && this.result.worker.agent;
        if (!agent) return '';
        return `${agent.name} (${agent.email}), ${agent.role === 'admin' ? 'an admin' : 'an agent'}`;
    }

    get writeback() {
        return (this.result && this.result.writeback) || null;
    }

    get connection() {
        return this.writeback ? this.writeback.connection : null;
    }

    get writebackConnected() {
        return Boolean(this.connection);
    }

    get writebackCheckOk() {
        return Boolean(this.writeback && this.writeback.check && this.writeback.check.ok);
    }

    get writebackCheckError() {
        const check = this.writeback && this.writeback.check;
        return (check && check.error) || 'Parley could not sign in to Salesforce.';
    }

    get apiVersion() {
        const check = this.writeback && this.writeback.check;
        return (check && check.apiVersion) || (this.connection && this.connection.apiVersion) || '';
    }

    get lastSyncAt() {
        return this.writeback ? this.writeback.lastSyncAt : null;
    }

    get hasPending() {
        return this.writeback && typeof this.writeback.pending === 'number';
    }

    get failures() {
        const list = (this.writeback && this.writeback.failures) || [];
        return list.map((f, index) => ({ ...f, key: `${f.at}-${index}`, record: f.record || '' }));
    }

    get hasFailures() {
        return this.failures.length > 0;
    }

    get failureCount() {
        const n = this.failures.length;
        return `${n} recent write-back failure${n === 1 ? '' : 's'}`;
    }

    /** One line for the whole state, read first by a screen reader. */
    get summary() {
        if (!this.calloutOk) return 'Not connected: Salesforce cannot reach Parley.';
        if (!this.writebackConnected) return 'Half connected: Salesforce reaches Parley, but Parley cannot write back to Salesforce.';
        if (!this.writebackCheckOk) return 'Connected, but Parley could not sign in to Salesforce for the write-back.';
        if (this.hasFailures) return 'Connected, with recent write-back failures.';
        return 'Connected: Salesforce reaches Parley and Parley writes back to Salesforce.';
    }

    get summaryClass() {
        const ok = this.calloutOk && this.writebackConnected && this.writebackCheckOk;
        const variant = !ok ? 'slds-alert_error' : this.hasFailures ? 'slds-alert_warning' : 'slds-alert_info';
        return `slds-notify slds-notify_alert ${variant}`;
    }

    get needsConnect() {
        return !this.calloutOk || !this.writebackConnected || !this.writebackCheckOk;
    }
}
