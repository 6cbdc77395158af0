// The Messaging tab: who sends the org's texts and emails now (the org's own
// Twilio or Resend account, Parley's, or none, when messages wait as held),
// the webhook addresses to give Twilio and Resend, and a form per provider
// to connect, replace or disconnect the org's own account.
//
// Tokens and keys are write-only (GET /api/v1/settings/messaging never
// returns them): their inputs start empty, and an empty one keeps what
// Parley stored (for Twilio, only while the Account SID stays the same).
// Values are judged by the Worker; its messages are put on the input they
// name (messagingForm.js), the rest under the form.
//
// What the admin is told to set at each provider follows their documents:
// Twilio posts a text sent to a number to the incoming-message webhook set on
// that number or on its Messaging Service (Twilio: Messaging Webhooks), while
// delivery reports go to the status callback each message names; Resend posts
// events to the endpoints added in its Webhooks page, each endpoint signing
// with its own secret (whsec_…) shown there (Resend: Verify webhook requests).
import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import getMessagingProviders from '@salesforce/apex/ParleySetupController.getMessagingProviders';
import saveMessagingProviders from '@salesforce/apex/ParleySetupController.saveMessagingProviders';
import { errorMessage } from 'c/parleySetupApexError';
import { reportFieldErrors } from 'c/parleySetupPatch';
import { changeOf, draftFrom, isDirty, issueLines, issuesIn, missingValues, ownAccount } from './messagingForm';

// Resend's email events Parley reads (notify/email/email-events.ts); others are ignored.
const EMAIL_EVENTS = 'email.sent, email.delivered, email.delivery_delayed, email.bounced, email.complained, email.failed and email.suppressed';

const NAMES = { sms: 'Twilio account', email: 'Resend account' };

export default class ParleySetupMessaging extends LightningElement {
    loading = true;
    loadError;
    /** The Worker's { sms, email } as last read or saved. */
    view;
    smsDraft;
    emailDraft;
    /** 'sms' or 'email' while that form's change is with Parley. */
    saving;
    /** The Worker's last refusal, per input: { 'sms.authToken': 'give the auth token …' }; an edit clears its input's. */
    serverFields = {};
    /** …and what it said that names no input, per form. */
    serverOthers = { sms: [], email: [] };
    /** Forms whose Save was pressed: only then are left-out values shown as problems. */
    attempted = { sms: false, email: false };
    focusProblemsOf;
    reported = new Set();
    emailEvents = EMAIL_EVENTS;

    connectedCallback() {
        this.load();
    }

    async load() {
        this.loading = true;
        this.loadError = undefined;
        try {
            this.accept(await getMessagingProviders(), ['sms', 'email']);
        } catch (error) {
            this.loadError = errorMessage(error);
        } finally {
            this.loading = false;
        }
    }

    /** Take the Worker's { messaging } answer; the named forms start again from it (the other keeps what is typed in it). */
    accept(result, providers) {
        this.view = result.messaging;
        for (const provider of providers) this.resetForm(provider);
    }

    resetForm(provider) {
        this[`${provider}Draft`] = draftFrom(this.view, provider);
        this.attempted = { ...this.attempted, [provider]: false };
        this.serverOthers = { ...this.serverOthers, [provider]: [] };
        const fields = {};
        for (const [field, message] of Object.entries(this.serverFields)) if (!field.startsWith(`${provider}.`)) fields[field] = message;
        this.serverFields = fields;
    }

    get ready() {
        return !this.loading && Boolean(this.view);
    }

    get busy() {
        return Boolean(this.saving);
    }

    // ---- what sends now ----

