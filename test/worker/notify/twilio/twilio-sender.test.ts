// The Twilio sender against the fake Twilio: which sender each destination
// gets, how every kind of answer maps to the outbox's failures, and how a
// try that timed out is found again instead of being sent twice.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxMessage } from '../../../../worker/src/notify/outbox';
import { SendFailure } from '../../../../worker/src/notify/sender';
import { twilioSender, type TwilioConfig } from '../../../../worker/src/notify/twilio/twilio-sender';
import { FakeTwilio } from '../../../fakes/twilio/fake-twilio';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'auth-token-of-the-test-account';
const SERVICE = 'MG0123456789abcdef0123456789abcdef';
const CALLBACK = 'https://parley.example/webhooks/twilio/status/out_1';
const OPTIONS = { idempotencyKey: 'out_1', statusCallbackUrl: CALLBACK, unsubscribeUrl: null };

const UK = '+447400123456';
const DE = '+4915123456789';
const US = '+14155550123';

let fake: FakeTwilio;
let clock: number;
/** What the sender sent: method, URL and the Authorization header of every call. */
let seen: Array<{ method: string; url: string; authorization: string | null }>;

beforeEach(() => {
  clock = Date.parse('2026-05-01T12:00:00Z');
  fake = new FakeTwilio({ now: () => clock, hangMs: 2_000 });
  fake.addAccount(SID, TOKEN);
  fake.addMessagingService(SID, SERVICE, ['+15005550006']);
  seen = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push({ method: request.method, url: request.url, authorization: request.headers.get('authorization') });
    return fake.fetch(input, init);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const config = (over: Partial<TwilioConfig> = {}): TwilioConfig => ({
  apiBase: 'https://api.twilio.com',
  accountSid: SID,
  authToken: TOKEN,
  fromNumber: '+15005550006',
  messagingServiceSid: null,
  senderName: null,
  ...over,
});

let n = 0;
/** An SMS as the outbox opens it; its body carries a room link of its own, as every Parley SMS does. */
function sms(recipient: string, body = `Alex invited you to a secure room: https://parley.example/r/${++n}x${crypto.randomUUID()}`): OutboxMessage {
  return {
    id: `out_${n}`,
    org_id: 'org_1',
    session_id: 'ses_1',
    participant_id: 'par_1',
    kind: 'invitation_primary',
    channel: 'sms',
    recipient,
    subject: null,
    body,
    link: 'https://parley.example/r/x',
  } as OutboxMessage;
}

async function failureOf(promise: Promise<unknown>): Promise<SendFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SendFailure);
  return error as SendFailure;
}

