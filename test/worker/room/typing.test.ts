// "… is typing" (room/typing.ts): told over HTTP, passed on as a typing
// frame to the other side only, never stored, at most once every 2 s per
// caller; in a private thread only its participant sees the agent typing.
import { describe, expect, it } from 'vitest';
import { frozenClock, aheadOfRealClock } from '../../helpers/ahead';
import { connect } from '../../helpers/live-socket';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const { advance } = frozenClock(aheadOfRealClock('sat', 9));
const email = () => `ty-${crypto.randomUUID()}@example.com`;

async function withColin() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: email() });
  const id = s.session.id as string;
  const colinId = (await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Co-signer', contact: { name: 'Colin', email: email() } } })).json.id as string;
  const invites = await outboxFor(id);
  const cora = new Browser();
  await cora.open(invites.find((m) => m.participant_id !== colinId)!.link);
  const colin = new Browser();
  await colin.open(invites.find((m) => m.participant_id === colinId)!.link);
  return { org, id, cora, colin, colinId, coraId: s.participants[0].id as string };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('typing', () => {
  it('the customer typing reaches the agent, never the other participants, and changes nothing stored', async () => {
    const { org, id, cora, colin, coraId } = await withColin();
    const agent = await connect(`/api/v1/sessions/${id}/ws?token=${org.alice.token}`, {});
    const colinLive = await connect('/room/api/ws', { Cookie: colin.cookie! });
    await Promise.all([agent.next((f) => f.type === 'hello'), colinLive.next((f) => f.type === 'hello')]);
    const version = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.session.version;

    const told = await cora.request('POST', '/room/api/typing', {});
    expect(told.status).toBe(200);
    expect(await agent.next((f) => f.type === 'typing')).toEqual({ type: 'typing', who: 'participant', id: coraId, threadId: null, at: told.json.at });
    await settle();
    expect(colinLive.frames.some((f) => f.type === 'typing')).toBe(false);
    expect((await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.session.version).toBe(version);
    agent.ws.close();
    colinLive.ws.close();
  });

  it('is told at most once every 2 seconds per caller (429 in between)', async () => {
    const { org, id, cora } = await withColin();
    expect((await cora.request('POST', '/room/api/typing', {})).status).toBe(200);
    const again = await cora.request('POST', '/room/api/typing', {});
    expect(again.status).toBe(429);
    expect(again.json.error.code).toBe('rate_limited');
    expect((await call('POST', `/api/v1/sessions/${id}/typing`, { token: org.alice.token, body: {} })).status).toBe(200); // the agent counts apart
    advance(2_000);
    expect((await cora.request('POST', '/room/api/typing', {})).status).toBe(200);
  });

  it('the agent typing in a private thread reaches its participant alone; in the main chat, everyone', async () => {
    const { org, id, cora, colin, colinId } = await withColin();
    const threadId = (await call('POST', `/api/v1/sessions/${id}/participants/${colinId}/private`, { token: org.alice.token })).json.threadId as string;
    const coraLive = await connect('/room/api/ws', { Cookie: cora.cookie! });
    const colinLive = await connect('/room/api/ws', { Cookie: colin.cookie! });
    await Promise.all([coraLive.next((f) => f.type === 'hello'), colinLive.next((f) => f.type === 'hello')]);

    expect((await call('POST', `/api/v1/sessions/${id}/typing`, { token: org.alice.token, body: { threadId } })).status).toBe(200);
    expect(await colinLive.next((f) => f.type === 'typing')).toMatchObject({ type: 'typing', who: 'agent', threadId });
    await settle();
    expect(coraLive.frames.some((f) => f.type === 'typing')).toBe(false);

    advance(2_000);
    expect((await call('POST', `/api/v1/sessions/${id}/typing`, { token: org.alice.token, body: {} })).status).toBe(200);
    const seen = await coraLive.next((f) => f.type === 'typing');
    expect(seen).toMatchObject({ type: 'typing', who: 'agent', threadId: null });
    expect(seen.id).toBeUndefined(); // never which agent
    coraLive.ws.close();
    colinLive.ws.close();
  });

  it('refuses typing into a thread that is not yours (404), a malformed body (422), and strangers (401)', async () => {
    const { org, id, cora, colinId } = await withColin();
    const threadId = (await call('POST', `/api/v1/sessions/${id}/participants/${colinId}/private`, { token: org.alice.token })).json.threadId as string;
    const notMine = await cora.request('POST', '/room/api/typing', { threadId });
    expect(notMine.status).toBe(404);
    expect((await cora.request('POST', '/room/api/typing', { threadId: 'nope' })).status).toBe(422);
    expect((await cora.request('POST', '/room/api/typing', { text: 'secret' })).status).toBe(422);
    expect((await new Browser().request('POST', '/room/api/typing', {})).status).toBe(401);
  });

  it('refuses a customer who may no longer write', async () => {
    const { org, cora } = await withColin();
    expect((await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { customerChat: false } } })).status).toBe(200);
    const refused = await cora.request('POST', '/room/api/typing', {});
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('chat_disabled');
  });
});
