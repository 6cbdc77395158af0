// Parley on a record page: start or pre-plan a session for the record's
// contact, the record's sessions, and the open session live (participants and
// their presence, the items as bubbles, the chat and a box to write in it)
// with the actions that fit a panel, among them sending a template with its
// participant list (c-parley-participant-list). Everything goes through
// ParleyPanelController (Apex → the Worker); only the live socket goes
// straight to the Worker.
import { LightningElement, api, wire } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import getRecordContext from '@salesforce/apex/ParleyPanelController.getRecordContext';
import listSessions from '@salesforce/apex/ParleyPanelController.listSessions';
import getSession from '@salesforce/apex/ParleyPanelController.getSession';
import startSession from '@salesforce/apex/ParleyPanelController.startSession';
import inviteSession from '@salesforce/apex/ParleyPanelController.inviteSession';
import renewSession from '@salesforce/apex/ParleyPanelController.renewSession';
import endSession from '@salesforce/apex/ParleyPanelController.endSession';
import postMessage from '@salesforce/apex/ParleyPanelController.postMessage';
import listTemplates from '@salesforce/apex/ParleyPanelController.listTemplates';
import sendTemplate from '@salesforce/apex/ParleyPanelController.sendTemplate';
import getTemplate from '@salesforce/apex/ParleyPanelController.getTemplate';
import listWorkflows from '@salesforce/apex/ParleyPanelController.listWorkflows';
import getWorkflow from '@salesforce/apex/ParleyPanelController.getWorkflow';
import sendWorkflow from '@salesforce/apex/ParleyPanelController.sendWorkflow';
import getSettingsInForce from '@salesforce/apex/ParleyPanelController.getSettingsInForce';
import getLiveToken from '@salesforce/apex/ParleyPanelController.getLiveToken';
import getWorkspaceLink from '@salesforce/apex/ParleyPanelController.getWorkspaceLink';
import resendInvitation from '@salesforce/apex/ParleyPanelController.resendInvitation';
import reengageParticipant from '@salesforce/apex/ParleyPanelController.reengageParticipant';
import { errorMessage } from './apexErrors';
import { cleanContact, validateContact, validateNewContact } from './contactValidation';
import { LiveConnection, POLL_INTERVAL_MS } from './liveConnection';
import { applyFrame, describeChanges, normalizeView, withMessage } from './liveUpdates';
import { customerOf, isOpenSession, itemBubbles, messageRows, newestFirst, participantRows, sessionHeading, sessionListRows } from './presentation';

/**
 * What the panel sends into a session with a participant list: a template
 * (one document) or a workflow (its steps, one after another). Each is
 * listed, read for its roles and sent alike; the panel keeps
 * <kind>ToSend, <kind>Roles and <kind>RolesError for each.
 */
const SENDERS = {
    template: {
        list: async () => ((await listTemplates()) || {}).templates || [],
        read: (id) => getTemplate({ templateId: id }),
        send: (sessionId, id, rolesJson) => sendTemplate({ sessionId, templateId: id, rolesJson }),
        listed: 'Templates',
        what: "The document's",
        sent: 'Document sent',
        notSent: 'Document not sent'
    },
    workflow: {
        list: async () => ((await listWorkflows()) || {}).workflows || [],
        read: (id) => getWorkflow({ workflowId: id }),
        send: (sessionId, id, rolesJson) => sendWorkflow({ sessionId, workflowId: id, rolesJson }),
        listed: 'Workflows',
        what: "The workflow's",
        sent: 'Workflow sent',
        notSent: 'Workflow not sent'
    }
};

/** Chat messages shown in the panel; the workspace has the whole conversation. */
const MESSAGES_SHOWN = 20;

/** The Worker's limit on a chat message (after trimming), so the box stops where the Worker would refuse. */
const MESSAGE_MAX_LENGTH = 4000;

const LIVE_NOTES = {
    connecting: 'Connecting to live updates…',
    live: 'Live updates on',
    reconnecting: 'Live updates interrupted; reconnecting…',
    polling: `Live updates unavailable; refreshing every ${POLL_INTERVAL_MS / 1000} s`
};

