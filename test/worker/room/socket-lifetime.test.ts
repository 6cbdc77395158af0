// A socket lives no longer than the right that opened it: when the session's
// access ends or turns limited, when a participant's access window runs out,
// when an agent's live token expires or the agent is deactivated, the socket
// gets a closing frame, is closed with a 4xxx code, and hears nothing more.
// Time is moved, never slept.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { closeAgentSockets } from '../../../worker/src/room/agent-sockets';
import { aheadOfRealClock, frozenClock } from '../../helpers/ahead';
import { connect, isEvent, upgrade, type Live } from '../../helpers/live-socket';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';

const H = 3_600_000;
const SATURDAY_9 = aheadOfRealClock('sat', 9);
const { setNow, advance } = frozenClock(SATURDAY_9);

const stub = (sessionId: string) => env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
const setOrg = (org: Org, body: unknown) => call('PATCH', '/api/v1/settings', { token: org.admin.token, body });

async function customerInRoom(org: Org) {
  const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com` });
  const sessionId = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(sessionId))[0]!.link);
  return { sessionId, cora, coraId: s.participants[0].id as string };
}

const agentSocket = (sessionId: string, token: string) => connect(`/api/v1/sessions/${sessionId}/ws?token=${token}`);
const roomSocket = (cora: Browser) => connect('/room/api/ws', { Cookie: cora.cookie! });

/** The closing frame, then the close: a 4xxx code carrying the same reason; nothing after the frame. */
async function expectClosed(live: Live, reason: string) {
  const frame = await live.next((f) => f.type === 'closing');
  expect(frame.reason).toBe(reason);
  expect(frame.message).toMatch(/\w/);
  const closed = await live.closed;
  expect(closed.code).toBeGreaterThanOrEqual(4000);
  expect(closed.code).toBeLessThan(5000);
  expect(closed.reason).toBe(reason);
  expect(live.frames.at(-1)).toBe(frame);
}

describe("a participant's socket and the room's access", () => {
  it('closes when the session ends with prevent access; the agent\'s messages after it never reach the customer', async () => {
    const org = await makeOrg();
    await setOrg(org, { afterEnd: { preventAccess: true } });
    const { sessionId, cora } = await customerInRoom(org);
    const agent = await agentSocket(sessionId, org.alice.token);
    const customer = await roomSocket(cora);
    await customer.next((f) => f.type === 'hello');

    expect((await call('POST', `/api/v1/sessions/${sessionId}/end`, { token: org.alice.token })).status).toBe(200);
    await expectClosed(customer, 'access_ended');
    await call('POST', `/api/v1/sessions/${sessionId}/messages`, { token: org.alice.token, body: { text: 'one more thing' } });
    await agent.next((f) => f.type === 'event' && f.event.data.message?.text === 'one more thing');
    expect(customer.frames.some((f) => f.type === 'event' && f.event.type === 'message.posted')).toBe(false);
    expect(customer.frames.some((f) => f.type === 'event' && f.event.type === 'session.ended')).toBe(false);
    // And a new socket is refused: the right is gone.
    expect((await upgrade('/room/api/ws', { Cookie: cora.cookie!, Origin: new URL(env.PUBLIC_URL).origin })).status).toBe(403);
  });

  it('stays open during full access after the end, closes as limited when it turns limited, and as ended when that ends', async () => {
    const org = await makeOrg();
    await setOrg(org, { afterEnd: { fullAccessHours: 1, limitedAccessHours: 2 } });
    const { sessionId, cora } = await customerInRoom(org);
    const customer = await roomSocket(cora);
    await call('POST', `/api/v1/sessions/${sessionId}/end`, { token: org.alice.token });
    await customer.next(isEvent('session.ended'));
    expect(customer.frames.some((f) => f.type === 'closing')).toBe(false);

    advance(H);
    await runDurableObjectAlarm(stub(sessionId));
    await expectClosed(customer, 'access_limited');
    expect(customer.frames.some(isEvent('session.access_limited'))).toBe(false);

    // The client reconnects into its limited view: that socket is allowed, until limited access ends.
    const limited = await roomSocket(cora);
    await limited.next((f) => f.type === 'hello');
    advance(2 * H);
    await runDurableObjectAlarm(stub(sessionId));
    await expectClosed(limited, 'access_ended');
  });

  it('closes at once when an admin turns prevent access on after the session ended', async () => {
    const org = await makeOrg();
    const { sessionId, cora } = await customerInRoom(org);
    const customer = await roomSocket(cora);
    await call('POST', `/api/v1/sessions/${sessionId}/end`, { token: org.alice.token });
    await customer.next(isEvent('session.ended'));
    expect(customer.frames.some((f) => f.type === 'closing')).toBe(false);
    expect((await setOrg(org, { afterEnd: { preventAccess: true } })).status).toBe(200);
    await expectClosed(customer, 'access_ended');
  });

  it("closes when the participant's access window runs out", async () => {
    const org = await makeOrg();
    await setOrg(org, { session: { accessWindowHours: 2 } });
    const { sessionId, cora } = await customerInRoom(org);
    const customer = await roomSocket(cora);
    advance(2 * H);
    await runDurableObjectAlarm(stub(sessionId));
    await expectClosed(customer, 'expired');
  });

  it('checks the right again before delivering: a window that ran out before the alarm rang delivers nothing', async () => {
    const org = await makeOrg();
    await setOrg(org, { session: { accessWindowHours: 2 } });
    const { sessionId, cora } = await customerInRoom(org);
    const customer = await roomSocket(cora);
    advance(2 * H);
    // No alarm yet: the agent's message is the first thing that happens after the window's end.
    await call('POST', `/api/v1/sessions/${sessionId}/messages`, { token: org.alice.token, body: { text: 'too late' } });
    await expectClosed(customer, 'expired');
    expect(customer.frames.some(isEvent('message.posted'))).toBe(false);
  });
});

describe("an agent's socket and the token that opened it", () => {
  it('closes when the live token expires, on the alarm set for that moment', async () => {
    const org = await makeOrg();
    const { sessionId } = await customerInRoom(org);
    const minted = await call('POST', `/api/v1/sessions/${sessionId}/live-token`, { token: org.alice.token });
    const live = await agentSocket(sessionId, minted.json.token);
    await live.next((f) => f.type === 'hello');
    setNow(Date.parse(minted.json.expiresAt) - 1000);
    await runDurableObjectAlarm(stub(sessionId));
    expect(live.frames.some((f) => f.type === 'closing')).toBe(false);
    setNow(Date.parse(minted.json.expiresAt));
    expect(await runDurableObjectAlarm(stub(sessionId))).toBe(true);
    await expectClosed(live, 'expired');
  });

  it('delivers nothing after the token expired, even before the alarm rang', async () => {
    const org = await makeOrg();
    const { sessionId, cora } = await customerInRoom(org);
    const minted = await call('POST', `/api/v1/sessions/${sessionId}/live-token`, { token: org.alice.token });
    const live = await agentSocket(sessionId, minted.json.token);
    const other = await agentSocket(sessionId, org.alice.token);
    setNow(Date.parse(minted.json.expiresAt));
    await cora.request('POST', '/room/api/messages', { text: 'are you there?' });
    await other.next(isEvent('message.posted'));
    await expectClosed(live, 'expired');
    expect(live.frames.some(isEvent('message.posted'))).toBe(false);
  });

  it('closes every socket of a deactivated agent, and the others see the agent go offline', async () => {
    const org = await makeOrg();
    const { sessionId, cora } = await customerInRoom(org);
    const customer = await roomSocket(cora);
    const first = await agentSocket(sessionId, org.alice.token);
    const second = await agentSocket(sessionId, org.alice.token);
    await customer.next((f) => f.type === 'presence' && f.who === 'agent' && f.online);

    await closeAgentSockets(env, org.id, org.alice.id);
    await expectClosed(first, 'revoked');
    await expectClosed(second, 'revoked');
    await customer.next((f) => f.type === 'presence' && f.who === 'agent' && !f.online);
    expect((await cora.request('GET', '/room/api/state')).json.agentOnline).toBe(false);
  });
});

describe('how many sockets one caller may hold', () => {
  it('keeps at most 5 per participant: a sixth closes the oldest, and the participant stays online', async () => {
    const org = await makeOrg();
    const { sessionId, cora, coraId } = await customerInRoom(org);
    const agent = await agentSocket(sessionId, org.alice.token);
    const sockets: Live[] = [];
    for (let i = 0; i < 5; i++) sockets.push(await roomSocket(cora));
    for (const s of sockets) await s.next((f) => f.type === 'hello');
    expect(sockets.some((s) => s.frames.some((f) => f.type === 'closing'))).toBe(false);

    const sixth = await roomSocket(cora);
    await expectClosed(sockets[0]!, 'replaced');
    for (const s of sockets.slice(1)) expect(s.frames.some((f) => f.type === 'closing')).toBe(false);
    await call('POST', `/api/v1/sessions/${sessionId}/messages`, { token: org.alice.token, body: { text: 'hi' } });
    await sixth.next(isEvent('message.posted'));
    expect(agent.frames.filter((f) => f.type === 'presence' && f.id === coraId && !f.online)).toHaveLength(0);
  });

  it('keeps at most 10 per agent in one session', async () => {
    const org = await makeOrg();
    const { sessionId } = await customerInRoom(org);
    const sockets: Live[] = [];
    for (let i = 0; i < 10; i++) sockets.push(await agentSocket(sessionId, org.alice.token));
    const eleventh = await agentSocket(sessionId, org.alice.token);
    await eleventh.next((f) => f.type === 'hello');
    await expectClosed(sockets[0]!, 'replaced');
    for (const s of sockets.slice(1)) expect(s.frames.some((f) => f.type === 'closing')).toBe(false);
    // Another agent's sockets are counted on their own.
    const admin = await agentSocket(sessionId, org.admin.token);
    await admin.next((f) => f.type === 'hello');
    expect(sockets[1]!.frames.some((f) => f.type === 'closing')).toBe(false);
  });
});