describe('twilioSender: who the message is from', () => {
  it('sends to a UK or German number under the org’s name', async () => {
    const sender = twilioSender(config({ senderName: 'Parley', messagingServiceSid: SERVICE }));
    for (const to of [UK, DE]) {
      const accepted = await sender.send(sms(to), OPTIONS);
      expect(accepted).toEqual({ providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: 'queued', sender: 'Parley' });
      const created = fake.message(accepted.providerId)!;
      expect(created).toMatchObject({ to, from: 'Parley', messaging_service_sid: null, status: 'queued' });
    }
  });

  it('sends to a US number through the Messaging Service, which picks the number later', async () => {
    const accepted = await twilioSender(config({ senderName: 'Parley', messagingServiceSid: SERVICE })).send(sms(US), OPTIONS);
    expect(accepted).toMatchObject({ status: 'queued', sender: null });
    expect(fake.message(accepted.providerId)).toMatchObject({ to: US, from: null, messaging_service_sid: SERVICE, status: 'accepted' });
  });

  it('sends to a US number from the org’s number when there is no Messaging Service', async () => {
    const accepted = await twilioSender(config({ senderName: 'Parley' })).send(sms(US), OPTIONS);
    expect(accepted).toMatchObject({ status: 'queued', sender: '+15005550006' });
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ from: '+15005550006', messaging_service_sid: null });
  });

  it('posts To, Body and StatusCallback, form-encoded, with Basic auth of the account', async () => {
    const message = sms(UK, 'Hello & welcome: https://parley.example/r/abc?x=1 ✓');
    await twilioSender(config({ apiBase: 'https://api.twilio.com/' })).send(message, OPTIONS);
    expect(seen).toEqual([{ method: 'POST', url: `https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages.json`, authorization: `Basic ${btoa(`${SID}:${TOKEN}`)}` }]);
    expect(fake.sent[0]).toMatchObject({ to: UK, body: 'Hello & welcome: https://parley.example/r/abc?x=1 ✓' });
    // The callback URL reached Twilio: the fake queued this message's callbacks for it.
    expect(fake.pendingCallbacks.map((c) => c.url)).toEqual([CALLBACK, CALLBACK]);
  });

  it('refuses, naming what to configure, when nothing can send to the destination', async () => {
    const nameOnly = await failureOf(twilioSender(config({ fromNumber: null, senderName: 'Parley' })).send(sms(US), OPTIONS));
    expect(nameOnly.kind).toBe('permanent');
    expect(nameOnly.message).toBe(`No SMS sender for ${US}: the sender name "Parley" cannot be used in that country without registration, so configure a Twilio phone number or Messaging Service SID`);
    const nothing = await failureOf(twilioSender(config({ fromNumber: null })).send(sms(UK), OPTIONS));
    expect(nothing.message).toBe(`No SMS sender for ${UK}: configure a Twilio phone number, a Messaging Service SID or an SMS sender name`);
    expect(seen).toEqual([]);
  });

  it('refuses a sender name Twilio would not accept', async () => {
    const failure = await failureOf(twilioSender(config({ senderName: 'Parley Rooms Ltd' })).send(sms(UK), OPTIONS));
    expect(failure.kind).toBe('permanent');
    expect(failure.message).toContain('"Parley Rooms Ltd" is not one Twilio accepts');
    expect(seen).toEqual([]);
  });

  it('sends SMS only', async () => {
    const email = { ...sms(UK), channel: 'email' } as OutboxMessage;
    expect((await failureOf(twilioSender(config()).send(email, OPTIONS))).kind).toBe('permanent');
  });
});

