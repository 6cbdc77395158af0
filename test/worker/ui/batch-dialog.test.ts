// The workspace's "Send a batch" dialog with its participant list, as the
// server renders it and as the API takes what its script sends: the dialog
// carries the channel rules and an empty, hidden place for the role fields
// (drawn by client/workspace/batch.ts; its behaviour in a DOM is
// test/node/ui/batch-dialog.test.ts); a batch of two co-signed templates sent
// with one co-signer's contact makes one participant, invited once and
// assigned in both documents; refusals name the document and the role.
// And the participant card says who assigned a participant the customer named.
import { describe, expect, it } from 'vitest';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession, type Org } from '../../helpers/world';

const email = (who = 'b') => `${who}-${crypto.randomUUID()}@example.com`;

async function template(org: Org, name: string, roles: { name: string; required?: boolean }[]) {
  const definition = { roles, signingOrder: 'parallel', fields: roles.map((r, i) => signatureField(`sig_${i}`, r.name)) };
  const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), definition, { name }) });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

/** Alice's session with Cora, and two templates Colin co-signs (the second with an optional witness). */
async function coSigned() {
  const org = await makeOrg();
  const lease = await template(org, 'Lease', [{ name: 'Customer' }, { name: 'Cosigner' }]);
  const terms = await template(org, 'Terms', [{ name: 'Customer' }, { name: 'Cosigner' }, { name: 'Witness', required: false }]);
  const s = await startSession(org.alice, { name: 'Cora', email: email('cora') });
  const id = s.session.id as string;
  const ws = await signInToWorkspace(org.alice);
  const state = async () => (await ws.api('GET', `/sessions/${id}`)).json;
  return { org, lease, terms, id, ws, state };
}

describe('the batch dialog', () => {
  it('has a hidden place for the participant list, and the channel rules its role fields follow', async () => {
    const { org, id, ws } = await coSigned();
    const page = (await ws.get(`/app/sessions/${id}`)).text;
    expect(page).toMatch(/<form id="batch-form"[^>]*data-sms-enabled="true" data-otp-required="false">/);
    expect(page).toContain('<section id="batch-people" aria-labelledby="batch-people-h" hidden="">');
    expect(page).toContain('<h3 id="batch-people-h">Participants</h3>');
    expect(page).toContain('<div id="batch-roles"></div>');
    expect(page).toContain('<p class="ws-sr" id="batch-people-status" role="status"></p>');
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { smsEnabled: false, otpRequired: true } } });
    expect((await ws.get(`/app/sessions/${id}`)).text).toMatch(/<form id="batch-form"[^>]*data-sms-enabled="false" data-otp-required="true">/);
  });
});

