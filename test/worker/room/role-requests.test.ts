// Roles the agent leaves for the customer to assign: the Assign step (a
// mandatory role before anything else, an optional one skipped leaves the
// routing), the customer's fields closed until then, and the channel rules
// (SMS off, OTP's second channel) applied to what the customer gives.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const drawn = { kind: 'drawn', png: PNG };
const email = (who = 'p') => `${who}-${crypto.randomUUID()}@example.com`;

async function template(org: Org) {
  const roles = [{ name: 'Customer' }, { name: 'Cosigner' }, { name: 'Witness', required: false }];
  const definition = { roles, signingOrder: 'parallel', fields: [signatureField('c_sig'), signatureField('co_sig', 'Cosigner'), signatureField('w_sig', 'Witness')] };
  const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), definition, { name: 'Loan' }) });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

/** A session whose customer is in the room, with a document whose Cosigner and Witness the customer is to assign. */
async function leftToCustomer() {
  const org = await makeOrg();
  const tpl = await template(org);
  const s = await startSession(org.alice, { name: 'Cora', email: email('cora') });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  const sent = await call('POST', `/api/v1/sessions/${id}/documents`, {
    token: org.alice.token,
    body: { templateId: tpl, roles: { Cosigner: { assign: 'customer' }, Witness: { assign: 'customer' } } },
  });
  expect(sent.status).toBe(201);
  return { org, id, cora, coraId: s.participants[0].id as string, itemId: sent.json.item.id as string };
}

const setSession = (org: Org, session: Record<string, unknown>) => call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session } });