describe('twilioSender: Twilio’s answers', () => {
  it('reads a message Twilio already handed on as sent', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ sid: 'SMabc', status: 'sent', from: '+15005550006', body: 'x', date_created: 'Fri, 01 May 2026 12:00:00 +0000' }, { status: 201 }));
    expect(await twilioSender(config()).send(sms(US), OPTIONS)).toEqual({ providerId: 'SMabc', status: 'sent', sender: '+15005550006' });
  });

  it('takes 5xx and 429 as transient, with Twilio’s code and Retry-After', async () => {
    fake.failNext(1, { status: 503 });
    const down = await failureOf(twilioSender(config()).send(sms(US), OPTIONS));
    expect([down.kind, down.code, down.retryAfterS]).toEqual(['transient', '20503', null]);
    fake.failNext(1, { status: 429, retryAfter: 7 });
    const busy = await failureOf(twilioSender(config()).send(sms(US), OPTIONS));
    expect([busy.kind, busy.code, busy.retryAfterS]).toEqual(['transient', '20429', 7]);
    expect(busy.message).toBe('Twilio is limiting requests (HTTP 429, Twilio 20429: Too Many Requests); the send will be retried');
    expect(fake.sent).toEqual([]);
  });

  it('takes 21610 as the recipient having opted out', async () => {
    const failure = await failureOf(twilioSender(config()).send(sms('+15005550004'), OPTIONS));
    expect([failure.kind, failure.code]).toEqual(['opted_out', '21610']);
    expect(failure.message).toBe('The recipient replied STOP and receives no more messages from this sender (Twilio 21610)');
  });

  it('takes refused credentials as permanent, saying so', async () => {
    const failure = await failureOf(twilioSender(config({ authToken: 'wrong' })).send(sms(US), OPTIONS));
    expect([failure.kind, failure.code]).toEqual(['permanent', '20003']);
    expect(failure.message).toBe('Twilio refused the account credentials (Twilio 20003): check the Twilio Account SID and auth token in the SMS settings');
  });

  it('takes other refusals as permanent, in words with Twilio’s code and message', async () => {
    const invalid = await failureOf(twilioSender(config()).send(sms('+15005550001'), OPTIONS));
    expect([invalid.kind, invalid.code]).toEqual(['permanent', '21211']);
    expect(invalid.message).toBe("Not a valid phone number (Twilio 21211): The 'To' number +15005550001 is not a valid phone number.");
    const landline = await failureOf(twilioSender(config()).send(sms('+15005550009'), OPTIONS));
    expect([landline.kind, landline.code, landline.message]).toEqual(['permanent', '21614', "Not a mobile number (it cannot receive SMS) (Twilio 21614): 'To' number is not a valid mobile number"]);
    const notOurs = await failureOf(twilioSender(config({ fromNumber: '+15005550007' })).send(sms(US), OPTIONS));
    expect([notOurs.kind, notOurs.code]).toEqual(['permanent', '21606']);
    expect(notOurs.message).toMatch(/^The sender number is not an SMS-capable number of this Twilio account \(Twilio 21606\): /);
  });

  it('takes a refusal without Twilio’s error body as permanent, with the HTTP status', async () => {
    vi.stubGlobal('fetch', async () => new Response('Forbidden', { status: 403 }));
    const failure = await failureOf(twilioSender(config()).send(sms(US), OPTIONS));
    expect([failure.kind, failure.code, failure.message]).toEqual(['permanent', null, 'Twilio refused the send (HTTP 403)']);
  });

  it('takes no answer in time as unknown: the message may have been created', async () => {
    fake.timeoutNext(1, { created: false });
    const failure = await failureOf(twilioSender(config(), { timeoutMs: 50 }).send(sms(US), OPTIONS));
    expect(failure.kind).toBe('unknown');
    expect(failure.message).toBe('api.twilio.com: no answer within 0.05 s');
  });

  it('takes a 201 it cannot read as unknown, not as sent', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>gateway</html>', { status: 201 }));
    expect((await failureOf(twilioSender(config()).send(sms(US), OPTIONS))).kind).toBe('unknown');
  });
});

