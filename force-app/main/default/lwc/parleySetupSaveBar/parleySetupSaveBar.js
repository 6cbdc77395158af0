// The foot of every editable form on the setup page: what is wrong with the
// draft, what Parley refused, whether there are unsaved changes, and the
// Save / Cancel buttons. The owner of the draft decides what save and cancel do.
import { LightningElement, api } from 'lwc';

export default class ParleySetupSaveBar extends LightningElement {
    /** True when the draft differs from what was saved. */
    @api dirty = false;
    @api saving = false;
    /** Messages for values the Worker would refuse, each naming its field. */
    @api problems = [];
    /** The Worker's (or Salesforce's) message from the last failed save. */
    @api serverError;

    get hasProblems() {
        return Array.isArray(this.problems) && this.problems.length > 0;
    }

    get problemItems() {
        return (this.problems || []).map((message, index) => ({ id: `p${index}`, message }));
    }

    get buttonsDisabled() {
        return !this.dirty || this.saving;
    }

    get statusText() {
        if (this.saving) return 'Saving…';
        return this.dirty ? 'You have unsaved changes.' : 'All changes saved.';
    }

    /** Move focus to the list of problems, so a blocked save says why. */
    @api
    focusProblems() {
        const summary = this.template.querySelector('[data-id="problems"]');
        if (summary) summary.focus();
    }

    handleSave() {
        this.dispatchEvent(new CustomEvent('save'));
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }
}
