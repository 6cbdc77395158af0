// One-time codes end to end through the Worker (room/otp.ts): who needs a
// second channel, where codes go, and every refusal — a wrong code five times
// (the link locks), a stale code, a code used twice, a code replaced by a new
// one, a new code asked for too soon — and that no code ever reaches the event
// log or the agent's view of the session. Time is moved, never slept.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { aheadOfRealClock, frozenClock } from '../../helpers/ahead';
import { connect } from '../../helpers/live-socket';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';

const MIN = 60_000;
const { advance } = frozenClock(aheadOfRealClock('tue', 9));

const setOrg = (org: Org, session: Record<string, boolean>) => call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session } });
const unique = () => crypto.randomUUID().slice(0, 8);
const SAME_ORIGIN = { Origin: 'https://parley.test', 'Sec-Fetch-Site': 'same-origin' };

/** An org requiring OTP (plus any other session settings), and a customer invited by email with a phone for the code. */
async function otpSession(extra: Record<string, boolean> = {}, customer: Record<string, string> = {}) {
  const org = await makeOrg();
  expect((await setOrg(org, { otpRequired: true, ...extra })).status).toBe(200);
  const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${unique()}@example.com`, phone: '+14155550123', ...customer });
  const sessionId = s.session.id as string;
  const invitation = (await outboxFor(sessionId)).find((m) => m.kind === 'invitation_primary')!;
  return { org, sessionId, path: new URL(invitation.link).pathname, customerId: s.participants[0].id as string };
}

/** The newest code sent for the session, read from the outbox as the person reads their phone. */
async function latestCode(sessionId: string) {
  const message = (await outboxFor(sessionId)).find((m) => m.kind === 'otp');
  if (!message) throw new Error('no code was sent');
  return { message, code: /\b(\d{6})\b/.exec(message.body)![1]! };
}

/** Press "Open my secure room", as Browser.open does; the answer is the code page when a code is needed. */
const press = (b: Browser, path: string) => b.request('POST', path, undefined, SAME_ORIGIN);
const typeCode = (b: Browser, path: string, code: string) => {
  const form = new FormData();
  form.append('code', code);
  return b.request('POST', `${path}/code`, form, SAME_ORIGIN);
};
const askNewCode = (b: Browser, path: string) => b.request('POST', `${path}/code/new`, undefined, SAME_ORIGIN);
const eventsOf = async (org: Org, sessionId: string) => (await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: org.alice.token })).json.events as any[];
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('a second channel for the code', () => {
  it('is required on start when OTP is on: a customer with only an email is refused, named, and no session is made', async () => {
    const org = await makeOrg();
    await setOrg(org, { otpRequired: true });
    const res = await call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name: 'Jane Doe', email: `jane-${unique()}@example.com` } } });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('otp_channel_missing');
    expect(res.json.error.message).toBe('body.customer: Jane Doe needs a phone number for the one-time code (the invitation goes by email)');
    expect((await call('GET', '/api/v1/sessions', { token: org.alice.token })).json.sessions).toHaveLength(0);
  });

  it('is required to add a participant: refused before anything is added or sent, naming them', async () => {
    const { org, sessionId } = await otpSession();
    const before = await outboxFor(sessionId);
    const res = await call('POST', `/api/v1/sessions/${sessionId}/participants`, {
      token: org.alice.token,
      body: { roleName: 'Cosigner', contact: { name: 'Sam Signer', phone: '+14155550199' } },
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('otp_channel_missing');
    expect(res.json.error.message).toBe('body.contact: Sam Signer needs an email address for the one-time code (the invitation goes by SMS)');
    const session = await call('GET', `/api/v1/sessions/${sessionId}`, { token: org.alice.token });
    expect(session.json.participants).toHaveLength(1);
    expect(await outboxFor(sessionId)).toHaveLength(before.length);
    // With both addresses, the same participant is added and invited.
    const added = await call('POST', `/api/v1/sessions/${sessionId}/participants`, {
      token: org.alice.token,
      body: { roleName: 'Cosigner', contact: { name: 'Sam Signer', phone: '+14155550199', email: `sam-${unique()}@example.com` } },
    });
    expect(added.status).toBe(201);
  });

  it('is required when a pre-planned session is invited: the participant list is refused, naming the role and the person', async () => {
    const org = await makeOrg();
    const planned = await call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name: 'Jane Doe', email: `jane-${unique()}@example.com` }, invite: false } });
    expect(planned.status).toBe(201);
    await setOrg(org, { otpRequired: true });
    const res = await call('POST', `/api/v1/sessions/${planned.json.session.id}/invite`, { token: org.alice.token });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toBe('participants.Customer: Jane Doe needs a phone number for the one-time code (the invitation goes by email)');
    expect(await outboxFor(planned.json.session.id)).toHaveLength(0);
  });

  it('is required to resend or re-engage once OTP is on: refused, naming the person, and nothing is sent', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Jane Doe', email: `jane-${unique()}@example.com` });
    const sessionId = s.session.id as string;
    const participantId = s.participants[0].id as string;
    await setOrg(org, { otpRequired: true });
    const sent = (await outboxFor(sessionId)).length;
    const resend = await call('POST', `/api/v1/sessions/${sessionId}/participants/${participantId}/resend`, { token: org.alice.token, body: {} });
    expect(resend.status).toBe(422);
    expect(resend.json.error.message).toBe('participants.Customer: Jane Doe needs a phone number for the one-time code (the invitation goes by email)');
    const reengage = await call('PATCH', `/api/v1/sessions/${sessionId}/participants/${participantId}`, { token: org.alice.token, body: { email: `jane.doe-${unique()}@example.com` } });
    expect(reengage.status).toBe(422);
    expect(reengage.json.error.message).toBe('body: Jane Doe needs a phone number for the one-time code (the invitation goes by email)');
    expect(await outboxFor(sessionId)).toHaveLength(sent);
    // Given a phone, the same re-engage goes through.
    expect((await call('PATCH', `/api/v1/sessions/${sessionId}/participants/${participantId}`, { token: org.alice.token, body: { phone: '+14155550177' } })).status).toBe(200);
  });

  it('is email when the admin turned SMS off', async () => {
    const org = await makeOrg();
    await setOrg(org, { otpRequired: true, smsEnabled: false });
    const s = await startSession(org.alice, { name: 'Eve Email', email: `eve-${unique()}@example.com` });
    const sessionId = s.session.id as string;
    const path = new URL((await outboxFor(sessionId))[0]!.link).pathname;
    const b = new Browser();
    const page = await press(b, path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('by email to <strong dir="ltr">e•••@example.com</strong>');
    const { message, code } = await latestCode(sessionId);
    expect(message.channel).toBe('email');
    expect(message.subject).toBe('Your Acme code');
    const entered = await typeCode(b, path, code);
    expect(entered.status).toBe(303);
    const me = (await call('GET', `/api/v1/sessions/${sessionId}`, { token: org.alice.token })).json.participants[0];
    expect(me.authStatus).toBe('otp_email');
  });
});

describe('entering with a code', () => {
  it('sends the code by SMS for an email invitation, without a link; the right code opens the room and records how', async () => {
    const { org, sessionId, path } = await otpSession();
    const b = new Browser();
    const page = await press(b, path);
    expect(page.status).toBe(200);
    expect(page.setCookie).toBeNull();
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    expect(page.text).toContain('Enter the 6-digit code we sent by text message to <strong dir="ltr">•••• 0123</strong>');
    expect(page.text).toContain('autocomplete="one-time-code"');
    expect(page.text).toContain('inputmode="numeric"');
    const { message, code } = await latestCode(sessionId);
    expect(message.channel).toBe('sms');
    expect(message.recipient).toBe('+14155550123');
    expect(message.body).toBe(`Your Acme code is ${code}. It expires in 10 minutes. Do not share it with anyone.`);
    expect(message.body).not.toMatch(/https?:/);
    expect(message.link).toBe('');

    // Pressing again within the minute reuses the code rather than send another.
    expect((await press(b, path)).status).toBe(200);
    expect((await outboxFor(sessionId)).filter((m) => m.kind === 'otp')).toHaveLength(1);
    expect((await b.request('GET', '/room')).status).toBe(401);

    const entered = await typeCode(b, path, code);
    expect(entered.status).toBe(303);
    expect(entered.headers.get('Location')).toBe('/room');
    expect((await b.request('GET', '/room')).status).toBe(200);
    // The bound device comes back without a code.
    expect((await new Browser(b.cookie).open(`https://parley.test${path}`)).status).toBe(303);

    const view = await call('GET', `/api/v1/sessions/${sessionId}`, { token: org.alice.token });
    const cora = view.json.participants[0];
    expect(cora.authStatus).toBe('otp_sms');
    expect(cora.authenticatedAt).toEqual(expect.any(String));
    const events = await eventsOf(org, sessionId);
    expect(events.find((e) => e.type === 'participant.otp_sent')).toMatchObject({ audience: 'agents', data: { channel: 'sms', purpose: 'enter' } });
    expect(events.find((e) => e.type === 'participant.authenticated')).toMatchObject({ audience: 'all', data: { method: 'otp_sms', takeover: false, userAgent: 'test-browser' } });
    // The code is nowhere but in the message itself: not in the events, nor in the agent's view of the session.
    const theCode = new RegExp(`(?<![0-9])${code}(?![0-9])`);
    expect(JSON.stringify(events)).not.toMatch(theCode);
    expect(view.text).not.toMatch(theCode);
  });

  it('refuses a wrong code five times, then locks the link even for the right code, until the lock ends', async () => {
    const { org, sessionId, path } = await otpSession();
    const b = new Browser();
    await press(b, path);
    const { code } = await latestCode(sessionId);
    for (let i = 1; i < 5; i++) {
      const wrong = await typeCode(b, path, otherCode(code));
      expect(wrong.status).toBe(422);
      expect(wrong.text).toContain(`That code is not right. ${5 - i} ${5 - i === 1 ? 'try' : 'tries'} left before this link is locked`);
    }
    const fifth = await typeCode(b, path, otherCode(code));
    expect(fifth.status).toBe(429);
    expect(fifth.text).toContain('Too many wrong codes. This link is locked until');
    const right = await typeCode(b, path, code);
    expect(right.status).toBe(429);
    expect(right.text).toContain('locked until');
    expect(right.setCookie).toBeNull();
    // No new code while locked either.
    advance(14 * MIN);
    expect((await askNewCode(b, path)).text).toContain('locked until');
    expect((await eventsOf(org, sessionId)).filter((e) => e.type === 'participant.otp_locked')).toHaveLength(1);
    // The lock ends: a new code can be sent (the one guessed at was dropped with the lock).
    advance(MIN);
    const fresh = await askNewCode(b, path);
    expect(fresh.status).toBe(200);
    expect(fresh.text).not.toContain('locked');
    expect((await latestCode(sessionId)).code).toMatch(/^\d{6}$/);
  });

  it('counts wrong codes across a new code: asking again buys no guesses', async () => {
    const { sessionId, path } = await otpSession();
    const b = new Browser();
    await press(b, path);
    const first = (await latestCode(sessionId)).code;
    for (let i = 0; i < 4; i++) expect((await typeCode(b, path, otherCode(first))).status).toBe(422);
    advance(MIN);
    expect((await askNewCode(b, path)).status).toBe(200);
    const second = (await latestCode(sessionId)).code;
    const locked = await typeCode(b, path, otherCode(second));
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('locked until');
  });

  it("counts every try against the participant's rate limit before comparing: over it, even the right code waits", async () => {
    const { sessionId, customerId, path } = await otpSession();
    const b = new Browser();
    await press(b, path);
    const { code } = await latestCode(sessionId);
    // Spend the participant's allowance for this minute (the limiter is keyed by participant, whatever the address).
    for (let i = 0; i < 11 && (await env.RATE_LIMIT_OTP.limit({ key: customerId })).success; i++);
    const limited = await typeCode(b, path, code);
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many tries in a short while.');
    expect(limited.setCookie).toBeNull();
  });

  it('refuses a stale code (11 minutes old)', async () => {
    const { sessionId, path } = await otpSession();
    const b = new Browser();
    await press(b, path);
    const { code } = await latestCode(sessionId);
    advance(11 * MIN);
    const stale = await typeCode(b, path, code);
    expect(stale.status).toBe(410);
    expect(stale.text).toContain('This code has expired. Please ask for a new one.');
    expect(stale.setCookie).toBeNull();
  });

  it('refuses a code used once already', async () => {
    const { sessionId, path } = await otpSession();
    const phone = new Browser();
    await press(phone, path);
    const { code } = await latestCode(sessionId);
    expect((await typeCode(phone, path, code)).status).toBe(303);
    const again = await typeCode(new Browser(), path, code);
    expect(again.status).toBe(409);
    expect(again.text).toContain('No code is waiting. Please ask for a new one.');
    expect(again.setCookie).toBeNull();
  });

  it('a new code replaces the old one, and not sooner than 30 seconds after it', async () => {
    const { sessionId, path } = await otpSession();
    const b = new Browser();
    await press(b, path);
    const old = (await latestCode(sessionId)).code;
    const soon = await askNewCode(b, path);
    expect(soon.status).toBe(429);
    expect(soon.text).toMatch(/Please wait \d+ seconds? before asking for a new one/);
    advance(31_000);
    const page = await askNewCode(b, path);
    expect(page.status).toBe(200);
    const codes = (await outboxFor(sessionId)).filter((m) => m.kind === 'otp');
    expect(codes).toHaveLength(2);
    const current = (await latestCode(sessionId)).code;
    if (current !== old) expect((await typeCode(b, path, old)).status).toBe(422);
    expect((await typeCode(b, path, current)).status).toBe(303);
  });

  it('answers the code page a second time from a form on another site with a refusal', async () => {
    const { path } = await otpSession();
    const form = new FormData();
    form.append('code', '123456');
    const res = await new Browser().request('POST', `${path}/code`, form, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
});

describe('single device access takes over with a code', () => {
  it('a new device proves itself with a code, takes the room, and the old device loses it', async () => {
    const org = await makeOrg();
    await setOrg(org, { singleDeviceAccess: true });
    const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${unique()}@example.com`, phone: '+14155550123' });
    const sessionId = s.session.id as string;
    const path = new URL((await outboxFor(sessionId))[0]!.link).pathname;
    const phone = new Browser();
    // OTP is not required here: the first device enters with the link alone.
    expect((await phone.open(`https://parley.test${path}`)).status).toBe(303);
    const phoneSocket = await connect('/room/api/ws', { Cookie: phone.cookie! });
    await phoneSocket.next((f) => f.type === 'hello');

    const laptop = new Browser();
    const page = await press(laptop, path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('is open on another device');
    expect(page.setCookie).toBeNull();
    const { code } = await latestCode(sessionId);
    const taken = await typeCode(laptop, path, code);
    expect(taken.status).toBe(303);
    expect((await laptop.request('GET', '/room')).status).toBe(200);
    expect((await phone.request('GET', '/room')).status).toBe(401);
    // The old device's open socket is closed at once.
    await phoneSocket.closed;
    const events = await eventsOf(org, sessionId);
    expect(events.find((e) => e.type === 'participant.otp_sent')?.data.purpose).toBe('takeover');
    expect(events.find((e) => e.type === 'participant.authenticated')?.data).toMatchObject({ method: 'otp_sms', takeover: true });
  });

  it('tells a new device without a second channel why no code can be sent, naming the participant', async () => {
    const org = await makeOrg();
    await setOrg(org, { singleDeviceAccess: true });
    const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${unique()}@example.com` });
    const path = new URL((await outboxFor(s.session.id))[0]!.link).pathname;
    expect((await new Browser().open(`https://parley.test${path}`)).status).toBe(303);
    const other = await press(new Browser(), path);
    expect(other.status).toBe(422);
    expect(other.text).toContain('We have no way to send you a code. Please ask the person who invited you.');
    expect(other.setCookie).toBeNull();
  });
});
