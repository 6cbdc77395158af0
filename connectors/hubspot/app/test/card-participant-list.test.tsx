// Sending a template with roles beyond the customer and the agent from the
// card: the participant list asks who takes each role (someone new, the
// customer in their Assign step, the agent, a participant of the session),
// lets an optional role be left out or made mandatory, follows the org's
// channel rules (no phone with SMS off, both channels with OTP), sends the
// list with the template in one request the Worker's contract accepts, and
// shows Parley's refusal at the role it names.
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { Alert, Button, Checkbox, Input, Select, StatusTag, Text } from '@hubspot/ui-extensions';
import { describe, expect, it } from 'vitest';
import { ItemSender } from '../src/app/cards/ItemSender';
import { change } from './support/change';
import { eventually } from './support/eventually';
import { parley, type Reply } from './support/fake-parley';
import { recorded } from './support/recorded';
import { CORA, renderCard } from './support/render-card';
import { requestBodyProblems } from './support/request-bodies';

const LIST = /^\/sessions\?/;
const SESSION = '/sessions/ses_CUee4JoMb99wEwkm';
const DOCUMENTS = `${SESSION}/documents`;
const LOAN = 'tpl_mi8WH3V33yAECPTm';
const PHOTO_ID = 'tpl_Q3xv8PzL0aRk2mWn';
type Rendered = ReturnType<typeof renderCard>;

/** GET /me with the session settings changed as a test needs. */
function meWith(session: { smsEnabled?: boolean; otpRequired?: boolean }): Reply {
  const me = recorded('getMe');
  Object.assign(me.settings.session, session);
  return { status: 200, body: me };
}

/** The card on a record with an active session, the loan agreement (Customer, Cosigner required, Witness optional) chosen. */
async function loanChosen(me: Reply | 'getMe' = 'getMe') {
  parley
    .on('GET', LIST, 'listSessions')
    .on('GET', SESSION, 'getSessionActive')
    .on('GET', '/templates', 'listTemplates')
    .on('GET', '/workflows', 'listWorkflows')
    .on('GET', `/templates/${LOAN}`, 'getTemplateWithRoles')
    .on('GET', '/me', me);
  const r = renderCard({ properties: CORA });
  await r.waitFor(() => expect(r.findByTestId(StatusTag, 'session-status').text).toBe('Active'));
  await r.waitFor(() => expect(r.findByTestId(Select, 'template').props.options).toHaveLength(2));
  change(r.findByTestId(Select, 'template'), LOAN);
  await r.waitFor(() => expect(r.findByTestId(Select, 'role-0-taker')).toBeTruthy());
  return r;
}

const taker = (r: Rendered, role: number) => r.findByTestId(Select, `role-${role}-taker`);
const field = (r: Rendered, role: number, name: string) => r.findByTestId(Input, `role-${role}-${name}`);

/** Sends, and answers the body Parley received, having checked it against the Worker's declared request. */
async function sent(r: Rendered): Promise<unknown> {
  r.findByTestId(Button, 'send-template').trigger('onClick');
  await eventually(() => expect(parley.callsTo('POST', DOCUMENTS)).toHaveLength(1));
  const body = parley.callsTo('POST', DOCUMENTS)[0]!.body;
  expect(requestBodyProblems('post', '/sessions/{sessionId}/documents', body)).toEqual([]);
  return body;
}

