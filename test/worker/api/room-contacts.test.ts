// "My contacts" in the customer's room: the people the customer assigned in
// an Assign step, with their status, and re-engaging one (new details, a
// fresh link, the old one dead) until they enter; nobody else's.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';

const email = (who = 'p') => `${who}-${crypto.randomUUID()}@example.com`;

/** Cora in her room has assigned Colin as Cosigner; the agent added Ann as Approver-to-be herself. */
async function coraAssignedColin() {
  const org: Org = await makeOrg();
  const definition = { roles: [{ name: 'Customer' }, { name: 'Cosigner' }], fields: [signatureField('c_sig'), signatureField('co_sig', 'Cosigner')] };
  const tpl = (await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), definition, { name: 'Lease' }) })).json.id;
  const s = await startSession(org.alice, { name: 'Cora', email: email('cora') });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  const ann = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Guarantor', contact: { name: 'Ann', email: email('ann') } } });
  const itemId = (await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl, roles: { Cosigner: { assign: 'customer' } } } })).json.item.id;
  const colinEmail = email('colin');
  const assigned = await cora.request('POST', `/room/api/items/${itemId}/assign`, { roles: { Cosigner: { contact: { name: 'Colin', email: colinEmail } } } });
  expect(assigned.status).toBe(200);
  const colinId = assigned.json.document.roles.find((r: any) => r.name === 'Cosigner').assigned as string;
  return { org, id, cora, colinId, colinEmail, annId: ann.json.id as string };
}

describe('My contacts', () => {
  it('lists whom the customer assigned, with the details given and their status', async () => {
    const { cora, colinId, colinEmail } = await coraAssignedColin();
    const mine = await cora.request('GET', '/room/api/contacts');
    expect(mine.status).toBe(200);
    expect(mine.json.contacts).toEqual([{ id: colinId, roleName: 'Cosigner', name: 'Colin', email: colinEmail, phone: null, status: 'invited' }]);
  });

  it('re-engages one until they enter: a new link, the old one dead; then 409', async () => {
    const { id, cora, colinId } = await coraAssignedColin();
    const oldLink = (await outboxFor(id)).find((m) => m.participant_id === colinId)!.link;
    const fixed = email('colin-right');
    const res = await cora.request('PATCH', `/room/api/contacts/${colinId}`, { email: fixed });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: colinId, email: fixed, status: 'invited' });
    const latest = (await outboxFor(id)).filter((m) => m.participant_id === colinId).find((m) => m.recipient === fixed)!;
    expect(latest.link).not.toBe(oldLink);
    expect((await new Browser().open(oldLink)).status).toBe(410);

    await new Browser().open(latest.link);
    expect((await cora.request('GET', '/room/api/contacts')).json.contacts[0].status).toBe('entered');
    const late = await cora.request('PATCH', `/room/api/contacts/${colinId}`, { name: 'Someone else' });
    expect(late.status).toBe(409);
    expect(late.json.error).toMatchObject({ code: 'already_entered', message: 'Colin has already entered the room; their contact details can no longer change' });
  });

  it("answers 404 for a participant the customer did not assign", async () => {
    const { id, cora, colinId, annId, org } = await coraAssignedColin();
    const others = await cora.request('PATCH', `/room/api/contacts/${annId}`, { name: 'Not mine' });
    expect(others.status).toBe(404);
    // Colin assigned nobody: Cora is not his to re-engage, and his list is empty.
    const colin = new Browser();
    await colin.open((await outboxFor(id)).find((m) => m.participant_id === colinId)!.link);
    expect((await colin.request('GET', '/room/api/contacts')).json.contacts).toEqual([]);
    const primary = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.participants[0].id;
    expect((await colin.request('PATCH', `/room/api/contacts/${primary}`, { name: 'X' })).status).toBe(404);
  });

  it('refuses a phone while SMS is off', async () => {
    const { org, cora, colinId } = await coraAssignedColin();
    expect((await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { smsEnabled: false } } })).status).toBe(200);
    const res = await cora.request('PATCH', `/room/api/contacts/${colinId}`, { phone: '+442079460001' });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toBe('body.phone: text messages are turned off for this org; give an email address');
  });
});
