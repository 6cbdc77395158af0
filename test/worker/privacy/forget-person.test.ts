// Forgetting a person (privacy/forget-person.ts): found by email or by the
// CRM record that is them, erased from every session they were in, from the
// address book, the outbox and their links, once — and nobody else touched,
// in their org or another.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { FORGOTTEN_NAME, REMOVED_MENTION, REMOVED_MESSAGE_TEXT } from '../../../worker/src/contract/privacy';
import { forgetPerson } from '../../../worker/src/privacy/forget-person';
import { documentForm, makePdf } from '../../helpers/pdf';
import { Browser, call, makeOrg, outboxFor, startSession, type Agent } from '../../helpers/world';

const stub = (sessionId: string) => env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
const unique = () => crypto.randomUUID().slice(0, 8);
/** A PDF's first bytes: enough for the attachment's type to be sniffed. */
const pdf = () => new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])], 'passport.pdf');

/** A person with their own email and phone (+1 555 01xx, a fictional range). */
function person(name: string) {
  return { name, email: `${name.split(' ')[0]!.toLowerCase()}-${unique()}@example.com`, phone: `+1202555${String(1000 + Math.floor(Math.random() * 9000))}` };
}

/** Everything the session's agent can read: the room and its whole event log. */
async function agentSees(agent: Agent, sessionId: string): Promise<string> {
  const room = await call('GET', `/api/v1/sessions/${sessionId}`, { token: agent.token });
  const events = await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: agent.token });
  expect(room.status).toBe(200);
  expect(events.status).toBe(200);
  return JSON.stringify([room.json, events.json]);
}

/** The invitation to `email` opened in that person's browser, a message and a file sent from the room. */
async function customerTakesPart(sessionId: string, email: string, text: string) {
  const invite = (await outboxFor(sessionId)).find((m) => m.recipient === email);
  const b = new Browser();
  expect((await b.open(invite!.link)).status).toBe(303);
  expect((await b.request('POST', '/room/api/messages', { text })).status).toBe(201);
  const form = new FormData();
  form.append('file', pdf());
  const upload = await b.request('POST', '/room/api/attachments', form);
  expect(upload.status).toBe(201);
  return { browser: b, link: invite!.link, fileId: upload.json.file.id as string };
}

const customerRow = (id: string) => env.DB.prepare('SELECT name, email, phone FROM customers WHERE id = ?').bind(id).first();
const outboxRows = (sessionId: string) =>
  env.DB.prepare('SELECT participant_id, status, sealed, recipient_key, last_error FROM outbox WHERE session_id = ? ORDER BY created_at').bind(sessionId).all().then((r) => r.results as any[]);

