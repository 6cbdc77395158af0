// The screens of the participant list and customer-assigned roles: the
// workspace's template form carries the channel rules its participant list
// follows (phone hidden with SMS off, both channels asked with OTP on); the
// room's document page has the Assign step; the room has "My contacts".
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession } from '../../helpers/world';

const email = () => `s-${crypto.randomUUID()}@example.com`;

describe('the template form in the workspace', () => {
  it('tells its participant list whether phones may be asked for and whether a code needs both channels', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: email() }, { invite: false });
    const b = await signInToWorkspace(org.alice);
    const before = await b.get(`/app/sessions/${s.session.id}`);
    expect(before.text).toMatch(/id="template-form"[^>]*data-sms-enabled="true"[^>]*data-otp-required="false"/);
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { smsEnabled: false, otpRequired: true } } });
    const after = await b.get(`/app/sessions/${s.session.id}`);
    expect(after.text).toMatch(/id="template-form"[^>]*data-sms-enabled="false"[^>]*data-otp-required="true"/);

  });

  it('asks for no phone anywhere in the workspace while text messages are off', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: email() });
    const b = await signInToWorkspace(org.alice);
    expect((await b.get('/app')).text).toContain('id="start-phone"');
    expect((await b.get(`/app/sessions/${s.session.id}`)).text).toContain('id="reengage-phone"');
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { smsEnabled: false } } });
    expect((await b.get('/app')).text).not.toContain('id="start-phone"');
    const page = (await b.get(`/app/sessions/${s.session.id}`)).text;
    for (const id of ['reengage-phone', 'add-phone', 'forward-phone']) expect(page).not.toContain(`id="${id}"`);
  });
});

describe("the customer's room", () => {
  it('has the Assign step on the document page and a "My contacts" section, hidden until the script has something to show', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: email() });
    const cora = new Browser();
    await cora.open((await outboxFor(s.session.id))[0]!.link);
    const room = await cora.request('GET', '/room');
    expect(room.text).toMatch(/<section id="my-contacts" aria-labelledby="contacts-h" hidden="">/);
    expect(room.text).toContain('<ul id="contacts-list" class="plain">');
    const { documentForm, makePdf, signatureField } = await import('../../helpers/pdf');
    const definition = { roles: [{ name: 'Customer' }, { name: 'Cosigner' }], fields: [signatureField('c'), signatureField('co', 'Cosigner')] };
    const tpl = (await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), definition, { name: 'Lease' }) })).json.id;
    const item = (await call('POST', `/api/v1/sessions/${s.session.id}/documents`, { token: org.alice.token, body: { templateId: tpl, roles: { Cosigner: { assign: 'customer' } } } })).json.item;
    const page = await cora.request('GET', `/room/documents/${item.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<section id="assign" class="consent" hidden="" aria-labelledby="assign-h">/);
    expect(page.text).toContain('<form id="assign-form" novalidate="">');
  });
});
