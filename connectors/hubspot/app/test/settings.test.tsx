// The settings page: the connection (account, last write-back, failures,
// Reconnect through the install link, Resync), the org's settings and a
// team's overrides with Parley's ranges, and the message texts; each saves
// only what changed and shows Parley's refusals on the fields they name.
import { Alert, Button, Input, NumberInput, Select, Text, TextArea, Toggle } from '@hubspot/ui-extensions';
import { describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { change } from './support/change';
import { parley } from './support/fake-parley';
import { recorded } from './support/recorded';
import { renderSettings } from './support/render-settings';

/** Every tab reads what it shows; these answer all of them. */
function answerEverything(status: 'hubspotStatus' | 'hubspotStatusBroken' = 'hubspotStatus') {
  parley
    .on('GET', '/crm/hubspot', status)
    .on('GET', '/settings', 'getSettings')
    .on('GET', '/teams', 'listTeams')
    .on('GET', '/settings/notifications', 'getNotificationSettings');
}

describe('the connection', () => {
  it('shows the connected account, the last write-back and what failed', async () => {
    answerEverything();
    const r = renderSettings();
    await r.waitFor(() => expect(r.findByTestId(Text, 'portal').text).toBe('acme-bank.hubspot.com (24681357)'));
    expect(r.findByTestId(Text, 'last-sync').text).toBe('21 Nov, 11:31 UTC');
    expect(r.findByTestId(Text, 'failure-0').text).toBe('21 Nov, 10:58 UTC — deals 9012: PROPERTY_DOESNT_EXIST: parley_session_status is not a property of deals; run Resync to create it');
    expect(r.maybeFindByTestId(Alert, 'broken')).toBeNull();
    expect(r.findByTestId(Button, 'reconnect').props.href).toEqual({ url: recorded('hubspotStatus').installUrl, external: true });
  });

  it('resyncs, says how many sessions are queued, and reads the connection again', async () => {
    answerEverything();
    parley.on('POST', '/crm/hubspot/resync', 'resync');
    const r = renderSettings();
    await r.waitFor(() => expect(r.findByTestId(Button, 'resync').props.disabled).toBe(false));
    r.findByTestId(Button, 'resync').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Text, 'resync-result').text).toBe('12 session(s) queued for write-back.'));
    expect(parley.callsTo('POST', '/crm/hubspot/resync')).toHaveLength(1);
    expect(parley.callsTo('GET', '/crm/hubspot')).toHaveLength(2);
  });

  it('says why HubSpot refused Parley and offers Reconnect first, Resync not at all', async () => {
    answerEverything('hubspotStatusBroken');
    const r = renderSettings();
    await r.waitFor(() => expect(r.findByTestId(Alert, 'broken').props.variant).toBe('danger'));
    expect(r.findByTestId(Alert, 'broken').find(Text).text).toBe('Since 20 Nov, 16:02 UTC: the app was uninstalled from this HubSpot account. Nothing is written to HubSpot until an admin reconnects.');
    expect(r.findByTestId(Button, 'reconnect').props.variant).toBe('primary');
    expect(r.findByTestId(Button, 'reconnect').props.href).toEqual({ url: recorded('hubspotStatusBroken').installUrl, external: true });
    expect(r.findByTestId(Button, 'resync').props.disabled).toBe(true);
  });

  it('offers to connect an account that has no connection', async () => {
    answerEverything();
    parley.on('GET', '/crm/hubspot', { status: 200, body: { ...recorded('hubspotStatus'), connection: null } });
    const r = renderSettings();
    await r.waitFor(() => expect(r.findByTestId(Button, 'connect').props.href).toEqual({ url: recorded('hubspotStatus').installUrl, external: true }));
  });

  it('checks the connection and says which HubSpot account and API version Parley reached', async () => {
    answerEverything();
    parley.on('POST', '/crm/hubspot/check', 'checkHubSpot');
    const r = renderSettings();
    await r.waitFor(() => expect(r.findByTestId(Button, 'check').props.disabled).toBe(false));
    expect(r.findByTestId(Button, 'check').text).toBe('Check connection');
    r.findByTestId(Button, 'check').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Text, 'check-result').text).toBe('Connected to https://app.hubspot.com/contacts/24681357 (API 2026-03)'));
    expect(r.findByTestId(Alert, 'check-ok').props.variant).toBe('success');
    expect(r.maybeFindByTestId(Alert, 'check-refused')).toBeNull();
    expect(parley.callsTo('POST', '/crm/hubspot/check')).toEqual([{ method: 'POST', path: '/crm/hubspot/check', body: undefined }]);
    await r.waitFor(() => expect(r.findByTestId(Button, 'check').props.disabled).toBe(false));
  });

  it("shows HubSpot's refusal from the check, and reads the connection again to show it broken", async () => {
    answerEverything();
    parley.on('GET', '/crm/hubspot', 'hubspotStatus', 'hubspotStatusBroken').on('POST', '/crm/hubspot/check', 'checkHubSpotRefused');
    const r = renderSettings();
    await r.waitFor(() => expect(r.findByTestId(Button, 'check').props.disabled).toBe(false));
    expect(r.maybeFindByTestId(Alert, 'broken')).toBeNull();
    r.findByTestId(Button, 'check').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Alert, 'broken').props.variant).toBe('danger'));
    expect(r.findByTestId(Alert, 'check-refused').props.variant).toBe('danger');
    expect(r.findByTestId(Text, 'check-result').text).toBe(recorded('checkHubSpotRefused').error);
    expect(r.maybeFindByTestId(Alert, 'check-ok')).toBeNull();
    expect(parley.callsTo('GET', '/crm/hubspot')).toHaveLength(2);
  });

  it("says the check did not run when Parley refuses it, with Parley's reason", async () => {
    answerEverything();
    parley.on('POST', '/crm/hubspot/check', { status: 403, body: { error: { code: 'forbidden', message: 'Only a Parley admin can check the connection' } } });
    const r = renderSettings();
    await r.waitFor(() => expect(r.findByTestId(Button, 'check').props.disabled).toBe(false));
    r.findByTestId(Button, 'check').trigger('onClick');
    await r.waitFor(() => expect(r.find(Alert, { title: 'The check did not run' }).text).toBe('Only a Parley admin can check the connection'));
    expect(r.maybeFindByTestId(Text, 'check-result')).toBeNull();
  });

  it('says what is missing when this Parley has no HubSpot app to install', async () => {
    answerEverything('hubspotStatusBroken');
    parley.on('GET', '/crm/hubspot', { status: 200, body: { ...recorded('hubspotStatusBroken'), installUrl: null } });
    const r = renderSettings();
    await r.waitFor(() => expect(r.findByTestId(Text, 'no-app').text).toMatch(/^This Parley has no HubSpot app configured/));
    expect(r.maybeFindByTestId(Button, 'reconnect')).toBeNull();
  });
});

