// The Notifications tab on its own: the general settings, the texts of the
// four messages, reminders and new-activity notices as the Worker sends them
// (data/getNotificationSettings.json), the checks before saving, and the
// patch of changed fields it saves.
import ParleySetupNotifications from 'c/parleySetupNotifications';
import getNotificationSettings from '@salesforce/apex/ParleySetupController.getNotificationSettings';
import saveNotificationSettings from '@salesforce/apex/ParleySetupController.saveNotificationSettings';
import { change, fixtures, flushPromises, mount, unmountAll } from 'parley-lwc-test';

const fixture = fixtures(__dirname);

jest.mock('@salesforce/apex/ParleySetupController.getNotificationSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.saveNotificationSettings', () => ({ default: jest.fn() }), { virtual: true });

async function mountNotifications() {
    const element = mount('c-parley-setup-notifications', ParleySetupNotifications);
    await flushPromises();
    return element;
}

function control(element, path) {
    return element.shadowRoot.querySelector(`[data-path="${path}"]`);
}

function messageTexts(element, type) {
    return element.shadowRoot.querySelector(`c-parley-setup-message-texts[data-type="${type}"]`);
}

function text(element, type, field) {
    return messageTexts(element, type).shadowRoot.querySelector(`[data-field="${field}"]`);
}

function saveBar(element) {
    return element.shadowRoot.querySelector('c-parley-setup-save-bar');
}

async function save(element) {
    saveBar(element).dispatchEvent(new CustomEvent('save'));
    await flushPromises();
}

