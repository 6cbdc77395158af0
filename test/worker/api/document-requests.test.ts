// Document requests through the API and the room: the agent asks, the
// customer sends a photo for each document (replacing it until accepted),
// the agent rejects one saying why and accepts the retake, and the request
// completes only then; bad files and wrong callers are refused clearly.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';
import { makeJpegHeader, makePng } from '../../helpers/images';
import { makePdf } from '../../helpers/pdf';

async function setup() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: `r-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  return { org, id, cora };
}

const form = (bytes: Uint8Array, name = 'photo.jpg') => {
  const f = new FormData();
  f.append('file', new File([bytes], name));
  return f;
};
const photo = (w = 1600, h = 1000) => makeJpegHeader(w, h);

describe('a document request', () => {
  it('goes from asked to completed only through the agent accepting every required document', async () => {
    const { org, id, cora } = await setup();
    const asked = await call('POST', `/api/v1/sessions/${id}/document-requests`, {
      token: org.alice.token,
      body: { name: 'Your ID', documents: [{ category: 'id_card', note: 'Both sides, in good light' }, { category: 'other', label: 'Pay slip', required: false }] },
    });
    expect(asked.status).toBe(201);
    expect(asked.json.item).toMatchObject({ kind: 'document_request', status: 'sent', app: { kind: 'document_request' } });
    const [front, back, payslip] = asked.json.slots;
    expect([front.category, back.category, payslip.category]).toEqual(['id_card_front', 'id_card_back', 'other']);
    const itemId = asked.json.item.id;
    const base = `/room/api/requests/${itemId}/slots`;

    // The customer sends both sides, and replaces the front before the agent looks.
    expect((await cora.request('PUT', `${base}/${front.id}/file`, form(photo()))).json.item.status).toBe('in_progress');
    await cora.request('PUT', `${base}/${back.id}/file`, form(photo()));
    const replaced = await cora.request('PUT', `${base}/${front.id}/file`, form(photo(2000, 1200), 'front.jpg'));
    expect(replaced.json.slots[0]).toMatchObject({ status: 'submitted', file: { name: 'front.jpg', type: 'image/jpeg', width: 2000, height: 1200 } });

    // The generic status route cannot complete it, for either side.
    expect((await cora.request('POST', `/room/api/items/${itemId}/status`, { status: 'completed' })).status).toBe(403);
    expect((await call('POST', `/api/v1/sessions/${id}/items/${itemId}/status`, { token: org.alice.token, body: { status: 'completed' } })).status).toBe(403);

    // The agent rejects the back, saying why; the customer sees the reason and sends it again.
    const agentBase = `/api/v1/sessions/${id}/document-requests/${itemId}/slots`;
    expect((await call('POST', `${agentBase}/${back.id}/reject`, { token: org.alice.token, body: {} })).status).toBe(422);
    const rejected = await call('POST', `${agentBase}/${back.id}/reject`, { token: org.alice.token, body: { reason: 'The photo is blurred' } });
    expect(rejected.json.slots[1]).toMatchObject({ status: 'rejected', reason: 'The photo is blurred' });
    expect((await cora.request('GET', `/room/api/requests/${itemId}`)).json.slots[1]).toMatchObject({ status: 'rejected', reason: 'The photo is blurred' });
    await cora.request('PUT', `${base}/${back.id}/file`, form(photo()));

    // Accepting the front leaves it in progress; accepting the retaken back completes it (the pay slip was optional).
    expect((await call('POST', `${agentBase}/${front.id}/accept`, { token: org.alice.token })).json.item.status).toBe('in_progress');
    const done = await call('POST', `${agentBase}/${back.id}/accept`, { token: org.alice.token });
    expect(done.json.item).toMatchObject({ status: 'completed', app: { slots: [{ status: 'accepted' }, { status: 'accepted' }, { status: 'pending' }] } });

    // Every step is in the request's hash-chained audit trail, each file by its hash, where it came from and how its sender was known.
    const audit = await call('GET', `/api/v1/sessions/${id}/document-requests/${itemId}/audit`, { token: org.alice.token });
    expect(audit.json.verification).toMatchObject({ valid: true });
    expect(audit.json.entries.map((e: { event: string }) => e.event)).toEqual(['asked', 'file_submitted', 'file_submitted', 'file_submitted', 'file_rejected', 'file_submitted', 'file_accepted', 'file_accepted', 'completed']);
    const [askedEntry, firstFile] = audit.json.entries;
    expect(askedEntry.detail).toBe('ID card (front), ID card (back), Pay slip (optional)');
    expect(firstFile).toMatchObject({ actor: expect.stringMatching(/^participant:/), authMethod: 'personal invitation link', detail: `ID card (front): photo.jpg (image/jpeg, ${photo().byteLength} bytes, 1600×1000 px)` });
    expect(firstFile.docHash).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.json.entries[4].detail).toBe('ID card (back): The photo is blurred');

    // An accepted document cannot be replaced; the agent can still look at the file.
    const late = await cora.request('PUT', `${base}/${front.id}/file`, form(photo()));
    expect(late.status).toBe(409);
    const file = await call('GET', `${agentBase}/${front.id}/file`, { token: org.alice.token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');

    // The whole story is in the event log.
    const events = (await call('GET', `/api/v1/sessions/${id}/events`, { token: org.alice.token })).json.events.map((e: { type: string }) => e.type);
    expect(events.filter((t: string) => t.startsWith('request.'))).toEqual([
      'request.file_submitted',
      'request.file_submitted',
      'request.file_submitted',
      'request.file_rejected',
      'request.file_submitted',
      'request.file_accepted',
      'request.file_accepted',
    ]);
  });

  it('refuses poor files with a message the customer can act on', async () => {
    const { org, id, cora } = await setup();
    const asked = await call('POST', `/api/v1/sessions/${id}/document-requests`, { token: org.alice.token, body: { documents: [{ category: 'passport' }] } });
    const slot = `/room/api/requests/${asked.json.item.id}/slots/${asked.json.slots[0].id}/file`;
    const small = await cora.request('PUT', slot, form(await makePng(300, 200), 'tiny.png'));
    expect(small.status).toBe(422);
    expect(small.json.error.message).toBe('file: the picture is too small to read (300×200 px); take it again closer, at least 600 px on its short side');
    const broken = await cora.request('PUT', slot, form(photo().subarray(0, 12)));
    expect(broken.json.error.message).toMatch(/cannot be read/);
    expect((await cora.request('PUT', slot, form(new TextEncoder().encode('hello'), 'a.txt'))).status).toBe(415);
    expect((await cora.request('PUT', slot, form(new Uint8Array(0)))).status).toBe(422);
    expect((await cora.request('PUT', slot, form(await makePdf(1), 'statement.pdf'))).json.slots[0].file).toMatchObject({ type: 'application/pdf', name: 'statement.pdf' });
    // A PDF the agent could not open is refused, and the file already given stays.
    const damaged = await cora.request('PUT', slot, form(new TextEncoder().encode('%PDF-1.7\n%%EOF\n'), 'broken.pdf'));
    expect([damaged.status, damaged.json.error.code]).toEqual([422, 'corrupt_pdf']);
    expect((await cora.request('GET', `/room/api/requests/${asked.json.item.id}`)).json.slots[0].file).toMatchObject({ name: 'statement.pdf' });
  });

  it('names what is wrong with the ask, and keeps other orgs and participants out', async () => {
    const { org, id, cora } = await setup();
    const bad = await call('POST', `/api/v1/sessions/${id}/document-requests`, { token: org.alice.token, body: { documents: [{ category: 'other' }] } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toBe('documents[0].label: name the document you ask for');
    expect((await call('POST', `/api/v1/sessions/${id}/document-requests`, { token: org.alice.token, body: { documents: [{ category: 'selfie' }] } })).status).toBe(422);

    const asked = await call('POST', `/api/v1/sessions/${id}/document-requests`, { token: org.alice.token, body: { documents: [{ category: 'bank_statement' }] } });
    const itemId = asked.json.item.id;
    const other = await makeOrg();
    expect((await call('GET', `/api/v1/sessions/${id}/document-requests/${itemId}`, { token: other.alice.token })).status).toBe(404);
    // Not a request: a task is not found here.
    const task = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Call us' } });
    expect((await cora.request('GET', `/room/api/requests/${task.json.id}`)).status).toBe(404);
    // The agent cannot accept a document nobody sent yet.
    expect((await call('POST', `/api/v1/sessions/${id}/document-requests/${itemId}/slots/${asked.json.slots[0].id}/accept`, { token: org.alice.token })).status).toBe(409);
  });
});
