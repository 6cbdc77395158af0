// An attachment field takes only a file its signer can see: the main chat's,
// or their own private session's; never a file another participant sent in
// their private session with the agent (the rule downloads follow).
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';
import { documentForm, makePdf } from '../../helpers/pdf';

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (ch) => ch.charCodeAt(0));

async function upload(b: Browser, name: string, threadId?: string) {
  const form = new FormData();
  form.append('file', new File([PNG], name));
  if (threadId) form.append('threadId', threadId);
  const res = await b.request('POST', '/room/api/attachments', form);
  expect(res.status).toBe(201);
  return res.json.file.id as string;
}

/** A session with the customer (Cora) and a co-signer (Colin), both in the room; a document with an attachment field for the customer. */
async function twoParticipantsAndADocument() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: `a-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const colinId = (await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Cosigner', contact: { name: 'Colin', email: `c-${crypto.randomUUID()}@example.com` } } })).json.id as string;
  const sent = await outboxFor(id);
  const cora = new Browser();
  await cora.open(sent.find((m) => m.participant_id === s.participants[0].id)!.link);
  const colin = new Browser();
  await colin.open(sent.find((m) => m.participant_id === colinId)!.link);
  const doc = await call('POST', `/api/v1/sessions/${id}/documents/adhoc`, {
    token: org.alice.token,
    body: documentForm(await makePdf(1), { fields: [{ id: 'id_copy', type: 'attachment', page: 1, rect: { x: 72, y: 400, width: 200, height: 20 }, role: 'Customer', required: true }] }, { name: 'ID check' }),
  });
  expect(doc.status).toBe(201);
  const thread = await call('POST', `/api/v1/sessions/${id}/participants/${colinId}/private`, { token: org.alice.token });
  expect(thread.status).toBe(200);
  const coraThread = await call('POST', `/api/v1/sessions/${id}/participants/${s.participants[0].id}/private`, { token: org.alice.token });
  return { cora, colin, itemId: doc.json.item.id as string, colinThread: thread.json.threadId as string, coraThread: coraThread.json.threadId as string };
}

describe('attachment fields', () => {
  it("refuses a file from another participant's private session, as if it did not exist; the signer's own file works", async () => {
    const { cora, colin, itemId, colinThread } = await twoParticipantsAndADocument();
    const colinsPassport = await upload(colin, 'colin-passport.png', colinThread);
    // Cora cannot download it: the rule the field must follow.
    expect((await cora.request('GET', `/room/api/files/${colinsPassport}`)).status).toBe(404);

    const fill = (fileId: string) => cora.request('PUT', `/room/api/documents/${itemId}/fields/id_copy`, { value: { kind: 'file', fileId } });
    const refused = await fill(colinsPassport);
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toBe(`value: no file ${colinsPassport} was sent in this session; upload it first`);
    const doc = await cora.request('GET', `/room/api/documents/${itemId}`);
    expect(JSON.stringify(doc.json)).not.toContain(colinsPassport);
    expect(JSON.stringify(doc.json)).not.toContain('colin-passport');

    const mine = await upload(cora, 'cora-passport.png');
    expect((await fill(mine)).status).toBe(200);
  });

  it("takes a file from the main chat, whoever sent it, and from the signer's own private session", async () => {
    const { cora, colin, itemId, coraThread } = await twoParticipantsAndADocument();
    const fill = (fileId: string) => cora.request('PUT', `/room/api/documents/${itemId}/fields/id_copy`, { value: { kind: 'file', fileId } });
    expect((await fill(await upload(colin, 'shared.png'))).status).toBe(200);
    expect((await fill(await upload(cora, 'cora-private.png', coraThread))).status).toBe(200);
  });
});
