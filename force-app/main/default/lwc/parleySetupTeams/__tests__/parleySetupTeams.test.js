// The Teams tab on its own: the org's teams with their head counts, a
// team's settings as its own value or inherited from the org, saving them,
// and creating a team, against recorded Apex answers in data/.
import ParleySetupTeams from 'c/parleySetupTeams';
import listTeams from '@salesforce/apex/ParleySetupController.listTeams';
import listAgents from '@salesforce/apex/ParleySetupController.listAgents';
import createTeam from '@salesforce/apex/ParleySetupController.createTeam';
import getTeamSettings from '@salesforce/apex/ParleySetupController.getTeamSettings';
import saveTeamSettings from '@salesforce/apex/ParleySetupController.saveTeamSettings';
import { change, fixtures, flushPromises, mount, settingControl, unmountAll } from 'parley-lwc-test';

const fixture = fixtures(__dirname);

jest.mock('@salesforce/apex/ParleySetupController.listTeams', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.listAgents', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.createTeam', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.getTeamSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.saveTeamSettings', () => ({ default: jest.fn() }), { virtual: true });

const CLAIMS = 'tem_01HZX3K8Q0C4W7RPDQ8V9N2M5A';
const ONBOARDING = 'tem_01HZX3M2B7G5Y1TQEV6K3J8R0C';

function orgSettings() {
    return fixture('getSettings').settings;
}

async function mountTeams() {
    const element = mount('c-parley-setup-teams', ParleySetupTeams, { orgSettings: orgSettings() });
    await flushPromises();
    return element;
}

function teamButton(element, id) {
    return element.shadowRoot.querySelector(`button[data-id="${id}"]`);
}

async function openClaims(element) {
    teamButton(element, CLAIMS).click();
    await flushPromises();
}

function fields(element, group) {
    return element.shadowRoot.querySelector(`c-parley-setup-setting-fields[data-group="${group}"]`);
}

function inheritBox(element, group, key) {
    return settingControl(fields(element, group), key, '[data-role="inherit"]');
}

function saveBar(element) {
    return element.shadowRoot.querySelector('c-parley-setup-save-bar');
}

describe('c-parley-setup-teams', () => {
    beforeEach(() => {
        listTeams.mockResolvedValue(fixture('listTeams'));
        listAgents.mockResolvedValue(fixture('listAgents'));
        getTeamSettings.mockResolvedValue(fixture('getTeamSettings'));
    });

    afterEach(() => {
        unmountAll();
        jest.clearAllMocks();
    });

    it("lists the org's teams", async () => {
        const element = await mountTeams();
        const names = [...element.shadowRoot.querySelectorAll('[data-id="team-list"] button')].map((b) => b.textContent.trim());
        expect(names).toEqual(['Claims', 'Onboarding']);
        expect(element.shadowRoot.querySelector(`[data-members="${CLAIMS}"]`).textContent).toBe('2 agents');
        expect(element.shadowRoot.querySelector(`[data-members="${ONBOARDING}"]`).textContent).toBe('1 agent');
        expect(element.shadowRoot.querySelector('[data-id="teamless"]').textContent).toBe('1 agent is in no team and uses the org settings.');
        await expect(element).toBeAccessible();
    });

    it('lists the teams without head counts when the agents cannot be read', async () => {
        listAgents.mockRejectedValue({ status: 500, body: { message: 'Read timed out' } });
        const element = await mountTeams();
        expect(element.shadowRoot.querySelectorAll('[data-id="team-list"] button')).toHaveLength(2);
        expect(element.shadowRoot.querySelector(`[data-members="${CLAIMS}"]`).textContent).toBe('');
    });

    it('says so when there are no teams', async () => {
        listTeams.mockResolvedValue({ teams: [] });
        const element = await mountTeams();
        expect(element.shadowRoot.querySelector('[data-id="no-teams"]').textContent).toContain('No teams yet');
    });

    it("shows each of a team's settings as its own value or inherited from the org", async () => {
        const element = await mountTeams();
        await openClaims(element);

        expect(getTeamSettings).toHaveBeenCalledWith({ teamId: CLAIMS });
        expect(element.shadowRoot.querySelector('[data-id="team-settings"] h2').textContent).toBe('Settings for the team Claims');
        expect(teamButton(element, CLAIMS).getAttribute('aria-pressed')).toBe('true');

        // Own value: not inherited, the team's value, editable.
        expect(inheritBox(element, 'session', 'customerChat').checked).toBe(false);
        expect(settingControl(fields(element, 'session'), 'customerChat').checked).toBe(true);
        expect(settingControl(fields(element, 'session'), 'customerChat').disabled).toBe(false);
        expect(settingControl(fields(element, 'afterEnd'), 'fullAccessHours').value).toBe(12);

        // Inherited: the org's value, shown but not editable, and named in the label.
        const attachments = settingControl(fields(element, 'session'), 'customerAttachments');
        expect(inheritBox(element, 'session', 'customerAttachments').checked).toBe(true);
        expect(attachments.checked).toBe(true);
        expect(attachments.disabled).toBe(true);
        expect(inheritBox(element, 'session', 'accessWindowHours').label).toBe('Inherit from org (org value: 72 hours)');
        expect(inheritBox(element, 'session', 'inactiveAutoClose').label).toBe('Inherit from org (org value: after 2 days 3 hours)');
        expect(inheritBox(element, 'afterEnd', 'redirectUrl').label).toBe('Inherit from org (org value: https://help.example.com/parley)');

        // Each setting's pair of controls is one named group.
        const group = fields(element, 'session').shadowRoot.querySelector('[data-setting="customerChat"]');
        expect(group.getAttribute('role')).toBe('group');
        expect(group.getAttribute('aria-label')).toBe('Customers may chat');
        await expect(element).toBeAccessible();
    });

    it('round-trips "inherit": sends it, and shows the setting inherited after the save', async () => {
        const afterSave = fixture('getTeamSettings');
        afterSave.overrides.session.customerChat = 'inherit';
        afterSave.effective.session.customerChat = false;
        afterSave.overrides.session.accessWindowHours = 100;
        afterSave.effective.session.accessWindowHours = 100;
        saveTeamSettings.mockResolvedValue(afterSave);
        const element = await mountTeams();
        await openClaims(element);

        // Back to the org's value (off in the org) ...
        change(inheritBox(element, 'session', 'customerChat'), { checked: true });
        // ... and an own value where the team inherited: it starts from the org's 72.
        change(inheritBox(element, 'session', 'accessWindowHours'), { checked: false });
        await flushPromises();
        const hours = settingControl(fields(element, 'session'), 'accessWindowHours');
        expect(hours.value).toBe(72);
        expect(hours.disabled).toBe(false);
        expect(settingControl(fields(element, 'session'), 'customerChat').checked).toBe(false);
        expect(settingControl(fields(element, 'session'), 'customerChat').disabled).toBe(true);
        change(hours, { value: '100' });
        await flushPromises();

        saveBar(element).dispatchEvent(new CustomEvent('save'));
        await flushPromises();

        expect(saveTeamSettings).toHaveBeenCalledTimes(1);
        const { teamId, patchJson } = saveTeamSettings.mock.calls[0][0];
        expect(teamId).toBe(CLAIMS);
        expect(JSON.parse(patchJson)).toEqual({ session: { customerChat: 'inherit', accessWindowHours: 100 } });

        expect(inheritBox(element, 'session', 'customerChat').checked).toBe(true);
        expect(inheritBox(element, 'session', 'accessWindowHours').checked).toBe(false);
        expect(settingControl(fields(element, 'session'), 'accessWindowHours').value).toBe(100);
        expect(saveBar(element).dirty).toBe(false);
    });

    it('checks a team value against the same ranges as the org', async () => {
        const element = await mountTeams();
        await openClaims(element);
        change(settingControl(fields(element, 'afterEnd'), 'fullAccessHours'), { value: '500' });
        await flushPromises();

        expect(saveBar(element).problems).toEqual(['After the session ends: Full access (hours): must be 0 to 168 hours']);
        saveBar(element).dispatchEvent(new CustomEvent('save'));
        await flushPromises();
        expect(saveTeamSettings).not.toHaveBeenCalled();
    });

    it('keeps the team chosen while it has unsaved changes', async () => {
        const element = await mountTeams();
        await openClaims(element);
        change(settingControl(fields(element, 'session'), 'searchSpace'), { value: 'mine' });
        await flushPromises();

        expect(teamButton(element, ONBOARDING).disabled).toBe(true);
        expect(element.shadowRoot.textContent).toContain('Save or cancel the changes to this team before choosing another.');

        saveBar(element).dispatchEvent(new CustomEvent('cancel'));
        await flushPromises();
        expect(teamButton(element, ONBOARDING).disabled).toBe(false);
    });

    it("shows the Worker's message when it refuses a team change", async () => {
        saveTeamSettings.mockRejectedValue({ status: 404, body: { message: 'team not found' } });
        const element = await mountTeams();
        await openClaims(element);
        change(settingControl(fields(element, 'session'), 'otpRequired'), { checked: true });
        await flushPromises();
        saveBar(element).dispatchEvent(new CustomEvent('save'));
        await flushPromises();

        expect(saveBar(element).serverError).toBe('team not found');
        expect(saveBar(element).dirty).toBe(true);
    });

    it('creates a team and opens it', async () => {
        const created = { id: 'tem_01HZX6C3D4E5F6G7H8J9K0M1N2', name: 'Renewals' };
        createTeam.mockResolvedValue(created);
        const element = await mountTeams();
        listTeams.mockResolvedValue({ teams: [...fixture('listTeams').teams, created] });
        getTeamSettings.mockResolvedValue({ ...fixture('getTeamSettings'), teamId: created.id, name: 'Renewals' });

        change(element.shadowRoot.querySelector('[data-id="new-team-name"]'), { value: '  Renewals ' });
        element.shadowRoot.querySelector('[data-id="create-team"]').click();
        await flushPromises();

        expect(createTeam).toHaveBeenCalledWith({ name: 'Renewals' });
        expect(teamButton(element, created.id)).not.toBeNull();
        expect(getTeamSettings).toHaveBeenCalledWith({ teamId: created.id });
        expect(element.shadowRoot.querySelector('[data-id="team-settings"] h2').textContent).toBe('Settings for the team Renewals');
    });

    it('refuses an empty team name, and shows the Worker refusing a duplicate', async () => {
        const element = await mountTeams();
        element.shadowRoot.querySelector('[data-id="create-team"]').click();
        await flushPromises();
        expect(createTeam).not.toHaveBeenCalled();
        expect(element.shadowRoot.querySelector('[data-id="new-team-problem"]').textContent).toBe('Team name: must be 1 to 80 characters');

        createTeam.mockRejectedValue({ status: 409, body: { message: 'name: a team called "Claims" already exists' } });
        change(element.shadowRoot.querySelector('[data-id="new-team-name"]'), { value: 'Claims' });
        element.shadowRoot.querySelector('[data-id="create-team"]').click();
        await flushPromises();
        expect(element.shadowRoot.querySelector('[data-id="new-team-problem"]').textContent).toBe('name: a team called "Claims" already exists');
        await expect(element).toBeAccessible();
    });
});
