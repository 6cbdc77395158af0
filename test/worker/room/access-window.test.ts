// The customer's way in over time: the access window, renew, end-of-session
// access, prevent access and redirect, auto-close. Time is moved, never slept.
import { env } from 'cloudflare:workers';
import { runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { aheadOfRealClock, frozenClock } from '../../helpers/ahead';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';

const H = 3_600_000;
// A Saturday, 09:00 UTC, about a year ahead of the real clock: the object's alarm (real time) never rings by itself; the tests ring it.
const SATURDAY_9 = aheadOfRealClock('sat', 9);
const { advance } = frozenClock(SATURDAY_9);

const stub = (sessionId: string) => env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
const setOrg = (org: Org, body: unknown) => call('PATCH', '/api/v1/settings', { token: org.admin.token, body });

async function invitedCustomer(org: Org) {
  const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com` });
  const [invite] = await outboxFor(s.session.id);
  return { sessionId: s.session.id as string, link: invite!.link };
}

describe('access window', () => {
  it('starts on the first open, not when the link is sent, and then expires', async () => {
    const org = await makeOrg();
    const { sessionId, link } = await invitedCustomer(org);
    advance(30 * 24 * H); // a link never dies by itself
    const b = new Browser();
    expect((await b.open(link)).status).toBe(303);
    advance(7 * 24 * H - 60_000);
    expect((await b.request('GET', '/room')).status).toBe(200);
    advance(60_000);
    const page = await b.request('GET', '/room');
    expect(page.status).toBe(410);
    expect(page.text).toContain('Session expired');
    // Opening the link again after expiry: the same clear page, and nothing can be completed.
    const again = await new Browser().open(link);
    expect(again.status).toBe(410);
    expect(again.text).toContain('Session expired');
    const post = await b.request('POST', '/room/api/messages', { text: 'hello?' });
    expect(post.status).toBe(403);
    expect(post.json.error.code).toBe('access_window_expired');
    // The timer fired writes the expiry to the event log (for the CRM) once.
    expect(await runDurableObjectAlarm(stub(sessionId))).toBe(true);
    const events = await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: org.alice.token });
    expect(events.json.events.filter((e: any) => e.type === 'participant.access_expired')).toHaveLength(1);
  });

  it('follows the admin-set window length', async () => {
    const org = await makeOrg();
    expect((await setOrg(org, { session: { accessWindowHours: 2 } })).status).toBe(200);
    const { link } = await invitedCustomer(org);
    const b = new Browser();
    await b.open(link);
    advance(2 * H);
    expect((await b.request('GET', '/room')).status).toBe(410);
  });

  it('sends a redirect instead of the page when the admin set a redirect URL', async () => {
    const org = await makeOrg();
    await setOrg(org, { afterEnd: { redirectUrl: 'https://help.example.com/parley' } });
    const { link } = await invitedCustomer(org);
    const b = new Browser();
    await b.open(link);
    advance(8 * 24 * H);
    const res = await b.request('GET', '/room');
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('https://help.example.com/parley');
    expect((await new Browser().open(link)).headers.get('Location')).toBe('https://help.example.com/parley');
  });

  it('renew is only available after contact, resends, and restarts the window from the next open', async () => {
    const org = await makeOrg();
    const { sessionId, link } = await invitedCustomer(org);
    const early = await call('POST', `/api/v1/sessions/${sessionId}/renew`, { token: org.alice.token });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toMatch(/once the customer has opened/);

    const b = new Browser();
    await b.open(link);
    advance(8 * 24 * H);
    expect((await b.request('GET', '/room')).status).toBe(410);

    const renewed = await call('POST', `/api/v1/sessions/${sessionId}/renew`, { token: org.alice.token });
    expect(renewed.status).toBe(200);
    const invites = await outboxFor(sessionId);
    expect(invites).toHaveLength(2);
    // The window restarts from the next open: a week after renewing, before opening, the room is still reachable.
    advance(3 * 24 * H);
    expect((await b.request('GET', '/room')).status).toBe(200);
    expect((await b.open(invites[0]!.link)).status).toBe(303);
    advance(7 * 24 * H - 1000);
    expect((await b.request('GET', '/room')).status).toBe(200);
    advance(1000);
    expect((await b.request('GET', '/room')).status).toBe(410);
  });
});

describe('after the agent ends the session', () => {
  it('gives full access, then limited (view and download only), then none', async () => {
    const org = await makeOrg();
    await setOrg(org, { afterEnd: { fullAccessHours: 1, limitedAccessHours: 2 } });
    const { sessionId, link } = await invitedCustomer(org);
    const b = new Browser();
    await b.open(link);
    const item = await call('POST', `/api/v1/sessions/${sessionId}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Deposit' } });
    const upload = new FormData();
    upload.append('file', new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])], 'terms.pdf'));
    const file = await call('POST', `/api/v1/sessions/${sessionId}/attachments`, { token: org.alice.token, body: upload });
    expect(file.status).toBe(201);

    expect((await call('POST', `/api/v1/sessions/${sessionId}/end`, { token: org.alice.token })).status).toBe(200);
    expect((await b.request('POST', '/room/api/messages', { text: 'still here' })).status).toBe(201);

    advance(H);
    await runDurableObjectAlarm(stub(sessionId));
    const room = await b.request('GET', '/room');
    expect(room.status).toBe(200);
    expect(room.text).toContain('view and download');
    const act = await b.request('POST', `/room/api/items/${item.json.id}/status`, { status: 'in_progress' });
    expect(act.status).toBe(403);
    expect(act.json.error.message).toMatch(/view and download/);
    expect((await b.request('POST', '/room/api/messages', { text: 'hello' })).status).toBe(403);
    const download = await b.request('GET', `/room/api/files/${file.json.file.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Type')).toBe('application/pdf');

    advance(2 * H);
    await runDurableObjectAlarm(stub(sessionId));
    expect((await b.request('GET', '/room')).status).toBe(410);
    expect((await b.request('GET', `/room/api/files/${file.json.file.id}`)).status).toBe(403);

    const types = (await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: org.alice.token })).json.events.map((e: any) => e.type);
    expect(types.filter((t: string) => t === 'session.access_limited')).toHaveLength(1);
    expect(types.filter((t: string) => t === 'session.access_ended')).toHaveLength(1);
  });

  it('prevent access denies at once', async () => {
    const org = await makeOrg();
    await setOrg(org, { afterEnd: { preventAccess: true } });
    const { sessionId, link } = await invitedCustomer(org);
    const b = new Browser();
    await b.open(link);
    await call('POST', `/api/v1/sessions/${sessionId}/end`, { token: org.alice.token });
    const res = await b.request('GET', '/room');
    expect(res.status).toBe(410);
    expect(res.text).toContain('has ended');
  });

  it('chat and attachments after end follow their own settings', async () => {
    const org = await makeOrg();
    await setOrg(org, { afterEnd: { chatAllowed: false, attachmentsAllowed: false } });
    const { sessionId, link } = await invitedCustomer(org);
    const b = new Browser();
    await b.open(link);
    await call('POST', `/api/v1/sessions/${sessionId}/end`, { token: org.alice.token });
    const chat = await b.request('POST', '/room/api/messages', { text: 'after end' });
    expect(chat.status).toBe(403);
    expect(chat.json.error.code).toBe('chat_disabled');
    const form = new FormData();
    form.append('file', new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2])], 'id.jpg'));
    expect((await b.request('POST', '/room/api/attachments', form)).json.error.code).toBe('attach_disabled');
  });
});

describe('inactive session auto-close', () => {
  it('closes a session the customer opened but did not complete, once, and not before', async () => {
    const org = await makeOrg();
    await setOrg(org, { session: { inactiveAutoClose: { hours: 2 } } });
    const { sessionId, link } = await invitedCustomer(org);
    await call('POST', `/api/v1/sessions/${sessionId}/items`, { token: org.alice.token, body: { kind: 'task', name: 'ID card' } });
    const b = new Browser();
    await b.open(link);
    advance(H);
    await b.request('POST', '/room/api/messages', { text: 'back in an hour' }); // activity postpones the close
    advance(H + 1);
    await runDurableObjectAlarm(stub(sessionId));
    expect((await b.request('GET', '/room')).status).toBe(200);
    advance(H);
    expect(await runDurableObjectAlarm(stub(sessionId))).toBe(true);
    const res = await b.request('GET', '/room');
    expect(res.status).toBe(410);
    expect(res.text).toContain('This session was closed after a while without activity.');
    await runDurableObjectAlarm(stub(sessionId)); // firing again changes nothing
    const events = (await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: org.alice.token })).json.events;
    expect(events.filter((e: any) => e.type === 'session.closed')).toHaveLength(1);
    const listed = await call('GET', `/api/v1/sessions?status=closed`, { token: org.alice.token });
    expect(listed.json.sessions.map((s: any) => s.id)).toContain(sessionId);
  });

  it('leaves a session with nothing waiting open', async () => {
    const org = await makeOrg();
    await setOrg(org, { session: { inactiveAutoClose: { minutes: 30 } } });
    const { link } = await invitedCustomer(org);
    const b = new Browser();
    await b.open(link);
    advance(31 * 60_000);
    expect((await b.request('GET', '/room')).status).toBe(200);
  });
});
