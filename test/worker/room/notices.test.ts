// Reminders and new-activity notices for customers who are away, as the
// session's Durable Object sends them: by the org's settings, on the clock of
// its time zone, each with a working link. Time is moved, never slept.
import { env, exports } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { aheadOfRealClock, frozenClock } from '../../helpers/ahead';
import { BASE, Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';

const MIN = 60_000;
const H = 60 * MIN;
// A Monday, 09:00 UTC, in late November (New York is on UTC-5), about a year
// ahead of the real clock: the object's alarm (real time) never rings by itself here; each test rings it.
const MONDAY_9 = aheadOfRealClock('mon', 9);
const { setNow, advance } = frozenClock(MONDAY_9);

const stub = (sessionId: string) => env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));

/** When the object's notices timer is due, once it has planned it (planning runs just after each change; idle() waits for it). */
async function noticesDue(sessionId: string): Promise<number | null> {
  await stub(sessionId).idle();
  return runInDurableObject(stub(sessionId), (_room, state) => state.storage.sql.exec<{ due_at: number }>(`SELECT due_at FROM timers WHERE key = 'notices'`).toArray()[0]?.due_at ?? null);
}

async function fire(sessionId: string) {
  await runDurableObjectAlarm(stub(sessionId));
}

const sent = async (sessionId: string, kind: string) => (await outboxFor(sessionId)).filter((m) => m.kind === kind);

async function sessionWithTask(org: Org, customer: Record<string, unknown> = { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com` }) {
  const s = await startSession(org.alice, customer);
  const id = s.session.id as string;
  const item = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Photo ID' } });
  expect(item.status).toBe(201);
  return { id, itemId: item.json.id as string, invitation: (await outboxFor(id))[0]! };
}

describe('reminders', () => {
  it('go to a customer who has not finished, after the offline period, once a day inside office hours, at most the maximum, each with a working link', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings/notifications', { token: org.admin.token, body: { reminders: { offlineMinutes: 120, from: '09:00', to: '18:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], maxTotal: 2, channels: ['email'] } } });
    const { id } = await sessionWithTask(org);
    expect(await noticesDue(id)).toBe(MONDAY_9 + 2 * H);

    advance(2 * H);
    await fire(id);
    const [first] = await sent(id, 'reminder');
    expect(first).toMatchObject({ channel: 'email', status: expect.any(String) });
    expect(first!.subject).toBeTruthy();
    expect((await new Browser().open(first!.link)).status).toBe(303);

    // Once a day: the next is Tuesday at 09:00, not two hours later.
    expect(await noticesDue(id)).toBe(MONDAY_9 + 24 * H);
    advance(3 * H);
    await fire(id);
    expect(await sent(id, 'reminder')).toHaveLength(1);

    setNow(MONDAY_9 + 24 * H);
    await fire(id);
    expect(await sent(id, 'reminder')).toHaveLength(2);
    // The maximum reached: no timer any more, and nothing on Wednesday.
    setNow(MONDAY_9 + 48 * H);
    await fire(id);
    expect(await sent(id, 'reminder')).toHaveLength(2);

    const events = await call('GET', `/api/v1/sessions/${id}/events`, { token: org.alice.token });
    expect(events.json.events.filter((e: any) => e.type === 'participant.notified').map((e: any) => e.data.kind)).toEqual(['reminder', 'reminder']);
  });

  it('follow the org time zone and wait for an allowed day', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings/notifications', { token: org.admin.token, body: { general: { timeZone: 'America/New_York' }, reminders: { offlineMinutes: 60, from: '09:00', to: '17:00', weekdays: ['tue'] } } });
    const { id } = await sessionWithTask(org);
    // Monday 09:00 UTC is 04:00 in New York: the first allowed moment is Tuesday 09:00 there, 14:00 UTC (a day and five hours on).
    expect(await noticesDue(id)).toBe(MONDAY_9 + 29 * H);
  });

  it('stop once nothing waits for the customer, and never go out when switched off or without a usable channel', async () => {
    const org = await makeOrg();
    const { id, itemId } = await sessionWithTask(org);
    // By the default settings: two hours offline, inside office hours on a weekday.
    expect(await noticesDue(id)).toBe(MONDAY_9 + 2 * H);
    expect((await call('POST', `/api/v1/sessions/${id}/items/${itemId}/status`, { token: org.alice.token, body: { status: 'cancelled' } })).status).toBe(200);
    expect(await noticesDue(id)).toBeNull();
    advance(3 * H);
    await fire(id);
    expect(await sent(id, 'reminder')).toHaveLength(0);

    await call('PATCH', '/api/v1/settings/notifications', { token: org.admin.token, body: { reminders: { channels: ['sms'] } } });
    const emailOnly = await sessionWithTask(org);
    advance(3 * H);
    await fire(emailOnly.id);
    expect(await sent(emailOnly.id, 'reminder')).toHaveLength(0);
  });
});

describe('new-activity notices', () => {
  it('tell a customer who left about a new request, once they have been away long enough; more activity in the quiet period sends nothing', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings/notifications', { token: org.admin.token, body: { newActivity: { offlineMinutes: 10, quietMinutes: 60, channels: ['email'] }, reminders: { enabled: false } } });
    const { id, invitation } = await sessionWithTask(org);
    advance(5 * MIN);
    await new Browser().open(invitation.link); // seen at 09:05, then gone (no live socket)

    // Within an hour of the invitation: the quiet period, nothing is sent for it.
    advance(10 * MIN);
    await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Proof of address' } });
    advance(20 * MIN);
    await fire(id);
    expect(await sent(id, 'new_activity')).toHaveLength(0);

    setNow(MONDAY_9 + 2 * H);
    await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'One more thing: please check the address.' } });
    expect(await noticesDue(id)).toBe(MONDAY_9 + 2 * H);
    await fire(id);
    const [notice] = await sent(id, 'new_activity');
    expect(notice).toBeDefined();
    expect((await new Browser().open(notice!.link)).status).toBe(303);

    // Another message 30 minutes later falls in the quiet period after that notice.
    advance(30 * MIN);
    await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'And the date of birth.' } });
    advance(2 * H);
    await fire(id);
    expect(await sent(id, 'new_activity')).toHaveLength(1);
  });

  it('are not sent to a customer who is in the room when it happens', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings/notifications', { token: org.admin.token, body: { reminders: { enabled: false } } });
    const { id, invitation } = await sessionWithTask(org);
    const cora = new Browser();
    await cora.open(invitation.link);
    const res = await exports.default.fetch(new Request(`${BASE}/room/api/ws`, { headers: { Upgrade: 'websocket', Cookie: cora.cookie!, Origin: new URL(env.PUBLIC_URL).origin } }));
    const ws = res.webSocket!;
    ws.accept();
    setNow(MONDAY_9 + 2 * H);
    await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'Thanks, all received.' } });
    advance(H);
    await fire(id);
    expect(await sent(id, 'new_activity')).toHaveLength(0);
    ws.close();
  });
});
