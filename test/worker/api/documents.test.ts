// Documents end to end through the Worker: templates and ad hoc PDFs, filling
// and signing in the room, signing order, consent, agent details, sign as
// agent, decline, sealing, the audit trail and public verification.
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';
import { documentForm, makePdf, signatureField, textField } from '../../helpers/pdf';

// A 1×1 transparent PNG, as the signature pad would send (base64).
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const drawn = { kind: 'drawn', png: PNG };
const text = (t: string) => ({ kind: 'text', text: t });

async function template(org: Org, definition: unknown, name = `T ${crypto.randomUUID().slice(0, 8)}`) {
  const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(2), definition, { name }) });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function sessionWithCustomer(org: Org) {
  const s = await startSession(org.alice, { name: 'Cora Customer', email: `d-${crypto.randomUUID()}@example.com` });
  const cora = new Browser();
  await cora.open((await outboxFor(s.session.id))[0]!.link);
  return { id: s.session.id as string, cora, customerId: s.participants[0].id as string };
}

const agentApi = (org: Org, sessionId: string, itemId: string) => `/api/v1/sessions/${sessionId}/documents/${itemId}`;

describe('the template journey', () => {
  it('customer fills and signs in the room, the agent signs after, the sealed PDF verifies', async () => {
    const org = await makeOrg();
    const tpl = await template(org, {
      roles: [{ name: 'Customer' }, { name: 'Agent' }],
      signingOrder: 'sequential',
      fields: [
        textField('full_name', 'Customer', 1, { label: 'Full name' }),
        { id: 'email', type: 'email', page: 1, rect: { x: 72, y: 250, width: 200, height: 20 }, role: 'Customer', required: true },
        signatureField('customer_sig'),
        { id: 'signed_on', type: 'date_signed', page: 1, rect: { x: 300, y: 100, width: 100, height: 20 }, role: 'Customer', required: true },
        signatureField('agent_sig', 'Agent', 2),
      ],
    });
    const { id, cora } = await sessionWithCustomer(org);
    const sent = await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } });
    expect(sent.status).toBe(201);
    expect(sent.json.item).toMatchObject({ kind: 'template_document', status: 'sent' });
    const itemId = sent.json.item.id;

    // In the room: the customer sees their fields.
    const doc = await cora.request('GET', `/room/api/documents/${itemId}`);
    expect(doc.status).toBe(200);
    expect(doc.json.document.myRoles).toEqual(['Customer']);
    expect(doc.json.document.myTurn).toBe(true);
    expect(doc.json.document.fields.filter((f: any) => f.mine).map((f: any) => f.id)).toEqual(['full_name', 'email', 'customer_sig', 'signed_on']);

    // Values are checked on the server.
    const badEmail = await cora.request('PUT', `/room/api/documents/${itemId}/fields/email`, { value: text('not-an-email') });
    expect(badEmail.status).toBe(422);
    expect(badEmail.json.error.message).toBe('value: email must be an email address');
    expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/agent_sig`, { value: drawn })).status).toBe(403);
    expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/nope`, { value: text('x') })).status).toBe(404);

    expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/full_name`, { value: text('Cora Customer') })).status).toBe(200);
    expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/email`, { value: text('Cora@Example.com') })).json.document.fields.find((f: any) => f.id === 'email').value).toEqual(text('cora@example.com'));

    // Consent before the first signature.
    const noConsent = await cora.request('PUT', `/room/api/documents/${itemId}/fields/customer_sig`, { value: drawn });
    expect(noConsent.status).toBe(409);
    expect(noConsent.json.error.code).toBe('consent_required');
    expect((await cora.request('POST', '/room/api/consent')).status).toBe(200);
    expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/customer_sig`, { value: drawn })).status).toBe(200);

    // The agent cannot sign before the customer has completed (sequential).
    const early = await call('PUT', `${agentApi(org, id, itemId)}/fields/agent_sig`, { token: org.alice.token, body: { value: { kind: 'typed', text: 'Alice Agent' } } });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toContain('Customer must complete first');

    const signed = await cora.request('POST', `/room/api/documents/${itemId}/complete`);
    expect(signed.status).toBe(200);
    expect(signed.json.item.status).toBe('in_progress');
    expect(sent.json.item.status).toBe('sent');
    expect(signed.json.document.fields.find((f: any) => f.id === 'signed_on').value.text).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Sign as agent: the last role seals the document.
    expect((await call('PUT', `${agentApi(org, id, itemId)}/fields/agent_sig`, { token: org.alice.token, body: { value: { kind: 'typed', text: 'Alice Agent' } } })).status).toBe(200);
    const done = await call('POST', `${agentApi(org, id, itemId)}/complete`, { token: org.alice.token });
    expect(done.status).toBe(200);
    expect(done.json.item.status).toBe('completed');
    expect(done.json.document.sealed.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The sealed PDF downloads (for the agent and the customer) and verifies publicly.
    const pdf = await (await import('cloudflare:workers')).exports.default.fetch(
      new Request(`https://parley.test${agentApi(org, id, itemId)}/pdf`, { headers: { Authorization: `Bearer ${org.alice.token}` } }),
    );
    expect(pdf.status).toBe(200);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder('latin1').decode(bytes)).toContain('ETSI.CAdES.detached');
    const verifyForm = new FormData();
    verifyForm.append('file', new File([bytes], 'sealed.pdf'));
    const verified = await call('POST', '/api/verify', { body: verifyForm });
    expect(verified.json).toMatchObject({ sealedByParley: true, sha256: done.json.document.sealed.sha256 });
    const tampered = bytes.slice();
    const middle = Math.floor(tampered.length / 2);
    tampered[middle] = tampered[middle]! ^ 0x01;
    const tamperedForm = new FormData();
    tamperedForm.append('file', new File([tampered], 'sealed.pdf'));
    expect((await call('POST', '/api/verify', { body: tamperedForm })).json.sealedByParley).toBe(false);
    expect((await cora.request('GET', `/room/api/documents/${itemId}/pdf`)).status).toBe(200);

    // Every step is in the audit trail, and the chain verifies.
    const audit = await call('GET', `${agentApi(org, id, itemId)}/audit`, { token: org.alice.token });
    expect(audit.json.verification).toEqual({ valid: true, entries: audit.json.entries.length });
    expect(audit.json.entries.map((e: any) => e.event)).toEqual([
      'sent',
      'viewed',
      'field_filled',
      'field_filled',
      'consented',
      'signature_added',
      'signed',
      'signature_added',
      'signed',
      'completed',
      'downloaded',
      'downloaded',
    ]);
    expect(audit.json.entries[1]).toMatchObject({ actor: expect.stringMatching(/^participant:/), userAgent: 'test-browser', authMethod: 'personal invitation link' });
    expect(audit.json.entries[4].detail).toMatch(/^disclosure [0-9a-f]{64} \(en\)$/);
  });

  it('an edited audit entry breaks the chain', async () => {
    const org = await makeOrg();
    const tpl = await template(org, { fields: [textField('name')] });
    const { id, cora } = await sessionWithCustomer(org);
    const itemId = (await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } })).json.item.id;
    await cora.request('PUT', `/room/api/documents/${itemId}/fields/name`, { value: text('Cora') });
    await runInDurableObject(env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(id)), (_room, state) => {
      state.storage.sql.exec(`UPDATE audit SET actor = 'participant:someone_else' WHERE seq = 2`);
    });
    const audit = await call('GET', `${agentApi(org, id, itemId)}/audit`, { token: org.alice.token });
    expect(audit.json.verification).toEqual({ valid: false, brokenAt: 2, reason: 'entry 2 was altered' });
  });
});

