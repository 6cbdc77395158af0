// The whole setup page: the org's session and after-end settings on their
// tabs, saving them as a patch, and what a user without Parley Admin or
// without a connection sees. Each tab's own behaviour is tested beside that
// tab's component.
import ParleySetup from 'c/parleySetup';
import getSettings from '@salesforce/apex/ParleySetupController.getSettings';
import saveSettings from '@salesforce/apex/ParleySetupController.saveSettings';
import listTeams from '@salesforce/apex/ParleySetupController.listTeams';
import listAgents from '@salesforce/apex/ParleySetupController.listAgents';
import getNotificationSettings from '@salesforce/apex/ParleySetupController.getNotificationSettings';
import checkConnection from '@salesforce/apex/ParleySetupController.checkConnection';
import getMessagingProviders from '@salesforce/apex/ParleySetupController.getMessagingProviders';
import { SETTINGS } from 'c/parleySetupSettingRules';
import { change, fixtures, flushPromises, mount, settingControl, unmountAll, visibleText } from 'parley-lwc-test';

const fixture = fixtures(__dirname);

jest.mock('@salesforce/apex/ParleySetupController.getSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.saveSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.listTeams', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.listAgents', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.createTeam', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.getTeamSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.saveTeamSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.getNotificationSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.saveNotificationSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.checkConnection', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.getMessagingProviders', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.saveMessagingProviders', () => ({ default: jest.fn() }), { virtual: true });

// What ParleySetupController says to a user without the Parley_Admin custom permission.
const ADMIN_ONLY_ERROR = {
    status: 500,
    body: { message: 'Parley setup is for Parley admins: ask your Salesforce admin for the Parley Admin permission set.' }
};

function fieldsFor(element, group) {
    return element.shadowRoot.querySelector(`c-parley-setup-setting-fields[data-group="${group}"]`);
}

function saveBarIn(element, group) {
    return element.shadowRoot.querySelector(`c-parley-setup-save-bar[data-group="${group}"]`);
}

function tab(element, value) {
    return element.shadowRoot.querySelector(`lightning-tab[data-tab="${value}"]`);
}

async function mountLoaded() {
    const element = mount('c-parley-setup', ParleySetup);
    await flushPromises();
    return element;
}

const DURATION_UNITS = ['days', 'hours', 'minutes'];

/** What the page shows for one setting: its value, in the shape the Worker sends it, and its label. */
function shownSetting(fields, def) {
    if (def.kind === 'duration') {
        const parts = DURATION_UNITS.map((unit) => [unit, settingControl(fields, def.key, `[data-part="${unit}"]`).value]);
        return {
            on: settingControl(fields, def.key, '[data-role="switch"]').checked,
            value: Object.fromEntries(parts),
            label: fields.shadowRoot.querySelector(`[data-setting="${def.key}"] legend`).textContent
        };
    }
    const control = settingControl(fields, def.key);
    return { on: true, value: def.kind === 'toggle' ? control.checked : control.value, label: control.label };
}

/** What the page should show for a setting the Worker sent with this value (a duration's switch is on when it has one). */
function expectedSetting(def, value) {
    const shownValue = def.kind === 'duration' ? Object.fromEntries(DURATION_UNITS.map((unit) => [unit, value[unit]])) : value;
    return { on: true, value: shownValue, label: def.label };
}

function sentPatch(mock) {
    expect(mock).toHaveBeenCalledTimes(1);
    return JSON.parse(mock.mock.calls[0][0].patchJson);
}

describe('c-parley-setup', () => {
    beforeEach(() => {
        getSettings.mockResolvedValue(fixture('getSettings'));
        listTeams.mockResolvedValue(fixture('listTeams'));
        listAgents.mockResolvedValue(fixture('listAgents'));
        getNotificationSettings.mockResolvedValue(fixture('getNotificationSettings'));
        checkConnection.mockResolvedValue(fixture('checkConnectionOk'));
        getMessagingProviders.mockResolvedValue(fixture('getMessagingProviders'));
    });

    afterEach(() => {
        unmountAll();
        jest.clearAllMocks();
    });

    it('shows every session and after-end setting with the value the Worker sent', async () => {
        const element = await mountLoaded();
        const settings = fixture('getSettings').settings;

        for (const def of SETTINGS) {
            const shown = shownSetting(fieldsFor(element, def.group), def);
            expect([def.key, shown]).toEqual([def.key, expectedSetting(def, settings[def.group][def.key])]);
        }
        // Seventeen settings in all: eleven during a session, six after it ends.
        expect(fieldsFor(element, 'session').shadowRoot.querySelectorAll('[data-setting]')).toHaveLength(11);
        expect(fieldsFor(element, 'afterEnd').shadowRoot.querySelectorAll('[data-setting]')).toHaveLength(6);
        expect(saveBarIn(element, 'session').dirty).toBe(false);
    });

    it('has a Messaging tab, between Notifications and Connection, showing who sends texts and emails', async () => {
        const element = await mountLoaded();
        const tabs = [...element.shadowRoot.querySelectorAll('lightning-tab')].map((t) => t.value);
        expect(tabs).toEqual(['session', 'afterEnd', 'teams', 'notifications', 'messaging', 'connection']);
        const messaging = tab(element, 'messaging').querySelector('c-parley-setup-messaging');
        expect(messaging).not.toBeNull();
        expect(getMessagingProviders).toHaveBeenCalledTimes(1);
        expect(messaging.shadowRoot.querySelector('[data-id="sms-status"]').textContent).toContain("Parley's Twilio account sends your texts");
    });

    it('is accessible once loaded', async () => {
        const element = await mountLoaded();
        await expect(element).toBeAccessible();
    });

    it('names the field and its range when a value is out of range, and does not save', async () => {
        const element = await mountLoaded();
        change(settingControl(fieldsFor(element, 'session'), 'accessWindowHours'), { value: '5000' });
        change(settingControl(fieldsFor(element, 'afterEnd'), 'fullAccessHours'), { value: '169' });
        change(settingControl(fieldsFor(element, 'session'), 'inactiveAutoClose', '[data-part="hours"]'), { value: '24' });
        await flushPromises();

        const problems = saveBarIn(element, 'afterEnd').problems;
        expect(problems).toEqual([
            'During a session: Access window after first open (hours): must be 1 to 2160 hours',
            'During a session: Close inactive sessions automatically: must be 0 to 23 hours',
            'After the session ends: Full access (hours): must be 0 to 168 hours'
        ]);
        expect(visibleText(saveBarIn(element, 'session'))).toContain('Access window after first open (hours): must be 1 to 2160 hours');
        expect(tab(element, 'session').showErrorIndicator).toBe(true);
        expect(tab(element, 'afterEnd').showErrorIndicator).toBe(true);

        saveBarIn(element, 'afterEnd').dispatchEvent(new CustomEvent('save'));
        await flushPromises();
        expect(saveSettings).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('says a whole number is needed when the hours are not one', async () => {
        const element = await mountLoaded();
        change(settingControl(fieldsFor(element, 'afterEnd'), 'limitedAccessHours'), { value: '1.5' });
        change(settingControl(fieldsFor(element, 'afterEnd'), 'redirectUrl'), { value: 'help.example.com' });
        await flushPromises();
        expect(saveBarIn(element, 'afterEnd').problems).toEqual([
            'After the session ends: Limited access (hours): must be a whole number of hours',
            'After the session ends: Redirect URL for denied customers: must be an http(s) URL, such as https://example.com/help'
        ]);
    });

    it('saves only the fields that changed, as a JSON patch', async () => {
        const saved = fixture('getSettings');
        saved.settings.session.customerChat = true;
        saved.settings.afterEnd.fullAccessHours = 36;
        saved.settings.afterEnd.redirectUrl = null;
        saveSettings.mockResolvedValue(saved);
        const element = await mountLoaded();
        const toasts = [];
        element.addEventListener('lightning__showtoast', (e) => toasts.push(e.detail));

        change(settingControl(fieldsFor(element, 'session'), 'customerChat'), { checked: true });
        change(settingControl(fieldsFor(element, 'afterEnd'), 'fullAccessHours'), { value: '36' });
        change(settingControl(fieldsFor(element, 'afterEnd'), 'redirectUrl'), { value: '' });
        // Changed and changed back: not part of the patch.
        change(settingControl(fieldsFor(element, 'session'), 'otpRequired'), { checked: true });
        change(settingControl(fieldsFor(element, 'session'), 'otpRequired'), { checked: false });
        await flushPromises();
        expect(saveBarIn(element, 'session').dirty).toBe(true);

        saveBarIn(element, 'session').dispatchEvent(new CustomEvent('save'));
        await flushPromises();

        expect(sentPatch(saveSettings)).toEqual({
            session: { customerChat: true },
            afterEnd: { fullAccessHours: 36, redirectUrl: null }
        });
        expect(saveBarIn(element, 'session').dirty).toBe(false);
        expect(settingControl(fieldsFor(element, 'afterEnd'), 'fullAccessHours').value).toBe(36);
        expect(toasts).toEqual([expect.objectContaining({ variant: 'success', title: 'Settings saved' })]);
    });

    it('sends a whole auto-close duration, and null when it is switched off', async () => {
        saveSettings.mockImplementation(({ patchJson }) => {
            const next = fixture('getSettings');
            Object.assign(next.settings.session, JSON.parse(patchJson).session);
            return Promise.resolve(next);
        });
        const element = await mountLoaded();
        const fields = fieldsFor(element, 'session');

        change(settingControl(fields, 'inactiveAutoClose', '[data-part="minutes"]'), { value: '30' });
        await flushPromises();
        saveBarIn(element, 'session').dispatchEvent(new CustomEvent('save'));
        await flushPromises();
        expect(sentPatch(saveSettings)).toEqual({ session: { inactiveAutoClose: { days: 2, hours: 3, minutes: 30 } } });

        saveSettings.mockClear();
        change(settingControl(fields, 'inactiveAutoClose', '[data-role="switch"]'), { checked: false });
        await flushPromises();
        expect(settingControl(fields, 'inactiveAutoClose', '[data-part="days"]').disabled).toBe(true);
        saveBarIn(element, 'session').dispatchEvent(new CustomEvent('save'));
        await flushPromises();
        expect(sentPatch(saveSettings)).toEqual({ session: { inactiveAutoClose: null } });

        // Switching it on again brings back the admin's last numbers, not a default.
        change(settingControl(fields, 'inactiveAutoClose', '[data-role="switch"]'), { checked: true });
        await flushPromises();
        expect(settingControl(fields, 'inactiveAutoClose', '[data-part="minutes"]').value).toBe(30);
    });

    it("shows the Worker's message when it refuses the change, and keeps the draft", async () => {
        saveSettings.mockRejectedValue({
            status: 400,
            body: { message: 'body.afterEnd.redirectUrl: must be an http(s) URL' }
        });
        const element = await mountLoaded();
        const toasts = [];
        element.addEventListener('lightning__showtoast', (e) => toasts.push(e.detail));

        change(settingControl(fieldsFor(element, 'afterEnd'), 'redirectUrl'), { value: 'https://help.example.com/other' });
        await flushPromises();
        saveBarIn(element, 'afterEnd').dispatchEvent(new CustomEvent('save'));
        await flushPromises();

        const bar = saveBarIn(element, 'afterEnd');
        expect(bar.serverError).toBe('body.afterEnd.redirectUrl: must be an http(s) URL');
        expect(bar.shadowRoot.querySelector('[data-id="server-error"]').textContent).toContain(
            'Parley did not save the change: body.afterEnd.redirectUrl: must be an http(s) URL'
        );
        expect(bar.dirty).toBe(true);
        expect(settingControl(fieldsFor(element, 'afterEnd'), 'redirectUrl').value).toBe('https://help.example.com/other');
        expect(toasts).toEqual([expect.objectContaining({ variant: 'error', message: 'body.afterEnd.redirectUrl: must be an http(s) URL' })]);
        await expect(element).toBeAccessible();
    });

    it('cancel puts back the saved values', async () => {
        const element = await mountLoaded();
        change(settingControl(fieldsFor(element, 'session'), 'searchSpace'), { value: 'all' });
        await flushPromises();
        expect(saveBarIn(element, 'session').dirty).toBe(true);

        saveBarIn(element, 'session').dispatchEvent(new CustomEvent('cancel'));
        await flushPromises();
        expect(settingControl(fieldsFor(element, 'session'), 'searchSpace').value).toBe('team');
        expect(saveBarIn(element, 'session').dirty).toBe(false);
    });

    it('tells a user without Parley Admin what they need, and shows no settings', async () => {
        getSettings.mockRejectedValue(ADMIN_ONLY_ERROR);
        const element = await mountLoaded();

        expect(element.shadowRoot.querySelector('[data-id="not-admin"] h2').textContent).toBe('You need the Parley Admin permission set');
        expect(element.shadowRoot.querySelector('lightning-tabset')).toBeNull();
        expect(listTeams).not.toHaveBeenCalled();
        expect(getMessagingProviders).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('opens on the Connection tab when the settings cannot be read', async () => {
        getSettings.mockRejectedValue({ status: 500, body: { message: 'Parley could not be reached: Unauthorized endpoint.' } });
        checkConnection.mockResolvedValue(fixture('checkConnectionCalloutFailed'));
        const element = await mountLoaded();

        expect(element.shadowRoot.querySelector('lightning-tabset').activeTabValue).toBe('connection');
        expect(element.shadowRoot.querySelector('[data-id="load-error"]').textContent).toContain(
            'Parley could not be reached: Unauthorized endpoint.'
        );

        getSettings.mockResolvedValue(fixture('getSettings'));
        element.shadowRoot.querySelector('[data-id="retry"]').click();
        await flushPromises();
        expect(fieldsFor(element, 'session')).not.toBeNull();
        await expect(element).toBeAccessible();
    });
});
