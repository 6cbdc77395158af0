// The four texts of one message type (SMS with the long link, SMS with the
// short link, email subject, email HTML body), with character counts against
// the Worker's limits and a way back to Parley's wording. Edits go up as
// textchange events {type, field, value}; the owner keeps the draft.
import { LightningElement, api } from 'lwc';
import { DEFAULT_LIMITS, TEXT_FIELDS } from 'c/parleySetupNotificationRules';

export default class ParleySetupMessageTexts extends LightningElement {
    /** 'invitation', 'invitationAdditional', 'reminder' or 'newActivity'. */
    @api type;
    @api heading;
    /** {smsLong, smsShort, emailSubject, emailHtml} */
    @api texts;
    /** Parley's own wording for this type, for "Use Parley's wording". */
    @api defaults;
    /** Problems by field name, each a message naming the field. */
    @api errors;
    @api limits;
    @api disabled = false;

    reported = new Set();

    get limitsInForce() {
        return { ...DEFAULT_LIMITS, ...(this.limits || {}) };
    }

    get fields() {
        const limits = this.limitsInForce;
        return TEXT_FIELDS.map((def) => {
            const value = (this.texts && this.texts[def.field]) || '';
            const max = limits[def.field];
            return {
                field: def.field,
                label: def.label,
                value,
                max,
                isSms: def.link === 'appended',
                isSubject: def.link === 'none',
                isHtml: def.link === 'required',
                count: `${value.length} of ${max} characters`,
                countClass: value.length > max ? 'slds-text-body_small slds-text-color_error' : 'slds-text-body_small slds-text-color_weak'
            };
        });
    }

    get matchesDefaults() {
        if (!this.defaults || !this.texts) return true;
        return TEXT_FIELDS.every((def) => this.texts[def.field] === this.defaults[def.field]);
    }

    get resetDisabled() {
        return this.disabled || this.matchesDefaults;
    }

    renderedCallback() {
        const now = new Set();
        for (const control of this.template.querySelectorAll('[data-field]')) {
            const field = control.dataset.field;
            const message = this.errors ? this.errors[field] : undefined;
            if (message) {
                control.setCustomValidity(message);
                control.reportValidity();
                now.add(field);
            } else if (this.reported.has(field)) {
                control.setCustomValidity('');
                control.reportValidity();
            }
        }
        this.reported = now;
    }

    handleChange(event) {
        this.emit(event.target.dataset.field, event.detail.value);
    }

    handleReset() {
        for (const def of TEXT_FIELDS) {
            if (this.texts[def.field] !== this.defaults[def.field]) this.emit(def.field, this.defaults[def.field]);
        }
    }

    emit(field, value) {
        this.dispatchEvent(new CustomEvent('textchange', { detail: { type: this.type, field, value: value == null ? '' : String(value) } }));
    }
}
