// The SessionRoom itself: events published to the CRM queue in order and
// exactly as stored, recovery after eviction, timers that fire twice, and
// org scoping of every call.
import { env } from 'cloudflare:workers';
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aheadOfRealClock } from '../../helpers/ahead';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';
import type { SessionRoom } from '../../../worker/src/room/session-room';
import type { CrmEvent } from '../../../worker/src/crm/messages';
import { hasSchema, SCHEMA_VERSION } from '../../../worker/src/room/schema';

const stub = (sessionId: string) => env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('event log and CRM queue', () => {
  it('tells crm-writeback from which event on the CRM records changed, once per publish, with the CRM record; chat alone sends nothing', async () => {
    const sent: CrmEvent[] = [];
    vi.spyOn(env.CRM_WRITEBACK, 'send').mockImplementation(async (body) => {
      sent.push(body as CrmEvent);
      return undefined as never;
    });
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: `e-${crypto.randomUUID()}@example.com` }, { crmRecord: { system: 'salesforce', objectType: 'Lead', recordId: '00Q000000000001' } });
    const id = s.session.id;
    await stub(id).idle();
    await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Deposit' } });
    await stub(id).idle();
    const beforeChat = sent.filter((e) => e.sessionId === id).length;
    await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'chat changes no CRM record' } });
    await stub(id).idle();
    expect(sent.filter((e) => e.sessionId === id)).toHaveLength(beforeChat);
    await call('POST', `/api/v1/sessions/${id}/end`, { token: org.alice.token });
    await stub(id).idle();

    const log = (await call('GET', `/api/v1/sessions/${id}/events`, { token: org.alice.token })).json.events;
    const mine = sent.filter((e) => e.sessionId === id);
    // The session's start is one publish, each later change its own: each message is its publish's first change.
    expect(mine.map((e) => [e.version, e.type])).toEqual([
      [1, 'session.created'],
      [5, 'item.created'],
      [7, 'session.ended'],
    ]);
    expect(log.map((e: any) => e.type)).toEqual(['session.created', 'participant.added', 'participant.invited', 'session.invited', 'item.created', 'message.posted', 'session.ended']);
    expect(mine[0]).toMatchObject({ orgId: org.id, crm: { system: 'salesforce', objectType: 'Lead', recordId: '00Q000000000001' } });
    const index = await env.DB.prepare('SELECT version, status FROM sessions WHERE id = ?').bind(id).first();
    expect(index).toEqual({ version: 7, status: 'ended' });
  });

  it('keeps events when the queue is down and publishes them on the retry timer', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: `q-${crypto.randomUUID()}@example.com` });
    const id = s.session.id;
    const spy = vi.spyOn(env.CRM_WRITEBACK, 'send').mockRejectedValue(new Error('queue unavailable'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'still saved' } });
    expect(res.status).toBe(201); // the customer-facing change is not lost or refused
    // The change is published shortly after it, together with any others: wait for that publish, which fails.
    await stub(id).idle();
    await runInDurableObject(stub(id), async (_room: SessionRoom, state) => {
      const pending = state.storage.sql.exec('SELECT COUNT(*) AS n FROM events WHERE published = 0').one().n;
      expect(pending).toBe(1);
      expect(state.storage.sql.exec(`SELECT COUNT(*) AS n FROM timers WHERE key = 'publish'`).one().n).toBe(1);
    });
    // Logged once, as one JSON line an operator can search by session and reason.
    const lines = logged.mock.calls.map(([line]) => JSON.parse(String(line))).filter((l) => l.event === 'publish_failed');
    expect(lines).toEqual([{ level: 'error', event: 'publish_failed', sessionId: id, reason: 'queue unavailable', retryInMs: 30_000 }]);
    spy.mockRestore();
    const sent = vi.spyOn(env.CRM_WRITEBACK, 'send');
    expect(await runDurableObjectAlarm(stub(id))).toBe(true);
    expect(sent).toHaveBeenCalledTimes(1);
    expect((sent.mock.calls[0]![0] as CrmEvent).type).toBe('item.created');
    await runInDurableObject(stub(id), async (_room, state) => {
      expect(state.storage.sql.exec('SELECT COUNT(*) AS n FROM events WHERE published = 0').one().n).toBe(0);
    });
  });
});