describe('a batch of co-signed templates', () => {
  it('sends with one contact for the shared role: one participant, invited once, assigned in both documents', async () => {
    const { lease, terms, id, ws, state } = await coSigned();
    const colin = { name: 'Colin', email: email('colin') };
    // What the dialog sends: the same choice in each document that has the role.
    const sent = await ws.api('POST', `/sessions/${id}/batches`, {
      name: 'Tenancy',
      documents: [
        { templateId: lease, roles: { Cosigner: { contact: colin } } },
        { templateId: terms, roles: { Cosigner: { contact: colin } } },
      ],
    });
    expect(sent.status).toBe(201);
    const cosigners = (await state()).participants.filter((p: any) => p.roleName === 'Cosigner');
    expect(cosigners).toHaveLength(1);
    expect(cosigners[0]).toMatchObject({ name: 'Colin', email: colin.email });
    for (const doc of sent.json.documents) {
      const view = await ws.api('GET', `/sessions/${id}/documents/${doc.id}`);
      expect(view.json.document.roles.find((r: any) => r.name === 'Cosigner').assigned).toBe(cosigners[0].id);
    }
    expect((await outboxFor(id)).filter((m) => m.participant_id === cosigners[0].id)).toHaveLength(1);
  });

  it('keeps two people apart: another contact, or the same contact in another role, is another participant', async () => {
    const { org, id, ws, state } = await coSigned();
    const guarantor = await template(org, 'Guarantee', [{ name: 'Customer' }, { name: 'Guarantor' }]);
    const lease = await template(org, 'Lease 2', [{ name: 'Customer' }, { name: 'Cosigner' }]);
    const colin = { name: 'Colin', email: email('colin') };
    const sent = await ws.api('POST', `/sessions/${id}/batches`, {
      name: 'Pack',
      documents: [
        { templateId: lease, roles: { Cosigner: { contact: colin } } },
        { templateId: lease, roles: { Cosigner: { contact: { name: 'Dana', email: email('dana') } } } },
        { templateId: guarantor, roles: { Guarantor: { contact: colin } } },
      ],
    });
    expect(sent.status).toBe(201);
    const people = (await state()).participants.filter((p: any) => p.roleName !== 'Customer');
    expect(people.map((p: any) => `${p.name} (${p.roleName})`).sort()).toEqual(['Colin (Cosigner)', 'Colin (Guarantor)', 'Dana (Cosigner)']);
  });

  it('is refused naming the document and the role when the shared role is missing or its contact breaks a channel rule, creating nobody', async () => {
    const { org, lease, terms, id, ws, state } = await coSigned();
    const none = await ws.api('POST', `/sessions/${id}/batches`, { name: 'Tenancy', documents: [{ templateId: lease }, { templateId: terms }] });
    expect(none.status).toBe(422);
    expect(none.json.error.message).toMatch(/^documents\.0\.roles\.Cosigner: this role is required/);
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { smsEnabled: false } } });
    const colin = { name: 'Colin', email: email('colin'), phone: '+14155550123' };
    const phone = await ws.api('POST', `/sessions/${id}/batches`, {
      name: 'Tenancy',
      documents: [
        { templateId: lease, roles: { Cosigner: { contact: colin } } },
        { templateId: terms, roles: { Cosigner: { contact: colin } } },
      ],
    });
    expect(phone.status).toBe(422);
    expect(phone.json.error.message).toMatch(/^documents\.0\.roles\.Cosigner\.contact\.phone: Colin: /);
    expect((await state()).participants).toHaveLength(1);
  });
});

describe('the participant card', () => {
  it('says "Assigned by" and the customer for a participant the customer named, and nothing for one the agent added', async () => {
    const { lease, id, ws, state } = await coSigned();
    const cora = new Browser();
    await cora.open((await outboxFor(id))[0]!.link);
    const added = await ws.api('POST', `/sessions/${id}/participants`, { roleName: 'Guarantor', contact: { name: 'Ann', email: email('ann') } });
    expect(added.status).toBe(201);
    const item = (await ws.api('POST', `/sessions/${id}/documents`, { templateId: lease, roles: { Cosigner: { assign: 'customer' } } })).json.item;
    const assigned = await cora.request('POST', `/room/api/items/${item.id}/assign`, { roles: { Cosigner: { contact: { name: 'Colin', email: email('colin') } } } });
    expect(assigned.status).toBe(200);
    const colin = (await state()).participants.find((p: any) => p.name === 'Colin');
    expect(colin.assignedBy).toMatch(/^par_/);
    const page = (await ws.get(`/app/sessions/${id}`)).text;
    const card = (pid: string) => new RegExp(`<li class="ws-person" id="person-${pid}"[\\s\\S]*?</li>`).exec(page)?.[0] ?? '';
    expect(card(colin.id)).toContain('<p class="muted ws-assigned-by">Assigned by Cora</p>');
    expect(card(added.json.id)).not.toContain('Assigned by');
    // The live refresh renders the same card.
    expect((await ws.get(`/app/sessions/${id}/live`)).text).toContain('Assigned by Cora');
  });
});
