// The workspace's private conversations: a "Private conversation" button on
// each participant's card opens one (POST …/participants/{id}/private); the
// session page then shows it as its own panel with its messages and reply
// box, never in the main chat, in the page and in its live fragment.
// Opening one with a participant who was never invited sends their
// invitation (while the session is active); in a pre-planned session the
// panel says they are invited with the session.
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { roomOf } from '../../helpers/sealing';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession } from '../../helpers/world';

const email = () => `v-${crypto.randomUUID()}@example.com`;

async function sessionWithColin(invite = true) {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: email() }, { invite });
  const id = s.session.id as string;
  const colinEmail = email();
  const add = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Co-signer', contact: { name: 'Colin', email: colinEmail } } });
  expect(add.status).toBe(201);
  const ws = await signInToWorkspace(org.alice);
  return { org, id, ws, colinId: add.json.id as string, colinEmail, customerId: s.participants[0].id as string };
}

/** The HTML of the element with this id up to its first closing tag of that kind. */
function part(html: string, id: string, tag: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `#${id} on the page`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

describe('private conversations in the workspace', () => {
  it('offers one on every participant card, the customer included', async () => {
    const { id, ws, colinId, customerId } = await sessionWithColin();
    const page = await ws.get(`/app/sessions/${id}`);
    for (const pid of [customerId, colinId]) expect(page.text).toMatch(new RegExp(`id="private-open-${pid}" data-private="${pid}"`));
    expect(page.text).toContain('Private conversation<span class="ws-sr"> with Colin</span>');
    expect(page.text).toContain('<div id="ws-private"></div>');
  });

  it('shows an opened one as its own panel, with its messages and reply box, and keeps them out of the main chat', async () => {
    const { org, id, ws, colinId } = await sessionWithColin();
    const opened = await ws.api('POST', `/sessions/${id}/participants/${colinId}/private`);
    expect(opened.status).toBe(200);
    const threadId = opened.json.threadId as string;
    expect((await ws.api('POST', `/sessions/${id}/messages`, { text: 'Colin, your payslip please', threadId })).status).toBe(201);
    expect((await ws.api('POST', `/sessions/${id}/messages`, { text: 'Hello everyone' })).status).toBe(201);
    const colin = new Browser();
    await colin.open((await outboxFor(id)).find((m) => m.participant_id === colinId)!.link);
    expect((await colin.request('POST', '/room/api/messages', { text: 'Sent it', threadId })).status).toBe(201);

    for (const path of [`/app/sessions/${id}`, `/app/sessions/${id}/live`]) {
      const page = await ws.get(path);
      expect(page.status).toBe(200);
      const panel = part(page.text, `private-${threadId}`, 'section');
      expect(panel).toContain('Private with Colin');
      expect(panel).toContain(`data-participant="${colinId}"`);
      expect(panel).toContain('<span class="who">You:</span> Colin, your payslip please');
      expect(panel).toContain('<span class="who">Colin:</span> Sent it');
      expect(panel).toContain(`<form id="private-${threadId}-form" class="ws-form ws-chat-form" data-private-form="${threadId}"`);
      expect(panel).toContain(`<label for="private-${threadId}-text">Private message to Colin</label>`);
      expect(panel).toContain('They have entered the room and see it there.');
      const main = part(page.text, 'ws-messages', 'ul');
      expect(main).toContain('Hello everyone');
      expect(main).not.toContain('payslip');
      expect(main).not.toContain('Sent it');
    }
    const page = await ws.get(`/app/sessions/${id}`);
    expect(page.text).toContain(`Go to private conversation<span class="ws-sr"> with Colin</span>`);
    // Another agent outside the search space sees nothing of it.
    expect((await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.carol.token, body: { text: 'x', threadId } })).status).toBe(404);
  });

  it('sends the invitation of a participant who was never invited when the session is active', async () => {
    const { id, ws, colinId } = await sessionWithColin();
    // A participant the session holds but never invited (e.g. left for the customer to assign, or whose invitation never went out).
    await runInDurableObject(roomOf(id), (_o, state) => {
      state.storage.sql.exec('UPDATE participants SET invited_at = NULL WHERE id = ?', colinId);
    });
    const before = (await outboxFor(id)).filter((m) => m.participant_id === colinId).length;
    const opened = await ws.api('POST', `/sessions/${id}/participants/${colinId}/private`);
    expect(opened.status).toBe(200);
    const toColin = (await outboxFor(id)).filter((m) => m.participant_id === colinId);
    expect(toColin).toHaveLength(before + 1);
    // Opened again: no further invitation.
    await ws.api('POST', `/sessions/${id}/participants/${colinId}/private`);
    expect((await outboxFor(id)).filter((m) => m.participant_id === colinId)).toHaveLength(before + 1);
    const panel = part((await ws.get(`/app/sessions/${id}`)).text, `private-${opened.json.threadId}-note`, 'p');
    expect(panel).toContain('Their invitation went out');
  });

  it('in a pre-planned session, invites nobody yet and says they are invited with the session', async () => {
    const { id, ws, colinId } = await sessionWithColin(false);
    const opened = await ws.api('POST', `/sessions/${id}/participants/${colinId}/private`);
    expect(opened.status).toBe(200);
    expect(await outboxFor(id)).toHaveLength(0);
    const note = part((await ws.get(`/app/sessions/${id}`)).text, `private-${opened.json.threadId}-note`, 'p');
    expect(note).toContain('They get their invitation when you invite the session.');
    expect(note).toContain('data-state="planned"');
  });

  it('refuses an unknown participant with 404', async () => {
    const { id, ws } = await sessionWithColin();
    const r = await ws.api('POST', `/sessions/${id}/participants/par_0000000000000000/private`);
    expect(r.status).toBe(404);
  });
});