describe('consent to do business electronically', () => {
  it('shows the default disclosure, or the admin\'s own, and records which text was consented to', async () => {
    const org = await makeOrg();
    const { cora } = await sessionWithCustomer(org);
    const shown = await cora.request('GET', '/room/api/consent');
    expect(shown.json.text).toContain('paper copy');
    expect(shown.json.text).toContain('withdraw');
    expect(shown.json.consentedAt).toBeNull();
    const tooShort = await call('PUT', '/api/v1/settings/esign-disclosure', { token: org.admin.token, body: { text: 'Sign here.' } });
    expect(tooShort.status).toBe(422);
    expect(tooShort.json.error.issues[0].field).toBe('body.text');
    expect((await call('PUT', '/api/v1/settings/esign-disclosure', { token: org.alice.token, body: { text: null } })).status).toBe(403);
    const custom = 'Acme consent. '.repeat(20);
    expect((await call('PUT', '/api/v1/settings/esign-disclosure', { token: org.admin.token, body: { text: custom } })).json.custom).toBe(true);
    const now = await cora.request('GET', '/room/api/consent');
    expect(now.json.text).toBe(custom.trim());
    await cora.request('POST', '/room/api/consent');
    expect((await cora.request('GET', '/room/api/consent')).json.consentedAt).not.toBeNull();
  });
});

