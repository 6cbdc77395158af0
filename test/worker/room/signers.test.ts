// Co-signer status per document (issue 13): an item carries its signers, in
// the document's role order, each done or not and since when; the count of a
// document is its own (0/2 → 1/2 → 2/2), in the API, in the item events
// every client hears, in the participant's room and on the document itself,
// and what participants get of it holds no contact details.
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { participantEventSchema } from '../../../worker/src/contract/events';
import { participantRoomSchema } from '../../../worker/src/contract/session';
import { signerList } from '../../../worker/src/room/signers';
import { connect, isEvent } from '../../helpers/live-socket';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';
import { roomOf } from '../../helpers/sealing';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';

const drawn = { kind: 'drawn', png: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' };
const count = (signers: { done: boolean }[]) => `${signers.filter((s) => s.done).length}/${signers.length}`;

async function template(org: Org, definition: unknown) {
  const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), definition, { name: `T ${crypto.randomUUID().slice(0, 8)}` }) });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

/** A session with the customer (Cora) and a co-signer (Colin), both in their rooms. */
async function twoSigners(org: Org) {
  const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  const colinEmail = `colin-${crypto.randomUUID()}@example.org`;
  const colinPhone = '+14155550142';
  const co = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Cosigner', contact: { name: 'Colin', email: colinEmail, phone: colinPhone } } });
  expect(co.status, co.text).toBe(201);
  const colin = new Browser();
  await colin.open((await outboxFor(id)).find((m) => m.participant_id === co.json.id)!.link);
  for (const b of [cora, colin]) expect((await b.request('POST', '/room/api/consent')).status).toBe(200);
  return { id, cora, colin, coraId: s.participants[0].id as string, colinId: co.json.id as string, coraEmail: s.participants[0].email as string, colinEmail, colinPhone };
}

describe('signerList', () => {
  const base = { signings: [], pending: new Set<string>(), acting: new Set<string>(['Agent', 'Customer']) };

  it('lists held roles in the document order, the agent as null, and leaves out a role nobody holds', () => {
    const signers = signerList({ ...base, roles: [{ name: 'Agent' }, { name: 'Customer' }, { name: 'Witness' }], assignments: { Customer: 'par_1', Agent: 'agent' }, done: new Set() });
    expect(signers).toEqual([
      { role: 'Agent', participantId: null, pending: false, done: false, doneAt: null, turn: true },
      { role: 'Customer', participantId: 'par_1', pending: false, done: false, doneAt: null, turn: true },
    ]);
  });

  it('lists a role the customer still has to assign as pending, so it counts', () => {
    const signers = signerList({ ...base, roles: [{ name: 'Customer' }, { name: 'Guarantor' }], assignments: { Customer: 'par_1' }, done: new Set(), pending: new Set(['Guarantor']) });
    expect(signers[1]).toEqual({ role: 'Guarantor', participantId: null, pending: true, done: false, doneAt: null, turn: false });
    expect(count(signers)).toBe('0/2');
  });

  it('dates each done role by the signing that named it, whole names only ("Co" is not "Cosigner")', () => {
    const signings = [
      { at: Date.UTC(2026, 10, 1, 9), detail: 'Cosigner' },
      { at: Date.UTC(2026, 10, 2, 9), detail: 'Customer, Co' },
    ];
    const signers = signerList({ roles: [{ name: 'Customer' }, { name: 'Cosigner' }, { name: 'Co' }], assignments: { Customer: 'a', Cosigner: 'b', Co: 'c' }, done: new Set(['Customer', 'Cosigner', 'Co']), signings, pending: new Set(), acting: new Set() });
    expect(signers.map((s) => s.doneAt)).toEqual(['2026-11-02T09:00:00.000Z', '2026-11-01T09:00:00.000Z', '2026-11-02T09:00:00.000Z']);
  });

  it('marks whose turn it is: only the roles that may act now and are not done', () => {
    const signers = signerList({ ...base, roles: [{ name: 'Customer' }, { name: 'Cosigner' }], assignments: { Customer: 'a', Cosigner: 'b' }, done: new Set(), acting: new Set(['Customer']) });
    expect(signers.map((s) => s.turn)).toEqual([true, false]);
  });
});