describe('c-parley-setup-notifications', () => {
    beforeEach(() => {
        getNotificationSettings.mockResolvedValue(fixture('getNotificationSettings'));
    });

    afterEach(() => {
        unmountAll();
        jest.clearAllMocks();
    });

    it('shows the general settings, every text of the four messages, reminders and new activity', async () => {
        const element = await mountNotifications();
        const { settings } = fixture('getNotificationSettings');

        expect(control(element, 'general.smsSenderName').value).toBe('Acme Bank');
        expect(control(element, 'general.defaultPhonePrefix').value).toBe('+44');
        expect(control(element, 'general.emailSenderName').value).toBe('');
        expect(control(element, 'general.shortLinks').checked).toBe(true);
        expect(control(element, 'general.timeZone').value).toBe('Europe/London');

        for (const type of ['invitation', 'invitationAdditional', 'reminder', 'newActivity']) {
            for (const field of ['smsLong', 'smsShort', 'emailSubject', 'emailHtml']) {
                expect(text(element, type, field).value).toBe(settings.messages[type][field]);
            }
        }
        expect(messageTexts(element, 'invitationAdditional').heading).toBe('Invitation (additional participant)');
        const counts = messageTexts(element, 'reminder').shadowRoot.querySelector('[data-count="smsLong"]');
        expect(counts.textContent).toBe(`${settings.messages.reminder.smsLong.length} of 70 characters`);

        expect(control(element, 'reminders.enabled').checked).toBe(true);
        expect(control(element, 'reminders.offlineMinutes').value).toBe(120);
        expect(control(element, 'reminders.weekdays').value).toEqual(['mon', 'wed', 'fri']);
        expect(control(element, 'reminders.from').value).toBe('09:00:00.000');
        expect(control(element, 'reminders.to').value).toBe('18:00:00.000');
        expect(control(element, 'reminders.maxTotal').value).toBe(3);
        expect(control(element, 'reminders.channels').value).toEqual(['sms', 'email']);
        expect(control(element, 'newActivity.enabled').checked).toBe(true);
        expect(control(element, 'newActivity.offlineMinutes').value).toBe(10);
        expect(control(element, 'newActivity.quietMinutes').value).toBe(60);
        expect(control(element, 'newActivity.channels').value).toEqual(['sms', 'email']);

        expect(element.shadowRoot.querySelector('[data-id="placeholders"]').textContent).toContain(
            '{customerName}, {agentName}, {orgName}, {link}'
        );
        await expect(element).toBeAccessible();
    });

    it('names the message and the limit when a text is too long, and does not save', async () => {
        const element = await mountNotifications();
        change(text(element, 'invitation', 'smsLong'), { value: 'x'.repeat(71) });
        change(text(element, 'reminder', 'smsShort'), { value: 'y'.repeat(131) });
        await flushPromises();

        expect(saveBar(element).problems).toEqual([
            'Invitation (primary participant), SMS text with the long link: must be at most 70 characters (the long link is added after it)',
            'Reminder (incomplete session), SMS text with the short link: must be at most 130 characters (the short link is added after it)'
        ]);
        expect(messageTexts(element, 'invitation').errors).toEqual({
            smsLong:
                'Invitation (primary participant), SMS text with the long link: must be at most 70 characters (the long link is added after it)'
        });
        await save(element);
        expect(saveNotificationSettings).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('checks placeholders, the link in the email body, minutes and the reminder hours', async () => {
        const element = await mountNotifications();
        change(text(element, 'newActivity', 'smsLong'), { value: 'New for you: {link}' });
        change(text(element, 'newActivity', 'emailHtml'), { value: '<p>Hello {firstName}</p>' });
        change(control(element, 'reminders.offlineMinutes'), { value: '2' });
        change(control(element, 'reminders.to'), { value: '08:30:00.000' });
        change(control(element, 'newActivity.channels'), { value: [] });
        change(control(element, 'general.smsSenderName'), { value: '12345' });
        await flushPromises();

        expect(saveBar(element).problems).toEqual([
            'SMS sender name: must contain a letter (a sender of digits only reads as a phone number)',
            'New activity, SMS text with the long link: leave out {link}: the link is added after the text',
            'New activity, Email body (HTML): {firstName} is not a placeholder here; use {customerName}, {roleName}, {agentName}, {orgName}, {link}',
            'Remind after the customer has been offline for (minutes): must be 5 to 10080 minutes',
            'Not after: must be later than "Not before" (the range is within one day)',
            'Send new-activity notices by: must name SMS, email or both'
        ]);
    });

    it('saves only the changed fields, down to one text of one message', async () => {
        const after = fixture('getNotificationSettings');
        after.settings.messages.reminder.emailSubject = 'Still waiting for you at {orgName}';
        after.settings.general.emailSenderName = 'Acme Support';
        after.settings.reminders.weekdays = ['mon', 'wed', 'fri', 'sat'];
        after.settings.reminders.from = '08:00';
        saveNotificationSettings.mockResolvedValue(after);
        const element = await mountNotifications();
        const toasts = [];
        element.addEventListener('lightning__showtoast', (e) => toasts.push(e.detail));

        change(text(element, 'reminder', 'emailSubject'), { value: 'Still waiting for you at {orgName}' });
        change(control(element, 'general.emailSenderName'), { value: 'Acme Support' });
        change(control(element, 'reminders.weekdays'), { value: ['mon', 'wed', 'fri', 'sat'] });
        change(control(element, 'reminders.from'), { value: '08:00:00.000' });
        await flushPromises();
        expect(saveBar(element).dirty).toBe(true);
        await save(element);

        expect(saveNotificationSettings).toHaveBeenCalledTimes(1);
        expect(JSON.parse(saveNotificationSettings.mock.calls[0][0].patchJson)).toEqual({
            general: { emailSenderName: 'Acme Support' },
            messages: { reminder: { emailSubject: 'Still waiting for you at {orgName}' } },
            reminders: { weekdays: ['mon', 'wed', 'fri', 'sat'], from: '08:00' }
        });
        expect(saveBar(element).dirty).toBe(false);
        expect(toasts).toEqual([expect.objectContaining({ variant: 'success' })]);
    });

    it("puts back Parley's wording for one message", async () => {
        const element = await mountNotifications();
        const { defaults } = fixture('getNotificationSettings');
        const reset = messageTexts(element, 'reminder').shadowRoot.querySelector('[data-id="reset"]');
        expect(reset.disabled).toBe(false);
        expect(messageTexts(element, 'invitation').shadowRoot.querySelector('[data-id="reset"]').disabled).toBe(true);

        reset.click();
        await flushPromises();
        expect(text(element, 'reminder', 'smsLong').value).toBe(defaults.messages.reminder.smsLong);
        expect(saveBar(element).dirty).toBe(true);
    });

    it('sends an empty sender name or prefix as null', async () => {
        saveNotificationSettings.mockResolvedValue(fixture('getNotificationSettings'));
        const element = await mountNotifications();
        change(control(element, 'general.defaultPhonePrefix'), { value: '  ' });
        await flushPromises();
        await save(element);
        expect(JSON.parse(saveNotificationSettings.mock.calls[0][0].patchJson)).toEqual({ general: { defaultPhonePrefix: null } });
    });

    it("shows the Worker's message when it refuses, and keeps the draft", async () => {
        saveNotificationSettings.mockRejectedValue({
            status: 400,
            body: { message: 'body.general.defaultPhonePrefix: is not a country calling code in use' }
        });
        const element = await mountNotifications();
        change(control(element, 'general.defaultPhonePrefix'), { value: '+999' });
        await flushPromises();
        await save(element);

        expect(saveBar(element).serverError).toBe('body.general.defaultPhonePrefix: is not a country calling code in use');
        expect(control(element, 'general.defaultPhonePrefix').value).toBe('+999');
        expect(saveBar(element).dirty).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('says when the settings cannot be read', async () => {
        getNotificationSettings.mockRejectedValue({ status: 500, body: { message: 'Parley did not answer in time.' } });
        const element = await mountNotifications();
        expect(element.shadowRoot.querySelector('[data-id="load-error"]').textContent).toContain('Parley did not answer in time.');
        await expect(element).toBeAccessible();
    });
});