describe('forgetting a person by email', () => {
  it('erases them from the room, the address book, the outbox and their links, and leaves the co-signer alone', async () => {
    const org = await makeOrg();
    const cora = person('Cora Vance');
    const dan = person('Dan Other');
    const s = await startSession(org.alice, cora);
    const id = s.session.id as string;
    const added = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Co-signer', contact: dan } });
    expect(added.status).toBe(201);
    const coraPart = await customerTakesPart(id, cora.email, `Hi, it is Cora, call me on ${cora.phone}`);
    await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: `Thanks cora vance, I will write to ${cora.email}; Dan Other signs next.` } });
    await stub(id).idle();
    const before = await agentSees(org.alice, id);
    for (const trace of [cora.name, cora.email, cora.phone, 'test-browser']) expect(before).toContain(trace); // what must go was there
    const fileKey = `orgs/${org.id}/sessions/${id}/files/${coraPart.fileId}`;
    expect(await env.FILES.head(fileKey)).not.toBeNull();

    const outcome = await forgetPerson(env, org.id, { email: cora.email.toUpperCase() }, Date.now());

    expect(outcome).toMatchObject({ sessions: 1, customers: 1 });
    expect(outcome.outbox).toBeGreaterThanOrEqual(1);
    // The agent's view and replay: no name, email, phone, browser or words of hers.
    const after = await agentSees(org.alice, id);
    for (const trace of [cora.name, 'Cora', cora.email, cora.phone, cora.phone.slice(1), 'test-browser', 'call me']) expect(after).not.toContain(trace);
    const room = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json;
    const [primary, cosigner] = room.participants;
    expect(primary).toMatchObject({ name: FORGOTTEN_NAME, email: null, phone: null, deliveries: [] });
    expect(cosigner).toMatchObject({ name: dan.name, email: dan.email, phone: dan.phone });
    expect(room.messages.map((m: any) => [m.author.kind, m.text, m.file])).toEqual([
      ['participant', REMOVED_MESSAGE_TEXT, null],
      ['participant', REMOVED_MESSAGE_TEXT, null],
      ['agent', `Thanks ${REMOVED_MENTION}, I will write to ${REMOVED_MENTION}; Dan Other signs next.`, null],
    ]);
    const events = (await call('GET', `/api/v1/sessions/${id}/events`, { token: org.alice.token })).json.events;
    expect(events.at(-1)).toMatchObject({ type: 'participant.forgotten', actor: 'system', data: { participant: { id: primary.id, name: FORGOTTEN_NAME, email: null } } });
    // Her file is gone from storage; the directory keeps no name or address of hers.
    expect(await env.FILES.head(fileKey)).toBeNull();
    expect(await customerRow(s.session.customerId)).toEqual({ name: FORGOTTEN_NAME, email: null, phone: null });
    const indexed = await env.DB.prepare('SELECT customer_name FROM sessions WHERE id = ?').bind(id).first();
    expect(indexed).toEqual({ customer_name: FORGOTTEN_NAME });
    const search = await call('GET', `/api/v1/customers?q=${encodeURIComponent(cora.email)}`, { token: org.alice.token });
    expect(search.json.customers).toEqual([]);
    const rows = await outboxRows(id);
    expect(rows.filter((r) => r.participant_id === primary.id).every((r) => r.sealed === null && r.recipient_key === null)).toBe(true);
    expect(rows.filter((r) => r.participant_id === cosigner.id).every((r) => r.recipient_key !== null)).toBe(true);

    // Her link opens nothing, her browser's room cookie neither, and she cannot be invited again.
    expect((await new Browser().open(coraPart.link)).status).toBe(410);
    expect((await coraPart.browser.request('GET', '/room/api/state')).status).toBe(401);
    const resend = await call('POST', `/api/v1/sessions/${id}/participants/${primary.id}/resend`, { token: org.alice.token, body: {} });
    expect(resend.status).toBe(409);
    expect(resend.json.error.code).toBe('participant_forgotten');
  });

  it('cancels a message to them that has not gone yet', async () => {
    const org = await makeOrg();
    const cora = person('Cora Queue');
    const s = await startSession(org.alice, cora);
    const id = s.session.id as string;
    expect((await outboxRows(id)).map((r) => r.status)).toEqual(['queued']); // nothing delivers in tests: still waiting

    await forgetPerson(env, org.id, { email: cora.email }, Date.now());

    const [row] = await outboxRows(id);
    expect(row).toMatchObject({ status: 'expired', sealed: null, recipient_key: null });
    expect(row.last_error).toMatch(/^cancelled: /);
  });
});

describe('what is kept', () => {
  it('keeps a document she filled, with the file she attached in its field; her other files go', async () => {
    const org = await makeOrg();
    const cora = person('Cora Documented');
    const s = await startSession(org.alice, cora);
    const id = s.session.id as string;
    const { browser, fileId: chatOnly } = await customerTakesPart(id, cora.email, 'here is my ID');
    const form = new FormData();
    form.append('file', new File([pdf()], 'id-card.pdf'));
    const idCard = (await browser.request('POST', '/room/api/attachments', form)).json.file.id as string;
    const doc = await call('POST', `/api/v1/sessions/${id}/documents/adhoc`, {
      token: org.alice.token,
      body: documentForm(await makePdf(1), { fields: [{ id: 'id_copy', type: 'attachment', page: 1, rect: { x: 72, y: 400, width: 200, height: 20 }, role: 'Customer', required: true }] }, { name: 'ID check' }),
    });
    const itemId = doc.json.item.id as string;
    expect((await browser.request('PUT', `/room/api/documents/${itemId}/fields/id_copy`, { value: { kind: 'file', fileId: idCard } })).status).toBe(200);

    await forgetPerson(env, org.id, { email: cora.email }, Date.now());

    const file = (fileId: string) => call('GET', `/api/v1/sessions/${id}/files/${fileId}`, { token: org.alice.token });
    expect((await file(chatOnly)).status).toBe(404);
    expect(await env.FILES.head(`orgs/${org.id}/sessions/${id}/files/${chatOnly}`)).toBeNull();
    expect((await file(idCard)).status).toBe(200);
    const document = await call('GET', `/api/v1/sessions/${id}/documents/${itemId}`, { token: org.alice.token });
    expect(JSON.stringify(document.json)).toContain(idCard);
    const messages = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.messages;
    expect(messages.map((m: any) => [m.text, m.file?.id ?? null])).toEqual([
      [REMOVED_MESSAGE_TEXT, null],
      [REMOVED_MESSAGE_TEXT, null],
      [REMOVED_MESSAGE_TEXT, idCard],
    ]);
  });
});

