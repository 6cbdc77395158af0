// An admin's settings change applies to the very next action in every open
// session it concerns: the room keeps the settings until the settings API
// tells it they changed, not for a while. The clock stands still here (far
// ahead of the real one, so the rooms' alarms ring only when the test rings
// them): nothing a timer would let expire can make these pass.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aheadOfRealClock } from '../../helpers/ahead';
import { Browser, call, makeOrg, outboxFor, startSession, type Agent, type Org } from '../../helpers/world';
import type { CrmEvent } from '../../../worker/src/crm/messages';
import { DirectoryCache } from '../../../worker/src/room/directory-cache';
import type { SessionRoom } from '../../../worker/src/room/session-room';
import type { Env } from '../../../worker/src/env';
import type { RoomStore } from '../../../worker/src/room/store';

const stub = (sessionId: string) => env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
const setOrg = (org: Org, body: unknown) => call('PATCH', '/api/v1/settings', { token: org.admin.token, body });

let crmSent: CrmEvent[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(aheadOfRealClock('tue', 10));
  crmSent = [];
  vi.spyOn(env.CRM_WRITEBACK, 'send').mockImplementation(async (body) => {
    crmSent.push(body as CrmEvent);
    return undefined as never;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** A session whose customer is in the room: the room has read (and kept) the settings in force. */
async function customerInRoom(agent: Agent) {
  const s = await startSession(agent, { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com` }, { crmRecord: { system: 'salesforce', objectType: 'Contact', recordId: '003000000000001AAA' } });
  const [invite] = await outboxFor(s.session.id);
  const browser = new Browser();
  await browser.open(invite!.link);
  expect((await browser.request('GET', '/room')).status).toBe(200);
  return { sessionId: s.session.id as string, browser };
}

/**
 * Whether write-back heard of the session's event of this type: every event
 * is published and a message went out from its version or an earlier one
 * (one message stands for every change of its publish).
 */
async function crmHeardOf(agent: Agent, sessionId: string, type: string): Promise<boolean> {
  const events = (await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: agent.token })).json.events as { type: string; version: number }[];
  const version = events.find((e) => e.type === type)?.version;
  const unpublished = await runInDurableObject(stub(sessionId), (_room, state) => state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE published = 0').one().n);
  return version !== undefined && unpublished === 0 && crmSent.some((e) => e.sessionId === sessionId && e.version <= version);
}

const end = (agent: Agent, sessionId: string) => call('POST', `/api/v1/sessions/${sessionId}/end`, { token: agent.token });
const eventTypes = async (agent: Agent, sessionId: string) =>
  (await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: agent.token })).json.events.map((e: { type: string }) => e.type) as string[];

describe('ending right after the after-end policy changed', () => {
  it('limited access: the customer can only view, and session.access_limited is logged and sent to the CRM', async () => {
    const org = await makeOrg();
    const { sessionId, browser } = await customerInRoom(org.alice);
    expect((await setOrg(org, { afterEnd: { fullAccessHours: 0, limitedAccessHours: 24 } })).status).toBe(200);

    expect((await end(org.alice, sessionId)).status).toBe(200);
    // Full access ended the moment the session did: its timer is due now (the clock has not moved).
    await runDurableObjectAlarm(stub(sessionId));
    await stub(sessionId).idle();

    const room = await browser.request('GET', '/room');
    expect(room.status).toBe(200);
    expect(room.text).toContain('view and download');
    const post = await browser.request('POST', '/room/api/messages', { text: 'still here?' });
    expect(post.status).toBe(403);
    expect((await eventTypes(org.alice, sessionId)).filter((t) => t === 'session.access_limited')).toHaveLength(1);
    expect(await crmHeardOf(org.alice, sessionId, 'session.access_limited')).toBe(true);
  });

  it('prevent access: the customer is out at once', async () => {
    const org = await makeOrg();
    const { sessionId, browser } = await customerInRoom(org.alice);
    expect((await setOrg(org, { afterEnd: { preventAccess: true } })).status).toBe(200);

    expect((await end(org.alice, sessionId)).status).toBe(200);
    const room = await browser.request('GET', '/room');
    expect(room.status).toBe(410);
    expect(room.text).toContain('has ended');
    const post = await browser.request('POST', '/room/api/messages', { text: 'hello?' });
    expect(post.status).toBe(403);
    expect(post.json.error.code).toBe('access_ended');
    await stub(sessionId).idle();
    expect(await crmHeardOf(org.alice, sessionId, 'session.ended')).toBe(true);
  });

  it('a change made while the session is open applies to the customer at once, without ending it', async () => {
    const org = await makeOrg();
    const { browser } = await customerInRoom(org.alice);
    expect((await browser.request('POST', '/room/api/messages', { text: 'hello' })).status).toBe(201);
    await setOrg(org, { session: { customerChat: false } });
    const refused = await browser.request('POST', '/room/api/messages', { text: 'hello again' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('chat_disabled');
  });
});

describe('a team settings change', () => {
  it('reaches that team’s sessions only', async () => {
    const org = await makeOrg();
    const teamA = await customerInRoom(org.alice);
    const teamB = await customerInRoom(org.carol);
    const told = async (sessionId: string) =>
      runInDurableObject(stub(sessionId), (room: SessionRoom) => (room as unknown as { room: { directory: { generation: number } } }).room.directory.generation);
    expect([await told(teamA.sessionId), await told(teamB.sessionId)]).toEqual([0, 0]);

    const set = await call('PATCH', `/api/v1/teams/${org.teamA}/settings`, { token: org.admin.token, body: { afterEnd: { preventAccess: true } } });
    expect(set.status).toBe(200);
    expect([await told(teamA.sessionId), await told(teamB.sessionId)]).toEqual([1, 0]);

    await end(org.alice, teamA.sessionId);
    await end(org.carol, teamB.sessionId);
    expect((await teamA.browser.request('GET', '/room')).status).toBe(410);
    // Team B keeps the org's policy: full access after the end.
    expect((await teamB.browser.request('POST', '/room/api/messages', { text: 'thanks' })).status).toBe(201);
  });

  it('an org change reaches every open session, ended ones with after-end access included', async () => {
    const org = await makeOrg();
    const open = await customerInRoom(org.alice);
    const ended = await customerInRoom(org.carol);
    await end(org.carol, ended.sessionId);
    expect((await ended.browser.request('POST', '/room/api/messages', { text: 'after end' })).status).toBe(201);
    await setOrg(org, { afterEnd: { chatAllowed: false } });
    const refused = await ended.browser.request('POST', '/room/api/messages', { text: 'after end again' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('chat_disabled');
    expect((await open.browser.request('POST', '/room/api/messages', { text: 'still open' })).status).toBe(201);
  });
});

describe('the settings a room keeps', () => {
  /** A DirectoryCache over a directory whose reads the test answers, one at a time. */
  function cacheOverSlowDirectory() {
    const pending: Array<(json: string) => void> = [];
    const db = {
      prepare: () => ({
        bind: () => ({ first: () => new Promise((resolve) => pending.push((org) => resolve({ org, team: null }))) }),
      }),
    };
    const store = { session: () => ({ org_id: 'org_x', team_id: null }) };
    return { cache: new DirectoryCache({ DB: db } as unknown as Env, store as unknown as RoomStore), pending };
  }

  it('does not keep a read that was in flight when a change was told', async () => {
    const { cache, pending } = cacheOverSlowDirectory();
    const before = cache.settings(); // begins before the change is saved
    const told = cache.invalidateSettings(); // the change is saved and told while that read is in flight
    pending[1]!(JSON.stringify({ session: { customerChat: false } }));
    await told;
    pending[0]!('{}'); // the old read answers last
    expect((await before).session.customerChat).toBe(true);
    expect((await cache.settings()).session.customerChat).toBe(false);
    expect(cache.cachedSettings().session.customerChat).toBe(false);
    expect(pending).toHaveLength(2);
  });

  it('keeps the settings, with no expiry, until told', async () => {
    const { cache, pending } = cacheOverSlowDirectory();
    const first = cache.settings();
    pending[0]!('{}');
    await first;
    vi.setSystemTime(Date.now() + 86_400_000);
    await cache.settings();
    expect(pending).toHaveLength(1);
    const told = cache.invalidateSettings();
    pending[1]!(JSON.stringify({ session: { accessWindowHours: 2 } }));
    await told;
    expect((await cache.settings()).session.accessWindowHours).toBe(2);
    expect(pending).toHaveLength(2);
  });
});

describe('a notification settings change', () => {
  it('re-plans the reminders of every open session at once', async () => {
    const org = await makeOrg();
    const setNotifications = (body: unknown) => call('PATCH', '/api/v1/settings/notifications', { token: org.admin.token, body });
    // Office hours all day, every day: the reminder falls exactly one offline period after the invitation.
    const allWeek = { from: '00:00', to: '23:59', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], channels: ['email'] };
    expect((await setNotifications({ reminders: { ...allWeek, offlineMinutes: 240 } })).status).toBe(200);
    const start = Date.now();
    const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com` });
    const id = s.session.id as string;
    expect((await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Photo ID' } })).status).toBe(201);
    const noticesDue = async () => {
      await stub(id).idle();
      return runInDurableObject(stub(id), (_room, state) => state.storage.sql.exec<{ due_at: number }>(`SELECT due_at FROM timers WHERE key = 'notices'`).toArray()[0]?.due_at ?? null);
    };
    expect(await noticesDue()).toBe(start + 240 * 60_000);

    // Nothing happens in the session: the change alone moves its next reminder.
    expect((await setNotifications({ reminders: { offlineMinutes: 60 } })).status).toBe(200);
    expect(await noticesDue()).toBe(start + 60 * 60_000);
    expect((await setNotifications({ reminders: { enabled: false } })).status).toBe(200);
    expect(await noticesDue()).toBeNull();
  });
});
