import { createElement } from 'lwc';
import ParleySessionPanel from 'c/parleySessionPanel';
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
import { FakeWebSocket } from './fakeWebSocket';

// Fixtures: the Worker's JSON as Apex hands it over (recorded from the Worker's own responses).
const mockRecordContext = require('./data/getRecordContext.json');
const mockSessions = require('./data/listSessions.json');
const mockActiveSession = require('./data/getSessionActive.json');
const mockPlannedSession = require('./data/startSessionPlanned.json');
const mockEndedSession = require('./data/endSession.json');
const mockTemplates = require('./data/listTemplates.json');
const mockLiveToken = require('./data/getLiveToken.json');
const mockWorkspaceLink = require('./data/getWorkspaceLink.json');
const mockPostedMessage = require('./data/postMessage.json');
const mockApexError = require('./data/apexError.json');
// A template with a Customer, a required Cosigner and an optional Witness, and the settings in force with OTP on.
const mockCosignedTemplate = require('./data/getTemplate.json');
const mockSettingsInForce = require('./data/getSettingsInForce.json');
const mockSentWithRoles = require('./data/sendTemplateWithRoles.json');
const mockRoleRefusal = require('./data/sendTemplateRefused.json');
const frames = require('./data/liveFrames.json');
// A workflow (Customer, optional Guarantor; documents then an optional payment), and a session with every app in it.
const mockWorkflows = require('./data/listWorkflows.json');
const mockWorkflow = require('./data/getWorkflow.json');
const mockWorkflowSent = require('./data/sendWorkflow.json');
const mockSessionWithApps = require('./data/getSessionWithApps.json');

// The one wired (cacheable) method.
jest.mock(
    '@salesforce/apex/ParleyPanelController.getRecordContext',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
// The imperative ones.
jest.mock('@salesforce/apex/ParleyPanelController.listSessions', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.getSession', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.startSession', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.inviteSession', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.renewSession', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.endSession', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.postMessage', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.listTemplates', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.sendTemplate', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.getTemplate', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.listWorkflows', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.getWorkflow', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.sendWorkflow', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.getSettingsInForce', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.getLiveToken', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.getWorkspaceLink', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.resendInvitation', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleyPanelController.reengageParticipant', () => ({ default: jest.fn() }), { virtual: true });

const RECORD_ID = mockRecordContext.recordId;
const ACTIVE_ID = mockActiveSession.session.id;
const CUSTOMER_ID = mockActiveSession.participants[0].id;
// A co-signer added live, invited by SMS, whose SMS then failed (frames 10, 11, 12).
const COSIGNER = frames.cosignerMessageFailed.event.data.participant;
const COSIGNER_ID = COSIGNER.id;
const ENDED_ONLY = { scope: 'mine', sessions: mockSessions.sessions.filter((s) => s.status === 'ended') };

/** Lets pending promises (Apex mocks) and the re-render after them settle. */
async function flush() {
    for (let i = 0; i < 10; i++) {
        await Promise.resolve();
    }
}

function createPanel() {
    const element = createElement('c-parley-session-panel', { is: ParleySessionPanel });
    element.recordId = RECORD_ID;
    element.objectApiName = 'Contact';
    const toasts = [];
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
    document.body.appendChild(element);
    return { element, toasts };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const input = (element, field) => $(element, `lightning-input[data-field="${field}"]`);
const button = (element, id) => $(element, `lightning-button[data-id="${id}"]`);
const itemStatus = (element, itemId) => $(element, `li[data-id="${itemId}"] [data-id="item-status"]`).textContent;
const presenceOf = (element, participantId) => $(element, `li[data-id="${participantId}"] [data-id="presence"]`).textContent;
const liveNote = (element) => $(element, '[data-id="live-note"]').textContent.trim();
const messageBox = (element) => $(element, 'lightning-textarea[data-id="message"]');
const chatTexts = (element) => $$(element, '[data-id="messages"] > li').map((m) => m.querySelector('.slds-chat-message__text span').textContent);
const chatAuthors = (element) => $$(element, '[data-id="messages"] .slds-chat-message__meta').map((m) => m.textContent.split('·')[0].trim());

function type(element, field, value) {
    const el = input(element, field);
    el.value = value;
    el.dispatchEvent(new CustomEvent('change'));
}

function write(element, text) {
    const box = messageBox(element);
    box.value = text;
    box.dispatchEvent(new CustomEvent('change'));
}

function pressEnter(element, options = {}) {
    const key = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...options });
    messageBox(element).dispatchEvent(key);
    return key;
}

/** A promise the test settles by hand, to look at the panel while a call is under way. */
function deferred() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
        resolve = res;
        reject = rej;
    });
    return { promise, resolve, reject };
}

/** A panel on a record whose newest session is active, with its socket open. */
async function livePanel() {
    listSessions.mockResolvedValue(mockSessions);
    getSession.mockResolvedValue(mockActiveSession);
    const panel = createPanel();
    await flush();
    const socket = FakeWebSocket.last();
    socket.open();
    await flush();
    return { ...panel, socket };
}