/** The languages Parley speaks, each named in itself, after "the customer's browser" (Contacts and Leads have no standard language field). */
const LANGUAGE_OPTIONS = [
    { label: "The customer's browser", value: '' },
    { label: 'English', value: 'en' },
    { label: 'Español', value: 'es' },
    { label: 'Français', value: 'fr' },
    { label: 'Deutsch', value: 'de' },
    { label: 'עברית', value: 'he' }
];

export default class ParleySessionPanel extends LightningElement {
    @api recordId;
    @api objectApiName;

    // The start form.
    contact = { name: '', email: '', phone: '' };
    /** The customer's language for their room and messages; '': their browser's. */
    language = '';
    languageOptions = LANGUAGE_OPTIONS;
    contactEdited = false;
    /** Set when the record's details could not be read; the form stays usable. */
    contactNote = null;
    submitted = false;
    selectedTemplateIds = [];
    formErrors = [];
    startError = null;

    // The record's sessions.
    sessions = [];
    sessionsLoaded = false;
    listError = null;

    templates = [];
    templatesError = null;
    workflows = [];
    workflowsError = null;

    // The open session.
    openSessionId = null;
    view = null;
    sessionError = null;
    templateToSend = null;
    /** The chosen template's roles ({ name, required }), for its participant list; [] until read. */
    templateRoles = [];
    templateRolesError = null;
    workflowToSend = null;
    /** The chosen workflow's roles, asked once for all its steps. */
    workflowRoles = [];
    workflowRolesError = null;
    /** The settings in force for the agent (GET /me's settings.session), read once: whether to offer a phone, whether OTP needs both channels. */
    sessionSettings = null;
    liveState = 'stopped';
    announcement = '';

    /** The change-contact form of one participant (re-engage): { participantId, email, phone, errors }, or null. */
    contactEdit = null;

    // The chat box of the open session.
    draft = '';
    sending = false;
    messageError = null;
    /** The running user's agent id, once the Worker has named it (in the answer to a message they sent). */
    currentAgentId = null;
    scrollChatToEnd = false;

    pending = 0;
    live = null;
    refreshing = false;
    refreshAgain = false;
    autoOpened = false;

    @wire(getRecordContext, { recordId: '$recordId' })
    wiredRecordContext({ data, error }) {
        if (data) {
            // A wire can emit again (the record changed): never overwrite what the agent typed.
            if (this.contactEdited) return;
            const customer = data.customer || {};
            this.contact = { name: customer.name || '', email: customer.email || '', phone: customer.phone || '' };
        } else if (error) {
            // Not fatal: the agent can type the customer's details.
            this.contactNote = `Could not read the contact details from this record: ${errorMessage(error)}`;
        }
    }

    connectedCallback() {
        this.loadSessions();
        this.loadChoices('template');
        this.loadChoices('workflow');
        // Back on the page (a console tab re-attached) with a session open: go live again.
        if (this.view && !this.live) {
            this.goLive(this.view.session.id);
            this.refreshSession();
        }
    }

    disconnectedCallback() {
        this.stopLive();
    }

    renderedCallback() {
        // The agent's own message just went in: bring the end of the chat into view.
        if (!this.scrollChatToEnd) return;
        const chat = this.template.querySelector('[data-id="chat"]');
        if (!chat) return;
        this.scrollChatToEnd = false;
        chat.scrollTop = chat.scrollHeight;
    }

    // ───────────────────────────── loading ─────────────────────────────

    async loadSessions() {
        try {
            const result = await listSessions({ recordId: this.recordId });
            this.sessions = newestFirst((result && result.sessions) || []);
            this.listError = null;
            // On first load, the session the agent most likely wants: the newest still open.
            if (!this.autoOpened && !this.openSessionId) {
                this.autoOpened = true;
                const open = this.sessions.find((s) => isOpenSession(s.status));
                if (open) await this.openSession(open.id);
            }
        } catch (error) {
            this.listError = errorMessage(error);
        } finally {
            this.sessionsLoaded = true;
        }
    }