describe("the org's settings", () => {
  const field = <T,>(r: ReturnType<typeof renderSettings>, component: T, name: string) => r.find(component as any, { name }) as any;

  it("show Parley's values with the catalogue's ranges, and save only what changed", async () => {
    answerEverything();
    const saved = recorded('getSettings');
    parley.on('PATCH', '/settings', () => ({ status: 200, body: { settings: { ...saved.settings, session: { ...saved.settings.session, accessWindowHours: 48 } } } }));
    const r = renderSettings();
    await r.waitFor(() => expect(field(r, NumberInput, 'org.session.accessWindowHours').props.value).toBe(saved.settings.session.accessWindowHours));
    expect(field(r, NumberInput, 'org.session.accessWindowHours').props).toMatchObject({ min: 1, max: 2160 });
    expect(field(r, NumberInput, 'org.afterEnd.fullAccessHours').props).toMatchObject({ min: 0, max: 168 });
    expect(field(r, Toggle, 'org.session.customerChat').props.checked).toBe(saved.settings.session.customerChat);
    expect(r.findByTestId(Button, 'org-save').props.disabled).toBe(true);

    change(field(r, NumberInput, 'org.session.accessWindowHours'), 48);
    await r.waitFor(() => expect(r.findByTestId(Button, 'org-save').props.disabled).toBe(false));
    r.findByTestId(Button, 'org-save').trigger('onClick');
    await eventually(() => expect(parley.callsTo('PATCH', '/settings')).toHaveLength(1));
    expect(parley.callsTo('PATCH', '/settings')[0]!.body).toEqual({ session: { accessWindowHours: 48 } });
    await eventually(() => expect(r.mocks.actions.addAlert.calls[0]![0]).toMatchObject({ type: 'success' }));
  });

  it('refuse a value outside its range before asking Parley, naming the setting and the range', async () => {
    answerEverything();
    const r = renderSettings();
    await r.waitFor(() => expect(field(r, NumberInput, 'org.afterEnd.fullAccessHours')).toBeTruthy());
    change(field(r, NumberInput, 'org.afterEnd.fullAccessHours'), 200);
    await r.waitFor(() => expect(r.findByTestId(Button, 'org-save').props.disabled).toBe(false));
    r.findByTestId(Button, 'org-save').trigger('onClick');
    await r.waitFor(() => expect(field(r, NumberInput, 'org.afterEnd.fullAccessHours').props.validationMessage).toBe('Full access (hours): must be 0 to 168 hours'));
    expect(parley.callsTo('PATCH', '/settings')).toEqual([]);
  });

  it("show Parley's 422 on the setting it names", async () => {
    answerEverything();
    parley.on('PATCH', '/settings', 'settingsRefused');
    const r = renderSettings();
    await r.waitFor(() => expect(field(r, NumberInput, 'org.session.accessWindowHours')).toBeTruthy());
    change(field(r, NumberInput, 'org.session.accessWindowHours'), 24);
    await r.waitFor(() => expect(r.findByTestId(Button, 'org-save').props.disabled).toBe(false));
    r.findByTestId(Button, 'org-save').trigger('onClick');
    await r.waitFor(() => expect(field(r, NumberInput, 'org.session.accessWindowHours').props.validationMessage).toBe('Access window after first open (hours): must be 1 to 2160 hours'));
  });

  it('send the auto-close duration whole when one part changes, and null when it is switched off', async () => {
    answerEverything();
    parley.on('PATCH', '/settings', 'getSettings');
    const r = renderSettings();
    const closing = recorded('getSettings').settings.session.inactiveAutoClose;
    await r.waitFor(() => expect(field(r, NumberInput, 'org.session.inactiveAutoClose.hours').props.value).toBe(closing.hours));
    expect(field(r, NumberInput, 'org.session.inactiveAutoClose.hours').props.max).toBe(23);
    expect(field(r, NumberInput, 'org.session.inactiveAutoClose.days').props.max).toBe(30);
    change(field(r, NumberInput, 'org.session.inactiveAutoClose.hours'), 6);
    await r.waitFor(() => expect(field(r, NumberInput, 'org.session.inactiveAutoClose.hours').props.value).toBe(6));
    r.findByTestId(Button, 'org-save').trigger('onClick');
    await eventually(() => expect(parley.callsTo('PATCH', '/settings')).toHaveLength(1));
    expect(parley.callsTo('PATCH', '/settings')[0]!.body).toEqual({ session: { inactiveAutoClose: { ...closing, hours: 6 } } });

    change(field(r, Toggle, 'org.session.inactiveAutoClose.on'), false);
    await r.waitFor(() => expect(r.maybeFind(NumberInput, { name: 'org.session.inactiveAutoClose.hours' })).toBeNull());
    r.findByTestId(Button, 'org-save').trigger('onClick');
    await eventually(() => expect(parley.callsTo('PATCH', '/settings')).toHaveLength(2));
    expect(parley.callsTo('PATCH', '/settings')[1]!.body).toEqual({ session: { inactiveAutoClose: null } });
  });
});