describe('forgetting the contact a CRM record is', () => {
  it('erases the primary of sessions linked to the record, their other sessions, and where they co-signed; not a deal with the same id', async () => {
    const org = await makeOrg();
    const cora = person('Cora Linked');
    const zed = person('Zed Someone');
    const recordId = String(100000 + Math.floor(Math.random() * 900000));
    // Linked to her contact record; a phone-only start, so only the record says who she is.
    const linked = await startSession(org.alice, { name: cora.name, phone: cora.phone, email: cora.email }, { crmRecord: { system: 'hubspot', objectType: 'contacts', recordId } });
    // Another agent's session for her, not linked to anything.
    const other = await startSession(org.bob, { name: cora.name, email: cora.email });
    expect(other.session.id).not.toBe(linked.session.id);
    // Zed's session, where she co-signs.
    const zeds = await startSession(org.carol, zed);
    await call('POST', `/api/v1/sessions/${zeds.session.id}/participants`, { token: org.carol.token, body: { roleName: 'Co-signer', contact: { name: cora.name, email: cora.email } } });
    // A deal that happens to have the same id as her contact record, for Zed.
    const deal = await startSession(org.alice, person('Deal Customer'), { crmRecord: { system: 'hubspot', objectType: 'deals', recordId } });
    const dealBefore = await agentSees(org.alice, deal.session.id);

    const outcome = await forgetPerson(env, org.id, { email: null, crm: { system: 'hubspot', objectType: 'contacts', recordId } }, Date.now());

    expect(outcome).toMatchObject({ sessions: 3, customers: 1 });
    for (const [agent, sessionId] of [
      [org.alice, linked.session.id],
      [org.bob, other.session.id],
      [org.carol, zeds.session.id],
    ] as const) {
      const seen = await agentSees(agent, sessionId);
      for (const trace of [cora.name, cora.email, cora.phone]) expect(seen).not.toContain(trace);
    }
    const zedsRoom = (await call('GET', `/api/v1/sessions/${zeds.session.id}`, { token: org.carol.token })).json;
    expect(zedsRoom.participants.map((p: any) => p.name)).toEqual([zed.name, FORGOTTEN_NAME]);
    expect(await customerRow(zeds.session.customerId)).toEqual({ name: zed.name, email: zed.email, phone: zed.phone });
    expect(await agentSees(org.alice, deal.session.id)).toBe(dealBefore);
  });

  it('tells write-back: the session record loses its customer, the participant record their name and addresses', async () => {
    const org = await makeOrg();
    const cora = person('Cora Written');
    const recordId = String(100000 + Math.floor(Math.random() * 900000));
    const s = await startSession(org.alice, cora, { crmRecord: { system: 'hubspot', objectType: 'contacts', recordId } });
    const id = s.session.id as string;
    const since = s.session.version + 1;

    await forgetPerson(env, org.id, { email: null, crm: { system: 'hubspot', objectType: 'contacts', recordId } }, Date.now());

    const changes = await stub(id).crmChanges(since);
    expect(changes?.session).toMatchObject({ customerName: FORGOTTEN_NAME, customerEmail: null, customerPhone: null });
    expect(changes?.participants).toEqual([expect.objectContaining({ primary: true, name: FORGOTTEN_NAME, email: null, phone: null })]);
  });
});