    /** The org's templates or workflows, into this.templates / this.workflows. */
    async loadChoices(kind) {
        try {
            this[`${kind}s`] = await SENDERS[kind].list();
            this[`${kind}sError`] = null;
        } catch (error) {
            this[`${kind}sError`] = `${SENDERS[kind].listed} could not be loaded: ${errorMessage(error)}`;
        }
    }

    async openSession(sessionId) {
        this.stopLive();
        // Text written to one customer must never go to another.
        if (sessionId !== this.openSessionId) this.resetComposer();
        this.openSessionId = sessionId;
        this.view = null;
        this.sessionError = null;
        this.clearToSend('template');
        this.clearToSend('workflow');
        this.contactEdit = null;
        await this.working(async () => {
            try {
                const view = normalizeView(await getSession({ sessionId }));
                if (this.openSessionId !== sessionId) return;
                if (!view) throw new Error('The session could not be read.');
                this.view = view;
                this.goLive(sessionId);
            } catch (error) {
                if (this.openSessionId === sessionId) this.sessionError = errorMessage(error);
            }
        });
    }

    /** Fetch the open session again; concurrent calls collapse into one more fetch. */
    async refreshSession() {
        const sessionId = this.openSessionId;
        if (!sessionId) return;
        if (this.refreshing) {
            this.refreshAgain = true;
            return;
        }
        this.refreshing = true;
        try {
            const fresh = normalizeView(await getSession({ sessionId }));
            if (fresh && this.openSessionId === sessionId) {
                // A fetch that started before newer events arrived must not roll them back.
                if (!this.view || fresh.session.version >= this.view.session.version) this.showView(fresh);
                this.sessionError = null;
            }
        } catch (error) {
            if (this.openSessionId === sessionId) this.sessionError = `Could not refresh the session: ${errorMessage(error)}`;
        } finally {
            this.refreshing = false;
            if (this.refreshAgain) {
                this.refreshAgain = false;
                this.refreshSession();
            }
        }
    }

    /** Show a newer view of the open session, telling screen readers what changed. */
    showView(next) {
        const said = describeChanges(this.view, next);
        this.view = next;
        if (said) this.announcement = said;
    }

    // ────────────────────────────── live ───────────────────────────────

    goLive(sessionId) {
        this.stopLive();
        this.live = new LiveConnection({
            mintToken: () => getLiveToken({ sessionId }),
            onFrame: (frame) => this.handleFrame(sessionId, frame),
            refresh: () => this.refreshSession(),
            onStateChange: (state) => {
                this.liveState = state;
            }
        });
        this.live.start();
    }

    stopLive() {
        if (!this.live) return;
        this.live.stop();
        this.live = null;
        this.liveState = 'stopped';
    }

    handleFrame(sessionId, frame) {
        if (sessionId !== this.openSessionId || !this.view) return;
        const { view, resync } = applyFrame(this.view, frame);
        if (view !== this.view) this.showView(view);
        if (resync) this.refreshSession();
    }

    // ───────────────────────────── starting ─────────────────────────────

    handleLanguageChange(event) {
        this.language = event.detail.value || '';
    }

    handleContactChange(event) {
        const field = event.target.dataset.field;
        this.contact = { ...this.contact, [field]: event.target.value || '' };
        this.contactEdited = true;
        // After a submit, errors go away as the agent fixes them, not only on the next one.
        if (!this.submitted) return;
        this.formErrors = validateContact(this.contact).filter((e) => this.formErrors.some((old) => old.field === e.field));
        this.reportFieldValidity();
    }

    handleTemplatesChange(event) {
        this.selectedTemplateIds = [...(event.detail.value || [])];
    }

    handleStart() {
        this.start(true);
    }

    handlePreplan() {
        this.start(false);
    }