describe('twilioSender: reconcile after a try with no answer', () => {
  it('finds the message a timed-out try created, so the retry does not send it again', async () => {
    const sender = twilioSender(config(), { timeoutMs: 50 });
    const message = sms(US);
    const since = clock;
    fake.timeoutNext(1, { created: true });
    expect((await failureOf(sender.send(message, OPTIONS))).kind).toBe('unknown');
    expect(fake.sent).toHaveLength(1);

    const found = await sender.reconcile(message, { ...OPTIONS, since });
    expect(found).toEqual({ providerId: fake.sent[0]!.sid, status: 'queued', sender: '+15005550006' });
    expect(fake.sent).toHaveLength(1);
  });

  it('answers null when the try created nothing', async () => {
    const sender = twilioSender(config(), { timeoutMs: 50 });
    const message = sms(US);
    fake.timeoutNext(1, { created: false });
    await failureOf(sender.send(message, OPTIONS));
    expect(await sender.reconcile(message, { ...OPTIONS, since: clock })).toBeNull();
  });

  it('matches the exact body only, not another message to the same number', async () => {
    const sender = twilioSender(config());
    await sender.send(sms(US, 'Your room: https://parley.example/r/aaa'), OPTIONS);
    expect(await sender.reconcile(sms(US, 'Your room: https://parley.example/r/aab'), { ...OPTIONS, since: clock })).toBeNull();
    expect(await sender.reconcile(sms(US, 'Your room: https://parley.example/r/aaa '), { ...OPTIONS, since: clock })).toBeNull();
    expect(await sender.reconcile(sms(UK, 'Your room: https://parley.example/r/aaa'), { ...OPTIONS, since: clock })).toBeNull();
    expect(await sender.reconcile(sms(US, 'Your room: https://parley.example/r/aaa'), { ...OPTIONS, since: clock })).not.toBeNull();
  });

  it('looks back to a minute before the try began, and no further', async () => {
    const sender = twilioSender(config());
    const message = sms(US);
    const created = clock;
    await sender.send(message, OPTIONS);
    clock += 10 * 60_000;
    expect(await sender.reconcile(message, { ...OPTIONS, since: created + 59_000 })).not.toBeNull(); // Twilio's clock a little behind ours
    expect(await sender.reconcile(message, { ...OPTIONS, since: created + 61_000 })).toBeNull(); // an older send of the same text
  });

  it('finds a queued message (date_sent still null) and a sent one alike', async () => {
    const sender = twilioSender(config());
    const message = sms(US);
    const accepted = await sender.send(message, OPTIONS);
    expect(fake.message(accepted.providerId)!.date_sent).toBeNull();
    expect(await sender.reconcile(message, { ...OPTIONS, since: clock })).toMatchObject({ providerId: accepted.providerId, status: 'queued' });
    await fake.deliverCallbacks(async () => new Response(null, { status: 204 }));
    expect(await sender.reconcile(message, { ...OPTIONS, since: clock })).toMatchObject({ providerId: accepted.providerId, status: 'sent' });
  });

  it('lists one page of the recipient’s newest messages, by To (and From for the org’s own number), never by DateSent', async () => {
    await twilioSender(config()).reconcile(sms(US), { ...OPTIONS, since: clock });
    await twilioSender(config({ messagingServiceSid: SERVICE })).reconcile(sms(US), { ...OPTIONS, since: clock });
    await twilioSender(config({ senderName: 'Parley' })).reconcile(sms(UK), { ...OPTIONS, since: clock });
    const queries = seen.map((s) => Object.fromEntries(new URL(s.url).searchParams));
    expect(seen.every((s) => s.method === 'GET' && s.authorization === `Basic ${btoa(`${SID}:${TOKEN}`)}`)).toBe(true);
    expect(queries).toEqual([{ To: US, PageSize: '50', From: '+15005550006' }, { To: US, PageSize: '50' }, { To: UK, PageSize: '50' }]);
  });

  it('finds a message sent through the Messaging Service', async () => {
    const sender = twilioSender(config({ messagingServiceSid: SERVICE }));
    const message = sms(US);
    const accepted = await sender.send(message, OPTIONS);
    expect(await sender.reconcile(message, { ...OPTIONS, since: clock })).toEqual({ providerId: accepted.providerId, status: 'queued', sender: null });
  });

  it('says the question is still open when Twilio cannot answer it', async () => {
    const sender = twilioSender(config(), { timeoutMs: 50 });
    fake.failNext(1, { status: 503, retryAfter: 3 });
    const down = await failureOf(sender.reconcile(sms(US), { ...OPTIONS, since: clock }));
    expect([down.kind, down.retryAfterS]).toEqual(['transient', 3]);
    fake.timeoutNext(1, { created: false });
    expect((await failureOf(sender.reconcile(sms(US), { ...OPTIONS, since: clock }))).kind).toBe('unknown');
    const refused = await failureOf(twilioSender(config({ authToken: 'wrong' })).reconcile(sms(US), { ...OPTIONS, since: clock }));
    expect([refused.kind, refused.code]).toEqual(['unknown', '20003']);
    vi.stubGlobal('fetch', async () => Response.json({ nothing: [] }));
    expect((await failureOf(sender.reconcile(sms(US), { ...OPTIONS, since: clock }))).kind).toBe('unknown');
  });
});
