// "Read" both ways (room/chat-reads.ts): marking the chat read is one
// stored mark per reader, moved only forward, told to the other side as a
// read frame (no event), and shown as `read` on the messages of each view.
import { describe, expect, it } from 'vitest';
import { connect } from '../../helpers/live-socket';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

async function chatting() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: `cr-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'Hello Cora' } });
  await cora.request('POST', '/room/api/messages', { text: 'Hi!' });
  return { org, id, cora };
}

const versionOf = async (org: { alice: { token: string } }, id: string) => (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.session.version as number;

describe('chat read marks', () => {
  it('the customer reading turns the agent\'s message "read" for the agent, at once over the socket, with no event', async () => {
    const { org, id, cora } = await chatting();
    const agent = await connect(`/api/v1/sessions/${id}/ws?token=${org.alice.token}`, {});
    await agent.next((f) => f.type === 'hello');
    const before = await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token });
    expect(before.json.messages.map((m: any) => [m.text, m.read])).toEqual([
      ['Hello Cora', false],
      ['Hi!', false],
    ]);
    const version = await versionOf(org, id);

    const marked = await cora.request('POST', '/room/api/chat/read');
    expect(marked.status).toBe(200);
    expect(marked.json.readUntil).toBe(before.json.messages[1].createdAt);
    const frame = await agent.next((f) => f.type === 'read');
    expect(frame).toMatchObject({ type: 'read', who: 'participant', id: before.json.participants[0].id, until: marked.json.readUntil });

    const after = await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token });
    expect(after.json.messages.map((m: any) => [m.text, m.read])).toEqual([
      ['Hello Cora', true],
      ['Hi!', false],
    ]);
    expect(await versionOf(org, id)).toBe(version); // no event-log row per read
    agent.ws.close();
  });

  it('the agent reading shows ✓✓ to the customer, told over the socket; marking again tells nobody', async () => {
    const { org, id, cora } = await chatting();
    const live = await connect('/room/api/ws', { Cookie: cora.cookie! });
    await live.next((f) => f.type === 'hello');
    expect((await cora.request('GET', '/room/api/state')).json.messages.find((m: any) => m.text === 'Hi!').read).toBe(false);

    const marked = await call('POST', `/api/v1/sessions/${id}/chat/read`, { token: org.alice.token });
    expect(marked.status).toBe(200);
    const frame = await live.next((f) => f.type === 'read');
    expect(frame).toEqual({ type: 'read', who: 'agent', until: marked.json.readUntil });
    expect((await cora.request('GET', '/room/api/state')).json.messages.find((m: any) => m.text === 'Hi!').read).toBe(true);

    const frames = live.frames.length;
    expect((await call('POST', `/api/v1/sessions/${id}/chat/read`, { token: org.alice.token })).json.readUntil).toBe(marked.json.readUntil);
    await new Promise((r) => setTimeout(r, 50));
    expect(live.frames.length).toBe(frames); // the mark did not move: no frame
    live.ws.close();
  });

  it('answers null with nothing to read, and refuses callers who are not in the session', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: `cr-${crypto.randomUUID()}@example.com` });
    const cora = new Browser();
    await cora.open((await outboxFor(s.session.id))[0]!.link);
    expect((await cora.request('POST', '/room/api/chat/read')).json).toEqual({ readUntil: null });
    expect((await new Browser().request('POST', '/room/api/chat/read')).status).toBe(401);
    const other = await makeOrg('Other');
    expect((await call('POST', `/api/v1/sessions/${s.session.id}/chat/read`, { token: other.alice.token })).status).toBe(404);
  });
});