describe('repeats, and everyone else', () => {
  it('changes nothing more when the same deletion arrives again', async () => {
    const org = await makeOrg();
    const cora = person('Cora Twice');
    const recordId = String(100000 + Math.floor(Math.random() * 900000));
    const s = await startSession(org.alice, cora, { crmRecord: { system: 'hubspot', objectType: 'contacts', recordId } });
    const id = s.session.id as string;
    await customerTakesPart(id, cora.email, 'hello');
    const who = { email: cora.email, crm: { system: 'hubspot' as const, objectType: 'contacts', recordId } };
    expect((await forgetPerson(env, org.id, who, Date.now())).sessions).toBe(1);
    const once = await agentSees(org.alice, id);
    const outboxOnce = await outboxRows(id);

    expect(await forgetPerson(env, org.id, who, Date.now() + 1000)).toEqual({ sessions: 0, customers: 0, outbox: 0 });
    expect(await agentSees(org.alice, id)).toBe(once);
    expect(await outboxRows(id)).toEqual(outboxOnce);
  });

  it("leaves another org's customer with the same address, and other people of the org, as they were", async () => {
    const org = await makeOrg();
    const elsewhere = await makeOrg('Elsewhere');
    const cora = person('Cora Shared');
    const kim = person('Kim Stays');
    const mine = await startSession(org.alice, cora);
    const kims = await startSession(org.alice, kim);
    const theirs = await startSession(elsewhere.alice, cora);
    await customerTakesPart(theirs.session.id, cora.email, 'their customer');
    const kimsBefore = await agentSees(org.alice, kims.session.id);
    const theirsBefore = await agentSees(elsewhere.alice, theirs.session.id);
    const theirOutbox = await outboxRows(theirs.session.id);
    // Even asked directly, a session of another org forgets nobody.
    const asked = await stub(theirs.session.id).forgetPerson({ orgId: org.id, emails: [cora.email], phones: [], names: [], primary: true, at: Date.now() });
    expect(asked).toEqual({ participants: [], outbox: 0 });

    await forgetPerson(env, org.id, { email: cora.email, phone: cora.phone }, Date.now());

    expect(await agentSees(org.alice, mine.session.id)).not.toContain(cora.email);
    expect(await agentSees(org.alice, kims.session.id)).toBe(kimsBefore);
    expect(await customerRow(kims.session.customerId)).toEqual({ name: kim.name, email: kim.email, phone: kim.phone });
    expect(await agentSees(elsewhere.alice, theirs.session.id)).toBe(theirsBefore);
    expect(await customerRow(theirs.session.customerId)).toEqual({ name: cora.name, email: cora.email, phone: cora.phone });
    expect(await outboxRows(theirs.session.id)).toEqual(theirOutbox);
  });

  it('refuses a request that names nobody, saying what is missing', async () => {
    const org = await makeOrg();
    await expect(forgetPerson(env, org.id, { email: null }, Date.now())).rejects.toThrow(/give an email, a phone number or a CRM record/);
    await expect(forgetPerson(env, org.id, { email: 'not an address' }, Date.now())).rejects.toThrow(/must be an email address/);
  });
});

describe('forgetting a person who sent requested documents', () => {
  it('deletes every photo they gave, replaced ones included; an accepted document stays accepted, without its file', async () => {
    const org = await makeOrg();
    const cora = person('Cora Vance');
    const s = await startSession(org.alice, cora);
    const id = s.session.id as string;
    const b = new Browser();
    await b.open((await outboxFor(id))[0]!.link);
    const asked = await call('POST', `/api/v1/sessions/${id}/document-requests`, { token: org.alice.token, body: { documents: [{ category: 'passport' }, { category: 'proof_of_address' }] } });
    const [passport, address] = asked.json.slots;
    const itemId = asked.json.item.id;
    const send = async (slotId: string) => {
      const form = new FormData();
      // A PDF that opens: requested PDFs are checked (chat attachments are not parsed).
      form.append('file', new File([await makePdf(1)], 'passport.pdf'));
      expect((await b.request('PUT', `/room/api/requests/${itemId}/slots/${slotId}/file`, form)).status).toBe(200);
    };
    await send(passport.id);
    await send(passport.id); // replaced: the first file is kept for the audit until now
    await send(address.id);
    await call('POST', `/api/v1/sessions/${id}/document-requests/${itemId}/slots/${passport.id}/accept`, { token: org.alice.token });
    const prefix = `orgs/${org.id}/sessions/${id}/requests/${itemId}/`;
    expect((await env.FILES.list({ prefix })).objects).toHaveLength(3);

    await forgetPerson(env, org.id, { email: cora.email }, Date.now());

    expect((await env.FILES.list({ prefix })).objects).toHaveLength(0);
    const after = (await call('GET', `/api/v1/sessions/${id}/document-requests/${itemId}`, { token: org.alice.token })).json;
    expect(after.slots.map((slot: { status: string; file: unknown }) => [slot.status, slot.file])).toEqual([
      ['accepted', null],
      ['pending', null],
    ]);
  });
});