describe('durability', () => {
  it('rebuilds everything from storage after eviction, sockets included', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: `d-${crypto.randomUUID()}@example.com` });
    const id = s.session.id;
    const b = new Browser();
    await b.open((await outboxFor(id))[0]!.link);
    await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Deposit' } });
    await b.request('POST', '/room/api/messages', { text: 'before eviction' });
    const before = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json;

    await evictDurableObject(stub(id));
    const after = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json;
    expect(after).toEqual(before);
    // The room cookie still works: devices live in storage, not memory.
    expect((await b.request('GET', '/room/api/state')).json.messages[0].text).toBe('before eviction');
    await runInDurableObject(stub(id), (_room, state) => {
      expect(state.storage.sql.exec('SELECT version FROM schema_version').one().version).toBe(SCHEMA_VERSION);
    });
  });

  it('an alarm that fires twice changes nothing twice', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // Ahead of the real clock, so the object's alarm does not ring by itself: the test calls it, twice.
    const start = aheadOfRealClock('sat', 0);
    vi.setSystemTime(start);
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { afterEnd: { fullAccessHours: 1, limitedAccessHours: 1 } } });
    const s = await startSession(org.alice, { name: 'Cora', email: `t-${crypto.randomUUID()}@example.com` });
    const id = s.session.id;
    await call('POST', `/api/v1/sessions/${id}/end`, { token: org.alice.token });
    vi.setSystemTime(start + 3 * 3_600_000);
    // Call the handler directly twice, as a retried alarm would.
    await runInDurableObject(stub(id), async (room: SessionRoom) => {
      await room.alarm();
      await room.alarm();
    });
    const types = (await call('GET', `/api/v1/sessions/${id}/events`, { token: org.alice.token })).json.events.map((e: any) => e.type);
    expect(types.filter((t: string) => t === 'session.access_limited')).toHaveLength(1);
    expect(types.filter((t: string) => t === 'session.access_ended')).toHaveLength(1);
    expect(await env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(id)).view({ kind: 'agent', orgId: org.id, agentId: org.alice.id, teamId: org.teamA, admin: false })).toMatchObject({ ok: true });
  });
});

describe('timers', () => {
  it('a timer of a kind this build does not know is dropped with a warning, not rung forever', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: `k-${crypto.randomUUID()}@example.com` });
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await runInDurableObject(stub(s.session.id), async (room: SessionRoom, state) => {
      state.storage.sql.exec(`INSERT INTO timers (key, due_at) VALUES ('retired_kind:x', ?)`, Date.now() - 1000);
      await room.alarm();
      expect(state.storage.sql.exec(`SELECT COUNT(*) AS n FROM timers WHERE key = 'retired_kind:x'`).one().n).toBe(0);
    });
    expect(warned.mock.calls.map(([line]) => JSON.parse(String(line)))).toContainEqual({ level: 'warn', event: 'timer_unknown', key: 'retired_kind:x' });
  });
});

describe('org scoping inside the object', () => {
  it("answers another org's agent exactly as if the session did not exist", async () => {
    const a = await makeOrg();
    const b = await makeOrg();
    const s = await startSession(a.alice, { name: 'Cora', email: `o-${crypto.randomUUID()}@example.com` });
    const foreign = { kind: 'agent' as const, orgId: b.id, agentId: b.alice.id, teamId: b.teamA, admin: true };
    const room = stub(s.session.id);
    const missing = stub('ses_0000000000000000');
    for (const r of [await room.view(foreign), await room.end(foreign), await room.addItem(foreign, { kind: 'task', name: 'x' })]) {
      expect(r).toEqual({ ok: false, status: 404, code: 'not_found', message: 'session not found' });
    }
    expect(await missing.view(foreign)).toEqual(await room.view(foreign));
    // Probing an id nobody created writes nothing.
    await runInDurableObject(missing, (_room, state) => expect(hasSchema(state.storage)).toBe(false));
  });
});