describe('the participant list when sending a template', () => {
  it('asks about each role beyond Customer and Agent: a required one for someone new, an optional one left out', async () => {
    const r = await loanChosen();
    expect(taker(r, 0).props.label).toBe('Cosigner (required)');
    expect(taker(r, 0).props.value).toBe('new');
    // The card passes the session's participants: someone already in it may take the role.
    expect(taker(r, 0).props.options.map((o: { label: string }) => o.label)).toEqual(['Someone new…', 'Let the customer assign', 'Me (the agent)', 'Cora Lane (Customer)', 'Glen Lane (Guarantor)']);
    expect(taker(r, 1).props.label).toBe('Witness (optional)');
    expect(taker(r, 1).props.value).toBe('leave-out');
    expect(taker(r, 1).props.options[0]).toEqual({ label: 'Leave out', value: 'leave-out' });
    expect(r.maybeFindByTestId(Select, 'role-2-taker')).toBeNull();
    // Someone new: name, email and phone (SMS is on); nothing to make mandatory on a required role, nor on one left out.
    expect(['name', 'email', 'phone'].map((f) => field(r, 0, f).props.label)).toEqual(['Cosigner: Name', 'Cosigner: Email', 'Cosigner: Phone (e.g. +14155550123)']);
    expect(r.maybeFindByTestId(Input, 'role-1-name')).toBeNull();
    expect(r.maybeFindByTestId(Checkbox, 'role-0-mandatory')).toBeNull();
    expect(r.maybeFindByTestId(Checkbox, 'role-1-mandatory')).toBeNull();
    expect(r.maybeFindByTestId(Text, 'role-0-otp-note')).toBeNull();
  });

  it('sends the new person with the template and leaves the optional role out', async () => {
    const r = await loanChosen();
    parley.on('POST', DOCUMENTS, 'sendTemplate');
    change(field(r, 0, 'name'), ' Colin Reed ');
    change(field(r, 0, 'email'), 'colin@example.com');
    expect(await sent(r)).toEqual({ templateId: LOAN, roles: { Cosigner: { contact: { name: 'Colin Reed', email: 'colin@example.com' } } } });
    await eventually(() => expect(r.mocks.actions.refreshObjectProperties.callCount).toBe(1));
    await r.waitFor(() => expect(r.maybeFindByTestId(Select, 'role-0-taker')).toBeNull());
  });

  it('leaves a role for the customer to assign, and makes an optional one mandatory', async () => {
    const r = await loanChosen();
    change(taker(r, 0), 'customer');
    await r.waitFor(() => expect(r.maybeFindByTestId(Input, 'role-0-name')).toBeNull());
    // A required role is mandatory already: there is nothing to tick.
    expect(r.maybeFindByTestId(Checkbox, 'role-0-mandatory')).toBeNull();
    change(taker(r, 1), 'customer');
    await r.waitFor(() => expect(r.findByTestId(Checkbox, 'role-1-mandatory').props.checked).toBe(false));
    change(r.findByTestId(Checkbox, 'role-1-mandatory'), true);
    await r.waitFor(() => expect(r.findByTestId(Checkbox, 'role-1-mandatory').props.checked).toBe(true));
    expect(await sent(r)).toEqual({ templateId: LOAN, roles: { Cosigner: { assign: 'customer' }, Witness: { assign: 'customer', required: true } } });
  });

  it('makes an optional role mandatory for someone new, and gives a role to the agent', async () => {
    const r = await loanChosen();
    change(taker(r, 0), 'agent');
    change(taker(r, 1), 'new');
    await r.waitFor(() => expect(field(r, 1, 'name')).toBeTruthy());
    change(field(r, 1, 'name'), 'Wendy Stone');
    change(field(r, 1, 'phone'), '+447700900456');
    change(r.findByTestId(Checkbox, 'role-1-mandatory'), true);
    expect(await sent(r)).toEqual({ templateId: LOAN, roles: { Cosigner: 'agent', Witness: { contact: { name: 'Wendy Stone', phone: '+447700900456' }, required: true } } });
  });

  it('offers no phone where the admin turned SMS off, and refuses a new person without an email before asking Parley', async () => {
    const r = await loanChosen(meWith({ smsEnabled: false }));
    expect(r.maybeFindByTestId(Input, 'role-0-phone')).toBeNull();
    change(field(r, 0, 'name'), 'Colin Reed');
    r.findByTestId(Button, 'send-template').trigger('onClick');
    await r.waitFor(() => expect(field(r, 0, 'email').props.error).toBe(true));
    expect(field(r, 0, 'email').props.validationMessage).toBe('Email: enter one; text messages are turned off, so the invitation goes by email.');
    expect(r.findByTestId(Alert, 'participant-list-problems').text).toContain('Check the participant list: Cosigner.');
    expect(parley.callsTo('POST', DOCUMENTS)).toHaveLength(0);
    change(field(r, 0, 'email'), 'colin@example.com');
    await r.waitFor(() => expect(field(r, 0, 'email').props.error).toBe(false));
    expect(await sent(r)).toEqual({ templateId: LOAN, roles: { Cosigner: { contact: { name: 'Colin Reed', email: 'colin@example.com' } } } });
  });

  it('says both channels are needed when a one-time code is required, and checks for them', async () => {
    const r = await loanChosen(meWith({ otpRequired: true }));
    expect(r.findByTestId(Text, 'role-0-otp-note').text).toMatch(/^A one-time code is required to enter: give both an email and a phone/);
    change(field(r, 0, 'name'), 'Colin Reed');
    change(field(r, 0, 'email'), 'colin@example.com');
    r.findByTestId(Button, 'send-template').trigger('onClick');
    await r.waitFor(() => expect(field(r, 0, 'phone').props.error).toBe(true));
    expect(field(r, 0, 'phone').props.validationMessage).toMatch(/^Phone: a one-time code is required, so both are needed/);
    expect(parley.callsTo('POST', DOCUMENTS)).toHaveLength(0);
  });

  it("shows Parley's refusal at the role it names, not as a general error", async () => {
    const r = await loanChosen();
    parley.on('POST', DOCUMENTS, 'sendTemplateRefused');
    change(field(r, 0, 'name'), 'Colin Reed');
    change(field(r, 0, 'email'), 'colin@example.com');
    await sent(r);
    await r.waitFor(() => expect(taker(r, 0).props.error).toBe(true));
    expect(taker(r, 0).props.validationMessage).toBe('Colin Reed needs a phone number for the one-time code (the invitation goes by email)');
    expect(taker(r, 1).props.error).toBe(false);
    expect(r.findByTestId(Alert, 'participant-list-problems').text).toContain('Cosigner');
    expect(r.findAll(Alert)).toHaveLength(1);
    // Adding the phone answers it.
    change(field(r, 0, 'phone'), '+447700900789');
    await r.waitFor(() => expect(taker(r, 0).props.error).toBe(false));
    expect(r.maybeFindByTestId(Alert, 'participant-list-problems')).toBeNull();
  });

  it('puts a refusal naming one of the new person\'s fields on that field', async () => {
    const r = await loanChosen();
    // The Worker's answer to a local number when the org set no default phone prefix (api/local-phone.ts).
    const said = 'must be a phone number in international form, e.g. +14155550123 (local numbers need a default phone prefix in the notification settings)';
    const refusal = { code: 'invalid_request', message: `roles.Cosigner.contact.phone: ${said}`, issues: [{ field: 'roles.Cosigner.contact.phone', message: said }] };
    parley.on('POST', DOCUMENTS, { status: 422, body: { error: refusal } });
    change(field(r, 0, 'name'), 'Colin Reed');
    change(field(r, 0, 'phone'), '020 7946 0000');
    await sent(r);
    await r.waitFor(() => expect(field(r, 0, 'phone').props.validationMessage).toBe(`Phone: ${said}`));
    expect(taker(r, 0).props.error).toBe(false);
  });

  it('shows a refusal that names no role above the button', async () => {
    const r = await loanChosen();
    parley.on('POST', DOCUMENTS, { status: 409, body: { error: { code: 'session_ended', message: 'the session has ended' } } });
    change(field(r, 0, 'name'), 'Colin Reed');
    change(field(r, 0, 'email'), 'colin@example.com');
    await sent(r);
    await r.waitFor(() => expect(r.find(Alert).text).toContain('the session has ended'));
    expect(r.find(Alert).props.title).toBe('The template was not sent');
    expect(r.maybeFindByTestId(Alert, 'participant-list-problems')).toBeNull();
  });

  it('sends a template with only the customer alone, without asking for the settings', async () => {
    parley
      .on('GET', LIST, 'listSessions')
      .on('GET', SESSION, 'getSessionActive')
      .on('GET', '/templates', 'listTemplates')
      .on('GET', `/templates/${PHOTO_ID}`, 'getTemplateCustomerOnly')
      .on('POST', DOCUMENTS, 'sendTemplate');
    const r = renderCard({ properties: CORA });
    await r.waitFor(() => expect(r.findByTestId(Select, 'template').props.options).toHaveLength(2));
    change(r.findByTestId(Select, 'template'), PHOTO_ID);
    await r.waitFor(() => expect(r.findByTestId(Button, 'send-template').props.disabled).toBe(false));
    expect(r.maybeFindByTestId(Select, 'role-0-taker')).toBeNull();
    expect(await sent(r)).toEqual({ templateId: PHOTO_ID });
    expect(parley.callsTo('GET', '/me')).toHaveLength(0);
  });

  it('drops the roles of a template the agent has already chosen away from', async () => {
    parley
      .on('GET', LIST, 'listSessions')
      .on('GET', SESSION, 'getSessionActive')
      .on('GET', '/templates', 'listTemplates')
      .on('GET', `/templates/${LOAN}`, 'getTemplateWithRoles')
      .on('GET', `/templates/${PHOTO_ID}`, 'getTemplateCustomerOnly')
      .on('GET', '/me', 'getMe')
      .on('POST', DOCUMENTS, 'sendTemplate');
    const r = renderCard({ properties: CORA });
    await r.waitFor(() => expect(r.findByTestId(Select, 'template').props.options).toHaveLength(2));
    // The loan agreement's answer (its roles, then the settings) arrives after the photo ID request's.
    change(r.findByTestId(Select, 'template'), LOAN);
    change(r.findByTestId(Select, 'template'), PHOTO_ID);
    await eventually(() => expect(parley.callsTo('GET', '/me')).toHaveLength(1));
    await r.waitFor(() => expect(r.findByTestId(Button, 'send-template').props.disabled).toBe(false));
    expect(r.maybeFindByTestId(Select, 'role-0-taker')).toBeNull();
    expect(await sent(r)).toEqual({ templateId: PHOTO_ID });
  });
});

