// One group of settings (during a session, or after it ends) as form
// controls. For the org it edits values; for a team (orgValues given) each
// setting also offers "Inherit from org", which disables the value and shows
// the org's. It keeps no draft of its own: every edit goes up as a
// settingchange event {group, key, value}, and the owner passes values back.
import { LightningElement, api } from 'lwc';
import {
    DEFAULT_AUTO_CLOSE,
    DURATION_PARTS,
    INHERIT,
    SEARCH_SPACE_OPTIONS,
    describeValue,
    numberFromInput,
    settingsIn
} from 'c/parleySetupSettingRules';

export default class ParleySetupSettingFields extends LightningElement {
    /** 'session' or 'afterEnd'. */
    @api group;
    /** This level's values for the group; for a team, a value or "inherit" per setting. */
    @api values;
    /** The org's values for the group; given only when editing a team. */
    @api orgValues;
    /** Problems by setting key: {message, part?}. */
    @api errors;
    @api disabled = false;

    searchSpaceOptions = SEARCH_SPACE_OPTIONS;

    // The last auto-close duration seen per setting, so switching it off and
    // on again brings the admin's numbers back rather than a default.
    lastDurations = {};
    // Inputs that showed a message last render, so clearing one is reported too.
    reportedKeys = new Set();

    get teamMode() {
        return Boolean(this.orgValues);
    }

    get rows() {
        return settingsIn(this.group).map((def) => this.rowFor(def));
    }

    rowFor(def) {
        const own = this.values ? this.values[def.key] : undefined;
        const orgValue = this.teamMode ? this.orgValues[def.key] : undefined;
        const inherit = this.teamMode && own === INHERIT;
        const shown = inherit ? orgValue : own;
        const valueDisabled = this.disabled || inherit;
        const row = {
            key: def.key,
            label: def.label,
            help: def.help,
            min: def.min,
            max: def.max,
            isToggle: def.kind === 'toggle',
            isHours: def.kind === 'hours',
            isSpace: def.kind === 'space',
            isUrl: def.kind === 'url',
            isDuration: def.kind === 'duration',
            checked: shown === true,
            value: def.kind === 'url' ? shown || '' : shown,
            valueDisabled,
            inherit,
            // For a team, each setting's two controls form a named group, so
            // "Inherit from org" is heard together with the setting it belongs to.
            groupRole: this.teamMode ? 'group' : undefined,
            groupLabel: this.teamMode ? def.label : undefined,
            inheritLabel: this.teamMode ? `Inherit from org (org value: ${describeValue(def, orgValue)})` : ''
        };
        if (row.isDuration) {
            const on = Boolean(shown);
            row.autoCloseOn = on;
            row.parts = DURATION_PARTS.map((part) => ({
                unit: part.unit,
                label: part.label,
                max: part.max,
                value: on ? shown[part.unit] : 0,
                disabled: valueDisabled || !on
            }));
        }
        return row;
    }

    renderedCallback() {
        // lightning-input shows a custom message only after reportValidity;
        // it also wires the message to the input for screen readers.
        const nowReported = new Set();
        for (const input of this.template.querySelectorAll('lightning-input[data-key]')) {
            const key = input.dataset.key;
            const error = this.errors ? this.errors[key] : undefined;
            const appliesHere = error && (!error.part || !input.dataset.part || error.part === input.dataset.part);
            const id = `${key}/${input.dataset.part || input.dataset.role || ''}`;
            if (appliesHere && !input.dataset.role) {
                input.setCustomValidity(error.message);
                input.reportValidity();
                nowReported.add(id);
            } else if (this.reportedKeys.has(id)) {
                input.setCustomValidity('');
                input.reportValidity();
            }
        }
        this.reportedKeys = nowReported;
    }

    emit(key, value) {
        this.dispatchEvent(new CustomEvent('settingchange', { detail: { group: this.group, key, value } }));
    }

    currentValue(key) {
        return this.values ? this.values[key] : undefined;
    }

    handleToggle(event) {
        this.emit(event.target.dataset.key, Boolean(event.detail.checked));
    }

    handleHours(event) {
        this.emit(event.target.dataset.key, numberFromInput(event.detail.value));
    }

    handleSpace(event) {
        this.emit(event.target.dataset.key, event.detail.value);
    }

    handleUrl(event) {
        const text = String(event.detail.value ?? '').trim();
        this.emit(event.target.dataset.key, text === '' ? null : text);
    }

    handleAutoCloseSwitch(event) {
        const key = event.target.dataset.key;
        if (event.detail.checked) {
            this.emit(key, { ...(this.lastDurations[key] || DEFAULT_AUTO_CLOSE) });
            return;
        }
        const current = this.currentValue(key);
        if (current && current !== INHERIT) this.lastDurations[key] = current;
        this.emit(key, null);
    }

    handleDurationPart(event) {
        const key = event.target.dataset.key;
        const unit = event.target.dataset.part;
        const current = this.currentValue(key);
        const base = current && current !== INHERIT ? current : DEFAULT_AUTO_CLOSE;
        this.emit(key, { ...base, [unit]: numberFromInput(event.detail.value) });
    }

    handleInherit(event) {
        const key = event.target.dataset.key;
        if (event.detail.checked) {
            this.emit(key, INHERIT);
            return;
        }
        // Overriding starts from the org's value, so nothing changes until the admin edits it.
        const orgValue = this.orgValues[key];
        this.emit(key, orgValue !== null && typeof orgValue === 'object' ? { ...orgValue } : orgValue);
    }
}