describe('a two-signer document', () => {
  it('counts 0/2 → 1/2 → 2/2 in the API, the events, the room and the document, with nobody’s contact details for participants', async () => {
    const org = await makeOrg();
    const tpl = await template(org, { roles: [{ name: 'Customer' }, { name: 'Cosigner' }], signingOrder: 'sequential', fields: [signatureField('c'), signatureField('co', 'Cosigner')] });
    const t = await twoSigners(org);
    const agent = await connect(`/api/v1/sessions/${t.id}/ws?token=${org.alice.token}`);
    const colinLive = await connect('/room/api/ws', { Cookie: t.colin.cookie! });

    const sent = await call('POST', `/api/v1/sessions/${t.id}/documents`, { token: org.alice.token, body: { templateId: tpl, roles: { Cosigner: t.colinId } } });
    expect(sent.status, sent.text).toBe(201);
    const itemId = sent.json.item.id as string;
    expect(sent.json.item.signers).toEqual([
      // Signed in order: the Cosigner's turn comes after the Customer's.
      { role: 'Customer', participantId: t.coraId, pending: false, done: false, doneAt: null, turn: true },
      { role: 'Cosigner', participantId: t.colinId, pending: false, done: false, doneAt: null, turn: false },
    ]);
    const created = await agent.next((f) => isEvent('item.created')(f) && f.event.data.item.id === itemId);
    expect(count(created.event.data.item.signers)).toBe('0/2');

    // Cora signs: 1/2, everywhere.
    expect((await t.cora.request('PUT', `/room/api/documents/${itemId}/fields/c`, { value: drawn })).status).toBe(200);
    expect((await t.cora.request('POST', `/room/api/documents/${itemId}/complete`)).status).toBe(200);
    const signed = await agent.next((f) => isEvent('document.signed')(f) && f.event.data.item.id === itemId);
    expect(count(signed.event.data.item.signers)).toBe('1/2');
    expect(signed.event.data.item.signers.map((s: { turn: boolean }) => s.turn)).toEqual([false, true]);
    expect(signed.event.data.item.signers[0]).toMatchObject({ role: 'Customer', done: true });
    expect(Date.parse(signed.event.data.item.signers[0].doneAt)).toBeGreaterThan(Date.now() - 60_000);
    const heard = await colinLive.next((f) => isEvent('document.signed')(f) && f.event.data.item.id === itemId);
    expect(count(heard.event.data.item.signers)).toBe('1/2');

    const session = await call('GET', `/api/v1/sessions/${t.id}`, { token: org.alice.token });
    expect(count(session.json.items.find((i: any) => i.id === itemId).signers)).toBe('1/2');
    const asAgent = await call('GET', `/api/v1/sessions/${t.id}/documents/${itemId}`, { token: org.alice.token });
    expect(asAgent.json.document.roles.map((r: any) => [r.name, r.done, r.participant?.name])).toEqual([
      ['Customer', true, 'Cora Customer'],
      ['Cosigner', false, 'Colin'],
    ]);
    expect(asAgent.json.document.roles[0].doneAt).toBe(signed.event.data.item.signers[0].doneAt);
    expect(asAgent.json.document.roles[1].participant.consentedAt).not.toBeNull();

    // What Colin sees of it: the count and Cora's status, not her contact details (nor his own in what is shared).
    const room = await t.colin.request('GET', '/room/api/state');
    expect(participantRoomSchema.safeParse(room.json).error?.issues ?? []).toEqual([]);
    expect(count(room.json.items.find((i: any) => i.id === itemId).signers)).toBe('1/2');
    const doc = await t.colin.request('GET', `/room/api/documents/${itemId}`);
    expect(doc.json.document.roles[0]).toMatchObject({ done: true, participant: { id: t.coraId, name: 'Cora Customer', online: false } });
    for (const shown of [JSON.stringify(doc.json), JSON.stringify(colinLive.frames), JSON.stringify(room.json.items), JSON.stringify(room.json.others)]) {
      for (const secret of [t.coraEmail, t.colinEmail, t.colinPhone]) expect(shown).not.toContain(secret);
    }
    for (const f of colinLive.frames.filter((f) => f.type === 'event')) expect(participantEventSchema.safeParse(f.event).error?.issues ?? []).toEqual([]);

    // Colin signs: 2/2.
    expect((await t.colin.request('PUT', `/room/api/documents/${itemId}/fields/co`, { value: drawn })).status).toBe(200);
    const done = await t.colin.request('POST', `/room/api/documents/${itemId}/complete`);
    expect(done.status, done.text).toBe(200);
    expect(count(done.json.item.signers)).toBe('2/2');
    const last = await agent.next((f) => isEvent('document.signed')(f) && count(f.event.data.item.signers) === '2/2');
    expect(last.event.data.item.signers[1]).toMatchObject({ role: 'Cosigner', participantId: t.colinId, done: true });
  });

  it('a role left for the customer to assign counts as pending until it is given or skipped', async () => {
    const org = await makeOrg();
    const tpl = await template(org, { roles: [{ name: 'Customer' }, { name: 'Witness', required: false }], fields: [signatureField('c'), signatureField('w', 'Witness')] });
    const t = await twoSigners(org);
    const itemId = (await call('POST', `/api/v1/sessions/${t.id}/documents`, { token: org.alice.token, body: { templateId: tpl } })).json.item.id as string;
    const signersNow = async () => (await call('GET', `/api/v1/sessions/${t.id}`, { token: org.alice.token })).json.items.find((i: any) => i.id === itemId).signers;
    // The agent left the optional Witness out: it does not count.
    expect((await signersNow()).map((s: any) => s.role)).toEqual(['Customer']);

    const sql = (query: string, ...args: unknown[]) => runInDurableObject(roomOf(t.id), (_o, state) => void state.storage.sql.exec(query, ...args));
    await sql('INSERT INTO role_requests (item_id, role_name, assigner_id, required, created_at) VALUES (?, ?, ?, 0, ?)', itemId, 'Witness', t.coraId, Date.now());
    expect(await signersNow()).toEqual([expect.objectContaining({ role: 'Customer' }), { role: 'Witness', participantId: null, pending: true, done: false, doneAt: null, turn: false }]);
    const doc = await call('GET', `/api/v1/sessions/${t.id}/documents/${itemId}`, { token: org.alice.token });
    expect(doc.json.document.roles[1]).toMatchObject({ name: 'Witness', pending: true, assigned: null, participant: null });

    await sql('UPDATE role_requests SET skipped_at = ? WHERE item_id = ?', Date.now(), itemId);
    expect((await signersNow()).map((s: any) => s.role)).toEqual(['Customer']);
  });

  it('items that are not documents have no signers', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Pat', email: `p-${crypto.randomUUID()}@example.com` });
    const item = await call('POST', `/api/v1/sessions/${s.session.id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Deposit' } });
    expect(item.json.signers).toBeNull();
  });
});
