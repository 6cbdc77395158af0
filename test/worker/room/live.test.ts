// Live updates and presence over hibernating WebSockets.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { connect, isEvent } from '../../helpers/live-socket';
import { Browser, BASE, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

async function setup() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: `l-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  return { org, id, cora, coraId: s.participants[0].id as string };
}

describe('live updates', () => {
  it('pushes every change to the agent and the customer at once, with increasing versions', async () => {
    const { org, id, cora } = await setup();
    const agent = await connect(`/api/v1/sessions/${id}/ws?token=${org.alice.token}`, {});
    const customer = await connect('/room/api/ws', { Cookie: cora.cookie! });
    const hello = await agent.next((f) => f.type === 'hello');

    const started = performance.now();
    await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Deposit' } });
    const [a, c] = await Promise.all([agent.next(isEvent('item.created')), customer.next(isEvent('item.created'))]);
    expect(performance.now() - started).toBeLessThan(500);
    expect(a.event.data.item.name).toBe('Deposit');
    expect(c.event.version).toBe(a.event.version);
    expect(a.event.version).toBeGreaterThan(hello.version);

    await cora.request('POST', '/room/api/messages', { text: 'On my way' });
    const m = await agent.next(isEvent('message.posted'));
    expect(m.event.data.message.text).toBe('On my way');
    expect(m.event.version).toBe(a.event.version + 1);
  });

  it('shows presence: online when a socket opens, offline when the last one closes', async () => {
    const { org, id, cora, coraId } = await setup();
    const agent = await connect(`/api/v1/sessions/${id}/ws?token=${org.alice.token}`, {});
    const first = await connect('/room/api/ws', { Cookie: cora.cookie! });
    expect((await agent.next((f) => f.type === 'presence' && f.id === coraId && f.online)).who).toBe('participant');
    const view = await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token });
    expect(view.json.participants[0].online).toBe(true);
    // The customer's room knows the agent is there.
    expect((await cora.request('GET', '/room/api/state')).json.agentOnline).toBe(true);
    first.ws.close(1000, 'bye');
    await agent.next((f) => f.type === 'presence' && f.id === coraId && !f.online);
    const after = await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token });
    expect(after.json.participants[0].online).toBe(false);
    expect(after.json.participants[0].lastSeenAt).not.toBeNull();
  });

  it('never sends a participant what is not theirs: private messages, contact details, IPs', async () => {
    const { org, id, cora } = await setup();
    const add = await call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Cosigner', contact: { name: 'Col', email: 'col@example.org' } } });
    const customer = await connect('/room/api/ws', { Cookie: cora.cookie! });
    const colin = new Browser();
    await colin.open((await outboxFor(id)).find((m) => m.participant_id === add.json.id)!.link, );
    const entered = await customer.next(isEvent('participant.entered'));
    expect(entered.event.data.participant.email).toBeUndefined();
    expect(entered.event.data.ip).toBeUndefined();

    const { threadId } = (await call('POST', `/api/v1/sessions/${id}/participants/${add.json.id}/private`, { token: org.alice.token })).json;
    await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'secret for Col', threadId } });
    await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'for everyone' } });
    await customer.next((f) => f.type === 'event' && f.event.data.message?.text === 'for everyone');
    expect(customer.frames.some((f) => f.event?.data?.message?.text === 'secret for Col')).toBe(false);
    expect(customer.frames.some((f) => f.event?.type === 'private_session.opened')).toBe(false);
  });

  it('tells the customer when the agent comes online, but not which agent', async () => {
    const { org, id, cora } = await setup();
    const customer = await connect('/room/api/ws', { Cookie: cora.cookie! });
    await connect(`/api/v1/sessions/${id}/ws?token=${org.alice.token}`, {});
    const online = await customer.next((f) => f.type === 'presence' && f.who === 'agent' && f.online);
    expect(online.id).toBeUndefined();
    expect(JSON.stringify(customer.frames)).not.toContain(org.alice.id);
  });

  it('opens with a short-lived token bound to one session, which opens nothing else', async () => {
    const { org, id } = await setup();
    const minted = await call('POST', `/api/v1/sessions/${id}/live-token`, { token: org.alice.token });
    expect(minted.status).toBe(201);
    expect(Date.parse(minted.json.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    const live = await connect(`/api/v1/sessions/${id}/ws?token=${minted.json.token}`, {});
    await live.next((f) => f.type === 'hello');
    const elsewhere = await call('GET', '/api/v1/sessions', { token: minted.json.token });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json.error.code).toBe('token_scope');
  });

  it('refuses sockets without credentials and non-upgrade requests', async () => {
    const { id } = await setup();
    expect((await exports.default.fetch(new Request(`${BASE}/room/api/ws`, { headers: { Upgrade: 'websocket' } }))).status).toBe(401);
    expect((await exports.default.fetch(new Request(`${BASE}/api/v1/sessions/${id}/ws`, { headers: { Upgrade: 'websocket' } }))).status).toBe(401);
    const org = await makeOrg();
    expect((await call('GET', `/api/v1/sessions/${id}/ws`, { token: org.alice.token, headers: { Upgrade: 'websocket' } })).status).toBe(404);
    expect((await call('GET', `/api/v1/sessions/${id}/ws`, { token: org.alice.token })).status).toBe(426);
  });
});