describe("the participant list's choice of the session's participants", () => {
  it('offers them for a role, and sends the one picked by id', async () => {
    parley.on('GET', '/templates', 'listTemplates').on('GET', `/templates/${LOAN}`, 'getTemplateWithRoles').on('GET', '/me', 'getMe').on('POST', DOCUMENTS, 'sendTemplate');
    const glen = recorded('getSessionActive').participants.find((p: { roleName: string }) => p.roleName === 'Guarantor');
    const r = createRenderer('crm.record.tab');
    r.render(<ItemSender kind="template" sessionId="ses_CUee4JoMb99wEwkm" participants={[glen]} onSent={() => {}} />);
    await r.waitFor(() => expect(r.findByTestId(Select, 'template').props.options).toHaveLength(2));
    change(r.findByTestId(Select, 'template'), LOAN);
    await r.waitFor(() => expect(r.findByTestId(Select, 'role-0-taker').props.options).toContainEqual({ label: 'Glen Lane (Guarantor)', value: glen.id }));
    change(r.findByTestId(Select, 'role-0-taker'), glen.id);
    r.findByTestId(Button, 'send-template').trigger('onClick');
    await eventually(() => expect(parley.callsTo('POST', DOCUMENTS)).toHaveLength(1));
    expect(parley.callsTo('POST', DOCUMENTS)[0]!.body).toEqual({ templateId: LOAN, roles: { Cosigner: glen.id } });
  });
});

describe("the check of the body sent against the Worker's contract", () => {
  it('refuses a body the Worker would refuse', () => {
    const path = '/sessions/{sessionId}/documents';
    expect(requestBodyProblems('post', path, { templateId: LOAN, roles: { Cosigner: { contact: { name: 'Colin', email: 'colin@example.com' } } } })).toEqual([]);
    expect(requestBodyProblems('post', path, { templateId: LOAN, roles: { Witness: { assign: 'customer', required: 'yes' } } })).not.toEqual([]);
    expect(requestBodyProblems('post', path, { templateId: LOAN, roles: { Witness: { contact: { name: 'Wendy' }, required: false } } })).not.toEqual([]);
    expect(requestBodyProblems('post', path, { templateId: LOAN, roles: { Witness: 'leave-out' } })).not.toEqual([]);
  });
});
