// One group of settings as form controls, mounted on its own: for the org it
// shows and edits the values it is given; for a team it adds "Inherit from
// org" beside each setting. It keeps no draft, so what matters is what it
// shows for the values passed in, the settingchange event {group, key, value}
// each edit sends up, and the messages it puts on the inputs. Values are the
// recorded answers of getSettings (the org) and getTeamSettings (a team).
import { createElement } from 'lwc';
import ParleySetupSettingFields from 'c/parleySetupSettingFields';
import LightningInput from 'lightning/input';
import { change, fixtures, flushPromises, settingControl, unmountAll } from 'parley-lwc-test';

const fixture = fixtures(__dirname);

// The lightning-input stub's setCustomValidity and reportValidity do nothing;
// these record the calls instead. Put in place before any input is on the
// page, and not with jest.spyOn: LWC makes the methods read-only once it uses
// them, so jest could not put the originals back after the file.
const setCustomValidity = jest.fn();
const reportValidity = jest.fn();
for (const [name, fn] of Object.entries({ setCustomValidity, reportValidity })) {
    Object.defineProperty(LightningInput.prototype, name, { value: fn, configurable: true, writable: true });
}

const SESSION_KEYS = [
    'customerAttachments',
    'customerChat',
    'accessWindowHours',
    'inactiveAutoClose',
    'reusableSessions',
    'searchSpace',
    'singleActiveSession',
    'singleDeviceAccess',
    'otpRequired',
    'agentMaySeeOtp',
    'smsEnabled'
];
const AFTER_END_KEYS = ['attachmentsAllowed', 'chatAllowed', 'fullAccessHours', 'limitedAccessHours', 'preventAccess', 'redirectUrl'];

function orgValues(group) {
    return fixture('getSettings').settings[group];
}

function teamValues(group) {
    return fixture('getTeamSettings').overrides[group];
}

