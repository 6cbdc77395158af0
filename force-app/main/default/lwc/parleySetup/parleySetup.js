// The admin's Parley setup page (the Parley_Setup tab): the org's session and
// after-end settings, teams with their overrides, notification texts, the
// org's SMS and email accounts, and the connection check. This component
// owns the org settings draft, because two tabs edit it and one Save sends
// both; each other tab owns its own data.
import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import hasParleyAdmin from '@salesforce/customPermission/Parley_Admin';
import getSettings from '@salesforce/apex/ParleySetupController.getSettings';
import saveSettings from '@salesforce/apex/ParleySetupController.saveSettings';
import { errorMessage, isAdminOnly } from 'c/parleySetupApexError';
import { changedFields, copyOf, isEmptyPatch, savePatch } from 'c/parleySetupPatch';
import { groupTitle, validateGroup } from 'c/parleySetupSettingRules';

export default class ParleySetup extends LightningElement {
    loading = true;
    notAdmin = !hasParleyAdmin;
    /** Why the org settings could not be read (Parley unreachable, for one). */
    loadError;

    saved;
    draft;
    saving = false;
    serverError;

    connectedCallback() {
        if (this.notAdmin) {
            this.loading = false;
            return;
        }
        this.load();
    }

    async load() {
        this.loading = true;
        this.loadError = undefined;
        try {
            this.accept(await getSettings());
        } catch (error) {
            if (isAdminOnly(error)) this.notAdmin = true;
            else this.loadError = errorMessage(error);
        } finally {
            this.loading = false;
        }
    }

    /** Take the Worker's {settings} answer as the new saved state and drop the draft. */
    accept(result) {
        const settings = (result && result.settings) || result;
        this.saved = settings;
        this.draft = copyOf(settings);
        this.serverError = undefined;
    }

    get ready() {
        return !this.loading && !this.notAdmin;
    }

    get hasSettings() {
        return Boolean(this.draft);
    }

    /** When Parley cannot be reached, the Connection tab is where the fix starts. */
    get firstTab() {
        return this.loadError ? 'connection' : 'session';
    }

    get sessionErrors() {
        return this.draft ? validateGroup('session', this.draft.session) : {};
    }

    get afterEndErrors() {
        return this.draft ? validateGroup('afterEnd', this.draft.afterEnd) : {};
    }

    get sessionHasErrors() {
        return Object.keys(this.sessionErrors).length > 0;
    }

    get afterEndHasErrors() {
        return Object.keys(this.afterEndErrors).length > 0;
    }

    /** Every problem in the draft, both tabs, so Save on one tab tells of the other. */
    get problems() {
        const list = [];
        for (const [group, errors] of [
            ['session', this.sessionErrors],
            ['afterEnd', this.afterEndErrors]
        ]) {
            for (const error of Object.values(errors)) list.push(`${groupTitle(group)}: ${error.message}`);
        }
        return list;
    }

    get patch() {
        return this.draft ? changedFields(this.saved, this.draft, 2) : {};
    }

    get dirty() {
        return !isEmptyPatch(this.patch);
    }

    handleSettingChange(event) {
        const { group, key, value } = event.detail;
        this.draft = { ...this.draft, [group]: { ...this.draft[group], [key]: value } };
    }

    handleSave(event) {
        return savePatch(this, {
            event,
            problems: this.problems,
            send: (patchJson) => saveSettings({ patchJson }),
            savedTitle: 'Settings saved',
            savedMessage: 'Parley uses the new org settings from now on.',
            failedTitle: 'Settings not saved'
        });
    }

    handleCancel() {
        this.draft = copyOf(this.saved);
        this.serverError = undefined;
    }

    handleRetry() {
        this.load();
    }

    toast(variant, title, message) {
        this.dispatchEvent(new ShowToastEvent({ variant, title, message }));
    }
}