describe('signing order and roles', () => {
  it('parallel: two signers act at once; the document completes when both are done', async () => {
    const org = await makeOrg();
    const tpl = await template(org, {
      roles: [{ name: 'Customer' }, { name: 'Cosigner' }],
      signingOrder: 'parallel',
      fields: [signatureField('c'), signatureField('co', 'Cosigner', 2)],
    });
    const { id, cora } = await sessionWithCustomer(org);
    const co = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Cosigner', contact: { name: 'Colin', email: 'colin@example.org' } } });
    const missing = await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } });
    expect(missing.status).toBe(422);
    expect(missing.json.error.message).toContain('roles.Cosigner: this role is required');
    const sent = await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl, roles: { Cosigner: co.json.id } } });
    const itemId = sent.json.item.id;
    expect(sent.json.item.assignees.sort()).toEqual([co.json.id, sent.json.document.roles[0].assigned].sort());
    const colin = new Browser();
    await colin.open((await outboxFor(id)).find((m) => m.participant_id === co.json.id)!.link);
    for (const b of [cora, colin]) await b.request('POST', '/room/api/consent');
    // Colin signs first: parallel allows it.
    expect((await colin.request('PUT', `/room/api/documents/${itemId}/fields/co`, { value: drawn })).status).toBe(200);
    expect((await colin.request('POST', `/room/api/documents/${itemId}/complete`)).json.item.status).toBe('in_progress');
    expect((await colin.request('POST', `/room/api/documents/${itemId}/complete`)).json.error.code).toBe('nothing_to_sign');
    await cora.request('PUT', `/room/api/documents/${itemId}/fields/c`, { value: { kind: 'typed', text: 'Cora Customer' } });
    expect((await cora.request('POST', `/room/api/documents/${itemId}/complete`)).json.item.status).toBe('completed');
    const view = await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token });
    expect(view.json.participants.every((p: any) => p.completed)).toBe(true);
  });

  it('sequential: the second role waits for the first', async () => {
    const org = await makeOrg();
    const tpl = await template(org, { roles: [{ name: 'Customer' }, { name: 'Cosigner' }], signingOrder: 'sequential', fields: [signatureField('c'), signatureField('co', 'Cosigner')] });
    const { id, cora } = await sessionWithCustomer(org);
    const co = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Cosigner', contact: { name: 'Colin', email: 'colin@example.org' } } });
    const itemId = (await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl, roles: { Cosigner: co.json.id } } })).json.item.id;
    const colin = new Browser();
    await colin.open((await outboxFor(id)).find((m) => m.participant_id === co.json.id)!.link);
    await colin.request('POST', '/room/api/consent');
    const wait = await colin.request('PUT', `/room/api/documents/${itemId}/fields/co`, { value: drawn });
    expect(wait.status).toBe(409);
    expect(wait.json.error.code).toBe('not_your_turn');
    expect((await colin.request('GET', `/room/api/documents/${itemId}`)).json.document.myTurn).toBe(false);
    await cora.request('POST', '/room/api/consent');
    await cora.request('PUT', `/room/api/documents/${itemId}/fields/c`, { value: drawn });
    await cora.request('POST', `/room/api/documents/${itemId}/complete`);
    expect((await colin.request('PUT', `/room/api/documents/${itemId}/fields/co`, { value: drawn })).status).toBe(200);
  });

  it('agent details: an agent-first document waits in awaiting_agent, unseen by the customer, until the agent fills it', async () => {
    const org = await makeOrg();
    const tpl = await template(org, {
      roles: [{ name: 'Agent' }, { name: 'Customer' }],
      signingOrder: 'sequential',
      fields: [textField('loan_amount', 'Agent', 1, { type: 'number' }), signatureField('c')],
    });
    const { id, cora } = await sessionWithCustomer(org);
    const sent = await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } });
    expect(sent.json.item.status).toBe('awaiting_agent');
    const itemId = sent.json.item.id;
    expect((await cora.request('GET', `/room/api/documents/${itemId}`)).status).toBe(404);
    expect((await cora.request('GET', '/room/api/state')).json.items).toEqual([]);
    const notANumber = await call('PUT', `${agentApi(org, id, itemId)}/fields/loan_amount`, { token: org.alice.token, body: { value: text('lots') } });
    expect(notANumber.json.error.message).toContain('must be a number');
    await call('PUT', `${agentApi(org, id, itemId)}/fields/loan_amount`, { token: org.alice.token, body: { value: text('25000') } });
    const released = await call('POST', `${agentApi(org, id, itemId)}/complete`, { token: org.alice.token });
    expect(released.json.item.status).toBe('sent');
    const seen = await cora.request('GET', `/room/api/documents/${itemId}`);
    expect(seen.json.document.fields.find((f: any) => f.id === 'loan_amount').value).toEqual(text('25000'));
  });

  it('refuses completing with required fields missing, naming them', async () => {
    const org = await makeOrg();
    const tpl = await template(org, { fields: [textField('name', 'Customer', 1, { label: 'Full name' }), signatureField('sig')] });
    const { id, cora } = await sessionWithCustomer(org);
    const itemId = (await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } })).json.item.id;
    await cora.request('POST', '/room/api/consent');
    const res = await cora.request('POST', `/room/api/documents/${itemId}/complete`);
    expect(res.status).toBe(422);
    expect(res.json.error.message).toBe('fill these required fields first: Full name, sig');
  });
});

