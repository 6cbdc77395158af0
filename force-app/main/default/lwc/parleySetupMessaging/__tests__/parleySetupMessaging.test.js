// The Messaging tab on its own: who sends texts and emails as the Worker
// reports it (recorded answers in data/: Parley's accounts, the org's own,
// none, and the answer to connecting Resend), the webhook addresses, and
// connecting, replacing and disconnecting the org's accounts: what is sent,
// that secrets are never shown, and where the Worker's refusals appear.
import ParleySetupMessaging from 'c/parleySetupMessaging';
import LightningConfirm from 'lightning/confirm';
import LightningInput from 'lightning/input';
import getMessagingProviders from '@salesforce/apex/ParleySetupController.getMessagingProviders';
import saveMessagingProviders from '@salesforce/apex/ParleySetupController.saveMessagingProviders';
import { change, fixtures, flushPromises, mount, unmountAll } from 'parley-lwc-test';

const fixture = fixtures(__dirname);

jest.mock('@salesforce/apex/ParleySetupController.getMessagingProviders', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.saveMessagingProviders', () => ({ default: jest.fn() }), { virtual: true });

// The lightning-input stub's setCustomValidity and reportValidity do nothing;
// these record the calls. Put in place before any input is on the page (LWC
// makes the methods read-only once it uses them).
const setCustomValidity = jest.fn();
const reportValidity = jest.fn();
for (const [name, fn] of Object.entries({ setCustomValidity, reportValidity })) {
    Object.defineProperty(LightningInput.prototype, name, { value: fn, configurable: true, writable: true });
}

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = '00112233445566778899aabbccddeeff';

async function mountWith(answer) {
    getMessagingProviders.mockResolvedValue(fixture(answer));
    const element = mount('c-parley-setup-messaging', ParleySetupMessaging);
    await flushPromises();
    return element;
}

function input(element, field) {
    return element.shadowRoot.querySelector(`lightning-input[data-field="${field}"]`);
}

function part(element, id) {
    return element.shadowRoot.querySelector(`[data-id="${id}"]`);
}

function saveBar(element, provider) {
    return element.shadowRoot.querySelector(`c-parley-setup-save-bar[data-provider="${provider}"]`);
}

async function save(element, provider) {
    saveBar(element, provider).dispatchEvent(new CustomEvent('save'));
    await flushPromises();
}

function sent() {
    expect(saveMessagingProviders).toHaveBeenCalledTimes(1);
    return JSON.parse(saveMessagingProviders.mock.calls[0][0].patchJson);
}

function recordToasts(element) {
    const toasts = [];
    element.addEventListener('lightning__showtoast', (e) => toasts.push(e.detail));
    return toasts;
}

/** The message each input shows now: the last setCustomValidity per input, '' once cleared. */
function shownErrors() {
    const shown = {};
    setCustomValidity.mock.calls.forEach((args, i) => {
        shown[setCustomValidity.mock.contexts[i].template.host.dataset.field] = args[0];
    });
    return Object.fromEntries(Object.entries(shown).filter(([, message]) => message !== ''));
}

describe('c-parley-setup-messaging', () => {
    afterEach(() => {
        unmountAll();
        jest.clearAllMocks();
    });

    describe('what sends now', () => {
        it("says Parley's accounts send, gives Twilio's webhook, and offers empty forms to connect the org's own", async () => {
            const element = await mountWith('getMessagingProviders');

            expect(part(element, 'sms-status').textContent).toBe(
                "Parley's Twilio account sends your texts, from number +14155550100. Connect your own account below to send from your own number."
            );
            expect(part(element, 'sms-status').className).toContain('slds-alert_info');
            expect(part(element, 'email-status').textContent).toBe(
                "Parley's email account sends your emails, from noreply@parley.example.com. Connect your own Resend account below to send from your own domain."
            );
            expect(part(element, 'sms-inbound-url').textContent).toBe('https://parley.example.com/hooks/twilio/inbound');
            // Not Parley's own webhook address but the org's own endpoint, before connecting: Resend shows the signing secret only once it is added there.
            expect(part(element, 'email-webhook-url').textContent).toBe('https://parley.example.com/hooks/email/org_01HZX2Y6T1N0B8C4D5E6F7G8H9');
            expect(part(element, 'sms-form-title').textContent).toBe('Connect your Twilio account');
            expect(part(element, 'email-form-title').textContent).toBe('Connect your Resend account');

            // Parley's number and address are not put in the org's form.
            for (const field of ['sms.accountSid', 'sms.authToken', 'sms.fromNumber', 'sms.messagingServiceSid', 'email.apiKey', 'email.fromAddress', 'email.webhookSecret']) {
                expect(input(element, field).value).toBe('');
            }
            for (const field of ['sms.authToken', 'email.apiKey', 'email.webhookSecret']) expect(input(element, field).type).toBe('password');
            expect(part(element, 'sms-disconnect')).toBeNull();
            expect(part(element, 'email-disconnect')).toBeNull();
            expect(saveBar(element, 'sms').dirty).toBe(false);
            expect(saveBar(element, 'email').dirty).toBe(false);
            await expect(element).toBeAccessible();
        });

        it("shows the org's own accounts, their webhook addresses, and no secret", async () => {
            const element = await mountWith('getMessagingProvidersOwn');
            const { sms, email } = fixture('getMessagingProvidersOwn').messaging;

            expect(part(element, 'sms-status').textContent).toBe(
                `Your org's Twilio account ${sms.accountSid} sends your texts, from number +442071838750 or Messaging Service ${sms.messagingServiceSid}.`
            );
            expect(part(element, 'email-status').textContent).toBe("Your org's Resend account sends your emails, from support@acme.example.");
            expect(part(element, 'email-webhook-url').textContent).toBe(email.ownWebhookUrl);
            expect(part(element, 'email-secret-missing')).toBeNull();
            expect(part(element, 'sms-form-title').textContent).toBe('Your Twilio account');

            expect(input(element, 'sms.accountSid').value).toBe(sms.accountSid);
            expect(input(element, 'sms.fromNumber').value).toBe('+442071838750');
            expect(input(element, 'sms.messagingServiceSid').value).toBe(sms.messagingServiceSid);
            expect(input(element, 'email.fromAddress').value).toBe('support@acme.example');
            for (const field of ['sms.authToken', 'email.apiKey', 'email.webhookSecret']) {
                expect(input(element, field).value).toBe('');
                expect(input(element, field).placeholder).toBe('Stored: leave empty to keep it');
            }
            expect(input(element, 'sms.authToken').fieldLevelHelp).toContain(`Stored for ${sms.accountSid}. Leave empty to keep it`);
            expect(part(element, 'sms-disconnect')).not.toBeNull();
            expect(part(element, 'email-disconnect')).not.toBeNull();
            expect(saveBar(element, 'sms').dirty).toBe(false);
            await expect(element).toBeAccessible();
        });

        it('warns that messages wait as held when no account sends', async () => {
            const element = await mountWith('getMessagingProvidersNone');

            expect(part(element, 'sms-status').textContent).toContain('No Twilio account: texts wait as held');
            expect(part(element, 'sms-status').className).toContain('slds-alert_warning');
            expect(part(element, 'email-status').textContent).toContain('No email account: emails wait as held');
            expect(part(element, 'email-status').className).toContain('slds-alert_warning');
            await expect(element).toBeAccessible();
        });

        it('says when the accounts cannot be read, and reads them again on request', async () => {
            getMessagingProviders.mockRejectedValue({ status: 500, body: { message: 'Parley did not answer in time.' } });
            const element = mount('c-parley-setup-messaging', ParleySetupMessaging);
            await flushPromises();
            expect(part(element, 'load-error').textContent).toContain('The messaging accounts could not be read: Parley did not answer in time.');

            getMessagingProviders.mockResolvedValue(fixture('getMessagingProviders'));
            part(element, 'retry').click();
            await flushPromises();
            expect(part(element, 'load-error')).toBeNull();
            expect(part(element, 'sms-status')).not.toBeNull();
            await expect(element).toBeAccessible();
        });
    });

    describe('Twilio', () => {
        it('connects the org\'s account with its token, then shows it without the token', async () => {
            const answer = fixture('getMessagingProvidersOwn');
            answer.messaging.email = fixture('getMessagingProviders').messaging.email;
            answer.messaging.sms = { ...answer.messaging.sms, accountSid: SID, fromNumber: '+14155550123', messagingServiceSid: null };
            saveMessagingProviders.mockResolvedValue(answer);
            const element = await mountWith('getMessagingProviders');
            const toasts = recordToasts(element);

            change(input(element, 'sms.accountSid'), { value: ` ${SID} ` });
            change(input(element, 'sms.authToken'), { value: TOKEN });
            change(input(element, 'sms.fromNumber'), { value: '+14155550123' });
            await flushPromises();
            expect(saveBar(element, 'sms').dirty).toBe(true);
            expect(saveBar(element, 'email').dirty).toBe(false);
            await save(element, 'sms');

            expect(sent()).toEqual({ sms: { accountSid: SID, authToken: TOKEN, fromNumber: '+14155550123', messagingServiceSid: null } });
            expect(part(element, 'sms-status').textContent).toBe(`Your org's Twilio account ${SID} sends your texts, from number +14155550123.`);
            expect(input(element, 'sms.authToken').value).toBe('');
            expect(input(element, 'sms.accountSid').value).toBe(SID);
            expect(saveBar(element, 'sms').dirty).toBe(false);
            expect(toasts).toEqual([
                expect.objectContaining({ variant: 'success', title: 'Twilio account connected', message: 'Texts now go from your own Twilio account.' })
            ]);
        });

        it('asks for what a new account needs before sending anything, on the inputs that need it', async () => {
            const element = await mountWith('getMessagingProviders');
            change(input(element, 'sms.accountSid'), { value: SID });
            await flushPromises();
            // Nothing is marked while the admin is still typing.
            expect(saveBar(element, 'sms').problems).toEqual([]);

            await save(element, 'sms');
            expect(saveMessagingProviders).not.toHaveBeenCalled();
            expect(saveBar(element, 'sms').problems).toEqual([
                'Auth token: give the auth token of this account',
                'From number: give a from number or a Messaging Service SID: countries that take no sender name need one'
            ]);
            expect(shownErrors()).toEqual({
                'sms.authToken': 'give the auth token of this account',
                'sms.fromNumber': 'give a from number or a Messaging Service SID: countries that take no sender name need one'
            });
            expect(saveBar(element, 'sms').shadowRoot.activeElement).toBe(saveBar(element, 'sms').shadowRoot.querySelector('[data-id="problems"]'));

            change(input(element, 'sms.messagingServiceSid'), { value: 'MG0a1b2c3d4e5f60718293a4b5c6d7e8f9' });
            change(input(element, 'sms.authToken'), { value: TOKEN });
            await flushPromises();
            expect(saveBar(element, 'sms').problems).toEqual([]);
            expect(shownErrors()).toEqual({});
            await expect(element).toBeAccessible();
        });

        it('keeps the stored token when the same account changes its number, and asks for one for another account', async () => {
            saveMessagingProviders.mockResolvedValue(fixture('getMessagingProvidersOwn'));
            const element = await mountWith('getMessagingProvidersOwn');
            const { sms } = fixture('getMessagingProvidersOwn').messaging;

            change(input(element, 'sms.fromNumber'), { value: '' });
            await flushPromises();
            await save(element, 'sms');
            expect(sent()).toEqual({ sms: { accountSid: sms.accountSid, fromNumber: null, messagingServiceSid: sms.messagingServiceSid } });

            saveMessagingProviders.mockClear();
            change(input(element, 'sms.accountSid'), { value: SID });
            await flushPromises();
            await save(element, 'sms');
            expect(saveMessagingProviders).not.toHaveBeenCalled();
            expect(saveBar(element, 'sms').problems).toEqual(['Auth token: give the auth token of this account']);
        });

        it('disconnects only after the admin confirms, and says who sends now', async () => {
            LightningConfirm.open = jest.fn().mockResolvedValueOnce(false).mockResolvedValueOnce(true);
            const answer = fixture('getMessagingProvidersOwn');
            answer.messaging.sms = fixture('getMessagingProviders').messaging.sms;
            saveMessagingProviders.mockResolvedValue(answer);
            const element = await mountWith('getMessagingProvidersOwn');
            const toasts = recordToasts(element);

            part(element, 'sms-disconnect').click();
            await flushPromises();
            expect(LightningConfirm.open).toHaveBeenCalledWith(expect.objectContaining({ label: 'Disconnect your Twilio account?' }));
            expect(saveMessagingProviders).not.toHaveBeenCalled();

            part(element, 'sms-disconnect').click();
            await flushPromises();
            expect(sent()).toEqual({ sms: null });
            expect(part(element, 'sms-status').textContent).toContain("Parley's Twilio account sends your texts");
            expect(part(element, 'sms-disconnect')).toBeNull();
            expect(input(element, 'sms.accountSid').value).toBe('');
            // The email account is not touched.
            expect(part(element, 'email-disconnect')).not.toBeNull();
            expect(toasts).toEqual([
                expect.objectContaining({ variant: 'success', title: 'Twilio account disconnected', message: "Texts now go from Parley's Twilio account." })
            ]);
        });

        it('cancel puts back the stored account and forgets the typed token', async () => {
            const element = await mountWith('getMessagingProvidersOwn');
            change(input(element, 'sms.accountSid'), { value: SID });
            change(input(element, 'sms.authToken'), { value: TOKEN });
            await flushPromises();

            saveBar(element, 'sms').dispatchEvent(new CustomEvent('cancel'));
            await flushPromises();
            expect(input(element, 'sms.accountSid').value).toBe(fixture('getMessagingProvidersOwn').messaging.sms.accountSid);
            expect(input(element, 'sms.authToken').value).toBe('');
            expect(saveBar(element, 'sms').dirty).toBe(false);
        });
    });

    describe("the Worker's refusals", () => {
        it('puts each issue on the input it names, keeps the draft, and clears an issue once its input is edited', async () => {
            saveMessagingProviders.mockRejectedValue({
                status: 500,
                body: {
                    message:
                        'body.sms.accountSid: must be a Twilio account SID: AC and 32 hex digits; body.sms.fromNumber: must be a phone number in E.164 form, e.g. +14155550123'
                }
            });
            const element = await mountWith('getMessagingProviders');
            const toasts = recordToasts(element);
            change(input(element, 'sms.accountSid'), { value: 'AC123' });
            change(input(element, 'sms.authToken'), { value: TOKEN });
            change(input(element, 'sms.fromNumber'), { value: '4155550123' });
            await flushPromises();
            await save(element, 'sms');

            expect(sent()).toEqual({ sms: { accountSid: 'AC123', authToken: TOKEN, fromNumber: '4155550123', messagingServiceSid: null } });
            expect(shownErrors()).toEqual({
                'sms.accountSid': 'must be a Twilio account SID: AC and 32 hex digits',
                'sms.fromNumber': 'must be a phone number in E.164 form, e.g. +14155550123'
            });
            const refusal =
                'Account SID: must be a Twilio account SID: AC and 32 hex digits; From number: must be a phone number in E.164 form, e.g. +14155550123';
            expect(saveBar(element, 'sms').serverError).toBe(refusal);
            expect(toasts).toEqual([expect.objectContaining({ variant: 'error', title: 'Twilio account not connected', message: refusal })]);
            expect(input(element, 'sms.accountSid').value).toBe('AC123');
            expect(input(element, 'sms.authToken').value).toBe(TOKEN);
            expect(saveBar(element, 'sms').dirty).toBe(true);

            change(input(element, 'sms.accountSid'), { value: SID });
            await flushPromises();
            expect(shownErrors()).toEqual({ 'sms.fromNumber': 'must be a phone number in E.164 form, e.g. +14155550123' });
            expect(saveBar(element, 'sms').serverError).toBe('From number: must be a phone number in E.164 form, e.g. +14155550123');
            await expect(element).toBeAccessible();
        });

        it('puts a rule the Worker checks after validation on its input too (sms.authToken)', async () => {
            saveMessagingProviders.mockRejectedValue({ status: 500, body: { message: 'sms.authToken: give the auth token of this account' } });
            // The Worker knows of a stored account this page has not seen yet (another admin changed it meanwhile).
            const element = await mountWith('getMessagingProvidersOwn');
            change(input(element, 'sms.fromNumber'), { value: '+442071838751' });
            await flushPromises();
            await save(element, 'sms');

            expect(shownErrors()).toEqual({ 'sms.authToken': 'give the auth token of this account' });
            expect(saveBar(element, 'sms').serverError).toBe('Auth token: give the auth token of this account');
        });

        it('shows a refusal that names no input under the form it came from', async () => {
            saveMessagingProviders.mockRejectedValue({
                status: 500,
                body: { message: "body.email: Unrecognized key: \"replyTo\"; body.email.fromAddress: must be an email address" }
            });
            const element = await mountWith('getMessagingProvidersOwn');
            change(input(element, 'email.fromAddress'), { value: 'support@' });
            await flushPromises();
            await save(element, 'email');

            expect(shownErrors()).toEqual({ 'email.fromAddress': 'must be an email address' });
            expect(saveBar(element, 'email').serverError).toBe('From address: must be an email address; email: Unrecognized key: "replyTo"');
            expect(saveBar(element, 'sms').serverError).toBeUndefined();
        });

        it("shows Salesforce's own refusal (no field at all) as it is", async () => {
            saveMessagingProviders.mockRejectedValue({
                status: 500,
                body: { message: 'Parley setup is for Parley admins: ask your Salesforce admin for the Parley Admin permission set.' }
            });
            const element = await mountWith('getMessagingProvidersOwn');
            change(input(element, 'email.apiKey'), { value: 're_live_key_0123456789' });
            await flushPromises();
            await save(element, 'email');

            expect(shownErrors()).toEqual({});
            expect(saveBar(element, 'email').serverError).toBe(
                'Parley setup is for Parley admins: ask your Salesforce admin for the Parley Admin permission set.'
            );
        });
    });

    describe('Resend', () => {
        it('connects the org\'s account without a webhook secret, then shows the endpoint to add and asks for its secret', async () => {
            saveMessagingProviders.mockResolvedValue(fixture('saveMessagingProvidersEmailConnected'));
            const element = await mountWith('getMessagingProviders');
            const toasts = recordToasts(element);

            change(input(element, 'email.apiKey'), { value: 're_live_key_0123456789' });
            change(input(element, 'email.fromAddress'), { value: 'support@acme.example' });
            await flushPromises();
            await save(element, 'email');

            expect(sent()).toEqual({ email: { apiKey: 're_live_key_0123456789', fromAddress: 'support@acme.example' } });
            expect(part(element, 'email-webhook-url').textContent).toBe('https://parley.example.com/hooks/email/org_01HZX2Y6T1N0B8C4D5E6F7G8H9');
            expect(part(element, 'email-secret-missing').textContent).toContain('Parley refuses your account\'s webhooks until it has one');
            expect(input(element, 'email.apiKey').value).toBe('');
            expect(input(element, 'email.webhookSecret').placeholder).toBe('');
            expect(toasts).toEqual([
                expect.objectContaining({
                    variant: 'success',
                    title: 'Resend account connected',
                    message: 'Emails now go from your own Resend account. Add the webhook endpoint shown here at Resend, then its signing secret.'
                })
            ]);
            await expect(element).toBeAccessible();
        });

        it('asks for an API key and a from address before connecting', async () => {
            const element = await mountWith('getMessagingProvidersNone');
            change(input(element, 'email.webhookSecret'), { value: 'whsec_c2VjcmV0LXNpZ25pbmcta2V5' });
            await flushPromises();
            await save(element, 'email');

            expect(saveMessagingProviders).not.toHaveBeenCalled();
            expect(saveBar(element, 'email').problems).toEqual([
                'API key: give the API key of your Resend account',
                'From address: give the address emails go from, on a domain verified at Resend'
            ]);
        });

        it('adds the signing secret to the connected account, keeping the stored key', async () => {
            saveMessagingProviders.mockResolvedValue(fixture('getMessagingProvidersOwn'));
            const answer = fixture('saveMessagingProvidersEmailConnected');
            getMessagingProviders.mockResolvedValue(answer);
            const element = mount('c-parley-setup-messaging', ParleySetupMessaging);
            await flushPromises();
            expect(input(element, 'email.apiKey').placeholder).toBe('Stored: leave empty to keep it');

            change(input(element, 'email.webhookSecret'), { value: ' whsec_c2VjcmV0LXNpZ25pbmcta2V5 ' });
            await flushPromises();
            await save(element, 'email');

            expect(sent()).toEqual({ email: { fromAddress: 'support@acme.example', webhookSecret: 'whsec_c2VjcmV0LXNpZ25pbmcta2V5' } });
            expect(part(element, 'email-secret-missing')).toBeNull();
            expect(input(element, 'email.webhookSecret').value).toBe('');
        });

        it('a form being typed in is kept when the other one saves', async () => {
            saveMessagingProviders.mockResolvedValue(fixture('saveMessagingProvidersEmailConnected'));
            const element = await mountWith('getMessagingProviders');
            change(input(element, 'sms.accountSid'), { value: SID });
            change(input(element, 'email.apiKey'), { value: 're_live_key_0123456789' });
            change(input(element, 'email.fromAddress'), { value: 'support@acme.example' });
            await flushPromises();
            await save(element, 'email');

            expect(input(element, 'sms.accountSid').value).toBe(SID);
            expect(saveBar(element, 'sms').dirty).toBe(true);
        });
    });
});
