// A private thread in the room: the participant it belongs to sees it as its
// own conversation ("Private with your agent", its own reply box), never in
// the main chat; any other participant gets 404 reading it (its files) or
// writing into it, and does not see a word of it on their page.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const email = () => `t-${crypto.randomUUID()}@example.com`;

/** Cora the customer and Colin the co-signer in their rooms, and a private thread between the agent and Colin with one message in it. */
async function threadWithColin() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: email() });
  const id = s.session.id as string;
  const add = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Co-signer', contact: { name: 'Colin', email: email() } } });
  const colinId = add.json.id as string;
  const invites = await outboxFor(id);
  const colin = new Browser();
  await colin.open(invites.find((m) => m.participant_id === colinId)!.link);
  const cora = new Browser();
  await cora.open(invites.find((m) => m.participant_id !== colinId)!.link);
  const threadId = (await call('POST', `/api/v1/sessions/${id}/participants/${colinId}/private`, { token: org.alice.token })).json.threadId as string;
  await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'Just between us, Colin' } });
  await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'Colin, your payslip please', threadId } });
  return { org, id, colin, cora, colinId, threadId };
}

/** The inner HTML of the element with this id on a page (its first closing tag of that kind). */
function part(html: string, id: string, tag: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `#${id} on the page`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

describe('the private thread in the room', () => {
  it('is its own conversation for its participant: its own list and reply box, apart from the main chat', async () => {
    const { colin, threadId } = await threadWithColin();
    const page = await colin.request('GET', '/room');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2 id="private-h">Private with your agent</h2>');
    expect(page.text).toContain(`data-thread="${threadId}"`);
    expect(page.text).toMatch(/<label class="visually-hidden" for="private-text">Private message to your agent<\/label>/);
    expect(page.text).toContain('id="private-form"');
    expect(part(page.text, 'private-messages', 'ul')).toContain('Colin, your payslip please');
    const main = part(page.text, 'messages', 'ul');
    expect(main).toContain('Just between us, Colin');
    expect(main).not.toContain('payslip');
  });

  it('takes the participant’s reply with its threadId, and the reply stays out of the main chat for everyone', async () => {
    const { org, id, colin, cora, threadId } = await threadWithColin();
    const reply = await colin.request('POST', '/room/api/messages', { text: 'Attached tonight', threadId });
    expect(reply.status).toBe(201);
    expect(reply.json.threadId).toBe(threadId);
    const colinState = (await colin.request('GET', '/room/api/state')).json;
    expect(colinState.messages.filter((m: any) => m.threadId === threadId).map((m: any) => m.text)).toEqual(['Colin, your payslip please', 'Attached tonight']);
    // The agent's main chat does not carry it either.
    const agentView = await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token });
    expect(agentView.json.messages.map((m: any) => m.text)).toEqual(['Just between us, Colin']);
    const coraPage = await cora.request('GET', '/room');
    expect(coraPage.text).not.toContain('Attached tonight');
    expect(coraPage.text).not.toContain('payslip');
    // No private panel for her (its heading's words are in the page's texts for the script, never drawn).
    expect(coraPage.text).not.toContain('id="private"');
    expect(coraPage.text).not.toContain('<h2 id="private-h">');
  });

  it('answers another participant reading or writing in it with 404', async () => {
    const { colin, cora, threadId } = await threadWithColin();
    const upload = new FormData();
    upload.append('file', new File([Uint8Array.from(atob(PNG), (ch) => ch.charCodeAt(0))], 'payslip.png'));
    upload.append('threadId', threadId);
    const sent = await colin.request('POST', '/room/api/attachments', upload);
    expect(sent.status).toBe(201);
    const fileId = sent.json.file.id as string;
    expect((await colin.request('GET', `/room/api/files/${fileId}`)).status).toBe(200);

    const coraState = (await cora.request('GET', '/room/api/state')).json;
    expect(coraState.privateSessionId).toBeNull();
    expect(coraState.messages.some((m: any) => m.threadId === threadId)).toBe(false);
    expect((await cora.request('GET', `/room/api/files/${fileId}`)).status).toBe(404);
    const post = await cora.request('POST', '/room/api/messages', { text: 'let me in', threadId });
    expect(post.status).toBe(404);
    const attach = new FormData();
    attach.append('file', new File([Uint8Array.from(atob(PNG), (ch) => ch.charCodeAt(0))], 'x.png'));
    attach.append('threadId', threadId);
    expect((await cora.request('POST', '/room/api/attachments', attach)).status).toBe(404);
  });
});
