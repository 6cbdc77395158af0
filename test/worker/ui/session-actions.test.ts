// The session page's participant and sending actions, as the workspace
// script uses them: Add participant (its dialog's fields and the API it
// posts to, with errors named by field), Change contact offered only until
// the participant enters and refused with a clear 409 after, and Send a
// batch (its dialog and POST …/batches, whose bubble then shows the batch).
import { describe, expect, it } from 'vitest';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession, type Org } from '../../helpers/world';

const email = () => `a-${crypto.randomUUID()}@example.com`;

async function template(org: Org, name: string) {
  const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), { fields: [signatureField('sig')] }, { name }) });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

describe('add a participant', () => {
  it('has a dialog with role, name, email and phone, each with its error line', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: email() });
    const page = await (await signInToWorkspace(org.alice)).get(`/app/sessions/${s.session.id}`);
    expect(page.text).toContain('id="act-add-participant" data-add-participant="1" data-sends="1"');
    expect(page.text).toContain('<dialog id="add-dialog" aria-labelledby="add-h">');
    for (const [input, field] of [
      ['add-role', 'body.roleName'],
      ['add-name', 'body.contact.name'],
      ['add-email', 'body.contact.email'],
      ['add-phone', 'body.contact.phone'],
    ]) {
      expect(page.text).toContain(`<label for="${input}">`);
      expect(page.text).toContain(`id="${input}-err" data-field="${field}"`);
    }
  });

  it('adds them through the API, invited at once in an active session; refusals name the field', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: email() });
    const id = s.session.id as string;
    const ws = await signInToWorkspace(org.alice);
    const bad = await ws.api('POST', `/sessions/${id}/participants`, { roleName: '', contact: { name: 'Colin', email: 'not-an-email' } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.issues.map((i: any) => i.field).sort()).toEqual(['body.contact.email', 'body.roleName']);
    const added = await ws.api('POST', `/sessions/${id}/participants`, { roleName: 'Co-signer', contact: { name: 'Colin', email: email() } });
    expect(added.status).toBe(201);
    expect((await outboxFor(id)).some((m) => m.participant_id === added.json.id)).toBe(true);
    const page = await ws.get(`/app/sessions/${id}`);
    expect(page.text).toContain(`id="person-${added.json.id}" data-name="Colin" data-role="Co-signer"`);
  });

  it('is not offered once the session has ended', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: email() });
    const ws = await signInToWorkspace(org.alice);
    await ws.api('POST', `/sessions/${s.session.id}/end`);
    expect((await ws.get(`/app/sessions/${s.session.id}`)).text).not.toContain('act-add-participant');
  });
});

describe('re-engage', () => {
  it('is offered until the participant enters, then refused with a 409 that says why', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: email() });
    const id = s.session.id as string;
    const ws = await signInToWorkspace(org.alice);
    const added = await ws.api('POST', `/sessions/${id}/participants`, { roleName: 'Co-signer', contact: { name: 'Colin', email: email() } });
    const colinId = added.json.id as string;
    expect((await ws.get(`/app/sessions/${id}`)).text).toContain(`id="reengage-${colinId}" data-reengage="${colinId}"`);

    await new Browser().open((await outboxFor(id)).find((m) => m.participant_id === colinId)!.link);
    expect((await ws.get(`/app/sessions/${id}`)).text).not.toContain(`id="reengage-${colinId}"`);
    const late = await ws.api('PATCH', `/sessions/${id}/participants/${colinId}`, { email: email() });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('already_entered');
    expect(late.json.error.message).toBe('Colin has already entered the room; their contact details can no longer change');
  });
});

describe('send a batch', () => {
  it('has a dialog with the name, the ordered documents and the limits', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: email() });
    const page = await (await signInToWorkspace(org.alice)).get(`/app/sessions/${s.session.id}`);
    expect(page.text).toContain('id="batch-open" data-batch="1"');
    expect(page.text).toContain('<form id="batch-form" class="ws-form" novalidate="" data-min="2" data-max="10" data-sms-enabled="true" data-otp-required="false">');
    expect(page.text).toContain('<label for="batch-name">Batch name</label>');
    expect(page.text).toContain('id="batch-name-err" data-field="body.name"');
    expect(page.text).toContain('<ol id="batch-docs"></ol>');
    expect(page.text).toContain('id="batch-add-doc"');
  });

  it('sends 2 templates in order, and the session shows the batch; too few or an unknown template is refused by place', async () => {
    const org = await makeOrg();
    const [first, second] = [await template(org, 'Application'), await template(org, 'Terms')];
    const s = await startSession(org.alice, { name: 'Cora', email: email() });
    const id = s.session.id as string;
    const ws = await signInToWorkspace(org.alice);
    const one = await ws.api('POST', `/sessions/${id}/batches`, { name: 'Pack', documents: [{ templateId: first }] });
    expect(one.status).toBe(422);
    const unknown = await ws.api('POST', `/sessions/${id}/batches`, { name: 'Pack', documents: [{ templateId: first }, { templateId: 'tpl_0000000000000000' }] });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toMatch(/^documents\.1: /);
    const sent = await ws.api('POST', `/sessions/${id}/batches`, { name: 'Mortgage pack', documents: [{ templateId: first }, { templateId: second }] });
    expect(sent.status).toBe(201);
    const page = await ws.get(`/app/sessions/${id}`);
    expect(page.text).toContain(`id="item-${sent.json.batch.id}"`);
    expect(page.text).toContain('data-name="Mortgage pack"');
  });
});