describe('the Assign step', () => {
  it('asks the customer for the roles left to them, and keeps their fields closed until the mandatory ones are given', async () => {
    const { cora, itemId } = await leftToCustomer();
    const step = await cora.request('GET', `/room/api/items/${itemId}/assign`);
    expect(step.status).toBe(200);
    expect(step.json).toEqual({ itemId, roles: [{ name: 'Cosigner', required: true }, { name: 'Witness', required: false }], channels: { smsEnabled: true, otpRequired: false } });
    await cora.request('POST', '/room/api/consent');
    const fill = await cora.request('PUT', `/room/api/documents/${itemId}/fields/c_sig`, { value: drawn });
    expect(fill.status).toBe(409);
    expect(fill.json.error).toMatchObject({ code: 'assign_first', message: expect.stringContaining('Cosigner') });
    const sign = await cora.request('POST', `/room/api/documents/${itemId}/complete`);
    expect(sign.status).toBe(409);
    expect(sign.json.error.code).toBe('assign_first');
  });

  it("gives the people the customer names the customer's language, unless the customer gives theirs", async () => {
    const { org, id, cora, itemId } = await leftToCustomer();
    expect((await cora.request('PUT', '/room/api/language', { language: 'es' })).status).toBe(200);
    const res = await cora.request('POST', `/room/api/items/${itemId}/assign`, {
      roles: { Cosigner: { contact: { name: 'Colin', email: email('colin') } }, Witness: { contact: { name: 'Wendy', email: email('wendy'), language: 'de' } } },
    });
    expect(res.status).toBe(200);
    const people = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.participants;
    expect(Object.fromEntries(people.map((p: any) => [p.roleName, p.language]))).toEqual({ Customer: 'es', Cosigner: 'es', Witness: 'de' });
  });

  it('refuses a missing mandatory contact, and a required role skipped, changing nothing', async () => {
    const { org, id, cora, itemId } = await leftToCustomer();
    const missing = await cora.request('POST', `/room/api/items/${itemId}/assign`, { roles: { Witness: { skip: true } } });
    expect(missing.status).toBe(422);
    expect(missing.json.error.message).toMatch(/^roles\.Cosigner: this role is required/);
    const noChannel = await cora.request('POST', `/room/api/items/${itemId}/assign`, { roles: { Cosigner: { contact: { name: 'Colin' } }, Witness: { skip: true } } });
    expect(noChannel.status).toBe(422);
    expect(noChannel.json.error.message).toBe('body.roles.Cosigner.contact.email: give an email or a phone number');
    const skipped = await cora.request('POST', `/room/api/items/${itemId}/assign`, { roles: { Cosigner: { skip: true }, Witness: { skip: true } } });
    expect(skipped.status).toBe(422);
    expect(skipped.json.error.message).toMatch(/^roles\.Cosigner: this role is required and cannot be skipped/);
    const unknown = await cora.request('POST', `/room/api/items/${itemId}/assign`, { roles: { Notary: { skip: true } } });
    expect(unknown.status).toBe(422);
    expect((await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.participants).toHaveLength(1);
    expect((await cora.request('GET', `/room/api/items/${itemId}/assign`)).json.roles).toHaveLength(2);
  });

  it('adds the assigned participant with their own invitation; a skipped optional role leaves the routing and the document completes without it', async () => {
    const { org, id, cora, coraId, itemId } = await leftToCustomer();
    const colinEmail = email('colin');
    const assigned = await cora.request('POST', `/room/api/items/${itemId}/assign`, { roles: { Cosigner: { contact: { name: 'Colin', email: colinEmail } }, Witness: { skip: true } } });
    expect(assigned.status).toBe(200);
    const roles = Object.fromEntries(assigned.json.document.roles.map((r: any) => [r.name, r]));
    expect(roles.Cosigner.assigned).toMatch(/^par_/);
    expect(roles.Witness.assigned).toBeNull();
    expect((await cora.request('GET', `/room/api/items/${itemId}/assign`)).json.roles).toEqual([]);

    const agentView = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json;
    const colin = agentView.participants.find((p: any) => p.roleName === 'Cosigner');
    expect(colin).toMatchObject({ id: roles.Cosigner.assigned, name: 'Colin', email: colinEmail, assignedBy: coraId });
    const invite = (await outboxFor(id)).find((m) => m.participant_id === colin.id)!;
    expect(invite.recipient).toBe(colinEmail);

    // Cora signs; Colin, from his own link, signs last: the document completes without a Witness.
    await cora.request('POST', '/room/api/consent');
    expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/c_sig`, { value: drawn })).status).toBe(200);
    expect((await cora.request('POST', `/room/api/documents/${itemId}/complete`)).status).toBe(200);
    const colinBrowser = new Browser();
    await colinBrowser.open(invite.link);
    await colinBrowser.request('POST', '/room/api/consent');
    expect((await colinBrowser.request('PUT', `/room/api/documents/${itemId}/fields/co_sig`, { value: drawn })).status).toBe(200);
    const done = await colinBrowser.request('POST', `/room/api/documents/${itemId}/complete`);
    expect(done.status).toBe(200);
    expect(done.json.item.status).toBe('completed');
  });

  it('wants every role left to the customer answered at once: a contact, or a skip for an optional one', async () => {
    const { cora, itemId } = await leftToCustomer();
    const partial = await cora.request('POST', `/room/api/items/${itemId}/assign`, { roles: { Cosigner: { contact: { name: 'Colin', email: email('colin') } } } });
    expect(partial.status).toBe(422);
    expect(partial.json.error.message).toBe('roles.Witness: give who takes this role, or skip it');
  });

  it('an optional role the customer never decided on does not hold the document open', async () => {
    const org = await makeOrg();
    const tpl = await template(org);
    const s = await startSession(org.alice, { name: 'Cora', email: email('cora') });
    const id = s.session.id as string;
    const cora = new Browser();
    await cora.open((await outboxFor(id))[0]!.link);
    const colinEmail = email('colin');
    const sent = await call('POST', `/api/v1/sessions/${id}/documents`, {
      token: org.alice.token,
      body: { templateId: tpl, roles: { Cosigner: { contact: { name: 'Colin', email: colinEmail } }, Witness: { assign: 'customer' } } },
    });
    const itemId = sent.json.item.id as string;
    // Only an optional role is waiting: Cora may sign without deciding on it.
    await cora.request('POST', '/room/api/consent');
    expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/c_sig`, { value: drawn })).status).toBe(200);
    expect((await cora.request('POST', `/room/api/documents/${itemId}/complete`)).status).toBe(200);
    const colin = new Browser();
    await colin.open((await outboxFor(id)).find((m) => m.recipient === colinEmail)!.link);
    await colin.request('POST', '/room/api/consent');
    await colin.request('PUT', `/room/api/documents/${itemId}/fields/co_sig`, { value: drawn });
    const done = await colin.request('POST', `/room/api/documents/${itemId}/complete`);
    expect(done.json.item.status).toBe('completed');
    // Completed without a Witness: nobody is asked for one any more.
    expect((await cora.request('GET', `/room/api/items/${itemId}/assign`)).json.roles).toEqual([]);
  });

  it('applies SMS off and OTP to the contacts the customer gives, naming the role and the person', async () => {
    const { org, cora, itemId } = await leftToCustomer();
    expect((await setSession(org, { smsEnabled: false })).status).toBe(200);
    const phone = await cora.request('POST', `/room/api/items/${itemId}/assign`, { roles: { Cosigner: { contact: { name: 'Colin', email: email(), phone: '+442079460001' } }, Witness: { skip: true } } });
    expect(phone.status).toBe(422);
    expect(phone.json.error.message).toBe('roles.Cosigner.contact.phone: Colin: text messages are turned off for this org; give an email address');

    expect((await setSession(org, { smsEnabled: true, otpRequired: true })).status).toBe(200);
    const oneChannel = await cora.request('POST', `/room/api/items/${itemId}/assign`, { roles: { Cosigner: { contact: { name: 'Colin', email: email() } }, Witness: { skip: true } } });
    expect(oneChannel.status).toBe(422);
    expect(oneChannel.json.error).toMatchObject({ code: 'otp_channel_missing', message: 'roles.Cosigner.contact: Colin needs a phone number for the one-time code (the invitation goes by email)' });
  });
});