describe('download and preview', () => {
  it('before completion gives the current state with the values drawn in, unsigned', async () => {
    const org = await makeOrg();
    const tpl = await template(org, { fields: [textField('name', 'Customer', 1, { label: 'Full name' }), signatureField('sig')] });
    const { id, cora } = await sessionWithCustomer(org);
    const itemId = (await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } })).json.item.id;
    await cora.request('PUT', `/room/api/documents/${itemId}/fields/name`, { value: text('Cora Preview') });
    const res = await (await import('cloudflare:workers')).exports.default.fetch(
      new Request(`https://parley.test${agentApi(org, id, itemId)}/pdf`, { headers: { Authorization: `Bearer ${org.alice.token}` } }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toContain('(in progress).pdf');
    const { PDFDocument } = await import('pdf-lib');
    const preview = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
    expect(preview.getPageCount()).toBe(2);
    const audit = (await call('GET', `${agentApi(org, id, itemId)}/audit`, { token: org.alice.token })).json.entries;
    expect(audit.at(-1)).toMatchObject({ event: 'downloaded', detail: 'current state' });
  });
});

describe('decline and access', () => {
  it('the customer declines with a reason; nothing more can be signed', async () => {
    const org = await makeOrg();
    const tpl = await template(org, { fields: [signatureField('sig')] });
    const { id, cora } = await sessionWithCustomer(org);
    const itemId = (await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } })).json.item.id;
    expect((await cora.request('POST', `/room/api/documents/${itemId}/decline`, {})).status).toBe(422);
    const declined = await cora.request('POST', `/room/api/documents/${itemId}/decline`, { reason: 'The rate is wrong' });
    expect(declined.json.item).toMatchObject({ status: 'declined', reason: 'The rate is wrong' });
    await cora.request('POST', '/room/api/consent');
    expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/sig`, { value: drawn })).json.error.code).toBe('document_closed');
    // The generic status route cannot complete a document without signing it.
    const other = (await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } })).json.item.id;
    const forged = await cora.request('POST', `/room/api/items/${other}/status`, { status: 'completed' });
    expect(forged.status).toBe(403);
    expect(forged.json.error).toMatchObject({ code: 'proof_required', message: 'a template document item becomes completed only by signing it; its status cannot be set directly' });
    expect((await cora.request('POST', `/room/api/items/${other}/status`, { status: 'declined', reason: 'no' })).json.error.code).toBe('use_document_actions');
  });

  it('in limited access the customer can download but not sign', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { afterEnd: { fullAccessHours: 0, limitedAccessHours: 24 } } });
    const tpl = await template(org, { fields: [signatureField('sig')] });
    const { id, cora } = await sessionWithCustomer(org);
    const itemId = (await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } })).json.item.id;
    await cora.request('POST', '/room/api/consent');
    await call('POST', `/api/v1/sessions/${id}/end`, { token: org.alice.token });
    const sign = await cora.request('PUT', `/room/api/documents/${itemId}/fields/sig`, { value: drawn });
    expect(sign.status).toBe(403);
    expect(sign.json.error.code).toBe('limited_access');
    expect((await cora.request('GET', `/room/api/documents/${itemId}/pdf`)).status).toBe(200);
  });
});

describe('ad hoc documents', () => {
  it('the agent uploads a PDF with placed fields and sends it; bad placements are refused and nothing is stored', async () => {
    const org = await makeOrg();
    const { id, cora } = await sessionWithCustomer(org);
    const outside = documentForm(await makePdf(1), { fields: [{ ...signatureField('s'), rect: { x: 600, y: 10, width: 100, height: 40 } }] }, { name: 'Side letter' });
    const bad = await call('POST', `/api/v1/sessions/${id}/documents/adhoc`, { token: org.alice.token, body: outside });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toContain('definition.fields.0.rect: the field lies outside page 1');
    const sent = await call('POST', `/api/v1/sessions/${id}/documents/adhoc`, {
      token: org.alice.token,
      body: documentForm(
        await makePdf(1),
        {
          fields: [
            signatureField('s'),
            { id: 'agree', type: 'checkbox', page: 1, rect: { x: 72, y: 300, width: 12, height: 12 }, role: 'Customer', required: true },
            { id: 'id_copy', type: 'attachment', page: 1, rect: { x: 72, y: 400, width: 200, height: 20 }, role: 'Customer', required: true },
          ],
        },
        { name: 'Side letter' },
      ),
    });
    expect(sent.status).toBe(201);
    expect(sent.json.item).toMatchObject({ kind: 'adhoc_document', name: 'Side letter', status: 'sent' });
    const itemId = sent.json.item.id;
    await cora.request('POST', '/room/api/consent');
    expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/agree`, { value: text('yes') })).json.error.message).toContain('checkbox');
    await cora.request('PUT', `/room/api/documents/${itemId}/fields/agree`, { value: { kind: 'checked', checked: true } });
    // An attachment must be a file sent in this session.
    const stranger = await cora.request('PUT', `/room/api/documents/${itemId}/fields/id_copy`, { value: { kind: 'file', fileId: 'fil_0000000000000000' } });
    expect(stranger.json.error.message).toBe('value: no file fil_0000000000000000 was sent in this session; upload it first');
    const upload = new FormData();
    upload.append('file', new File([Uint8Array.from(atob(PNG), (ch) => ch.charCodeAt(0))], 'passport.png'));
    const sentFile = await cora.request('POST', '/room/api/attachments', upload);
    expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/id_copy`, { value: { kind: 'file', fileId: sentFile.json.file.id } })).status).toBe(200);
    await cora.request('PUT', `/room/api/documents/${itemId}/fields/s`, { value: drawn });
    expect((await cora.request('POST', `/room/api/documents/${itemId}/complete`)).json.item.status).toBe('completed');
  });
});

describe('forward for approval', () => {
  it('a completed document goes to a third party, who approves or declines with a reason', async () => {
    const org = await makeOrg();
    const tpl = await template(org, { fields: [signatureField('sig')] });
    const { id, cora } = await sessionWithCustomer(org);
    const itemId = (await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } })).json.item.id;
    const approver = { approver: { name: 'Paula Approver', email: 'paula@example.org' } };
    const early = await call('POST', `${agentApi(org, id, itemId)}/forward`, { token: org.alice.token, body: approver });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toContain('only a completed document');

    await cora.request('POST', '/room/api/consent');
    await cora.request('PUT', `/room/api/documents/${itemId}/fields/sig`, { value: drawn });
    await cora.request('POST', `/room/api/documents/${itemId}/complete`);
    const fwd = await call('POST', `${agentApi(org, id, itemId)}/forward`, { token: org.alice.token, body: approver });
    expect(fwd.status).toBe(200);
    expect(fwd.json.item.status).toBe('pending_approval');

    const approverOf = async () => (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.participants.find((p: any) => p.roleName === 'Approver');
    expect((await approverOf()).completed).toBe(false); // the approval waits for her
    const invite = (await outboxFor(id)).find((m) => m.recipient === 'paula@example.org')!;
    const paula = new Browser();
    await paula.open(invite.link);
    const seen = await paula.request('GET', `/room/api/documents/${itemId}`);
    expect(seen.json.document.approval).toMatchObject({ mine: true, status: 'pending_approval' });
    expect((await paula.request('GET', `/room/api/documents/${itemId}/pdf`)).status).toBe(200);
    expect((await cora.request('POST', `/room/api/documents/${itemId}/approval`, { decision: 'approve' })).json.error.code).toBe('not_approver');
    expect((await paula.request('POST', `/room/api/documents/${itemId}/approval`, { decision: 'decline' })).status).toBe(422);
    const declined = await paula.request('POST', `/room/api/documents/${itemId}/approval`, { decision: 'decline', reason: 'Missing the second page' });
    expect(declined.json.item).toMatchObject({ status: 'approval_declined', reason: 'Missing the second page' });
    expect((await approverOf()).completed).toBe(true);
    expect((await paula.request('POST', `/room/api/documents/${itemId}/approval`, { decision: 'approve' })).status).toBe(409);
    const events = (await call('GET', `${agentApi(org, id, itemId)}/audit`, { token: org.alice.token })).json.entries.map((e: any) => e.event);
    expect(events).toContain('forwarded_for_approval');
    expect(events.at(-1)).toBe('approval_declined');
  });
});

describe('batches', () => {
  it('documents unlock one by one in the set order; the batch completes with the last', async () => {
    const org = await makeOrg();
    const first = await template(org, { fields: [signatureField('a')] }, 'Application');
    const second = await template(org, { fields: [signatureField('b')] }, 'Terms');
    const { id, cora } = await sessionWithCustomer(org);
    const res = await call('POST', `/api/v1/sessions/${id}/batches`, {
      token: org.alice.token,
      body: { name: 'Mortgage pack', documents: [{ templateId: first }, { templateId: second }] },
    });
    expect(res.status).toBe(201);
    expect(res.json.batch).toMatchObject({ kind: 'batch', name: 'Mortgage pack', status: 'sent' });
    expect(res.json.documents.map((d: any) => d.status)).toEqual(['sent', 'draft']);
    const [a, b] = res.json.documents.map((d: any) => d.id);
    // The second is not there for the customer yet.
    expect((await cora.request('GET', `/room/api/documents/${b}`)).status).toBe(404);
    await cora.request('POST', '/room/api/consent');
    await cora.request('PUT', `/room/api/documents/${a}/fields/a`, { value: drawn });
    await cora.request('POST', `/room/api/documents/${a}/complete`);
    let items = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.items;
    expect(items.find((i: any) => i.id === b).status).toBe('sent');
    expect(items.find((i: any) => i.kind === 'batch').status).toBe('in_progress');
    await cora.request('PUT', `/room/api/documents/${b}/fields/b`, { value: drawn });
    await cora.request('POST', `/room/api/documents/${b}/complete`);
    items = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.items;
    expect(items.find((i: any) => i.kind === 'batch').status).toBe('completed');
  });

  it('names the document that cannot be sent', async () => {
    const org = await makeOrg();
    const first = await template(org, { fields: [signatureField('a')] });
    const { id } = await sessionWithCustomer(org);
    const res = await call('POST', `/api/v1/sessions/${id}/batches`, {
      token: org.alice.token,
      body: { name: 'Pack', documents: [{ templateId: first }, { templateId: 'tpl_0000000000000000' }] },
    });
    expect(res.status).toBe(404);
    expect(res.json.error.message).toBe('documents.1: template not found');
  });
});

describe("the org's own sealing certificate", () => {
  it('seals with the certificate an admin uploaded, and refuses a bad one', async () => {
    const { OPENSSL_EC_P256_P12_BASE64, OPENSSL_P12_PASSWORD } = await import('../../fixtures/openssl-p12');
    const org = await makeOrg();
    const p12 = (b64: string, password: string) => {
      const form = new FormData();
      form.append('file', new File([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], 'org.p12'));
      form.append('password', password);
      return form;
    };
    expect((await call('GET', '/api/v1/settings/sealing', { token: org.admin.token })).json.certificate).toEqual({ commonName: 'Parley', custom: false });
    expect((await call('PUT', '/api/v1/settings/sealing/certificate', { token: org.alice.token, body: p12(OPENSSL_EC_P256_P12_BASE64, OPENSSL_P12_PASSWORD) })).status).toBe(403);
    const wrong = await call('PUT', '/api/v1/settings/sealing/certificate', { token: org.admin.token, body: p12(OPENSSL_EC_P256_P12_BASE64, 'not-the-password') });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.message).toContain('password is wrong');
    const set = await call('PUT', '/api/v1/settings/sealing/certificate', { token: org.admin.token, body: p12(OPENSSL_EC_P256_P12_BASE64, OPENSSL_P12_PASSWORD) });
    expect(set.json.certificate).toEqual({ commonName: 'Parley Test EC Sealing', custom: true });
    // The certificate and its password are kept encrypted: a copy of the database yields neither.
    const stored = await env.DB.prepare('SELECT seal_p12, seal_p12_password FROM orgs WHERE id = ?').bind(org.id).first<{ seal_p12: string; seal_p12_password: string }>();
    expect(stored!.seal_p12).toMatch(/^sb1\./);
    expect(stored!.seal_p12).not.toContain(OPENSSL_EC_P256_P12_BASE64.slice(0, 40));
    expect(stored!.seal_p12_password).toMatch(/^sb1\./);
    expect((await call('PUT', '/api/v1/settings/sealing/tsa', { token: org.admin.token, body: { tsaUrl: 'ftp://tsa.example' } })).status).toBe(422);

    const tpl = await template(org, { fields: [signatureField('sig')] });
    const { id, cora } = await sessionWithCustomer(org);
    const itemId = (await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } })).json.item.id;
    await cora.request('POST', '/room/api/consent');
    await cora.request('PUT', `/room/api/documents/${itemId}/fields/sig`, { value: drawn });
    expect((await cora.request('POST', `/room/api/documents/${itemId}/complete`)).json.item.status).toBe('completed');
    const pdf = await cora.request('GET', `/room/api/documents/${itemId}/pdf`);
    expect(pdf.text).toContain('/Name (Parley Test EC Sealing)');

    const back = await call('DELETE', '/api/v1/settings/sealing/certificate', { token: org.admin.token });
    expect(back.json.certificate.custom).toBe(false);
  });
});

describe('defaults and CRM merge values', () => {
  it('fill the fields that name them when the document is sent, checked like any value', async () => {
    const org = await makeOrg();
    const tpl = await template(org, {
      fields: [
        textField('first', 'Customer', 1, { merge: 'Contact.FirstName' }),
        textField('country', 'Customer', 1, { defaultValue: 'Ireland', rect: { x: 72, y: 300, width: 200, height: 20 } }),
        { id: 'mail', type: 'email', page: 1, rect: { x: 72, y: 400, width: 200, height: 20 }, role: 'Customer', required: true, merge: 'Contact.Email' },
        signatureField('sig'),
      ],
    });
    const { id, cora } = await sessionWithCustomer(org);
    const bad = await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl, mergeValues: { 'Contact.Email': 'nope' } } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toBe('mergeValues.Contact.Email: must be an email address');
    const sent = await call('POST', `/api/v1/sessions/${id}/documents`, {
      token: org.alice.token,
      body: { templateId: tpl, mergeValues: { 'Contact.FirstName': 'Cora', 'Contact.Email': 'CORA@example.com' } },
    });
    const fields = Object.fromEntries(sent.json.document.fields.map((f: any) => [f.id, f.value]));
    expect(fields).toMatchObject({ first: text('Cora'), country: text('Ireland'), mail: text('cora@example.com'), sig: null });
    // The customer may still correct a prefilled value.
    expect((await cora.request('PUT', `/room/api/documents/${sent.json.item.id}/fields/country`, { value: text('France') })).status).toBe(200);
  });
});