describe("a team's overrides", () => {
  it('show what the team inherits, and save a change of source', async () => {
    answerEverything();
    const team = recorded('getTeamSettings');
    parley.on('GET', `/teams/${team.teamId}/settings`, 'getTeamSettings').on('PATCH', `/teams/${team.teamId}/settings`, 'getTeamSettings');
    const r = renderSettings();
    await r.waitFor(() => expect(r.findByTestId(Select, 'team').props.options.length).toBeGreaterThan(0));
    change(r.findByTestId(Select, 'team'), team.teamId);
    await r.waitFor(() => expect(r.find(Select, { name: 'team.afterEnd.fullAccessHours.source' }).props.value).toBe('own'));
    const inherited = r.find(Select, { name: 'team.session.accessWindowHours.source' });
    expect(inherited.props.value).toBe('inherit');
    expect(inherited.props.options[0]!.label).toBe(`Inherit from org (currently: ${recorded('getSettings').settings.session.accessWindowHours} hours)`);
    expect(r.find(NumberInput, { name: 'team.afterEnd.fullAccessHours' }).props.value).toBe(12);

    change(r.find(Select, { name: 'team.afterEnd.fullAccessHours.source' }), 'inherit');
    await r.waitFor(() => expect(r.maybeFind(NumberInput, { name: 'team.afterEnd.fullAccessHours' })).toBeNull());
    r.findByTestId(Button, 'team-save').trigger('onClick');
    await eventually(() => expect(parley.callsTo('PATCH', `/teams/${team.teamId}/settings`)).toHaveLength(1));
    expect(parley.callsTo('PATCH', `/teams/${team.teamId}/settings`)[0]!.body).toEqual({ afterEnd: { fullAccessHours: 'inherit' } });
  });
});