    async start(invite) {
        this.startError = null;
        this.submitted = true;
        this.formErrors = validateContact(this.contact);
        this.reportFieldValidity();
        if (this.formErrors.length) {
            const first = this.template.querySelector(`lightning-input[data-field="${this.formErrors[0].field}"]`);
            if (first) first.focus();
            return;
        }
        const contact = cleanContact(this.contact);
        await this.working(async () => {
            try {
                const result = await startSession({
                    recordId: this.recordId,
                    name: contact.name,
                    email: contact.email,
                    phone: contact.phone,
                    invite,
                    templateIds: this.selectedTemplateIds,
                    language: this.language || null
                });
                const view = normalizeView(result);
                const reused = Boolean(result && result.reused);
                this.selectedTemplateIds = [];
                this.submitted = false;
                if (view) {
                    this.stopLive();
                    this.openSessionId = view.session.id;
                    this.view = view;
                    this.sessionError = null;
                    this.goLive(view.session.id);
                }
                this.toast('success', reused ? 'Session reopened' : invite ? 'Session started' : 'Session pre-planned', this.startedMessage(contact.name, invite, reused));
                this.loadSessions();
            } catch (error) {
                this.startError = errorMessage(error);
                // A start can fail half way (created, but a template or the invitation refused):
                // the list then shows the session that does exist.
                this.loadSessions();
            }
        });
    }

    startedMessage(name, invite, reused) {
        if (reused) return `${name} already had a session with you; it is open again${invite ? ' and the invitation is on its way' : ''}.`;
        return invite ? `The invitation is on its way to ${name}.` : `Nothing is sent to ${name} until you invite them.`;
    }

    reportFieldValidity() {
        for (const input of this.template.querySelectorAll('lightning-input[data-field]')) {
            const error = this.formErrors.find((e) => e.field === input.dataset.field);
            input.setCustomValidity(error ? error.message : '');
            input.reportValidity();
        }
    }

    // ───────────────────────────── the list ─────────────────────────────

    handleOpenSession(event) {
        this.openSession(event.currentTarget.dataset.id);
    }

    handleBackToList() {
        this.stopLive();
        this.openSessionId = null;
        this.view = null;
        this.sessionError = null;
        this.contactEdit = null;
        this.resetComposer();
        this.loadSessions();
    }

    handleRefresh() {
        this.loadSessions();
        if (this.openSessionId && this.view) this.refreshSession();
        else if (this.openSessionId) this.openSession(this.openSessionId);
    }

    // ───────────────────────── session actions ─────────────────────────

    handleInvite() {
        this.runAction(inviteSession, { done: 'Invitation sent', failed: 'Invitation not sent' }, (name) => `${name} has been invited; the session has begun.`);
    }

    handleRenew() {
        this.runAction(renewSession, { done: 'Session renewed', failed: 'Session not renewed' }, (name) => `The invitation went to ${name} again.`);
    }

    async handleEnd() {
        const name = this.customerName;
        const confirmed = await LightningConfirm.open({
            label: 'End the session?',
            message: `End the session with ${name}? They keep the access your settings allow after a session ends.`,
            theme: 'warning'
        });
        if (!confirmed) return;
        this.runAction(endSession, { done: 'Session ended', failed: 'Session not ended' }, () => `The session with ${name} has ended.`);
    }

    async runAction(method, titles, message) {
        const sessionId = this.view.session.id;
        const name = this.customerName;
        await this.working(async () => {
            try {
                const result = normalizeView(await method({ sessionId }));
                if (result && result.session.id === this.openSessionId) this.showView(result);
                else await this.refreshSession();
                this.toast('success', titles.done, message(name));
                this.loadSessions();
            } catch (error) {
                this.toast('error', titles.failed, errorMessage(error));
            }
        });
    }

    handleTemplateToSendChange(event) {
        this.chooseToSend('template', event.detail.value);
    }

    handleWorkflowToSendChange(event) {
        this.chooseToSend('workflow', event.detail.value);
    }

    handleSendTemplate() {
        return this.sendChosen('template');
    }

    handleSendWorkflow() {
        return this.sendChosen('workflow');
    }

    chooseToSend(kind, id) {
        this.clearToSend(kind);
        this[`${kind}ToSend`] = id || null;
        if (id) this.loadRoles(kind, id);
    }

    clearToSend(kind) {
        this[`${kind}ToSend`] = null;
        this[`${kind}Roles`] = [];
        this[`${kind}RolesError`] = null;
    }