describe('c-parley-session-panel', () => {
    beforeEach(() => {
        jest.useFakeTimers();
        FakeWebSocket.install();
        listSessions.mockResolvedValue(ENDED_ONLY);
        listTemplates.mockResolvedValue(mockTemplates);
        getLiveToken.mockResolvedValue(mockLiveToken);
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
        jest.useRealTimers();
        FakeWebSocket.uninstall();
    });

    describe('starting a session', () => {
        it('prefills name, email and phone from the record', async () => {
            const { element } = createPanel();
            getRecordContext.emit(mockRecordContext);
            await flush();

            expect(input(element, 'name').value).toBe('Cora Lane');
            expect(input(element, 'email').value).toBe('cora@example.com');
            expect(input(element, 'phone').value).toBe('+14155550123');
        });

        it('keeps what the agent typed when the record context arrives again', async () => {
            const { element } = createPanel();
            getRecordContext.emit(mockRecordContext);
            await flush();
            type(element, 'email', 'cora.lane@work.example');
            getRecordContext.emit(mockRecordContext);
            await flush();

            expect(input(element, 'email').value).toBe('cora.lane@work.example');
        });

        it('still offers the form when the record cannot be read', async () => {
            const { element } = createPanel();
            getRecordContext.error({ message: 'insufficient access rights on object id' });
            await flush();

            expect($(element, '[data-id="contact-note"]').textContent).toContain('Could not read the contact details');
            expect(input(element, 'name').value).toBe('');
        });

        it('names the missing fields and does not call Apex', async () => {
            const { element } = createPanel();
            await flush();
            button(element, 'start').click();
            await flush();

            const errors = $(element, '[data-id="form-errors"]');
            expect(errors.getAttribute('role')).toBe('alert');
            expect(errors.textContent).toContain("Customer name: enter the customer's name.");
            expect(errors.textContent).toContain('Email or Phone: enter at least one');
            expect(startSession).not.toHaveBeenCalled();
        });

        it('rejects a malformed email and phone, and clears the message once fixed', async () => {
            const { element } = createPanel();
            await flush();
            type(element, 'name', 'Cora Lane');
            type(element, 'email', 'cora@');
            type(element, 'phone', '12ab');
            button(element, 'preplan').click();
            await flush();

            const errors = $(element, '[data-id="form-errors"]').textContent;
            expect(errors).toContain('Email: enter an address like name@example.com.');
            expect(errors).toContain('Phone: enter a number like +1 415 555 0123.');
            expect(errors).not.toContain('Customer name');

            type(element, 'email', 'cora@example.com');
            type(element, 'phone', '');
            await flush();
            expect($(element, '[data-id="form-errors"]')).toBeNull();
            expect(startSession).not.toHaveBeenCalled();
        });

        it('Start sends the invitation now, with the chosen templates, and opens the session live', async () => {
            startSession.mockResolvedValue({ ...mockActiveSession, reused: false });
            getSession.mockResolvedValue(mockActiveSession);
            const { element, toasts } = createPanel();
            getRecordContext.emit(mockRecordContext);
            await flush();
            $(element, 'lightning-checkbox-group').dispatchEvent(new CustomEvent('change', { detail: { value: [mockTemplates.templates[0].id] } }));
            type(element, 'phone', '  ');
            button(element, 'start').click();
            await flush();

            expect(startSession).toHaveBeenCalledWith({
                recordId: RECORD_ID,
                name: 'Cora Lane',
                email: 'cora@example.com',
                phone: null,
                invite: true,
                templateIds: [mockTemplates.templates[0].id],
                language: null
            });
            expect(toasts).toEqual([expect.objectContaining({ variant: 'success', title: 'Session started' })]);
            expect($(element, '[data-id="customer-name"]').textContent).toBe('Cora Lane');
            expect(getLiveToken).toHaveBeenCalledWith({ sessionId: ACTIVE_ID });
        });

        it("sends the language picked for the customer's room and messages", async () => {
            startSession.mockResolvedValue({ ...mockActiveSession, reused: false });
            getSession.mockResolvedValue(mockActiveSession);
            const { element } = createPanel();
            getRecordContext.emit(mockRecordContext);
            await flush();
            const picker = $(element, 'lightning-combobox[data-field="language"]');
            expect(picker.options.map((o) => o.value)).toEqual(['', 'en', 'es', 'fr', 'de', 'he']);
            picker.dispatchEvent(new CustomEvent('change', { detail: { value: 'he' } }));
            button(element, 'start').click();
            await flush();
            expect(startSession).toHaveBeenCalledWith(expect.objectContaining({ recordId: RECORD_ID, language: 'he' }));
        });

        it('Pre-plan creates the session without inviting; Invite then sends it', async () => {
            startSession.mockResolvedValue(mockPlannedSession);
            inviteSession.mockResolvedValue(mockActiveSession);
            const { element, toasts } = createPanel();
            getRecordContext.emit(mockRecordContext);
            await flush();
            button(element, 'preplan').click();
            await flush();

            expect(startSession).toHaveBeenCalledWith(expect.objectContaining({ recordId: RECORD_ID, invite: false, templateIds: [], language: null }));
            expect(toasts[0]).toEqual(expect.objectContaining({ title: 'Session pre-planned' }));
            expect($(element, 'lightning-badge[data-id="session-status"]').label).toBe('Pre-planned');
            expect(button(element, 'renew')).toBeNull();

            button(element, 'invite').click();
            await flush();
            expect(inviteSession).toHaveBeenCalledWith({ sessionId: mockPlannedSession.session.id });
            expect(toasts[1]).toEqual(expect.objectContaining({ variant: 'success', title: 'Invitation sent' }));
            expect($(element, 'lightning-badge[data-id="session-status"]').label).toBe('Active');
        });

        it("shows the Worker's message when starting fails", async () => {
            startSession.mockRejectedValue(mockApexError);
            const { element, toasts } = createPanel();
            getRecordContext.emit(mockRecordContext);
            await flush();
            button(element, 'start').click();
            await flush();

            const error = $(element, '[data-id="start-error"]');
            expect(error.textContent).toBe(mockApexError.body.message);
            expect(error.getAttribute('role')).toBe('alert');
            expect(toasts).toEqual([]);
            // The list is read again: a start refused half way may have created the session.
            expect(listSessions).toHaveBeenCalledTimes(2);
            // Still on the form, nothing opened.
            expect($(element, '[data-id="start-form"]')).not.toBeNull();
        });

        it('is accessible', async () => {
            const { element } = createPanel();
            getRecordContext.emit(mockRecordContext);
            await flush();
            button(element, 'start').click();
            await flush();
            jest.useRealTimers();

            await expect(element).toBeAccessible();
        });
    });

    describe("the record's sessions", () => {
        it('shows an empty state when there are none', async () => {
            listSessions.mockResolvedValue({ scope: 'mine', sessions: [] });
            const { element } = createPanel();
            await flush();

            expect(listSessions).toHaveBeenCalledWith({ recordId: RECORD_ID });
            expect($(element, '[data-id="no-sessions"]').textContent).toContain('No Parley sessions for this record yet');
            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });

        it('opens the newest session still open by itself, and lists all of them newest first', async () => {
            const { element } = await livePanel();

            expect(getSession).toHaveBeenCalledWith({ sessionId: ACTIVE_ID });
            expect($(element, '[data-id="customer-name"]').textContent).toBe('Cora Lane');

            button(element, 'back').click();
            await flush();
            const rows = $$(element, 'button.session-row');
            expect(rows.map((r) => r.dataset.id)).toEqual([ACTIVE_ID, 'ses_7hKq2LmN4pRs8TvW']);
            expect(rows.map((r) => r.querySelector('lightning-badge').label)).toEqual(['Active', 'Ended']);
            // Leaving the session closes its socket.
            expect(FakeWebSocket.last().closed).toBe(true);
        });

        it('opens the session the agent picks', async () => {
            getSession.mockResolvedValue(mockEndedSession);
            const { element } = createPanel();
            await flush();
            expect(getSession).not.toHaveBeenCalled();

            $(element, 'button.session-row').click();
            await flush();
            expect(getSession).toHaveBeenCalledWith({ sessionId: 'ses_7hKq2LmN4pRs8TvW' });
            expect($(element, 'lightning-badge[data-id="session-status"]').label).toBe('Ended');
        });

        it('shows why the list could not be loaded', async () => {
            listSessions.mockRejectedValue(mockApexError);
            const { element } = createPanel();
            await flush();

            expect($(element, '[data-id="list-error"]').textContent).toBe(mockApexError.body.message);
        });
    });

    describe('the open session', () => {
        it('shows participants with status and presence, items as bubbles, and the chat', async () => {
            const { element } = await livePanel();

            const person = $(element, `li[data-id="${CUSTOMER_ID}"]`);
            expect(person.querySelector('.participant__name').textContent).toBe('Cora Lane');
            expect(person.querySelector('lightning-badge').label).toBe('Entered');
            expect(person.querySelector('.presence-dot_online')).not.toBeNull();
            expect(presenceOf(element, CUSTOMER_ID)).toBe('Online');
            expect($(element, 'h3[id^="people-heading"]').textContent).toBe('Participants (0 of 1 completed)');

            const bubble = $(element, `li[data-id="${mockActiveSession.items[0].id}"]`);
            expect(bubble.className).toContain('bubble_waiting');
            expect(itemStatus(element, mockActiveSession.items[0].id)).toBe('Sent');

            const messages = $$(element, '[data-id="messages"] > li');
            expect(messages.map((m) => m.querySelector('.slds-chat-message__text span').textContent)).toEqual([
                'Hi, I have opened it',
                'Great, please sign the loan agreement'
            ]);
            expect(messages[0].className).toContain('inbound');
            expect(messages[1].className).toContain('outbound');
            expect(liveNote(element)).toBe('Live updates on');
            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });

        it('offers Renew only once the customer has opened the invitation', async () => {
            const notOpened = {
                ...mockActiveSession,
                participants: [{ ...mockActiveSession.participants[0], enteredAt: null, online: false, lastSeenAt: null }]
            };
            listSessions.mockResolvedValue(mockSessions);
            getSession.mockResolvedValue(notOpened);
            const { element } = createPanel();
            await flush();

            expect(button(element, 'renew').disabled).toBe(true);
            expect($(element, '[data-id="renew-help"]').textContent).toContain('once the customer has opened the invitation');
            expect(presenceOf(element, CUSTOMER_ID)).toBe('Has not opened the invitation yet');
        });

        it('renews, and toasts the error when the Worker refuses', async () => {
            const { element, toasts } = await livePanel();
            renewSession.mockResolvedValueOnce(mockActiveSession).mockRejectedValueOnce({
                body: { message: 'the session is ended; renew is not allowed by your settings' }
            });

            button(element, 'renew').click();
            await flush();
            expect(renewSession).toHaveBeenCalledWith({ sessionId: ACTIVE_ID });
            expect(toasts.pop()).toEqual(expect.objectContaining({ variant: 'success', title: 'Session renewed' }));

            button(element, 'renew').click();
            await flush();
            expect(toasts.pop()).toEqual({
                variant: 'error',
                title: 'Session not renewed',
                message: 'the session is ended; renew is not allowed by your settings'
            });
        });

        it('ends the session after the agent confirms', async () => {
            LightningConfirm.open = jest.fn().mockResolvedValueOnce(false).mockResolvedValueOnce(true);
            endSession.mockResolvedValue(mockEndedSession);
            const { element, toasts } = await livePanel();

            button(element, 'end').click();
            await flush();
            expect(LightningConfirm.open).toHaveBeenCalledWith(expect.objectContaining({ label: 'End the session?' }));
            expect(endSession).not.toHaveBeenCalled();

            button(element, 'end').click();
            await flush();
            expect(endSession).toHaveBeenCalledWith({ sessionId: ACTIVE_ID });
            expect(toasts.pop()).toEqual(expect.objectContaining({ variant: 'success', title: 'Session ended' }));
            expect($(element, 'lightning-badge[data-id="session-status"]').label).toBe('Ended');
            expect(button(element, 'end')).toBeNull();
            expect($(element, '[data-id="announcer"]').textContent).toContain('Session ended.');
        });

        it('sends a template into the session', async () => {
            const { element, toasts } = await livePanel();
            // A template for the customer alone: no participant list, and none sent.
            getTemplate.mockResolvedValue({ ...mockCosignedTemplate, id: mockTemplates.templates[1].id, roles: [{ name: 'Customer', required: true }] });
            getSettingsInForce.mockResolvedValue(mockSettingsInForce);
            sendTemplate.mockResolvedValue(mockSentWithRoles);
            expect(button(element, 'send-template').disabled).toBe(true);

            $(element, 'lightning-combobox').dispatchEvent(new CustomEvent('change', { detail: { value: mockTemplates.templates[1].id } }));
            await flush();
            expect(getTemplate).toHaveBeenCalledWith({ templateId: mockTemplates.templates[1].id });
            expect($(element, 'c-parley-participant-list').shadowRoot.querySelector('fieldset')).toBeNull();
            expect(button(element, 'send-template').disabled).toBe(false);
            button(element, 'send-template').click();
            await flush();

            expect(sendTemplate).toHaveBeenCalledWith({ sessionId: ACTIVE_ID, templateId: mockTemplates.templates[1].id, rolesJson: null });
            expect(toasts.pop()).toEqual(expect.objectContaining({ variant: 'success', title: 'Document sent', message: "Photo ID request is in Cora Lane's session." }));
            expect(getSession).toHaveBeenCalledTimes(2);
        });

        it('opens the workspace in a new tab', async () => {
            getWorkspaceLink.mockResolvedValue(mockWorkspaceLink);
            const tab = { opener: {} };
            const open = jest.spyOn(window, 'open').mockReturnValue(tab);
            const { element } = await livePanel();

            button(element, 'workspace').click();
            await flush();

            expect(getWorkspaceLink).toHaveBeenCalledWith({ sessionId: ACTIVE_ID });
            expect(open).toHaveBeenCalledWith(mockWorkspaceLink.url, '_blank');
            expect(tab.opener).toBeNull();
            open.mockRestore();
        });

        it('offers the workspace link in a toast when a pop-up blocker stops the tab', async () => {
            getWorkspaceLink.mockResolvedValue(mockWorkspaceLink);
            const open = jest.spyOn(window, 'open').mockReturnValue(null);
            const { element, toasts } = await livePanel();

            button(element, 'workspace').click();
            await flush();

            expect(toasts.pop()).toEqual(expect.objectContaining({ variant: 'warning', messageData: [{ url: mockWorkspaceLink.url, label: 'Open the workspace' }] }));
            open.mockRestore();
        });
    });

    describe('chatting from the panel', () => {
        it('sends the trimmed text, clears the box, and shows the message once, also after its live event', async () => {
            postMessage.mockResolvedValue(mockPostedMessage);
            const { element, socket } = await livePanel();

            write(element, `  ${mockPostedMessage.text}\n `);
            await flush();
            button(element, 'send-message').click();
            await flush();

            expect(postMessage).toHaveBeenCalledWith({ sessionId: ACTIVE_ID, text: mockPostedMessage.text });
            expect(messageBox(element).value).toBe('');
            expect(chatTexts(element)).toEqual(['Hi, I have opened it', 'Great, please sign the loan agreement', mockPostedMessage.text]);

            socket.receive(frames.agentMessagePosted);
            await flush();
            expect(chatTexts(element)).toHaveLength(3);
            // The event was taken (version 10), not mistaken for a gap: no fetch.
            expect(getSession).toHaveBeenCalledTimes(1);
            expect(button(element, 'send-message').disabled).toBe(true);
            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });

        it('shows the message once when its live event comes before the answer', async () => {
            const answer = deferred();
            postMessage.mockReturnValue(answer.promise);
            const { element, socket } = await livePanel();

            write(element, mockPostedMessage.text);
            button(element, 'send-message').click();
            await flush();
            socket.receive(frames.agentMessagePosted);
            await flush();
            answer.resolve(mockPostedMessage);
            await flush();

            expect(chatTexts(element)).toEqual(['Hi, I have opened it', 'Great, please sign the loan agreement', mockPostedMessage.text]);
            expect(messageBox(element).value).toBe('');
        });

        it("names the agent's own messages once the Worker has said who the agent is, and other agents' as Agent", async () => {
            const teammate = { ...mockActiveSession.messages[1], id: 'msg_Teammate0000001', author: { kind: 'agent', id: 'agt_Teammate0000001' }, text: 'Covering for Avery today' };
            listSessions.mockResolvedValue(mockSessions);
            getSession.mockResolvedValue({ ...mockActiveSession, messages: [...mockActiveSession.messages, teammate] });
            postMessage.mockResolvedValue(mockPostedMessage);
            const { element } = createPanel();
            await flush();
            // The view names participants, never agents.
            expect(chatAuthors(element)).toEqual(['Cora Lane', 'Agent', 'Agent']);

            write(element, mockPostedMessage.text);
            button(element, 'send-message').click();
            await flush();

            // The answer's author is the running user: their earlier message is theirs too.
            expect(chatAuthors(element)).toEqual(['Cora Lane', 'You', 'Agent', 'You']);
        });

        it('keeps the text and says why when the Worker refuses it', async () => {
            const refusal = { body: { message: 'body.text: Too big: expected string to have <=4000 characters' } };
            postMessage.mockRejectedValue(refusal);
            const { element, toasts } = await livePanel();

            write(element, 'Please sign');
            button(element, 'send-message').click();
            await flush();

            expect(messageBox(element).value).toBe('Please sign');
            const error = $(element, '[data-id="message-error"]');
            expect(error.getAttribute('role')).toBe('alert');
            expect(error.textContent).toContain(refusal.body.message);
            expect(chatTexts(element)).toHaveLength(2);
            expect(button(element, 'send-message').disabled).toBe(false);
            expect(toasts).toEqual([]);
            jest.useRealTimers();
            await expect(element).toBeAccessible();

            // Editing the text is the agent's answer to the message.
            write(element, 'Please sign it');
            await flush();
            expect($(element, '[data-id="message-error"]')).toBeNull();
        });

        it('sends on Enter, and leaves Shift+Enter to start a new line', async () => {
            postMessage.mockResolvedValue(mockPostedMessage);
            const { element } = await livePanel();
            write(element, 'First line');

            const newLine = pressEnter(element, { shiftKey: true });
            await flush();
            expect(newLine.defaultPrevented).toBe(false);
            expect(postMessage).not.toHaveBeenCalled();

            const send = pressEnter(element);
            await flush();
            expect(send.defaultPrevented).toBe(true);
            expect(postMessage).toHaveBeenCalledWith({ sessionId: ACTIVE_ID, text: 'First line' });
        });

        it('offers the box with the Worker limit, and Send only for text and not while sending', async () => {
            const answer = deferred();
            postMessage.mockReturnValue(answer.promise);
            const { element } = await livePanel();

            expect(messageBox(element).label).toBe('Message to the customer');
            expect(messageBox(element).maxLength).toBe(4000);
            expect(button(element, 'send-message').disabled).toBe(true);
            write(element, ' \n  ');
            await flush();
            expect(button(element, 'send-message').disabled).toBe(true);
            pressEnter(element);
            button(element, 'send-message').click();
            await flush();
            expect(postMessage).not.toHaveBeenCalled();

            write(element, 'Hello');
            await flush();
            expect(button(element, 'send-message').disabled).toBe(false);
            button(element, 'send-message').click();
            await flush();
            expect(button(element, 'send-message').disabled).toBe(true);
            pressEnter(element);
            await flush();
            expect(postMessage).toHaveBeenCalledTimes(1);

            answer.resolve(mockPostedMessage);
            await flush();
            expect(button(element, 'send-message').disabled).toBe(true);
        });

        it('offers no box for a session that is over', async () => {
            getSession.mockResolvedValue(mockEndedSession);
            const { element } = createPanel();
            await flush();
            $(element, 'button.session-row').click();
            await flush();

            expect($(element, 'lightning-badge[data-id="session-status"]').label).toBe('Ended');
            expect(messageBox(element)).toBeNull();
            expect(button(element, 'send-message')).toBeNull();
        });

        it('drops unsent text when the agent leaves the session, so it cannot reach another customer', async () => {
            const { element } = await livePanel();
            write(element, 'For Cora only');
            await flush();

            button(element, 'back').click();
            await flush();
            $$(element, 'button.session-row')[0].click();
            await flush();

            expect(messageBox(element).value).toBe('');
            expect(button(element, 'send-message').disabled).toBe(true);
        });
    });

    describe('live updates', () => {
        it('connects with the minted socket URL', async () => {
            await livePanel();

            expect(getLiveToken).toHaveBeenCalledWith({ sessionId: ACTIVE_ID });
            expect(FakeWebSocket.instances).toHaveLength(1);
            expect(FakeWebSocket.last().url).toBe(mockLiveToken.socketUrl);
        });

        it('applies presence and item status from the socket without asking Apex', async () => {
            const { element, socket } = await livePanel();
            const itemId = mockActiveSession.items[0].id;

            socket.receive(frames.hello);
            socket.receive(frames.customerOffline);
            await flush();
            expect(presenceOf(element, CUSTOMER_ID)).toBe('Offline');
            expect($(element, `li[data-id="${CUSTOMER_ID}"] .presence-dot_online`)).toBeNull();
            expect($(element, '[data-id="announcer"]').textContent).toBe('Cora Lane is offline.');

            socket.receive(frames.customerOnline);
            socket.receive(frames.itemOpened);
            await flush();
            expect(presenceOf(element, CUSTOMER_ID)).toBe('Online');
            expect(itemStatus(element, itemId)).toBe('Opened');
            expect($(element, '[data-id="announcer"]').textContent).toBe('Loan agreement: Opened.');

            socket.receive(frames.messagePosted);
            socket.receive(frames.itemCompleted);
            socket.receive(frames.participantCompleted);
            socket.receive('pong');
            await flush();
            expect(itemStatus(element, itemId)).toBe('Completed');
            expect($(element, `li[data-id="${itemId}"]`).className).toContain('bubble_done');
            expect($(element, `li[data-id="${CUSTOMER_ID}"] lightning-badge`).label).toBe('Completed');
            // The completion event's copy said offline; the newer presence frame said online.
            expect(presenceOf(element, CUSTOMER_ID)).toBe('Online');
            expect($$(element, '[data-id="messages"] > li')).toHaveLength(3);

            expect(getSession).toHaveBeenCalledTimes(1);
        });

        it("shows each document's own count and signers, and keeps them live from events and presence", async () => {
            const { element, socket } = await livePanel();
            const itemId = frames.guaranteeSent.event.data.item.id;
            const signerRowsOf = () =>
                $$(element, `li[data-id="${itemId}"] [data-id="signers"] > li`).map((li) => [
                    li.querySelector('.bubble__signer-name').textContent,
                    li.querySelector('[data-id="signer-state"]').textContent,
                    li.querySelector('.presence-dot_online') !== null
                ]);

            for (const frame of [frames.cosignerAdded, frames.cosignerInvited, frames.cosignerMessageFailed, frames.guaranteeSent]) socket.receive(frame);
            await flush();
            expect($(element, `li[data-id="${itemId}"] [data-id="signed-count"]`).textContent).toBe('0/2 signed');
            expect(signerRowsOf()).toEqual([
                ['Cora Lane (Customer)', 'Not signed yet', true],
                ['Sam Ortiz (Cosigner)', 'Not signed yet', false]
            ]);

            socket.receive(frames.guaranteeCosignerSigned);
            socket.receive({ type: 'presence', who: 'participant', id: COSIGNER_ID, online: true, at: '2026-11-21T11:34:11.000Z' });
            await flush();
            expect($(element, `li[data-id="${itemId}"] [data-id="signed-count"]`).textContent).toBe('1/2 signed');
            expect(signerRowsOf()).toEqual([
                ['Cora Lane (Customer)', 'Not signed yet', true],
                ['Sam Ortiz (Cosigner)', 'Signed', true]
            ]);
            // The loan agreement keeps its own count.
            expect($(element, `li[data-id="${mockActiveSession.items[0].id}"] [data-id="signed-count"]`).textContent).toBe('0/1 signed');
            expect(getSession).toHaveBeenCalledTimes(1);
        });

        it('fetches the session again when an event number is skipped', async () => {
            const { element, socket } = await livePanel();
            getSession.mockResolvedValue({
                ...mockActiveSession,
                session: { ...mockActiveSession.session, version: 12 },
                items: [frames.itemCompleted.event.data.item]
            });

            socket.receive(frames.itemCompleted); // version 12 while the panel is at 9
            await flush();

            expect(getSession).toHaveBeenCalledTimes(2);
            expect(itemStatus(element, mockActiveSession.items[0].id)).toBe('Completed');
        });

        it('fetches the session again when the hello shows it moved on', async () => {
            const { socket } = await livePanel();
            socket.receive(frames.helloAhead);
            await flush();

            expect(getSession).toHaveBeenCalledTimes(2);
        });

        it('reconnects with a fresh token after the socket drops, with growing waits, then catches up', async () => {
            const { element, socket } = await livePanel();
            const fresh = { ...mockLiveToken, socketUrl: `${mockLiveToken.socketUrl}-2` };
            getLiveToken.mockResolvedValue(fresh);

            socket.drop();
            await flush();
            expect(liveNote(element)).toBe('Live updates interrupted; reconnecting…');
            expect(getLiveToken).toHaveBeenCalledTimes(1);

            await jest.advanceTimersByTimeAsync(1200); // first wait: 1 s (+ up to 20 % jitter)
            expect(getLiveToken).toHaveBeenCalledTimes(2);
            const second = FakeWebSocket.last();
            expect(second.url).toBe(fresh.socketUrl);

            second.drop(); // opened before, so this is a drop before open: try again, waiting longer
            await jest.advanceTimersByTimeAsync(1500);
            expect(getLiveToken).toHaveBeenCalledTimes(2);
            await jest.advanceTimersByTimeAsync(1000); // second wait: 2 s (+ jitter)
            expect(getLiveToken).toHaveBeenCalledTimes(3);

            FakeWebSocket.last().open();
            await flush();
            expect(liveNote(element)).toBe('Live updates on');
            // Whatever happened while disconnected is fetched once.
            expect(getSession).toHaveBeenCalledTimes(2);
        });

        it('keeps the socket alive with pings', async () => {
            const { socket } = await livePanel();
            await jest.advanceTimersByTimeAsync(30000);

            expect(socket.sent).toEqual(['ping']);
        });

        it('falls back to refreshing through Apex every 10 s when the WebSocket is not allowed', async () => {
            FakeWebSocket.refuseWith(new DOMException('Refused to connect: violates the Content Security Policy', 'SecurityError'));
            listSessions.mockResolvedValue(mockSessions);
            getSession.mockResolvedValue(mockActiveSession);
            const { element } = createPanel();
            await flush();

            expect(liveNote(element)).toBe('Live updates unavailable; refreshing every 10 s');
            expect(getSession).toHaveBeenCalledTimes(1);

            getSession.mockResolvedValue({
                ...mockActiveSession,
                session: { ...mockActiveSession.session, version: 10 },
                items: [frames.itemOpened.event.data.item]
            });
            await jest.advanceTimersByTimeAsync(10000);
            expect(getSession).toHaveBeenCalledTimes(2);
            expect(itemStatus(element, mockActiveSession.items[0].id)).toBe('Opened');
            await jest.advanceTimersByTimeAsync(10000);
            expect(getSession).toHaveBeenCalledTimes(3);
            // The socket is not tried again from this page.
            expect(getLiveToken).toHaveBeenCalledTimes(1);
        });

        it('falls back to polling when the socket fails before it ever opens', async () => {
            listSessions.mockResolvedValue(mockSessions);
            getSession.mockResolvedValue(mockActiveSession);
            const { element } = createPanel();
            await flush();

            FakeWebSocket.last().fail();
            await flush();
            expect(liveNote(element)).toBe('Live updates unavailable; refreshing every 10 s');
            await jest.advanceTimersByTimeAsync(10000);
            expect(getSession).toHaveBeenCalledTimes(2);
        });

        it('falls back to polling when the socket neither opens nor fails', async () => {
            listSessions.mockResolvedValue(mockSessions);
            getSession.mockResolvedValue(mockActiveSession);
            const { element } = createPanel();
            await flush();
            const hanging = FakeWebSocket.last();

            await jest.advanceTimersByTimeAsync(15000);
            expect(hanging.closed).toBe(true);
            expect(liveNote(element)).toBe('Live updates unavailable; refreshing every 10 s');
        });

        it('refreshes through Apex while the socket stays down, and stops once it is back', async () => {
            const { element, socket } = await livePanel();
            socket.drop();
            // Three failed reconnects (1 s, 2 s, 4 s waits), each refused before opening.
            for (const wait of [1200, 2400, 4800]) {
                await jest.advanceTimersByTimeAsync(wait);
                FakeWebSocket.last().drop();
                await flush();
            }
            expect(liveNote(element)).toBe('Live updates unavailable; refreshing every 10 s');
            const fetchesBefore = getSession.mock.calls.length;
            await jest.advanceTimersByTimeAsync(9600); // the fourth reconnect is due after 8 s (+ jitter)
            expect(getSession.mock.calls.length).toBe(fetchesBefore);
            FakeWebSocket.last().open();
            await flush();
            expect(liveNote(element)).toBe('Live updates on');
            const afterOpen = getSession.mock.calls.length;
            await jest.advanceTimersByTimeAsync(20000);
            expect(getSession.mock.calls.length).toBe(afterOpen);
        });

        it('closes the socket and stops every timer when the panel is removed', async () => {
            const { element, socket } = await livePanel();
            document.body.removeChild(element);

            expect(socket.closed).toBe(true);
            expect(socket.closeCode).toBe(1000);
            await jest.advanceTimersByTimeAsync(120000);
            expect(getLiveToken).toHaveBeenCalledTimes(1);
            expect(getSession).toHaveBeenCalledTimes(1);
            expect(socket.sent).toEqual([]);
        });

        it('goes live again, and catches up, when the panel comes back (a console tab re-attached)', async () => {
            const { element, socket } = await livePanel();
            document.body.removeChild(element);
            document.body.appendChild(element);
            await flush();

            expect(socket.closed).toBe(true);
            expect(FakeWebSocket.instances).toHaveLength(2);
            expect(getSession).toHaveBeenCalledTimes(2);
            FakeWebSocket.last().open();
            await flush();
            expect(liveNote(element)).toBe('Live updates on');
        });

        it('stops polling when the panel is removed', async () => {
            FakeWebSocket.refuseWith(new Error('WebSocket is not available'));
            listSessions.mockResolvedValue(mockSessions);
            getSession.mockResolvedValue(mockActiveSession);
            const { element } = createPanel();
            await flush();
            document.body.removeChild(element);

            await jest.advanceTimersByTimeAsync(60000);
            expect(getSession).toHaveBeenCalledTimes(1);
        });
    });

    describe("a participant's last message", () => {
        const inRow = (element, participantId, selector) => $(element, `li[data-id="${participantId}"] ${selector}`);
        const resendButtons = (element, participantId) => $$(element, `li[data-id="${participantId}"] lightning-button[data-id="resend"]`);
        const editInput = (element, field) => $(element, `lightning-input[data-edit-field="${field}"]`);

        function typeNew(element, field, value) {
            const el = editInput(element, field);
            el.value = value;
            el.dispatchEvent(new CustomEvent('change'));
        }

        /** The live panel, after the co-signer was added and invited, and their SMS failed. */
        async function panelWithFailedSms() {
            const panel = await livePanel();
            panel.socket.receive(frames.cosignerAdded);
            panel.socket.receive(frames.cosignerInvited);
            panel.socket.receive(frames.cosignerMessageFailed);
            await flush();
            return panel;
        }

        /** The session as the Worker has it after the co-signer's invitation went again by email. */
        const resentByEmail = {
            ...mockActiveSession,
            session: { ...mockActiveSession.session, version: 13 },
            participants: [
                mockActiveSession.participants[0],
                {
                    ...COSIGNER,
                    inviteChannel: 'email',
                    inviteCount: 2,
                    deliveries: [
                        { ...COSIGNER.deliveries[0], messageId: `msg_${COSIGNER_ID}_2_email`, channel: 'email', status: 'queued', reason: null, updatedAt: '2026-11-21T11:32:00.000Z' },
                        COSIGNER.deliveries[0]
                    ]
                }
            ]
        };

        it('shows how each participant\'s last message went, and a failure as the socket reports it, with its reason', async () => {
            const { element, socket } = await livePanel();

            // The customer's invitation arrived; they are in the room, so there is nothing to do about it.
            expect(inRow(element, CUSTOMER_ID, '[data-id="message-status"]').textContent).toBe('Invitation by email: Delivered');
            expect(inRow(element, CUSTOMER_ID, '[data-id="last-message"]').dataset.status).toBe('delivered');
            expect(inRow(element, CUSTOMER_ID, '[data-id="message-reason"]')).toBeNull();
            expect(resendButtons(element, CUSTOMER_ID)).toEqual([]);
            expect(inRow(element, CUSTOMER_ID, '[data-id="change-contact"]')).toBeNull();

            socket.receive(frames.cosignerAdded);
            socket.receive(frames.cosignerInvited);
            await flush();
            expect(inRow(element, COSIGNER_ID, '[data-id="message-status"]').textContent).toBe('Invitation by SMS: Queued');
            expect(resendButtons(element, COSIGNER_ID)).toEqual([]);
            // Not in the room yet: their contact details may still change.
            expect(inRow(element, COSIGNER_ID, '[data-id="change-contact"]')).not.toBeNull();

            socket.receive(frames.cosignerMessageFailed);
            await flush();
            const message = inRow(element, COSIGNER_ID, '[data-id="last-message"]');
            expect(message.dataset.status).toBe('failed');
            expect(message.className).toContain('participant__message_undelivered');
            expect(message.querySelector('lightning-icon').alternativeText).toBe('Not delivered');
            expect(inRow(element, COSIGNER_ID, '[data-id="message-status"]').textContent).toBe('Invitation by SMS: Failed');
            expect(inRow(element, COSIGNER_ID, '[data-id="message-reason"]').textContent).toBe('Unreachable destination handset (Twilio 30003)');
            // Their own channel first; they have an email address too.
            expect(resendButtons(element, COSIGNER_ID).map((b) => [b.label, b.dataset.channel])).toEqual([
                ['Resend by SMS', 'sms'],
                ['Resend by email', 'email']
            ]);
            expect(inRow(element, COSIGNER_ID, '[data-id="change-contact"]')).not.toBeNull();
            expect($(element, '[data-id="announcer"]').textContent).toBe('Sam Ortiz: Invitation by SMS: Failed (Unreachable destination handset (Twilio 30003)).');
            // All of it from the socket.
            expect(getSession).toHaveBeenCalledTimes(1);
            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });

        it('resends by the channel the agent picks, then shows the new message; a refusal is toasted', async () => {
            const { element, toasts } = await panelWithFailedSms();
            resendInvitation.mockResolvedValueOnce(resentByEmail.participants[1]);
            getSession.mockResolvedValue(resentByEmail);

            resendButtons(element, COSIGNER_ID)[1].click();
            await flush();
            expect(resendInvitation).toHaveBeenCalledWith({ sessionId: ACTIVE_ID, participantId: COSIGNER_ID, channel: 'email' });
            expect(toasts.pop()).toEqual({ variant: 'success', title: 'Invitation sent again', message: 'A new invitation is on its way to Sam Ortiz by email.' });
            expect(inRow(element, COSIGNER_ID, '[data-id="message-status"]').textContent).toBe('Invitation by email: Queued');
            expect(inRow(element, COSIGNER_ID, '[data-id="message-reason"]')).toBeNull();
            expect(resendButtons(element, COSIGNER_ID)).toEqual([]);

            // The same failure again, and the Worker says no this time.
            getSession.mockResolvedValue({ ...resentByEmail, participants: [mockActiveSession.participants[0], COSIGNER], session: { ...resentByEmail.session, version: 14 } });
            $(element, 'lightning-button-icon[data-id="refresh"]').click();
            await flush();
            resendInvitation.mockRejectedValueOnce({ body: { message: 'the session is ended: invitations go out while it is active' } });
            resendButtons(element, COSIGNER_ID)[0].click();
            await flush();
            expect(resendInvitation).toHaveBeenLastCalledWith({ sessionId: ACTIVE_ID, participantId: COSIGNER_ID, channel: 'sms' });
            expect(toasts.pop()).toEqual({ variant: 'error', title: 'Invitation not sent', message: 'the session is ended: invitations go out while it is active' });
        });

        it('offers a single Resend for someone with one address, and none once the session is no longer active', async () => {
            const smsOnly = { ...COSIGNER, email: null };
            listSessions.mockResolvedValue(mockSessions);
            getSession.mockResolvedValue({ ...mockActiveSession, participants: [mockActiveSession.participants[0], smsOnly] });
            const { element } = createPanel();
            await flush();
            expect(resendButtons(element, COSIGNER_ID).map((b) => [b.label, b.dataset.channel])).toEqual([['Resend', 'sms']]);
            expect(resendButtons(element, COSIGNER_ID)[0].title).toBe('Send Sam Ortiz a new invitation by SMS (+14155550188)');

            getSession.mockResolvedValue({
                ...mockEndedSession,
                session: { ...mockEndedSession.session, version: mockActiveSession.session.version + 5 },
                participants: [...mockEndedSession.participants, smsOnly]
            });
            $(element, 'lightning-button-icon[data-id="refresh"]').click();
            await flush();
            expect($(element, 'lightning-badge[data-id="session-status"]').label).toBe('Ended');
            // Still said, still marked; but the Worker sends no invitation in an ended session.
            expect(inRow(element, COSIGNER_ID, '[data-id="message-status"]').textContent).toBe('Invitation by SMS: Failed');
            expect(resendButtons(element, COSIGNER_ID)).toEqual([]);
            expect(inRow(element, COSIGNER_ID, '[data-id="change-contact"]')).toBeNull();
        });

        it('changes the contact details of someone not yet in the room: checked first, only the new ones sent', async () => {
            const { element, toasts } = await panelWithFailedSms();
            inRow(element, COSIGNER_ID, '[data-id="change-contact"]').click();
            await flush();
            expect(inRow(element, COSIGNER_ID, '[data-id="contact-form"]')).not.toBeNull();
            // The form takes the place of the buttons, and shows what they have now.
            expect(resendButtons(element, COSIGNER_ID)).toEqual([]);
            expect(editInput(element, 'phone').placeholder).toBe('+14155550188');

            $(element, 'lightning-button[data-id="save-contact"]').click();
            await flush();
            expect($(element, '[data-id="contact-errors"]').textContent).toContain('New email or New phone: enter at least one');
            expect($(element, '[data-id="contact-errors"]').getAttribute('role')).toBe('alert');

            typeNew(element, 'email', 'sam@');
            $(element, 'lightning-button[data-id="save-contact"]').click();
            await flush();
            expect($(element, '[data-id="contact-errors"]').textContent).toBe('New email: enter an address like name@example.com.');
            expect(reengageParticipant).not.toHaveBeenCalled();

            typeNew(element, 'email', '  sam@ortiz.example ');
            await flush();
            expect($(element, '[data-id="contact-errors"]')).toBeNull();
            reengageParticipant.mockResolvedValueOnce({ ...COSIGNER, email: 'sam@ortiz.example' });
            getSession.mockResolvedValue(resentByEmail);
            $(element, 'lightning-button[data-id="save-contact"]').click();
            await flush();

            expect(reengageParticipant).toHaveBeenCalledWith({ sessionId: ACTIVE_ID, participantId: COSIGNER_ID, email: 'sam@ortiz.example', phone: null });
            expect(toasts.pop()).toEqual({
                variant: 'success',
                title: 'Contact changed',
                message: 'A new invitation is on its way to Sam Ortiz; the link sent before no longer works.'
            });
            expect(inRow(element, COSIGNER_ID, '[data-id="contact-form"]')).toBeNull();
            expect(inRow(element, COSIGNER_ID, '[data-id="message-status"]').textContent).toBe('Invitation by email: Queued');
        });

        it("keeps the change-contact form, with the Worker's reason, when the Worker refuses; Cancel closes it", async () => {
            const { element, toasts } = await panelWithFailedSms();
            inRow(element, COSIGNER_ID, '[data-id="change-contact"]').click();
            await flush();
            typeNew(element, 'phone', '+1 415 555 0199');
            reengageParticipant.mockRejectedValueOnce({ body: { message: 'Sam Ortiz has already entered the room; their contact details can no longer change' } });
            $(element, 'lightning-button[data-id="save-contact"]').click();
            await flush();

            expect(reengageParticipant).toHaveBeenCalledWith({ sessionId: ACTIVE_ID, participantId: COSIGNER_ID, email: null, phone: '+1 415 555 0199' });
            expect($(element, '[data-id="contact-errors"]').textContent).toBe('Sam Ortiz has already entered the room; their contact details can no longer change');
            expect(editInput(element, 'phone').value).toBe('+1 415 555 0199');
            expect(toasts).toEqual([]);
            jest.useRealTimers();
            await expect(element).toBeAccessible();
            jest.useFakeTimers();

            $(element, 'lightning-button[data-id="cancel-contact"]').click();
            await flush();
            expect(inRow(element, COSIGNER_ID, '[data-id="contact-form"]')).toBeNull();
            expect(resendButtons(element, COSIGNER_ID)).toHaveLength(2);
        });
    });

    describe('the participant list of a template with roles beyond the customer', () => {
        const LOAN_ID = mockCosignedTemplate.id;
        const list = (element) => $(element, 'c-parley-participant-list');
        const roleBox = (element, role) => list(element).shadowRoot.querySelector(`fieldset[data-role="${role}"]`);
        const roleNames = (element) => Array.from(list(element).shadowRoot.querySelectorAll('fieldset')).map((f) => f.dataset.role);
        const whoOf = (element, role) => roleBox(element, role).querySelector('lightning-radio-group');
        const contactInput = (element, role, field) => roleBox(element, role).querySelector(`lightning-input[data-field="${field}"]`);
        const mandatoryBox = (element, role) => roleBox(element, role).querySelector('lightning-input[data-id="mandatory"]');
        const roleErrors = (element, role) => roleBox(element, role).querySelector('[data-id="role-errors"]');
        const sentRoles = () => {
            const { rolesJson } = sendTemplate.mock.calls[sendTemplate.mock.calls.length - 1][0];
            return rolesJson === null ? null : JSON.parse(rolesJson);
        };

        function choose(element, role, value) {
            const group = whoOf(element, role);
            group.value = value;
            group.dispatchEvent(new CustomEvent('change', { detail: { value } }));
        }

        function fill(element, role, field, value) {
            const box = contactInput(element, role, field);
            box.value = value;
            box.dispatchEvent(new CustomEvent('change', { detail: { value } }));
        }

        function makeMandatory(element, role) {
            const box = mandatoryBox(element, role);
            box.checked = true;
            box.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
        }

        function pickTemplate(element, templateId) {
            $(element, 'lightning-combobox').dispatchEvent(new CustomEvent('change', { detail: { value: templateId } }));
        }

        async function chooseLoanAgreement(settings = mockSettingsInForce) {
            const panel = await livePanel();
            getTemplate.mockResolvedValue(mockCosignedTemplate);
            getSettingsInForce.mockResolvedValue(settings);
            pickTemplate(panel.element, LOAN_ID);
            await flush();
            return panel;
        }

        async function send(element) {
            button(element, 'send-template').click();
            await flush();
        }

        it('asks who takes each role beyond Customer, with a new person by default for a required role and nobody for an optional one', async () => {
            const { element } = await chooseLoanAgreement();

            expect(getTemplate).toHaveBeenCalledWith({ templateId: LOAN_ID });
            expect(roleNames(element)).toEqual(['Cosigner', 'Witness']);
            expect(roleBox(element, 'Cosigner').querySelector('legend').textContent).toBe('Cosigner (required)');
            expect(roleBox(element, 'Witness').querySelector('legend').textContent).toBe('Witness (optional)');
            expect(whoOf(element, 'Cosigner').value).toBe('new');
            expect(whoOf(element, 'Witness').value).toBe('leave_out');
            // Anyone in the session, or the agent, can take a role too; only the optional one can be left out.
            expect(whoOf(element, 'Cosigner').options.map((o) => o.label)).toEqual(['Someone new', 'Let the customer assign', 'Cora Lane (Customer)', 'Me (the agent)']);
            expect(whoOf(element, 'Witness').options.map((o) => o.value)).toEqual(['new', 'customer', CUSTOMER_ID, 'agent', 'leave_out']);
            // A new person: name, email and phone; with OTP on, both channels are asked for.
            expect(['name', 'email', 'phone'].map((f) => contactInput(element, 'Cosigner', f).label)).toEqual(['Name', 'Email', 'Phone']);
            expect(roleBox(element, 'Cosigner').querySelector('[data-id="contact-note"]').textContent).toContain('give both an email and a phone');
            expect(mandatoryBox(element, 'Cosigner')).toBeNull();
            expect(mandatoryBox(element, 'Witness')).toBeNull();
            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });

        it('sends the list with the document: a new co-signer, and an optional witness made mandatory for the customer to assign', async () => {
            const { element, toasts } = await chooseLoanAgreement();
            sendTemplate.mockResolvedValue(mockSentWithRoles);
            fill(element, 'Cosigner', 'name', ' Colin Park ');
            fill(element, 'Cosigner', 'email', 'colin@example.com');
            fill(element, 'Cosigner', 'phone', '+1 415 555 0188');
            choose(element, 'Witness', 'customer');
            await flush();
            makeMandatory(element, 'Witness');
            await flush();

            await send(element);

            expect(sendTemplate).toHaveBeenCalledWith(expect.objectContaining({ sessionId: ACTIVE_ID, templateId: LOAN_ID }));
            expect(sentRoles()).toEqual({
                Cosigner: { contact: { name: 'Colin Park', email: 'colin@example.com', phone: '+1 415 555 0188' } },
                Witness: { assign: 'customer', required: true }
            });
            expect(toasts.pop()).toEqual(expect.objectContaining({ variant: 'success', title: 'Document sent' }));
            // Sent: the choice and its list are gone, ready for the next document.
            expect(roleNames(element)).toEqual([]);
            expect(getSession).toHaveBeenCalledTimes(2);
        });

        it('leaves an optional role out, makes one mandatory for someone new, and leaves a required one to the customer', async () => {
            const { element } = await chooseLoanAgreement();
            sendTemplate.mockResolvedValue(mockSentWithRoles);
            choose(element, 'Cosigner', 'customer');
            await flush();
            // "Make mandatory" is for optional roles only.
            expect(mandatoryBox(element, 'Cosigner')).toBeNull();
            expect(contactInput(element, 'Cosigner', 'name')).toBeNull();

            await send(element);
            expect(sentRoles()).toEqual({ Cosigner: { assign: 'customer' } });

            pickTemplate(element, LOAN_ID);
            await flush();
            choose(element, 'Cosigner', 'agent');
            choose(element, 'Witness', 'new');
            await flush();
            fill(element, 'Witness', 'name', 'Wendy Shaw');
            fill(element, 'Witness', 'email', 'wendy@example.com');
            makeMandatory(element, 'Witness');
            await flush();
            await send(element);
            expect(sentRoles()).toEqual({ Cosigner: 'agent', Witness: { contact: { name: 'Wendy Shaw', email: 'wendy@example.com' }, required: true } });

            pickTemplate(element, LOAN_ID);
            await flush();
            choose(element, 'Cosigner', CUSTOMER_ID);
            // Made mandatory, then left out after all: left out, and nothing about it is sent.
            choose(element, 'Witness', 'customer');
            await flush();
            makeMandatory(element, 'Witness');
            choose(element, 'Witness', 'leave_out');
            await flush();
            expect(mandatoryBox(element, 'Witness')).toBeNull();
            await send(element);
            expect(sentRoles()).toEqual({ Cosigner: CUSTOMER_ID });
            // The settings in force were read once, with the first template.
            expect(getSettingsInForce).toHaveBeenCalledTimes(1);
        });

        it("shows the Worker's refusal at the role it names, and keeps what the agent typed", async () => {
            const { element, toasts } = await chooseLoanAgreement();
            sendTemplate.mockRejectedValue(mockRoleRefusal);
            fill(element, 'Cosigner', 'name', 'Colin Park');
            fill(element, 'Cosigner', 'email', 'colin@example.com');

            await send(element);

            expect(roleErrors(element, 'Cosigner').getAttribute('role')).toBe('alert');
            expect(roleErrors(element, 'Cosigner').textContent).toBe('Colin Park needs a phone number for the one-time code (the invitation goes by email)');
            expect(roleErrors(element, 'Witness')).toBeNull();
            expect(toasts).toEqual([]);
            expect(contactInput(element, 'Cosigner', 'email').value).toBe('colin@example.com');
            jest.useRealTimers();
            await expect(element).toBeAccessible();
            jest.useFakeTimers();

            // The agent answers it: the message goes, and the next send carries the phone.
            fill(element, 'Cosigner', 'phone', '+14155550188');
            await flush();
            expect(roleErrors(element, 'Cosigner')).toBeNull();
            sendTemplate.mockResolvedValue(mockSentWithRoles);
            await send(element);
            expect(sentRoles()).toEqual({ Cosigner: { contact: { name: 'Colin Park', email: 'colin@example.com', phone: '+14155550188' } } });
        });

        it('names the field of a refused contact, and toasts a refusal that names no role', async () => {
            const { element, toasts } = await chooseLoanAgreement();
            sendTemplate.mockRejectedValueOnce({
                body: {
                    message:
                        'body.roles.Witness.contact.email: must be an email address; roles.Cosigner.contact.phone: is not a valid number with the default prefix +1; give it in international form, e.g. +14155550123'
                }
            });
            choose(element, 'Witness', 'new');
            await flush();
            await send(element);
            expect(roleErrors(element, 'Witness').textContent).toBe('Email: must be an email address');
            expect(roleErrors(element, 'Cosigner').textContent).toBe('Phone: is not a valid number with the default prefix +1; give it in international form, e.g. +14155550123');
            expect(toasts).toEqual([]);

            sendTemplate.mockRejectedValueOnce({ body: { message: 'The session has ended; nothing more can be sent' } });
            await send(element);
            expect(toasts.pop()).toEqual(expect.objectContaining({ variant: 'error', title: 'Document not sent', message: 'The session has ended; nothing more can be sent' }));
        });

        it('offers no phone where the admin turned text messages off', async () => {
            const session = { ...mockSettingsInForce.settings.session, smsEnabled: false };
            const { element } = await chooseLoanAgreement({ ...mockSettingsInForce, settings: { ...mockSettingsInForce.settings, session } });
            sendTemplate.mockResolvedValue(mockSentWithRoles);

            expect(contactInput(element, 'Cosigner', 'phone')).toBeNull();
            expect(roleBox(element, 'Cosigner').querySelector('[data-id="contact-note"]').textContent).toContain('text messages are off');
            fill(element, 'Cosigner', 'name', 'Colin Park');
            fill(element, 'Cosigner', 'email', 'colin@example.com');
            await send(element);
            expect(sentRoles()).toEqual({ Cosigner: { contact: { name: 'Colin Park', email: 'colin@example.com' } } });
        });

        it("says so when the template's roles cannot be read, and still lets the document go", async () => {
            const { element } = await livePanel();
            getTemplate.mockRejectedValue(mockApexError);
            getSettingsInForce.mockResolvedValue(mockSettingsInForce);
            sendTemplate.mockResolvedValue(mockSentWithRoles);
            pickTemplate(element, LOAN_ID);
            await flush();

            expect($(element, '[data-id="template-roles-error"]').textContent).toBe(`The document's roles could not be read: ${mockApexError.body.message}`);
            expect(roleNames(element)).toEqual([]);
            await send(element);
            expect(sendTemplate).toHaveBeenCalledWith({ sessionId: ACTIVE_ID, templateId: LOAN_ID, rolesJson: null });
        });

        it('shows the roles of the template chosen last when an earlier answer comes late', async () => {
            const { element } = await livePanel();
            const slow = deferred();
            const photoId = mockTemplates.templates[1].id;
            getTemplate.mockReturnValueOnce(slow.promise).mockResolvedValueOnce({ ...mockCosignedTemplate, id: photoId, roles: [{ name: 'Customer', required: true }] });
            getSettingsInForce.mockResolvedValue(mockSettingsInForce);
            pickTemplate(element, LOAN_ID);
            pickTemplate(element, photoId);
            await flush();
            slow.resolve(mockCosignedTemplate);
            await flush();

            expect(roleNames(element)).toEqual([]);
        });
    });

    describe("the room's apps", () => {
        const WORKFLOW_ITEM = 'itm_xy81vY44y7VXDSvp';
        const appLinesOf = (element, itemId) => Array.from($(element, `li[data-id="${itemId}"]`).querySelectorAll(':scope > [data-id="app-line"]')).map((l) => l.textContent);

        async function panelWithApps() {
            listSessions.mockResolvedValue(mockSessions);
            getSession.mockResolvedValue(mockSessionWithApps);
            const panel = createPanel();
            await flush();
            return panel;
        }

        it("shows each app's state in its bubble: the documents asked for, a payment, a review", async () => {
            const { element } = await panelWithApps();
            expect(appLinesOf(element, 'itm_xnhLTuQWuRSo0C0J')).toEqual(['ID card (front): Accepted', 'ID card (back): Rejected, asked again (The photo is blurred)']);
            expect(appLinesOf(element, 'itm_xHCP0gag4H31YVOU')).toEqual(['$125.00: Partly refunded · visa ending 4242 · $25.00 refunded']);
            expect(appLinesOf(element, 'itm_vBIY1zK5K41lzU3w')).toEqual(['Page 1 of 3 · the agent leads · 0 marks']);
            // A document is no app: nothing more under it.
            expect(appLinesOf(element, 'itm_QeVMfdMGomc3h5G5')).toEqual([]);
        });

        it('shows a workflow as one bubble with its progress and its steps in order, not again on their own', async () => {
            const { element } = await panelWithApps();
            const bubbles = $$(element, '[data-id="items"] > li').map((li) => li.dataset.id);
            expect(bubbles).toEqual([WORKFLOW_ITEM, 'itm_xnhLTuQWuRSo0C0J', 'itm_xHCP0gag4H31YVOU', 'itm_QeVMfdMGomc3h5G5', 'itm_vBIY1zK5K41lzU3w']);
            expect(appLinesOf(element, WORKFLOW_ITEM)).toEqual(['Step 1 of 2 · 0 done']);
            const steps = $$(element, `li[data-id="${WORKFLOW_ITEM}"] [data-id="steps"] > li`);
            expect(steps.map((li) => [li.querySelector('.bubble__step-title').textContent, li.querySelector('[data-id="step-status"]').textContent])).toEqual([
                ['Step 1 of 2: Documents to send (Document request)', 'Sent'],
                ['Step 2 of 2: Arrangement fee (Payment), optional', 'Not reached yet']
            ]);
            expect(Array.from(steps[0].querySelectorAll('[data-id="app-line"]')).map((l) => l.textContent)).toEqual(['Passport: Waiting for the customer']);
        });

        it('sends a workflow with its participant list asked once, offering a participant or someone new only', async () => {
            listWorkflows.mockResolvedValue(mockWorkflows);
            getWorkflow.mockResolvedValue(mockWorkflow);
            getSettingsInForce.mockResolvedValue(mockSettingsInForce);
            sendWorkflow.mockResolvedValue(mockWorkflowSent);
            const { element, toasts } = await livePanel();
            const picker = $(element, 'lightning-combobox[data-id="workflow-to-send"]');
            expect(picker.options).toEqual(mockWorkflows.workflows.map((w) => ({ label: w.name, value: w.id })));
            expect(button(element, 'send-workflow').disabled).toBe(true);

            picker.dispatchEvent(new CustomEvent('change', { detail: { value: mockWorkflow.id } }));
            await flush();
            expect(getWorkflow).toHaveBeenCalledWith({ workflowId: mockWorkflow.id });
            const list = $(element, 'c-parley-participant-list[data-id="workflow-roles"]');
            const guarantor = list.shadowRoot.querySelector('fieldset[data-role="Guarantor"] lightning-radio-group');
            expect(guarantor.options.map((o) => o.value)).toEqual(['new', CUSTOMER_ID, 'leave_out']);
            guarantor.dispatchEvent(new CustomEvent('change', { detail: { value: CUSTOMER_ID } }));
            await flush();
            button(element, 'send-workflow').click();
            await flush();

            expect(sendWorkflow).toHaveBeenCalledWith({ sessionId: ACTIVE_ID, workflowId: mockWorkflow.id, rolesJson: JSON.stringify({ Guarantor: CUSTOMER_ID }) });
            expect(toasts.pop()).toEqual(expect.objectContaining({ variant: 'success', title: 'Workflow sent', message: "Loan onboarding is in Cora Lane's session." }));
        });
    });
});
