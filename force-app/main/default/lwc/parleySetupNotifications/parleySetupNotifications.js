// The Notifications tab: sender names, the default phone prefix, short links
// and time zone; the four messages' texts; when reminders and new-activity
// notices go out. Values are checked here as the Worker checks them; Save
// sends only the changed fields, down to a single text of a single message.
import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getNotificationSettings from '@salesforce/apex/ParleySetupController.getNotificationSettings';
import saveNotificationSettings from '@salesforce/apex/ParleySetupController.saveNotificationSettings';
import { errorMessage } from 'c/parleySetupApexError';
import { changedFields, copyOf, isEmptyPatch, reportFieldErrors, savePatch } from 'c/parleySetupPatch';
import {
    CHANNEL_OPTIONS,
    DEFAULT_LIMITS,
    GENERAL_LABELS,
    MESSAGE_TYPES,
    NEW_ACTIVITY_LABELS,
    PLACEHOLDERS,
    REMINDER_LABELS,
    WEEKDAY_OPTIONS,
    timeForInput,
    timeFromInput,
    validateNotifications
} from 'c/parleySetupNotificationRules';
import { numberFromInput } from 'c/parleySetupSettingRules';

export default class ParleySetupNotifications extends LightningElement {
    loading = true;
    loadError;
    saved; // the settings as the Worker last sent them
    draft;
    defaults;
    limits = DEFAULT_LIMITS;
    placeholders = PLACEHOLDERS;
    saving = false;
    serverError;

    generalLabels = GENERAL_LABELS;
    reminderLabels = REMINDER_LABELS;
    newActivityLabels = NEW_ACTIVITY_LABELS;
    weekdayOptions = WEEKDAY_OPTIONS;
    channelOptions = CHANNEL_OPTIONS;

    reported = new Set();

    connectedCallback() {
        this.load();
    }

    async load() {
        this.loading = true;
        this.loadError = undefined;
        try {
            this.accept(await getNotificationSettings());
        } catch (error) {
            this.loadError = errorMessage(error);
        } finally {
            this.loading = false;
        }
    }

    /** The Worker answers {settings, defaults, placeholders, limits}. */
    accept(view) {
        this.saved = view.settings;
        this.draft = copyOf(view.settings);
        this.defaults = view.defaults;
        if (view.limits) this.limits = { ...DEFAULT_LIMITS, ...view.limits };
        if (Array.isArray(view.placeholders) && view.placeholders.length) this.placeholders = view.placeholders;
        this.serverError = undefined;
    }

    get ready() {
        return !this.loading && Boolean(this.draft);
    }

    get messagesHelp() {
        return (
            `Placeholders: ${this.placeholders.join(', ')}. SMS texts are the words before the link, which Parley adds after them; ` +
            'an email body is HTML and must contain {link}.'
        );
    }

    get smsSenderHelp() {
        return `Up to ${this.limits.smsSenderName} letters, digits and spaces; some countries show a number instead.`;
    }

    get emailSenderHelp() {
        return `Up to ${this.limits.emailSenderName} characters. Leave empty to use your org's name.`;
    }

    // ---- values shaped for the controls ----

    get phonePrefixValue() {
        return this.draft.general.defaultPhonePrefix || '';
    }

    get emailSenderValue() {
        return this.draft.general.emailSenderName || '';
    }

    get remindersFrom() {
        return timeForInput(this.draft.reminders.from);
    }

    get remindersTo() {
        return timeForInput(this.draft.reminders.to);
    }

    get remindersOff() {
        return this.saving || !this.draft.reminders.enabled;
    }

    get newActivityOff() {
        return this.saving || !this.draft.newActivity.enabled;
    }

    get messageSections() {
        const byPath = this.problemsByPath;
        return MESSAGE_TYPES.map(({ type, title }) => {
            const errors = {};
            for (const [path, message] of Object.entries(byPath)) {
                const [section, messageType, field] = path.split('.');
                if (section === 'messages' && messageType === type) errors[field] = message;
            }
            return {
                type,
                title,
                texts: this.draft.messages[type],
                defaults: this.defaults ? this.defaults.messages[type] : undefined,
                errors
            };
        });
    }

    // ---- validation, patch and save ----

    get problemList() {
        return this.draft ? validateNotifications(this.draft, this.limits) : [];
    }

    get problemsByPath() {
        const byPath = {};
        for (const p of this.problemList) if (!byPath[p.path]) byPath[p.path] = p.message;
        return byPath;
    }

    get problems() {
        return this.problemList.map((p) => p.message);
    }

    get patch() {
        return this.draft ? changedFields(this.saved, this.draft, 3) : {};
    }

    get dirty() {
        return !isEmptyPatch(this.patch);
    }

    renderedCallback() {
        // Messages on the controls themselves, so a screen reader hears them at the field.
        this.reported = reportFieldErrors(this.template.querySelectorAll('[data-path]'), (control) => control.dataset.path, this.problemsByPath, this.reported);
    }

    setValue(section, key, value) {
        this.draft = { ...this.draft, [section]: { ...this.draft[section], [key]: value } };
    }

    /** One handler for the general, reminder and new-activity controls: data-path says where, data-kind how to read it. */
    handleChange(event) {
        const [section, key] = event.target.dataset.path.split('.');
        const kind = event.target.dataset.kind;
        const detail = event.detail || {};
        let value;
        switch (kind) {
            case 'toggle':
                value = Boolean(detail.checked);
                break;
            case 'number':
                value = numberFromInput(detail.value);
                break;
            case 'time':
                value = timeFromInput(detail.value);
                break;
            case 'list':
                value = [...(detail.value || [])];
                break;
            case 'optional-text': {
                // Empty means "none": no default prefix, or the org's name as sender.
                const text = String(detail.value ?? '').trim();
                value = text === '' ? null : text;
                break;
            }
            default:
                value = String(detail.value ?? '').trim();
        }
        this.setValue(section, key, value);
    }

    handleTextChange(event) {
        const { type, field, value } = event.detail;
        const messages = this.draft.messages;
        this.draft = { ...this.draft, messages: { ...messages, [type]: { ...messages[type], [field]: value } } };
    }

    handleSave(event) {
        return savePatch(this, {
            event,
            problems: this.problemList,
            send: (patchJson) => saveNotificationSettings({ patchJson }),
            savedTitle: 'Notification settings saved',
            savedMessage: 'New messages use them from now on.',
            failedTitle: 'Notification settings not saved'
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