    /**
     * The chosen template's or workflow's roles, for the participant list
     * (c-parley-participant-list asks about those beyond Customer and Agent),
     * and the settings in force the first time: which contact details a new
     * participant needs.
     */
    async loadRoles(kind, id) {
        await this.working(async () => {
            // Without the settings the list still works: it offers a phone, and the Worker names what is missing.
            const settings = this.sessionSettings ? Promise.resolve(null) : getSettingsInForce().catch(() => null);
            try {
                const [chosen, me] = await Promise.all([SENDERS[kind].read(id), settings]);
                if (me && me.settings && me.settings.session) this.sessionSettings = me.settings.session;
                if (this[`${kind}ToSend`] !== id) return;
                this[`${kind}Roles`] = (chosen && chosen.roles) || [];
            } catch (error) {
                if (this[`${kind}ToSend`] === id) this[`${kind}RolesError`] = `${SENDERS[kind].what} roles could not be read: ${errorMessage(error)}`;
            }
        });
    }

    async sendChosen(kind) {
        const id = this[`${kind}ToSend`];
        if (!id || !this.view) return;
        const sender = SENDERS[kind];
        const sessionId = this.view.session.id;
        const chosen = this[`${kind}s`].find((t) => t.id === id);
        const list = this.template.querySelector(`c-parley-participant-list[data-id="${kind}-roles"]`);
        // The participant list goes with it in one call: nobody is added unless it is sent.
        const roles = list ? list.participantList() : {};
        const rolesJson = Object.keys(roles).length ? JSON.stringify(roles) : null;
        await this.working(async () => {
            try {
                await sender.send(sessionId, id, rolesJson);
                this.clearToSend(kind);
                this.toast('success', sender.sent, `${chosen ? chosen.name : `The ${kind}`} is in ${this.customerName}'s session.`);
                // The live socket brings the new item too; a fetch covers the polling case at once.
                await this.refreshSession();
            } catch (error) {
                const message = errorMessage(error);
                // A refusal naming a role (roles.Cosigner.contact: …) is shown at that role, where the agent fixes it.
                if (!list || !list.showRefusal(message)) this.toast('error', sender.notSent, message);
            }
        });
    }

    // ──────────────────── a participant's last message ────────────────────

    participantById(participantId) {
        return ((this.view && this.view.participants) || []).find((p) => p.id === participantId) || null;
    }

    /** Resend: a fresh invitation with the same contact details, by the channel on the button. */
    async handleResend(event) {
        const { participant: participantId, channel } = event.target.dataset;
        const person = this.participantById(participantId);
        if (!person) return;
        const sessionId = this.view.session.id;
        await this.working(async () => {
            try {
                await resendInvitation({ sessionId, participantId, channel });
                this.toast('success', 'Invitation sent again', `A new invitation is on its way to ${person.name} by ${channel === 'sms' ? 'SMS' : 'email'}.`);
                // Its delivery is reported live; a fetch shows it queued at once (and covers the polling case).
                await this.refreshSession();
            } catch (error) {
                this.toast('error', 'Invitation not sent', errorMessage(error));
            }
        });
    }

    /** Change contact (re-engage): opens the participant's form, empty: a blank field keeps what they have. */
    handleChangeContact(event) {
        this.contactEdit = { participantId: event.target.dataset.participant, email: '', phone: '', errors: [] };
    }

    handleContactEditChange(event) {
        if (!this.contactEdit) return;
        const next = { ...this.contactEdit, [event.target.dataset.editField]: event.target.value || '' };
        // After a refused save, errors go away as the agent fixes them.
        next.errors = next.errors.length ? validateNewContact(next) : [];
        this.contactEdit = next;
    }

    handleCancelContactEdit() {
        this.contactEdit = null;
    }

    async handleSaveContact() {
        const edit = this.contactEdit;
        const person = edit && this.participantById(edit.participantId);
        if (!person) return;
        const errors = validateNewContact(edit);
        if (errors.length) {
            this.contactEdit = { ...edit, errors };
            return;
        }
        const sessionId = this.view.session.id;
        const active = this.status === 'active';
        const contact = cleanContact(edit);
        await this.working(async () => {
            try {
                await reengageParticipant({ sessionId, participantId: person.id, email: contact.email, phone: contact.phone });
                this.contactEdit = null;
                this.toast(
                    'success',
                    'Contact changed',
                    active
                        ? `A new invitation is on its way to ${person.name}; the link sent before no longer works.`
                        : `${person.name}'s invitation will go to the new details when you invite.`
                );
                await this.refreshSession();
            } catch (error) {
                if (this.contactEdit && this.contactEdit.participantId === person.id) {
                    this.contactEdit = { ...this.contactEdit, errors: [{ field: null, message: errorMessage(error) }] };
                }
            }
        });
    }