async function mountFields(props) {
    const element = createElement('c-parley-setup-setting-fields', { is: ParleySetupSettingFields });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

/** Every settingchange the element sends, in order. */
function recordChanges(element) {
    const sent = [];
    element.addEventListener('settingchange', (event) => sent.push(event.detail));
    return sent;
}

function rowKeys(element) {
    return [...element.shadowRoot.querySelectorAll('[data-setting]')].map((row) => row.dataset.setting);
}

function inheritBox(element, key) {
    return settingControl(element, key, '[data-role="inherit"]');
}

/** The hosts of the lightning-inputs setCustomValidity was called on, with the message. */
function customValidityCalls() {
    return setCustomValidity.mock.calls.map((args, i) => {
        const host = setCustomValidity.mock.contexts[i].template.host;
        return [host.dataset.key, host.dataset.part || host.dataset.role || '', args[0]];
    });
}

describe('c-parley-setup-setting-fields for the org', () => {
    afterEach(() => {
        unmountAll();
        jest.clearAllMocks();
    });

    it("shows every setting of the group, in order, as the control its kind needs, with the org's values", async () => {
        const element = await mountFields({ group: 'session', values: orgValues('session') });

        expect(rowKeys(element)).toEqual(SESSION_KEYS);
        const chat = settingControl(element, 'customerChat');
        expect(chat.type).toBe('toggle');
        expect(chat.label).toBe('Customers may chat');
        expect(chat.checked).toBe(false);
        expect(settingControl(element, 'customerAttachments').checked).toBe(true);

        const hours = settingControl(element, 'accessWindowHours');
        expect(hours.type).toBe('number');
        expect(hours.value).toBe(72);
        expect([hours.min, hours.max]).toEqual([1, 2160]);
        expect(hours.fieldLevelHelp).toBe('How long an invitation link works after the customer first opens it: 1 to 2160 hours.');

        const space = settingControl(element, 'searchSpace');
        expect(space.tagName.toLowerCase()).toBe('lightning-combobox');
        expect(space.value).toBe('team');
        expect(space.options.map((o) => o.value)).toEqual(['mine', 'team', 'all']);

        expect(element.shadowRoot.querySelector('[data-setting="inactiveAutoClose"] legend').textContent).toBe(
            'Close inactive sessions automatically'
        );
        expect(settingControl(element, 'inactiveAutoClose', '[data-role="switch"]').checked).toBe(true);
        const parts = [...element.shadowRoot.querySelectorAll('[data-key="inactiveAutoClose"][data-part]')];
        expect(parts.map((p) => [p.dataset.part, p.label, p.value, p.max, p.disabled])).toEqual([
            ['days', 'Days', 2, 30, false],
            ['hours', 'Hours', 3, 23, false],
            ['minutes', 'Minutes', 0, 59, false]
        ]);

        // The org has nothing to inherit from: no checkboxes, no per-setting groups.
        expect(element.shadowRoot.querySelector('[data-role="inherit"]')).toBeNull();
        expect(element.shadowRoot.querySelector('[role="group"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the after-end group, an empty box for no redirect URL', async () => {
        const values = orgValues('afterEnd');
        const element = await mountFields({ group: 'afterEnd', values });
        expect(rowKeys(element)).toEqual(AFTER_END_KEYS);
        expect(settingControl(element, 'redirectUrl').type).toBe('url');
        expect(settingControl(element, 'redirectUrl').value).toBe('https://help.example.com/parley');
        expect(settingControl(element, 'fullAccessHours').value).toBe(24);

        element.values = { ...values, redirectUrl: null };
        await flushPromises();
        expect(settingControl(element, 'redirectUrl').value).toBe('');
        await expect(element).toBeAccessible();
    });

    it('sends each edit up as settingchange {group, key, value}, numbers as numbers and an empty URL as null', async () => {
        const session = await mountFields({ group: 'session', values: orgValues('session') });
        const sent = recordChanges(session);

        change(settingControl(session, 'customerChat'), { checked: true });
        change(settingControl(session, 'accessWindowHours'), { value: ' 100 ' });
        change(settingControl(session, 'accessWindowHours'), { value: 'ten' });
        change(settingControl(session, 'searchSpace'), { value: 'mine' });
        change(settingControl(session, 'inactiveAutoClose', '[data-part="minutes"]'), { value: '30' });

        expect(sent).toEqual([
            { group: 'session', key: 'customerChat', value: true },
            { group: 'session', key: 'accessWindowHours', value: 100 },
            // Kept as typed, so the owner's check can say it must be a number.
            { group: 'session', key: 'accessWindowHours', value: 'ten' },
            { group: 'session', key: 'searchSpace', value: 'mine' },
            // A duration goes up whole, the other parts as they were.
            { group: 'session', key: 'inactiveAutoClose', value: { days: 2, hours: 3, minutes: 30 } }
        ]);

        const afterEnd = await mountFields({ group: 'afterEnd', values: orgValues('afterEnd') });
        const sentAfterEnd = recordChanges(afterEnd);
        change(settingControl(afterEnd, 'redirectUrl'), { value: '  https://help.example.com/other ' });
        change(settingControl(afterEnd, 'redirectUrl'), { value: '   ' });
        change(settingControl(afterEnd, 'preventAccess'), { checked: true });
        expect(sentAfterEnd).toEqual([
            { group: 'afterEnd', key: 'redirectUrl', value: 'https://help.example.com/other' },
            { group: 'afterEnd', key: 'redirectUrl', value: null },
            { group: 'afterEnd', key: 'preventAccess', value: true }
        ]);
    });

    it("switches auto-close off as null, and on again with the admin's last numbers", async () => {
        const element = await mountFields({ group: 'session', values: orgValues('session') });
        const sent = recordChanges(element);
        const switchOf = () => settingControl(element, 'inactiveAutoClose', '[data-role="switch"]');

        change(switchOf(), { checked: false });
        expect(sent.pop()).toEqual({ group: 'session', key: 'inactiveAutoClose', value: null });

        // The owner passes the value back: switched off, the numbers show 0 and cannot be edited.
        element.values = { ...orgValues('session'), inactiveAutoClose: null };
        await flushPromises();
        expect(switchOf().checked).toBe(false);
        const parts = [...element.shadowRoot.querySelectorAll('[data-key="inactiveAutoClose"][data-part]')];
        expect(parts.map((p) => [p.value, p.disabled])).toEqual([
            [0, true],
            [0, true],
            [0, true]
        ]);

        change(switchOf(), { checked: true });
        expect(sent.pop()).toEqual({ group: 'session', key: 'inactiveAutoClose', value: { days: 2, hours: 3, minutes: 0 } });
    });

    it('switches auto-close on at one day when it was never on', async () => {
        const element = await mountFields({ group: 'session', values: { ...orgValues('session'), inactiveAutoClose: null } });
        const sent = recordChanges(element);
        change(settingControl(element, 'inactiveAutoClose', '[data-role="switch"]'), { checked: true });
        expect(sent).toEqual([{ group: 'session', key: 'inactiveAutoClose', value: { days: 1, hours: 0, minutes: 0 } }]);
    });

    it('disables every control while disabled (as while saving)', async () => {
        const element = await mountFields({ group: 'session', values: orgValues('session'), disabled: true });
        const controls = [...element.shadowRoot.querySelectorAll('[data-key]')];
        expect(controls).toHaveLength(SESSION_KEYS.length + 3); // the duration has a switch and three numbers
        for (const control of controls) expect(control.disabled).toBe(true);
    });

    it('puts each problem on its input with setCustomValidity, a duration problem on its part only, and clears it when fixed', async () => {
        const values = { ...orgValues('session'), accessWindowHours: 5000, inactiveAutoClose: { days: 2, hours: 24, minutes: 0 } };
        const element = await mountFields({
            group: 'session',
            values,
            errors: {
                accessWindowHours: { message: 'Access window after first open (hours): must be 1 to 2160 hours' },
                inactiveAutoClose: { message: 'Close inactive sessions automatically: must be 0 to 23 hours', part: 'hours' }
            }
        });

        expect(customValidityCalls()).toEqual([
            ['accessWindowHours', '', 'Access window after first open (hours): must be 1 to 2160 hours'],
            ['inactiveAutoClose', 'hours', 'Close inactive sessions automatically: must be 0 to 23 hours']
        ]);
        // Shown at once, not only when the input is next touched.
        expect(reportValidity).toHaveBeenCalledTimes(2);

        // The owner fixes the hours and passes new values and problems down.
        setCustomValidity.mockClear();
        element.values = { ...values, accessWindowHours: 72 };
        element.errors = {
            inactiveAutoClose: { message: 'Close inactive sessions automatically: must be 0 to 23 hours', part: 'hours' }
        };
        await flushPromises();
        expect(customValidityCalls()).toEqual([
            ['accessWindowHours', '', ''],
            ['inactiveAutoClose', 'hours', 'Close inactive sessions automatically: must be 0 to 23 hours']
        ]);
    });
});

describe('c-parley-setup-setting-fields for a team', () => {
    afterEach(() => {
        unmountAll();
        jest.clearAllMocks();
    });

    function mountTeam(group, props = {}) {
        return mountFields({ group, values: teamValues(group), orgValues: orgValues(group), ...props });
    }

    it("shows a team's own values editable, and inherited ones as the org's value, disabled, with the org value named", async () => {
        const element = await mountTeam('session');

        // Own value (the team lets customers chat; the org does not).
        expect(inheritBox(element, 'customerChat').checked).toBe(false);
        expect(settingControl(element, 'customerChat').checked).toBe(true);
        expect(settingControl(element, 'customerChat').disabled).toBe(false);
        expect(settingControl(element, 'searchSpace').value).toBe('all');

        // Inherited: the org's value, shown but not editable.
        expect(inheritBox(element, 'accessWindowHours').checked).toBe(true);
        expect(settingControl(element, 'accessWindowHours').value).toBe(72);
        expect(settingControl(element, 'accessWindowHours').disabled).toBe(true);
        expect(inheritBox(element, 'accessWindowHours').label).toBe('Inherit from org (org value: 72 hours)');
        expect(inheritBox(element, 'customerAttachments').label).toBe('Inherit from org (org value: on)');
        expect(inheritBox(element, 'singleActiveSession').label).toBe('Inherit from org (org value: off)');
        expect(inheritBox(element, 'inactiveAutoClose').label).toBe('Inherit from org (org value: after 2 days 3 hours)');
        const parts = [...element.shadowRoot.querySelectorAll('[data-key="inactiveAutoClose"][data-part]')];
        expect(parts.map((p) => [p.value, p.disabled])).toEqual([
            [2, true],
            [3, true],
            [0, true]
        ]);
        expect(settingControl(element, 'inactiveAutoClose', '[data-role="switch"]').disabled).toBe(true);

        // Each setting's value and its checkbox are one group named after the setting.
        const groups = [...element.shadowRoot.querySelectorAll('[data-setting]')];
        expect(groups.map((g) => g.getAttribute('role'))).toEqual(SESSION_KEYS.map(() => 'group'));
        expect(element.shadowRoot.querySelector('[data-setting="otpRequired"]').getAttribute('aria-label')).toBe(
            'One-time code required to enter'
        );
        await expect(element).toBeAccessible();
    });

    it('names "none" for an org without a redirect URL', async () => {
        const element = await mountTeam('afterEnd', { orgValues: { ...orgValues('afterEnd'), redirectUrl: null } });
        expect(inheritBox(element, 'redirectUrl').label).toBe('Inherit from org (org value: none)');
        expect(inheritBox(element, 'fullAccessHours').checked).toBe(false);
        expect(settingControl(element, 'fullAccessHours').value).toBe(12);
        await expect(element).toBeAccessible();
    });

    it("sends \"inherit\" when the box is ticked, and the org's value to start from when it is cleared", async () => {
        const element = await mountTeam('session');
        const sent = recordChanges(element);

        change(inheritBox(element, 'customerChat'), { checked: true });
        change(inheritBox(element, 'accessWindowHours'), { checked: false });
        change(inheritBox(element, 'inactiveAutoClose'), { checked: false });

        expect(sent).toEqual([
            { group: 'session', key: 'customerChat', value: 'inherit' },
            { group: 'session', key: 'accessWindowHours', value: 72 },
            { group: 'session', key: 'inactiveAutoClose', value: { days: 2, hours: 3, minutes: 0 } }
        ]);
        // A copy: the team's draft never shares the org's duration object.
        expect(sent[2].value).not.toBe(element.orgValues.inactiveAutoClose);
    });

    it('disables the "Inherit from org" boxes too while disabled', async () => {
        const element = await mountTeam('afterEnd', { disabled: true });
        const boxes = [...element.shadowRoot.querySelectorAll('[data-role="inherit"]')];
        expect(boxes).toHaveLength(AFTER_END_KEYS.length);
        for (const box of boxes) expect(box.disabled).toBe(true);
        expect(settingControl(element, 'fullAccessHours').disabled).toBe(true);
    });

    it('puts no problem on the "Inherit from org" box itself', async () => {
        const values = { ...teamValues('afterEnd'), fullAccessHours: 500 };
        await mountTeam('afterEnd', {
            values,
            errors: { fullAccessHours: { message: 'Full access (hours): must be 0 to 168 hours' } }
        });
        expect(customValidityCalls()).toEqual([['fullAccessHours', '', 'Full access (hours): must be 0 to 168 hours']]);
    });
});
