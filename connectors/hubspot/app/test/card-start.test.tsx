// Starting a session from a HubSpot record: the customer prefilled from the
// record (a contact's own properties, or a company's, deal's or ticket's
// associated contacts), editable, checked before Parley is asked, Parley's
// own refusal shown on the field it names, and the session linked to the
// record the card is on.
import { Alert, Button, Input, Select, Text } from '@hubspot/ui-extensions';
import { describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { change } from './support/change';
import { parley } from './support/fake-parley';
import { CORA, renderCard } from './support/render-card';

const LIST = /^\/sessions\?/;
const input = (r: ReturnType<typeof renderCard>, field: string) => r.findByTestId(Input, `customer-${field}`);

describe('the start form', () => {
  it("is prefilled from the contact the card is on, and starts a session linked to it", async () => {
    parley.on('GET', LIST, { status: 200, body: { scope: 'mine', sessions: [] } }).on('POST', '/sessions', 'startSessionPlanned').on('GET', /^\/sessions\/ses_/, 'getSessionActive');
    const r = renderCard({ objectTypeId: '0-1', objectId: 51, properties: CORA });
    await r.waitFor(() => expect(input(r, 'name').props.value).toBe('Cora Lane'));
    expect(input(r, 'email').props.value).toBe('cora@example.com');
    expect(input(r, 'phone').props.value).toBe('+447700900123');

    r.findByTestId(Button, 'start-session').trigger('onClick');
    await eventually(() => expect(parley.callsTo('POST', '/sessions')).toHaveLength(1));
    expect(parley.callsTo('POST', '/sessions')[0]!.body).toEqual({
      customer: { name: 'Cora Lane', email: 'cora@example.com', phone: '+447700900123' },
      crmRecord: { system: 'hubspot', objectType: 'contacts', recordId: '51' },
      invite: true,
    });
    await eventually(() => expect(r.mocks.actions.refreshObjectProperties.callCount).toBe(1));
    expect(r.mocks.actions.addAlert.calls[0]![0]).toMatchObject({ type: 'success' });
  });

  it('pre-plans with what the agent typed over the prefill, sending no empty field', async () => {
    parley.on('GET', LIST, { status: 200, body: { scope: 'mine', sessions: [] } }).on('POST', '/sessions', 'startSessionPlanned').on('GET', /^\/sessions\/ses_/, 'getSessionActive');
    const r = renderCard({ properties: CORA });
    await r.waitFor(() => expect(input(r, 'name').props.value).toBe('Cora Lane'));
    change(input(r, 'name'), 'Cora B. Lane');
    change(input(r, 'phone'), '  ');
    r.findByTestId(Button, 'preplan-session').trigger('onClick');
    await eventually(() => expect(parley.callsTo('POST', '/sessions')).toHaveLength(1));
    expect(parley.callsTo('POST', '/sessions')[0]!.body).toMatchObject({ customer: { name: 'Cora B. Lane', email: 'cora@example.com' }, invite: false });
    expect((parley.callsTo('POST', '/sessions')[0]!.body as any).customer).not.toHaveProperty('phone');
    await eventually(() => expect(r.mocks.actions.addAlert.calls[0]![0]).toMatchObject({ title: 'Session pre-planned' }));
  });

  it('names each missing or malformed field and asks Parley nothing', async () => {
    parley.on('GET', LIST, { status: 200, body: { scope: 'mine', sessions: [] } });
    const r = renderCard({ properties: { firstname: null, lastname: null, email: null, phone: null, mobilephone: null } });
    await r.waitFor(() => expect(r.find(Text, { testId: 'no-sessions' })).toBeTruthy());
    r.findByTestId(Button, 'start-session').trigger('onClick');
    await r.waitFor(() => expect(input(r, 'name').props.error).toBe(true));
    expect(input(r, 'name').props.validationMessage).toBe("Customer name: enter the customer's name.");
    expect(input(r, 'email').props.validationMessage).toMatch(/^Email or Phone: enter at least one/);

    change(input(r, 'name'), 'Cora Lane');
    change(input(r, 'email'), 'cora@');
    r.findByTestId(Button, 'start-session').trigger('onClick');
    await r.waitFor(() => expect(input(r, 'email').props.validationMessage).toBe('Email: enter an address like name@example.com.'));
    expect(input(r, 'name').props.error).toBe(false);
    expect(parley.callsTo('POST', '/sessions')).toEqual([]);
  });

  it("shows Parley's refusal on the field it names", async () => {
    parley.on('GET', LIST, { status: 200, body: { scope: 'mine', sessions: [] } }).on('POST', '/sessions', 'startRefused');
    const r = renderCard({ properties: { ...CORA, email: null, mobilephone: '07700 900123' } });
    await r.waitFor(() => expect(input(r, 'phone').props.value).toBe('07700 900123'));
    r.findByTestId(Button, 'start-session').trigger('onClick');
    await r.waitFor(() => expect(input(r, 'phone').props.validationMessage).toMatch(/^Phone: must be a phone number in international form/));
    expect(r.maybeFind(Alert)).toBeNull();
  });

  it("speaks the contact's HubSpot language: es-mx is Spanish; a language Parley does not speak leaves it to the browser", async () => {
    parley.on('GET', LIST, { status: 200, body: { scope: 'mine', sessions: [] } }).on('POST', '/sessions', 'startSessionPlanned').on('GET', /^\/sessions\/ses_/, 'getSessionActive');
    const r = renderCard({
      objectTypeId: '0-3',
      objectId: 9013,
      associations: [
        { toObjectId: 51, properties: { ...CORA, hs_language: 'es-mx' } },
        { toObjectId: 78, properties: { firstname: 'Rui', lastname: 'Lane', email: 'rui@example.com', phone: null, mobilephone: null, hs_language: 'pt-br' } },
      ],
    });
    await r.waitFor(() => expect(r.find(Select, { name: 'language' }).props.value).toBe('es'));
    expect(r.find(Select, { name: 'language' }).props.options.map((o) => o.value)).toEqual(['', 'en', 'es', 'fr', 'de', 'he']);
    r.findByTestId(Button, 'start-session').trigger('onClick');
    await eventually(() => expect(parley.callsTo('POST', '/sessions')).toHaveLength(1));
    expect((parley.callsTo('POST', '/sessions')[0]!.body as any).customer).toEqual({ name: 'Cora Lane', email: 'cora@example.com', phone: '+447700900123', language: 'es' });

    change(r.find(Select, { name: 'contact' }), '78');
    await r.waitFor(() => expect(input(r, 'name').props.value).toBe('Rui Lane'));
    expect(r.find(Select, { name: 'language' }).props.value).toBe('');
    r.findByTestId(Button, 'start-session').trigger('onClick');
    await eventually(() => expect(parley.callsTo('POST', '/sessions')).toHaveLength(2));
    expect((parley.callsTo('POST', '/sessions')[1]!.body as any).customer).not.toHaveProperty('language');
  });

  it("on a deal, offers the deal's contacts and links the session to the deal", async () => {
    parley.on('GET', LIST, { status: 200, body: { scope: 'mine', sessions: [] } }).on('POST', '/sessions', 'startSessionPlanned').on('GET', /^\/sessions\/ses_/, 'getSessionActive');
    const r = renderCard({
      objectTypeId: '0-3',
      objectId: 9012,
      associations: [
        { toObjectId: 51, properties: CORA },
        { toObjectId: 77, properties: { firstname: 'Glen', lastname: 'Lane', email: 'glen@example.com', phone: '+14155550123', mobilephone: null } },
      ],
    });
    await r.waitFor(() => expect(input(r, 'name').props.value).toBe('Cora Lane'));
    const contacts = r.find(Select, { name: 'contact' });
    expect(contacts.props.options.map((o) => o.value)).toEqual(['51', '77']);
    change(contacts, '77');
    await r.waitFor(() => expect(input(r, 'name').props.value).toBe('Glen Lane'));
    r.findByTestId(Button, 'start-session').trigger('onClick');
    await eventually(() => expect(parley.callsTo('POST', '/sessions')).toHaveLength(1));
    expect(parley.callsTo('POST', '/sessions')[0]!.body).toMatchObject({
      customer: { name: 'Glen Lane', email: 'glen@example.com', phone: '+14155550123' },
      crmRecord: { system: 'hubspot', objectType: 'deals', recordId: '9012' },
    });
    expect(parley.callsTo('GET', LIST)[0]!.path).toBe('/sessions?crmSystem=hubspot&crmObject=deals&crmRecordId=9012');
  });

  it('on a ticket with no contact, says so and leaves the form to the agent', async () => {
    parley.on('GET', LIST, { status: 200, body: { scope: 'mine', sessions: [] } });
    const r = renderCard({ objectTypeId: '0-5', objectId: 3141, associations: [] });
    await r.waitFor(() => expect(r.find(Text, { testId: 'no-sessions' })).toBeTruthy());
    expect(r.findAll(Text).map((t) => t.text)).toContain("This ticket has no contact: enter the customer's details below.");
    expect(input(r, 'name').props.value).toBe('');
    expect(r.maybeFind(Select, { name: 'contact' })).toBeNull();
  });
});
