// The agent's side of the chat in the workspace: ✓ "Sent" under the agent's
// own messages turning ✓✓ "Read" once the customer read them, and on a
// phone a "Chat" tab at the top that goes straight to the chat.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession } from '../../../helpers/world';

describe('the workspace chat', () => {
  it("shows the agent's message as sent, then read once the customer read it; the customer's carries no receipt", async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: `wc-${crypto.randomUUID()}@example.com` });
    const id = s.session.id as string;
    const cora = new Browser();
    await cora.open((await outboxFor(id))[0]!.link);
    await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'Your forms are here' } });
    await cora.request('POST', '/room/api/messages', { text: 'Thank you' });
    const ws = await signInToWorkspace(org.alice);

    let page = (await ws.get(`/app/sessions/${id}`)).text;
    expect(page).toContain('<nav class="ws-jump" aria-label="On this page"><a href="#chat">Chat</a></nav>');
    expect(page).toContain('<section aria-labelledby="chat-h" class="ws-panel" id="chat">');
    expect(page).toMatch(/Your forms are here[^]*?<span class="ws-receipt" data-read="0"> <span aria-hidden="true">✓<\/span> Sent<\/span>/);
    expect(page).not.toMatch(/Thank you[^]*?ws-receipt/);

    expect((await cora.request('POST', '/room/api/chat/read')).status).toBe(200);
    page = (await ws.get(`/app/sessions/${id}`)).text;
    expect(page).toMatch(/Your forms are here[^]*?<span class="ws-receipt read" data-read="1"> <span aria-hidden="true">✓✓<\/span> Read<\/span>/);
  });
});