    // ─────────────────────────────── chat ────────────────────────────────

    handleDraftChange(event) {
        this.draft = event.target.value || '';
        this.messageError = null;
    }

    handleDraftKeydown(event) {
        // Enter sends, Shift+Enter starts a new line; never while an IME is still composing a character.
        if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
        event.preventDefault();
        this.sendMessage(false);
    }

    handleSendMessage() {
        // The button disables itself while sending, which drops the focus: give it back to the box.
        this.sendMessage(true);
    }

    async sendMessage(refocus) {
        if (this.sendMessageDisabled) return;
        const sessionId = this.view.session.id;
        const typed = this.draft;
        this.sending = true;
        this.messageError = null;
        try {
            const message = await postMessage({ sessionId, text: typed.trim() });
            if (message && message.author && message.author.kind === 'agent') this.currentAgentId = message.author.id;
            if (this.openSessionId !== sessionId) return;
            // Cleared only now, so a refusal leaves the text to fix or send again; words typed
            // while it went are the next message and stay.
            if (this.draft === typed) this.draft = '';
            // Shown from the answer, without waiting for the socket; its message.posted event
            // carries the same id and adds nothing (withMessage).
            if (message && message.id && this.view && this.view.session.id === sessionId) {
                this.view = withMessage(this.view, message);
                this.scrollChatToEnd = true;
            }
        } catch (error) {
            if (this.openSessionId === sessionId) this.messageError = errorMessage(error);
        } finally {
            this.sending = false;
        }
        if (refocus && this.openSessionId === sessionId) this.focusComposer();
    }

    resetComposer() {
        this.draft = '';
        this.messageError = null;
    }

    focusComposer() {
        const box = this.template.querySelector('lightning-textarea[data-id="message"]');
        if (box) box.focus();
    }

    async handleOpenWorkspace() {
        const sessionId = this.view && this.view.session.id;
        await this.working(async () => {
            try {
                const link = await getWorkspaceLink({ sessionId });
                const tab = window.open(link.url, '_blank');
                if (!tab) {
                    // A pop-up blocker (the tab opens after the Apex call, not on the click itself):
                    // the link goes in the toast, for a click of the agent's own.
                    this.dispatchEvent(
                        new ShowToastEvent({
                            variant: 'warning',
                            mode: 'sticky',
                            title: 'The browser blocked the new tab',
                            message: '{0} (the link works for a short while).',
                            messageData: [{ url: link.url, label: 'Open the workspace' }]
                        })
                    );
                    return;
                }
                // The workspace has no business with this tab: cut the link back to it.
                try {
                    tab.opener = null;
                } catch {
                    // Some browsers make opener read-only on a cross-origin tab; nothing is exposed then.
                }
            } catch (error) {
                this.toast('error', 'Workspace not opened', errorMessage(error));
            }
        });
    }

    // ───────────────────────────── helpers ─────────────────────────────

    async working(task) {
        this.pending++;
        try {
            await task();
        } finally {
            this.pending--;
        }
    }

    toast(variant, title, message) {
        this.dispatchEvent(new ShowToastEvent({ variant, title, message }));
    }

    // ─────────────────────────── for the template ───────────────────────────

    get isWorking() {
        return this.pending > 0;
    }

    get showList() {
        return !this.openSessionId;
    }

    get sessionRows() {
        return sessionListRows(this.sessions, this.view);
    }

    get hasSessions() {
        return this.sessions.length > 0;
    }

    get showNoSessions() {
        return this.sessionsLoaded && !this.listError && this.sessions.length === 0;
    }

    get templateOptions() {
        return this.templates.map((t) => ({ label: t.name, value: t.id }));
    }