describe('the message texts', () => {
  it("count characters against Parley's limits, go back to Parley's wording, and save only the changed texts", async () => {
    answerEverything();
    parley.on('PATCH', '/settings/notifications', 'getNotificationSettings');
    const r = renderSettings();
    const answer = recorded('getNotificationSettings');
    await r.waitFor(() => expect(r.findByTestId(Input, 'invitation.smsLong')).toBeTruthy());
    const smsLong = () => r.findByTestId(Input, 'invitation.smsLong');
    expect(smsLong().props.description).toBe(`${[...answer.settings.messages.invitation.smsLong].length} of ${answer.limits.smsLong} characters`);

    change(smsLong(), '{orgName}: your room is ready.');
    await r.waitFor(() => expect(smsLong().props.description).toBe(`30 of ${answer.limits.smsLong} characters`));
    r.findByTestId(Button, 'save-texts').trigger('onClick');
    await eventually(() => expect(parley.callsTo('PATCH', '/settings/notifications')).toHaveLength(1));
    expect(parley.callsTo('PATCH', '/settings/notifications')[0]!.body).toEqual({ messages: { invitation: { smsLong: '{orgName}: your room is ready.' } } });
  });

  it("refuse a body without {link} and an SMS that carries it, naming the text", async () => {
    answerEverything();
    const r = renderSettings();
    await r.waitFor(() => expect(r.findByTestId(TextArea, 'reminder.emailHtml')).toBeTruthy());
    change(r.findByTestId(TextArea, 'reminder.emailHtml'), '<p>Hello {customerName}</p>');
    change(r.findByTestId(Input, 'newActivity.smsShort'), 'Look: {link}');
    await r.waitFor(() => expect(r.findByTestId(Button, 'save-texts').props.disabled).toBe(false));
    r.findByTestId(Button, 'save-texts').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(TextArea, 'reminder.emailHtml').props.validationMessage).toBe('Email body (HTML): must contain {link}, or the customer has no way into the room'));
    expect(r.findByTestId(Input, 'newActivity.smsShort').props.validationMessage).toBe('SMS text with the short link: leave out {link}: the link is added after the text');
    expect(parley.callsTo('PATCH', '/settings/notifications')).toEqual([]);

    r.findByTestId(Button, 'reset-reminder').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(TextArea, 'reminder.emailHtml').props.value).toBe(recorded('getNotificationSettings').defaults.messages.reminder.emailHtml));
  });
});
