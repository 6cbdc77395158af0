// The Teams tab: the org's teams, creating one, and one team's settings,
// where each setting is either "Inherit from org" or the team's own value.
// Save sends only the settings whose choice changed; "inherit" removes the
// team's own value on the Worker.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import listTeams from '@salesforce/apex/ParleySetupController.listTeams';
import listAgents from '@salesforce/apex/ParleySetupController.listAgents';
import createTeam from '@salesforce/apex/ParleySetupController.createTeam';
import getTeamSettings from '@salesforce/apex/ParleySetupController.getTeamSettings';
import saveTeamSettings from '@salesforce/apex/ParleySetupController.saveTeamSettings';
import { errorMessage } from 'c/parleySetupApexError';
import { changedFields, copyOf, isEmptyPatch, savePatch } from 'c/parleySetupPatch';
import { groupTitle, validateGroup } from 'c/parleySetupSettingRules';

const MAX_TEAM_NAME = 80; // as the Worker's POST /teams allows

export default class ParleySetupTeams extends LightningElement {
    /** The org's saved settings {session, afterEnd}: what "inherit" currently means. */
    @api orgSettings;

    teams = [];
    agents; // [{id, teamId, ...}] or undefined when they could not be read
    loadingTeams = true;
    teamsError;

    newTeamName = '';
    newTeamProblem;
    creating = false;

    selectedTeamId;
    team; // {teamId, name, overrides, effective} from the Worker
    draft; // {session, afterEnd}: a value or "inherit" per setting
    loadingTeam = false;
    teamError;
    saving = false;
    serverError;

    connectedCallback() {
        this.loadTeams();
    }

    async loadTeams() {
        this.loadingTeams = true;
        this.teamsError = undefined;
        // The agents only add a head count to each team; the list stands without them.
        const agentsCall = listAgents().then(
            (result) => (result && result.agents) || [],
            () => undefined
        );
        try {
            const result = await listTeams();
            this.teams = (result && result.teams) || [];
        } catch (error) {
            this.teamsError = errorMessage(error);
        } finally {
            this.agents = await agentsCall;
            this.loadingTeams = false;
        }
    }

    membersOf(teamId) {
        if (!this.agents) return '';
        const n = this.agents.filter((a) => a.teamId === teamId).length;
        return n === 1 ? '1 agent' : `${n} agents`;
    }

    get teamlessAgents() {
        if (!this.agents || this.teams.length === 0) return '';
        const n = this.agents.filter((a) => !a.teamId).length;
        if (n === 0) return '';
        return n === 1 ? '1 agent is in no team and uses the org settings.' : `${n} agents are in no team and use the org settings.`;
    }

    get hasTeams() {
        return this.teams.length > 0;
    }

    get noTeams() {
        return !this.loadingTeams && !this.teamsError && this.teams.length === 0;
    }

    get teamItems() {
        const locked = this.dirty || this.saving;
        return this.teams.map((t) => {
            const selected = t.id === this.selectedTeamId;
            return {
                id: t.id,
                name: t.name,
                members: this.membersOf(t.id),
                pressed: selected ? 'true' : 'false',
                buttonClass: `slds-button ${selected ? 'slds-button_brand' : 'slds-button_neutral'}`,
                disabled: locked && !selected
            };
        });
    }

    get switchLockedNote() {
        return this.dirty ? 'Save or cancel the changes to this team before choosing another.' : '';
    }

    // ---- creating a team ----

    handleNameChange(event) {
        this.newTeamName = event.detail.value;
        this.newTeamProblem = undefined;
    }

    handleNameKeyUp(event) {
        if (event.key === 'Enter') this.handleCreate();
    }

    async handleCreate() {
        const name = String(this.newTeamName || '').trim();
        if (name.length < 1 || name.length > MAX_TEAM_NAME) {
            this.newTeamProblem = `Team name: must be 1 to ${MAX_TEAM_NAME} characters`;
            return;
        }
        this.creating = true;
        this.newTeamProblem = undefined;
        try {
            const created = await createTeam({ name });
            this.newTeamName = '';
            this.toast('success', 'Team created', `${created.name} inherits every org setting until you override one.`);
            await this.loadTeams();
            if (!this.dirty) await this.selectTeam(created.id);
        } catch (error) {
            this.newTeamProblem = errorMessage(error);
        } finally {
            this.creating = false;
        }
    }

    get createDisabled() {
        return this.creating;
    }

    // ---- one team's settings ----

    handleTeamClick(event) {
        const id = event.currentTarget.dataset.id;
        if (id === this.selectedTeamId || this.dirty) return;
        this.selectTeam(id);
    }

    async selectTeam(teamId) {
        this.selectedTeamId = teamId;
        this.loadingTeam = true;
        this.teamError = undefined;
        this.team = undefined;
        this.draft = undefined;
        try {
            this.accept(await getTeamSettings({ teamId }));
        } catch (error) {
            this.teamError = errorMessage(error);
        } finally {
            this.loadingTeam = false;
        }
    }

    accept(view) {
        this.team = view;
        this.draft = copyOf(view.overrides);
        this.serverError = undefined;
    }

    get hasTeam() {
        return Boolean(this.team && this.draft);
    }

    get teamHeading() {
        return this.team ? `Settings for the team ${this.team.name}` : '';
    }

    /** The org's value per setting: from the org tab, or, when that failed, what the team inherits. */
    orgValuesFor(group) {
        if (this.orgSettings && this.orgSettings[group]) return this.orgSettings[group];
        return this.team ? this.team.effective[group] : {};
    }

    get orgSession() {
        return this.orgValuesFor('session');
    }

    get orgAfterEnd() {
        return this.orgValuesFor('afterEnd');
    }

    get sessionErrors() {
        return this.draft ? validateGroup('session', this.draft.session) : {};
    }

    get afterEndErrors() {
        return this.draft ? validateGroup('afterEnd', this.draft.afterEnd) : {};
    }

    get problems() {
        const list = [];
        for (const [group, errors] of [
            ['session', this.sessionErrors],
            ['afterEnd', this.afterEndErrors]
        ]) {
            for (const error of Object.values(errors)) list.push(`${groupTitle(group)}: ${error.message}`);
        }
        return list;
    }

    get patch() {
        return this.team && this.draft ? changedFields(this.team.overrides, this.draft, 2) : {};
    }

    get dirty() {
        return !isEmptyPatch(this.patch);
    }

    handleSettingChange(event) {
        const { group, key, value } = event.detail;
        this.draft = { ...this.draft, [group]: { ...this.draft[group], [key]: value } };
    }

    handleSave(event) {
        return savePatch(this, {
            event,
            problems: this.problems,
            send: (patchJson) => saveTeamSettings({ teamId: this.team.teamId, patchJson }),
            savedTitle: 'Team settings saved',
            savedMessage: `${this.team.name} uses its new settings from now on.`,
            failedTitle: 'Team settings not saved'
        });
    }

    handleCancel() {
        this.draft = copyOf(this.team.overrides);
        this.serverError = undefined;
    }

    toast(variant, title, message) {
        this.dispatchEvent(new ShowToastEvent({ variant, title, message }));
    }
}
