// The participant list on send (POST …/documents and …/batches, "roles"): a
// new participant's contact per role, a role left for the customer, an
// optional role left out or made mandatory; all or nothing; SMS off and OTP's
// second channel refused naming the role and the person.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';

const email = (who = 'p') => `${who}-${crypto.randomUUID()}@example.com`;

async function template(org: Org, roles: { name: string; required?: boolean }[]) {
  const definition = { roles, signingOrder: 'parallel', fields: roles.map((r, i) => signatureField(`sig_${i}`, r.name)) };
  const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), definition, { name: `T ${crypto.randomUUID().slice(0, 8)}` }) });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const CO_SIGNED = [{ name: 'Customer' }, { name: 'Cosigner' }, { name: 'Witness', required: false }];

async function setup(roles = CO_SIGNED, settings?: Record<string, unknown>, customer: Record<string, unknown> = { name: 'Cora', email: email('cora') }) {
  const org = await makeOrg();
  if (settings) expect((await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: settings } })).status).toBe(200);
  const tpl = await template(org, roles);
  const s = await startSession(org.alice, customer);
  const id = s.session.id as string;
  const send = (body: Record<string, unknown>) => call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl, ...body } });
  const state = async () => (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json;
  return { org, tpl, id, send, state };
}

describe('the participant list on send', () => {
  it('adds a participant per contact, invites them with the document, and leaves an optional role out', async () => {
    const { id, send, state } = await setup();
    const colin = email('colin');
    const sent = await send({ roles: { Cosigner: { contact: { name: 'Colin', email: colin } } } });
    expect(sent.status).toBe(201);
    const roles = Object.fromEntries(sent.json.document.roles.map((r: any) => [r.name, r]));
    const cosigner = (await state()).participants.find((p: any) => p.roleName === 'Cosigner');
    expect(cosigner).toMatchObject({ name: 'Colin', email: colin, assignedBy: null });
    expect(roles.Cosigner.assigned).toBe(cosigner.id);
    expect(roles.Witness.assigned).toBeNull();
    expect(sent.json.item.assignees).toContain(cosigner.id);
    const invite = (await outboxFor(id)).find((m) => m.participant_id === cosigner.id);
    expect(invite).toMatchObject({ channel: 'email', recipient: colin });
  });

  it('refuses a required role without a contact, or left out, and creates nothing', async () => {
    const { send, state } = await setup();
    const noChannel = await send({ roles: { Cosigner: { contact: { name: 'Colin' } } } });
    expect(noChannel.status).toBe(422);
    expect(noChannel.json.error.message).toBe('body.roles.Cosigner.contact.email: give an email or a phone number');
    const leftOut = await send({ roles: { Witness: { contact: { name: 'Wendy', email: email() } } } });
    expect(leftOut.status).toBe(422);
    expect(leftOut.json.error.message).toContain('roles.Cosigner: this role is required');
    const after = await state();
    expect(after.participants).toHaveLength(1);
    expect(after.items).toHaveLength(0);
  });

  it('names what is wrong inside a role given as a contact', async () => {
    const { send } = await setup();
    const res = await send({ roles: { Cosigner: { contact: { name: 'Colin', email: email(), phone: 'call me' } } } });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toMatch(/^body\.roles\.Cosigner: contact\.phone: must be a phone number/);
    const unknownForm = await send({ roles: { Cosigner: 42 } });
    expect(unknownForm.json.error.message).toContain('must be a participant id (par_…), "agent"');
  });

  it('is all or nothing: one bad role and no participant is added for the good ones', async () => {
    const { send, state } = await setup();
    const res = await send({ roles: { Cosigner: { contact: { name: 'Colin', email: email() } }, Witness: 'par_0000000000000000' } });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toBe('roles.Witness: no participant par_0000000000000000 in this session');
    expect((await state()).participants).toHaveLength(1);
    const unknownRole = await send({ roles: { Cosigner: { contact: { name: 'Colin', email: email() } }, Notary: { assign: 'customer' } } });
    expect(unknownRole.status).toBe(422);
    expect(unknownRole.json.error.message).toContain('roles.Notary: the document has no such role');
    expect((await state()).participants).toHaveLength(1);
  });

  it('gives the same person in two roles two participants and two links', async () => {
    const { id, send, state } = await setup([{ name: 'Customer' }, { name: 'CEO' }, { name: 'CTO' }]);
    const dana = { name: 'Dana', email: email('dana') };
    expect((await send({ roles: { CEO: { contact: dana }, CTO: { contact: dana } } })).status).toBe(201);
    const danas = (await state()).participants.filter((p: any) => p.email === dana.email);
    expect(danas.map((p: any) => p.roleName).sort()).toEqual(['CEO', 'CTO']);
    expect(danas[0].id).not.toBe(danas[1].id);
    const toDana = (await outboxFor(id)).filter((m) => m.recipient === dana.email);
    expect(toDana).toHaveLength(2);

    // Each link acts for its own role only: the CEO's link cannot sign for the CTO.
    const asCeo = new Browser();
    const ceo = danas.find((p: any) => p.roleName === 'CEO');
    expect((await asCeo.open(toDana.find((m) => m.participant_id === ceo.id)!.link!)).status).toBe(303);
    const itemId = (await state()).items[0].id;
    expect((await asCeo.request('POST', '/room/api/consent')).status).toBe(200);
    const typed = { kind: 'typed', text: 'Dana' };
    const forCto = await asCeo.request('PUT', `/room/api/documents/${itemId}/fields/sig_2`, { value: typed });
    expect(forCto.status).toBe(403);
    expect(forCto.json.error.code).toBe('not_your_field');
    expect((await asCeo.request('PUT', `/room/api/documents/${itemId}/fields/sig_1`, { value: typed })).status).toBe(200);
    expect(toDana[0]!.link).not.toBe(toDana[1]!.link);
  });

  it('makes an optional role mandatory, or leaves a role for the customer to assign', async () => {
    const { send } = await setup();
    const mandatory = await send({ roles: { Cosigner: { assign: 'customer' }, Witness: { contact: { name: 'Wendy', email: email() }, required: true } } });
    expect(mandatory.status).toBe(201);
    const roles = Object.fromEntries(mandatory.json.document.roles.map((r: any) => [r.name, r]));
    expect(roles.Witness).toMatchObject({ required: true, assigned: expect.stringMatching(/^par_/) });
    // Left for the customer: nobody holds it yet.
    expect(roles.Cosigner).toMatchObject({ required: true, assigned: null });

    const optionalAsked = await send({ roles: { Cosigner: { assign: 'customer' }, Witness: { assign: 'customer', required: true } } });
    expect(optionalAsked.status).toBe(201);
    expect(optionalAsked.json.document.roles.find((r: any) => r.name === 'Witness').required).toBe(true);
    const loosened = await send({ roles: { Cosigner: { assign: 'customer', required: false } } });
    expect(loosened.status).toBe(422);
    expect(loosened.json.error.message).toBe('roles.Cosigner.required: the template requires this role; it cannot be made optional');
    const ownRole = await send({ roles: { Customer: { assign: 'customer' }, Cosigner: { assign: 'customer' } } });
    expect(ownRole.status).toBe(422);
    expect(ownRole.json.error.message).toBe('roles.Customer: this role cannot be left for the customer to assign');
  });

  it('refuses a phone while SMS is off, naming the role and the person', async () => {
    const { send, state } = await setup(CO_SIGNED, { smsEnabled: false });
    const res = await send({ roles: { Cosigner: { contact: { name: 'Colin', email: email(), phone: '+442079460001' } } } });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toBe('roles.Cosigner.contact.phone: Colin: text messages are turned off for this org; give an email address');
    const phoneOnly = await send({ roles: { Cosigner: { contact: { name: 'Colin', phone: '+442079460001' } } } });
    expect(phoneOnly.status).toBe(422);
    expect((await state()).participants).toHaveLength(1);
    expect((await send({ roles: { Cosigner: { contact: { name: 'Colin', email: email() } } } })).status).toBe(201);
  });

  it('with OTP required, refuses a new participant with one channel, naming the role and the person', async () => {
    const { send, state } = await setup(CO_SIGNED, { otpRequired: true }, { name: 'Cora', email: email('cora'), phone: '+442079460009' });
    const res = await send({ roles: { Cosigner: { contact: { name: 'Colin', email: email() } } } });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('otp_channel_missing');
    expect(res.json.error.message).toBe('roles.Cosigner.contact: Colin needs a phone number for the one-time code (the invitation goes by email)');
    expect((await state()).participants).toHaveLength(1);
    expect((await send({ roles: { Cosigner: { contact: { name: 'Colin', email: email(), phone: '+442079460001' } } } })).status).toBe(201);
  });

  it('checks every document of a batch before creating any, naming the document', async () => {
    const { org, tpl, id, state } = await setup();
    const good = { templateId: tpl, roles: { Cosigner: { contact: { name: 'Colin', email: email() } } } };
    const bad = { templateId: tpl, roles: { Cosigner: { assign: 'customer', required: false } } };
    const res = await call('POST', `/api/v1/sessions/${id}/batches`, { token: org.alice.token, body: { name: 'Pack', documents: [good, bad] } });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toBe('documents.1.roles.Cosigner.required: the template requires this role; it cannot be made optional');
    expect((await state()).participants).toHaveLength(1);
    const ok = await call('POST', `/api/v1/sessions/${id}/batches`, { token: org.alice.token, body: { name: 'Pack', documents: [good, good] } });
    expect(ok.status).toBe(201);
    // The same contact for the same role across a batch's documents is one person: one Colin, one link.
    expect((await state()).participants.filter((p: any) => p.roleName === 'Cosigner')).toHaveLength(1);
  });
});