    get sms() {
        const sms = this.view.sms;
        const senders = [sms.fromNumber && `number ${sms.fromNumber}`, sms.messagingServiceSid && `Messaging Service ${sms.messagingServiceSid}`].filter(Boolean);
        const from = senders.length ? `, from ${senders.join(' or ')}` : '';
        let status;
        if (sms.connected === 'org') status = `Your org's Twilio account ${sms.accountSid} sends your texts${from}.`;
        else if (sms.connected === 'service') status = `Parley's Twilio account sends your texts${from}. Connect your own account below to send from your own number.`;
        else status = 'No Twilio account: texts wait as held, and go out once an account is connected. Connect your own account below.';
        const own = sms.connected === 'org';
        return {
            own,
            status,
            statusClass: this.statusClass(sms.connected),
            inboundWebhookUrl: sms.inboundWebhookUrl,
            formTitle: own ? 'Your Twilio account' : 'Connect your Twilio account',
            authTokenHelp: own
                ? `Stored for ${sms.accountSid}. Leave empty to keep it; a different Account SID needs its own token.`
                : 'Shown beside the Account SID in the Twilio Console.',
            authTokenPlaceholder: own ? 'Stored: leave empty to keep it' : ''
        };
    }

    get email() {
        const email = this.view.email;
        let status;
        if (email.connected === 'org') status = `Your org's Resend account sends your emails, from ${email.fromAddress}.`;
        else if (email.connected === 'service') {
            status = `Parley's email account sends your emails, from ${email.fromAddress}. Connect your own Resend account below to send from your own domain.`;
        } else status = 'No email account: emails wait as held, and go out once an account is connected. Connect your own Resend account below.';
        const own = email.connected === 'org';
        return {
            own,
            status,
            statusClass: this.statusClass(email.connected),
            // Where the org's own account posts: shown before connecting, since Resend gives the signing secret only once it is added there.
            webhookUrl: email.ownWebhookUrl,
            // Without the secret the Worker refuses the org's webhooks: no delivery, bounce or complaint would reach Parley.
            secretMissing: own && !email.webhookSecretSet,
            formTitle: own ? 'Your Resend account' : 'Connect your Resend account',
            apiKeyHelp: own ? 'Stored. Leave empty to keep it; enter a new key to replace it.' : 'A Resend API key that may send emails (re_…).',
            apiKeyPlaceholder: own ? 'Stored: leave empty to keep it' : '',
            webhookSecretHelp: email.webhookSecretSet
                ? 'Stored. Leave empty to keep it; paste a new one (whsec_…) to replace it.'
                : "The webhook endpoint's signing secret (whsec_…), shown at Resend once the endpoint below is added.",
            webhookSecretPlaceholder: own && email.webhookSecretSet ? 'Stored: leave empty to keep it' : ''
        };
    }

    statusClass(connected) {
        return `slds-notify slds-notify_alert ${connected === 'none' ? 'slds-alert_warning' : 'slds-alert_info'}`;
    }

    // ---- problems: left-out values (after Save), and what the Worker refused ----

    missing(provider) {
        return this.attempted[provider] ? missingValues(this.view, provider, this[`${provider}Draft`]) : [];
    }

    /** The message each input shows: the Worker's, else a left-out value's. */
    get fieldErrors() {
        const errors = {};
        for (const provider of ['sms', 'email']) for (const p of this.missing(provider)) errors[p.field] = p.message;
        return { ...errors, ...this.serverFields };
    }

    problemsOf(provider) {
        const fields = {};
        for (const p of this.missing(provider)) fields[p.field] = p.message;
        return issueLines(fields);
    }

    serverErrorOf(provider) {
        const fields = {};
        for (const [field, message] of Object.entries(this.serverFields)) if (field.startsWith(`${provider}.`)) fields[field] = message;
        const lines = issueLines(fields, this.serverOthers[provider]);
        return lines.length ? lines.join('; ') : undefined;
    }

    get smsProblems() {
        return this.problemsOf('sms');
    }

    get emailProblems() {
        return this.problemsOf('email');
    }

    get smsServerError() {
        return this.serverErrorOf('sms');
    }

    get emailServerError() {
        return this.serverErrorOf('email');
    }

    get smsDirty() {
        return isDirty(this.view, 'sms', this.smsDraft);
    }