    get hasTemplates() {
        return this.templates.length > 0;
    }

    get workflowOptions() {
        return this.workflows.map((w) => ({ label: w.name, value: w.id }));
    }

    get formErrorMessages() {
        return [...new Set(this.formErrors.map((e) => e.message))].map((message, index) => ({ key: `error-${index}`, message }));
    }

    get hasFormErrors() {
        return this.formErrors.length > 0;
    }

    get heading() {
        return this.view ? sessionHeading(this.view) : null;
    }

    get customerName() {
        const customer = customerOf(this.view);
        return customer ? customer.name : 'the customer';
    }

    get participants() {
        if (!this.view) return [];
        const edit = this.contactEdit;
        return participantRows(this.view).map((row) => {
            // The form closes by itself if the participant enters meanwhile (the Worker would refuse it then).
            const editing = Boolean(edit) && edit.participantId === row.id && row.canChangeContact;
            return {
                ...row,
                editing,
                showActions: row.hasActions && !editing,
                actionsLabel: `Invitation to ${row.name}`,
                editEmailPlaceholder: row.email || 'No email yet',
                editPhonePlaceholder: row.phone || 'No phone yet'
            };
        });
    }

    get contactEditErrors() {
        const errors = (this.contactEdit && this.contactEdit.errors) || [];
        return [...new Set(errors.map((e) => e.message))].map((message, index) => ({ key: `contact-error-${index}`, message }));
    }

    get hasContactEditErrors() {
        return this.contactEditErrors.length > 0;
    }

    get contactEditEmail() {
        return this.contactEdit ? this.contactEdit.email : '';
    }

    get contactEditPhone() {
        return this.contactEdit ? this.contactEdit.phone : '';
    }

    get completedCount() {
        return this.participants.filter((p) => p.completed).length;
    }

    get participantsHeading() {
        return `Participants (${this.completedCount} of ${this.participants.length} completed)`;
    }

    get bubbles() {
        return this.view ? itemBubbles(this.view) : [];
    }

    get hasBubbles() {
        return this.bubbles.length > 0;
    }

    get messages() {
        return this.view ? messageRows(this.view, MESSAGES_SHOWN, this.currentAgentId) : [];
    }

    get hasMessages() {
        return this.messages.length > 0;
    }

    get status() {
        return this.view ? this.view.session.status : null;
    }

    get isPlanned() {
        return this.status === 'planned';
    }

    get canEnd() {
        return isOpenSession(this.status);
    }

    get canChat() {
        return isOpenSession(this.status);
    }

    get messageMaxLength() {
        return MESSAGE_MAX_LENGTH;
    }

    get sendMessageDisabled() {
        return this.sending || !this.view || !this.draft.trim();
    }

    get canSendTemplate() {
        return isOpenSession(this.status) && this.hasTemplates;
    }

    get canSendWorkflow() {
        return isOpenSession(this.status) && this.workflows.length > 0;
    }

    /** Renew sends the invitation again, which only makes sense once the customer has opened it. */
    get customerHasEntered() {
        const customer = customerOf(this.view);
        return Boolean(customer && customer.enteredAt);
    }

    get showRenewHelp() {
        return Boolean(this.view) && !this.isPlanned && !this.customerHasEntered;
    }

    get renewDisabled() {
        return !this.customerHasEntered || this.isWorking;
    }

    get sendDisabled() {
        return !this.templateToSend || this.isWorking;
    }

    get sendWorkflowDisabled() {
        return !this.workflowToSend || this.isWorking;
    }

    /** Who is in the session, for the participant list: any of them can take a role. */
    get sessionParticipants() {
        return ((this.view && this.view.participants) || []).map((p) => ({ id: p.id, name: p.name, roleName: p.roleName }));
    }

    get liveNote() {
        return LIVE_NOTES[this.liveState] || '';
    }

    get liveNoteClass() {
        return this.liveState === 'polling' || this.liveState === 'reconnecting' ? 'live-note live-note_degraded slds-text-body_small' : 'live-note slds-text-body_small';
    }

    get liveDotClass() {
        return this.liveState === 'live' ? 'presence-dot presence-dot_online' : 'presence-dot';
    }
}
