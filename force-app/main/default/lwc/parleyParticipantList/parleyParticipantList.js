// The participant list of a template being sent from the Salesforce panel:
// for each role beyond Customer and Agent, who takes it (someone new with
// their contact, the customer in their Assign step, a participant already in
// the session, the agent, or nobody for an optional role) and whether an
// optional role becomes mandatory. The panel reads the list with
// participantList() when it sends, and hands back the Worker's refusal with
// showRefusal(), which shows each part at the role it names. Renders nothing
// for a template whose only roles are Customer and Agent.
import { LightningElement, api } from 'lwc';
import { WHO, canMakeMandatory, initialChoice, participantList, placeRefusal, rolesToAsk, whoOptions } from './participantChoices';

export default class ParleyParticipantList extends LightningElement {
    /** The session's participants ({ id, name, roleName }), any of whom can take a role too. */
    @api participants = [];

    /**
     * The settings in force (GET /me's settings.session), or null while
     * unknown: then a phone is offered and no OTP note is shown, and the
     * Worker's refusal says what is missing.
     */
    @api sessionSettings = null;

    /** A workflow's roles: offer only someone new or a participant (a workflow takes no Assign step and no agent). */
    @api peopleOnly = false;

    choices = [];
    /** Fields whose error the inputs must show once rendered: set by showRefusal. */
    validityPending = false;
    _roles = [];

    /** The template's roles ({ name, required }), Customer and Agent included; a new set starts the list afresh. */
    @api
    get roles() {
        return this._roles;
    }
    set roles(value) {
        this._roles = value || [];
        this.choices = rolesToAsk(this._roles).map(initialChoice);
    }

    /** The list as POST …/documents takes it ("roles"): {} when there is nothing to ask. */
    @api
    participantList() {
        return participantList(this.choices, { smsEnabled: this.smsEnabled });
    }

    /**
     * Shows the Worker's refusal at the roles it names, moving the focus to
     * the first of them; false when no part of it names a role of this list
     * (the panel then shows it itself).
     */
    @api
    showRefusal(message) {
        const { byRole, unplaced } = placeRefusal(message, this.choices.map((c) => c.role));
        const first = this.choices.find((c) => byRole[c.role]);
        if (!first) return false;
        // What named no role still belongs to this send: shown with the first role at fault.
        const rest = unplaced.map((m) => ({ field: null, message: m }));
        this.choices = this.choices.map((c) => ({ ...c, errors: c.role === first.role ? [...byRole[c.role], ...rest] : byRole[c.role] || [] }));
        this.validityPending = true;
        return true;
    }

    renderedCallback() {
        if (!this.validityPending) return;
        this.validityPending = false;
        const inputs = [...this.template.querySelectorAll('lightning-input[data-field]')];
        for (const input of inputs) {
            const choice = this.choices.find((c) => c.role === input.dataset.role);
            const error = choice && choice.errors.find((e) => e.field === input.dataset.field);
            input.setCustomValidity(error ? error.message : '');
            if (error) input.reportValidity();
        }
        // The focus goes where the first problem is: its field, else the role's choice.
        const first = this.choices.find((c) => c.errors.length);
        if (!first) return;
        const field = first.errors.find((e) => e.field);
        const target = field
            ? inputs.find((i) => i.dataset.role === first.role && i.dataset.field === field.field)
            : [...this.template.querySelectorAll('lightning-radio-group')].find((g) => g.dataset.role === first.role);
        if (target) target.focus();
    }

    handleWhoChange(event) {
        this.update(event.target.dataset.role, (c) => ({ ...c, who: event.detail.value, errors: [] }));
    }

    handleContactChange(event) {
        const { role, field } = event.target.dataset;
        const input = event.target;
        // The Worker's word on this field no longer holds once the agent changes it.
        input.setCustomValidity('');
        // What it said about the contact as a whole (a channel missing for the code) goes too: the agent is answering it.
        this.update(role, (c) => ({ ...c, contact: { ...c.contact, [field]: event.detail.value || '' }, errors: c.errors.filter((e) => e.field && e.field !== field) }));
    }

    handleMandatoryChange(event) {
        this.update(event.target.dataset.role, (c) => ({ ...c, mandatory: Boolean(event.detail.checked), errors: c.errors.filter((e) => e.field) }));
    }

    update(role, change) {
        this.choices = this.choices.map((c) => (c.role === role ? change(c) : c));
    }

    get smsEnabled() {
        return !this.sessionSettings || this.sessionSettings.smsEnabled !== false;
    }

    get otpRequired() {
        return Boolean(this.sessionSettings && this.sessionSettings.otpRequired);
    }

    get hasRoles() {
        return this.choices.length > 0;
    }

    /** What a new person's contact must hold, said before the Worker has to refuse it. */
    get contactNote() {
        if (this.otpRequired) {
            return this.smsEnabled
                ? 'A one-time code is needed to enter: give both an email and a phone. The code goes by the channel the invitation does not use.'
                : 'A one-time code is needed to enter: give an email; the invitation and the code both go there (text messages are off).';
        }
        return this.smsEnabled ? 'The invitation goes by email or text message: give at least one.' : 'Text messages are off: the invitation goes by email.';
    }

    get rows() {
        return this.choices.map((choice, index) => ({
            key: choice.role,
            role: choice.role,
            legend: `${choice.role} (${choice.required ? 'required' : 'optional'})`,
            groupName: `participant-role-${index}`,
            options: whoOptions(choice, this.participants, this.peopleOnly),
            who: choice.who,
            isNew: choice.who === WHO.NEW,
            showMandatory: canMakeMandatory(choice),
            mandatory: choice.mandatory,
            contact: choice.contact,
            errors: choice.errors.map((e, i) => ({ key: `${choice.role}-error-${i}`, message: e.message })),
            hasErrors: choice.errors.length > 0
        }));
    }
}