    get emailDirty() {
        return isDirty(this.view, 'email', this.emailDraft);
    }

    renderedCallback() {
        // On the input itself, so a screen reader hears it there; lightning-input shows it after reportValidity.
        this.reported = reportFieldErrors(this.template.querySelectorAll('lightning-input[data-field]'), (control) => control.dataset.field, this.fieldErrors, this.reported);
        if (this.focusProblemsOf) {
            const bar = this.template.querySelector(`c-parley-setup-save-bar[data-provider="${this.focusProblemsOf}"]`);
            this.focusProblemsOf = undefined;
            if (bar) bar.focusProblems();
        }
    }

    // ---- edits and saves ----

    handleChange(event) {
        const field = event.target.dataset.field;
        const [provider, key] = field.split('.');
        const draftName = `${provider}Draft`;
        this[draftName] = { ...this[draftName], [key]: event.detail.value ?? '' };
        if (field in this.serverFields) {
            const rest = { ...this.serverFields };
            delete rest[field];
            this.serverFields = rest;
        }
    }

    async handleSave(event) {
        const provider = event.target.dataset.provider;
        const draft = this[`${provider}Draft`];
        if (!isDirty(this.view, provider, draft)) return;
        if (missingValues(this.view, provider, draft).length > 0) {
            this.attempted = { ...this.attempted, [provider]: true };
            this.focusProblemsOf = provider;
            return;
        }
        const own = ownAccount(this.view, provider);
        await this.send(provider, changeOf(provider, draft), {
            done: `${NAMES[provider]} ${own ? 'saved' : 'connected'}`,
            failed: `${NAMES[provider]} not ${own ? 'saved' : 'connected'}`
        });
    }

    handleCancel(event) {
        this.resetForm(event.target.dataset.provider);
    }

    async handleDisconnect(event) {
        const provider = event.target.dataset.provider;
        const confirmed = await LightningConfirm.open({
            label: `Disconnect your ${NAMES[provider]}?`,
            message:
                provider === 'sms'
                    ? "Parley deletes the auth token it stored. Texts then go from Parley's Twilio account, or wait as held if this Parley has none."
                    : "Parley deletes the API key and webhook secret it stored. Emails then go from Parley's email account, or wait as held if this Parley has none.",
            theme: 'warning'
        });
        if (!confirmed) return;
        await this.send(provider, { [provider]: null }, { done: `${NAMES[provider]} disconnected`, failed: `${NAMES[provider]} not disconnected` });
    }

    async send(provider, change, titles) {
        this.saving = provider;
        this.serverOthers = { ...this.serverOthers, [provider]: [] };
        try {
            this.accept(await saveMessagingProviders({ patchJson: JSON.stringify(change) }), [provider]);
            this.toast('success', titles.done, this.afterwards(provider));
        } catch (error) {
            const { fields, others } = issuesIn(errorMessage(error));
            this.serverFields = { ...this.serverFields, ...fields };
            this.serverOthers = { ...this.serverOthers, [provider]: others };
            this.toast('error', titles.failed, issueLines(fields, others).join('; '));
        } finally {
            this.saving = undefined;
        }
    }

    /** What the admin's change means for the messages, from the Worker's answer. */
    afterwards(provider) {
        const connected = this.view[provider].connected;
        const what = provider === 'sms' ? 'Texts' : 'Emails';
        if (connected === 'org') {
            const secret = provider === 'email' && !this.view.email.webhookSecretSet;
            return `${what} now go from your own ${NAMES[provider]}.${secret ? ' Add the webhook endpoint shown here at Resend, then its signing secret.' : ''}`;
        }
        if (connected === 'service') return `${what} now go from Parley's ${provider === 'sms' ? 'Twilio' : 'email'} account.`;
        return `${what} wait as held until an account is connected.`;
    }

    handleRetry() {
        this.load();
    }

    toast(variant, title, message) {
        this.dispatchEvent(new ShowToastEvent({ variant, title, message }));
    }
}
