// SMS end to end: an invitation goes through the real outbox and queue
// consumer to the (fake) Twilio, once, from the org's sender name where the
// country takes one; Twilio's signed status callbacks move it on; a reply
// lands in the chat of the session it answers; STOP and START are honoured;
// an outage and a send that timed out neither lose nor repeat a text.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, makeOrg, startSession, type Org } from '../../helpers/world';
import { TWILIO_ACCOUNT, TWILIO_NUMBER, useProviders, type Providers } from '../../helpers/providers';

let p: Providers;
let org: Org;
beforeEach(async () => {
  p = useProviders();
  org = await makeOrg('Northwind');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const UK = (n: number) => `+4474001${String(n).padStart(5, '0')}`;
const US = '+14155550123';
/** US numbers: the org texts them from its number, so they can reply (an alphanumeric sender takes no replies). */
const USn = (n: number) => `+1415555${String(100 + n).padStart(4, '0')}`;
const INBOUND_URL = 'http://127.0.0.1:8787/hooks/twilio/inbound';

const outboxRows = (sessionId: string) =>
  env.DB.prepare('SELECT * FROM outbox WHERE session_id = ? ORDER BY created_at, id').bind(sessionId).all<Record<string, unknown>>().then((r) => r.results);

async function invite(phone: string, name = 'Dana Demo') {
  const started = await startSession(org.alice, { name, phone });
  return { sessionId: started.session.id as string, participantId: started.participants[0].id as string };
}

async function deliveries(sessionId: string, participantId: string) {
  const view = await call('GET', `/api/v1/sessions/${sessionId}`, { token: org.alice.token });
  return view.json.participants.find((x: { id: string }) => x.id === participantId).deliveries;
}

const chat = async (sessionId: string) => (await call('GET', `/api/v1/sessions/${sessionId}`, { token: org.alice.token })).json.messages as { author: { kind: string; id: string }; text: string }[];

async function reply(from: string, body: string) {
  const res = await p.request(await p.twilio.inbound({ from, to: TWILIO_NUMBER, body }, INBOUND_URL));
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toMatch(/^text\/xml/);
  return res.text();
}

describe('SMS delivery', () => {
  it('texts a UK customer from the org sender name, once, then follows Twilio through sent and delivered', async () => {
    const { sessionId, participantId } = await invite(UK(1));
    await p.drain();
    expect(p.twilio.sent).toHaveLength(1);
    const [text] = p.twilio.sent;
    expect(text).toMatchObject({ to: UK(1), from: 'Parley' });
    expect(text!.body).toMatch(/https?:\/\/\S+\/r\//);
    const [row] = await outboxRows(sessionId);
    expect(row).toMatchObject({ status: 'queued', provider_id: text!.sid, sealed: null, attempts: 1 });
    expect(await deliveries(sessionId, participantId)).toMatchObject([{ channel: 'sms', status: 'queued' }]);

    await p.report();
    expect((await outboxRows(sessionId))[0]).toMatchObject({ status: 'delivered' });
    expect(await deliveries(sessionId, participantId)).toMatchObject([{ channel: 'sms', status: 'delivered', reason: null }]);
    const events = (await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: org.alice.token })).json.events as { type: string; data: any }[];
    expect(events.filter((e) => e.type === 'participant.message_status').map((e) => e.data.delivery.status)).toEqual(['sent', 'delivered']);
  });

  it('texts a US customer from the number: the US takes no sender name', async () => {
    await invite(US);
    await p.drain();
    expect(p.twilio.sent.map((m) => [m.to, m.from])).toEqual([[US, TWILIO_NUMBER]]);
  });

  it('an undelivered text fails with Twilio’s reason, which the agent sees', async () => {
    p.twilio.undeliverable(UK(2), 30003);
    const { sessionId, participantId } = await invite(UK(2));
    await p.drain();
    await p.report();
    expect(await deliveries(sessionId, participantId)).toMatchObject([{ status: 'failed', reason: expect.stringContaining('30003') }]);
  });

  it('refuses a status callback that is unsigned, signed with another token, or for another org’s message', async () => {
    const { sessionId } = await invite(UK(3));
    await p.drain();
    const pending = p.twilio.pendingCallbacks[0]!;
    const post = (headers: Record<string, string>, params = pending.params) =>
      p.request(new Request(pending.url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: params.toString() }));
    expect((await post({})).status).toBe(403);
    expect((await post({ 'X-Twilio-Signature': 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    // A parameter changed after signing.
    const signed = await p.twilio.deliverCallbacks(async (r) => {
      const tampered = new URLSearchParams(await r.clone().text());
      tampered.set('MessageStatus', 'failed');
      return post({ 'X-Twilio-Signature': r.headers.get('X-Twilio-Signature')! }, tampered);
    });
    expect(signed.map((c) => c.status)).toEqual(signed.map(() => 403));
    expect((await outboxRows(sessionId))[0]!.status).toBe('queued');
  });

  it('a reply lands in the chat of the session it answers, as that customer', async () => {
    const a = await invite(USn(4), 'Ann');
    const b = await invite(USn(5), 'Ben');
    await p.drain();
    const twiml = await reply(USn(5), 'Can we do Tuesday?');
    expect(twiml).not.toContain('<Message>');
    expect((await chat(b.sessionId)).map((m) => [m.author, m.text])).toEqual([[{ kind: 'participant', id: b.participantId }, 'Can we do Tuesday?']]);
    expect(await chat(a.sessionId)).toEqual([]);
    // A number Parley never texted reaches nobody.
    await reply(USn(99), 'hello?');
    expect(await chat(a.sessionId)).toEqual([]);
  });

  it('STOP opts the number out: the agent sees why, and the next invitation is not texted; START undoes it', async () => {
    const { sessionId, participantId } = await invite(USn(6));
    await p.drain();
    await p.report();
    const answer = await reply(USn(6), 'stop');
    expect(answer).toContain('Reply START');
    expect(await deliveries(sessionId, participantId)).toMatchObject([{ status: 'opted_out', reason: 'the customer replied STOP to a text' }]);
    expect(await chat(sessionId)).toEqual([]);

    await call('POST', `/api/v1/sessions/${sessionId}/participants/${participantId}/resend`, { token: org.alice.token, body: {} });
    await p.drain();
    expect(p.twilio.sent).toHaveLength(1);
    expect(await deliveries(sessionId, participantId)).toMatchObject([{ status: 'opted_out', reason: expect.stringMatching(/^not sent: the recipient opted out on \d{4}-\d\d-\d\d/) }]);

    expect(await reply(USn(6), 'START')).toContain('again');
    await call('POST', `/api/v1/sessions/${sessionId}/participants/${participantId}/resend`, { token: org.alice.token, body: {} });
    await p.drain();
    expect(p.twilio.sent).toHaveLength(2);
  });

  it('answers HELP in the org’s name', async () => {
    await invite(USn(7));
    await p.drain();
    expect(await reply(USn(7), 'help')).toContain('Northwind');
  });

  it('an outage (503s, then 429 with Retry-After) loses no text and sends none twice', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    p.twilio.failNext(6, { status: 503 });
    p.twilio.failNext(3, { status: 429, retryAfter: 90 });
    const sessions = [];
    for (let i = 0; i < 10; i++) sessions.push(await invite(UK(100 + i)));
    await p.drain();
    const recipients = p.twilio.sent.map((m) => m.to).sort();
    expect(recipients).toEqual(sessions.map((_, i) => UK(100 + i)).sort());
    expect(Math.max(...p.queue.delays)).toBeGreaterThanOrEqual(90);
    expect(p.queue.deadLettered).toEqual([]);
    await p.report();
    const rows = (await Promise.all(sessions.map((s) => outboxRows(s.sessionId)))).flat();
    expect(rows.map((r) => r.status)).toEqual(Array(10).fill('delivered'));
  });

  it('a send that timed out after Twilio created the text is found, not sent again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    p.twilio.timeoutNext(1, { created: true });
    const { sessionId } = await invite(UK(8));
    await p.drain();
    expect(p.twilio.sent).toHaveLength(1);
    expect((await outboxRows(sessionId))[0]).toMatchObject({ status: 'queued', attempts: 1, provider_id: p.twilio.sent[0]!.sid });
    // The check was a list of the account's messages, not a second create.
    expect(p.twilio.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('a send that timed out before Twilio created anything is sent again: one text', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    p.twilio.timeoutNext(1, { created: false });
    const { sessionId } = await invite(UK(9));
    await p.drain();
    expect(p.twilio.sent.map((m) => m.to)).toEqual([UK(9)]);
    expect((await outboxRows(sessionId))[0]).toMatchObject({ status: 'queued', attempts: 2 });
  });

  it('a check that itself fails after a timed-out send is asked again, never skipped: one text', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    p.twilio.timeoutNext(1, { created: true });
    p.twilio.failNext(1, { status: 503 });
    const { sessionId } = await invite(UK(10));
    await p.drain();
    expect(p.twilio.sent.map((m) => m.to)).toEqual([UK(10)]);
    expect(p.twilio.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect((await outboxRows(sessionId))[0]).toMatchObject({ status: 'queued', provider_id: p.twilio.sent[0]!.sid, sealed: null });
  });

  it('a status callback that arrives after the send timed out settles it: no second text', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    p.twilio.timeoutNext(1, { created: true });
    const { sessionId } = await invite(UK(11));
    await p.queue.drain(1);
    expect((await outboxRows(sessionId))[0]).toMatchObject({ status: 'unknown' });
    await p.report();
    expect((await outboxRows(sessionId))[0]).toMatchObject({ status: 'delivered', sealed: null });
    await p.drain();
    expect(p.twilio.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(p.twilio.calls.filter((c) => c.method === 'GET')).toHaveLength(0);
  });

  it('a callback that beats Twilio’s answer to the send is not undone by that answer', async () => {
    const answer = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await answer(input, init);
      // Twilio called back before its answer to the create reached Parley.
      if (init?.method === 'POST') await p.twilio.deliverCallbacks(p.request);
      return response;
    });
    const { sessionId, participantId } = await invite(UK(12));
    await p.drain();
    expect((await outboxRows(sessionId))[0]).toMatchObject({ status: 'delivered', provider_id: p.twilio.sent[0]!.sid });
    expect(await deliveries(sessionId, participantId)).toMatchObject([{ status: 'delivered' }]);
  });

  it('an org’s own account whose token no longer opens is waited for, not replaced by Parley’s, and the agent sees why', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const own = { sid: `AC${'3'.repeat(32)}`, token: 'd'.repeat(32) };
    await call('PATCH', '/api/v1/settings/messaging', { token: org.admin.token, body: { sms: { accountSid: own.sid, authToken: own.token, fromNumber: TWILIO_NUMBER } } });
    await env.DB.prepare("UPDATE messaging_providers SET twilio_auth_token = 'sb1.gone.AAAAAAAAAAAAAAAA.AAAA' WHERE org_id = ?").bind(org.id).run();
    const { sessionId, participantId } = await invite(US);
    await p.queue.drain(1);
    expect(p.twilio.sent).toEqual([]);
    expect((await outboxRows(sessionId))[0]).toMatchObject({ status: 'retrying', last_error: expect.stringContaining("the org's own provider account cannot be opened") });
    expect(await deliveries(sessionId, participantId)).toMatchObject([{ status: 'retrying' }]);
  });

  it('an org’s own Twilio account sends its texts, and only its callbacks move them', async () => {
    const own = { sid: `AC${'2'.repeat(32)}`, token: 'e'.repeat(32) };
    p.twilio.addAccount(own.sid, own.token);
    const saved = await call('PATCH', '/api/v1/settings/messaging', { token: org.admin.token, body: { sms: { accountSid: own.sid, authToken: own.token, fromNumber: TWILIO_NUMBER } } });
    expect(saved.status).toBe(200);
    expect(saved.json.messaging.sms).toMatchObject({ connected: 'org', accountSid: own.sid });
    expect(JSON.stringify(saved.json)).not.toContain(own.token);
    const { sessionId } = await invite(US);
    await p.drain();
    expect(p.twilio.sent.map((m) => m.account_sid)).toEqual([own.sid]);
    await p.report();
    expect((await outboxRows(sessionId))[0]!.status).toBe('delivered');
    expect(TWILIO_ACCOUNT.sid).not.toBe(own.sid);
  });
});
