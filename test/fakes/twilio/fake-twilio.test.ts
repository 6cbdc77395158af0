// The fake Twilio on its own: the Message resource's shapes, Twilio's error
// body, the magic numbers, planned faults, and callbacks and inbound
// webhooks signed so that Parley's signature check accepts them.
import { describe, expect, it, vi } from 'vitest';
import { validTwilioSignature } from '../../../worker/src/notify/twilio/twilio-signature';
import { FakeTwilio, type MessageResource } from './fake-twilio';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'auth-token-of-the-test-account';
const OTHER = 'ACfedcba9876543210fedcba9876543210';
const SERVICE = 'MG0123456789abcdef0123456789abcdef';
const API = 'https://api.twilio.com';
const MESSAGES = `${API}/2010-04-01/Accounts/${SID}/Messages.json`;
const CALLBACK = 'https://parley.example/webhooks/twilio/status/out_1';

function setup(options: ConstructorParameters<typeof FakeTwilio>[0] = {}) {
  const fake = new FakeTwilio(options);
  fake.addAccount(SID, TOKEN);
  fake.addAccount(OTHER, 'other-token');
  fake.addMessagingService(SID, SERVICE, ['+15005550006', '+15005550010']);
  const auth = (sid = SID, token = TOKEN) => ({ Authorization: `Basic ${btoa(`${sid}:${token}`)}` });
  const create = (params: Record<string, string>, headers: Record<string, string> = auth()) =>
    fake.fetch(MESSAGES, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
  const get = (url: string, headers: Record<string, string> = auth()) => fake.fetch(url, { headers });
  return { fake, auth, create, get };
}

/** A form body, read as bytes (workerd warns when .text() meets a form-encoded body). */
const formOf = async (request: Request) => new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));

/** Records the callbacks posted, with what the app would read from them. */
function app() {
  const received: Array<{ url: string; params: URLSearchParams; signature: string | null; contentType: string | null }> = [];
  const fetch = async (request: Request) => {
    received.push({ url: request.url, params: await formOf(request), signature: request.headers.get('X-Twilio-Signature'), contentType: request.headers.get('Content-Type') });
    return new Response(null, { status: 204 });
  };
  return { received, fetch };
}

describe('fake Twilio: creating a message', () => {
  it('answers 201 with the Message resource, as the API reference shows it', async () => {
    const clock = Date.parse('2026-05-01T12:00:00Z');
    const { fake, create } = setup({ now: () => clock });
    const response = await create({ To: '+14155550123', From: '+15005550006', Body: 'Hello from Parley', StatusCallback: CALLBACK });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const message = (await response.json()) as MessageResource;
    expect(message).toEqual({
      account_sid: SID,
      api_version: '2010-04-01',
      body: 'Hello from Parley',
      date_created: 'Fri, 01 May 2026 12:00:00 +0000',
      date_sent: null,
      date_updated: 'Fri, 01 May 2026 12:00:00 +0000',
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: '+15005550006',
      messaging_service_sid: null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      status: 'queued',
      subresource_uris: {
        media: `/2010-04-01/Accounts/${SID}/Messages/${message.sid}/Media.json`,
        feedback: `/2010-04-01/Accounts/${SID}/Messages/${message.sid}/Feedback.json`,
      },
      to: '+14155550123',
      uri: `/2010-04-01/Accounts/${SID}/Messages/${message.sid}.json`,
    });
    expect(fake.sent).toEqual([message]);
  });

  it('through a Messaging Service: accepted, no sender yet, no segments counted', async () => {
    const { create } = setup();
    const message = (await (await create({ To: '+14155550123', MessagingServiceSid: SERVICE, Body: 'Hi' })).json()) as MessageResource;
    expect(message).toMatchObject({ status: 'accepted', from: null, messaging_service_sid: SERVICE, num_segments: '0' });
  });

  it('counts segments as GSM-7 or UCS-2', async () => {
    const { create } = setup();
    const segments = async (Body: string) => ((await (await create({ To: '+14155550123', From: '+15005550006', Body })).json()) as MessageResource).num_segments;
    expect(await segments('a'.repeat(160))).toBe('1');
    expect(await segments('a'.repeat(161))).toBe('2');
    expect(await segments('€'.repeat(80))).toBe('1'); // an extension character takes two septets
    expect(await segments('€'.repeat(81))).toBe('2');
    expect(await segments('✓'.repeat(70))).toBe('1');
    expect(await segments('✓'.repeat(71))).toBe('2');
  });

  it('refuses what Twilio refuses, with its error body', async () => {
    const { create } = setup();
    const refusal = async (params: Record<string, string>) => {
      const response = await create(params);
      return { httpStatus: response.status, ...((await response.json()) as { code: number; message: string; more_info: string; status: number }) };
    };
    expect(await refusal({ From: '+15005550006', Body: 'x' })).toEqual({ httpStatus: 400, status: 400, code: 21604, message: "A 'To' phone number is required.", more_info: 'https://www.twilio.com/docs/errors/21604' });
    expect(await refusal({ To: '+14155550123', From: '+15005550006' })).toMatchObject({ code: 21602 });
    expect(await refusal({ To: '+14155550123', From: '+15005550006', Body: 'x'.repeat(1601) })).toMatchObject({ code: 21617 });
    expect(await refusal({ To: '+14155550123', Body: 'x' })).toMatchObject({ code: 21603 });
    expect(await refusal({ To: '+14155550123', MessagingServiceSid: 'MG123', Body: 'x' })).toMatchObject({ code: 21705 });
    expect(await refusal({ To: '+14155550123', MessagingServiceSid: `MG${'f'.repeat(32)}`, Body: 'x' })).toMatchObject({ code: 21701 });
    expect(await refusal({ To: '0207 946 0958', From: '+15005550006', Body: 'x' })).toMatchObject({ code: 21211 });
    expect(await refusal({ To: '+14155550123', From: 'Parley!', Body: 'x' })).toMatchObject({ code: 21212 });
    // North America takes no sender names.
    expect(await refusal({ To: '+14155550123', From: 'Parley', Body: 'x' })).toMatchObject({ code: 21612 });
    expect((await create({ To: '+447400123456', From: 'Parley', Body: 'x' })).status).toBe(201);
  });

  it('answers the magic numbers of Twilio’s test credentials with their errors', async () => {
    const { create } = setup();
    const code = async (params: Record<string, string>) => ((await (await create({ Body: 'x', ...params })).json()) as { code?: number }).code ?? null;
    const valid = '+15005550006';
    expect(await code({ From: valid, To: '+15005550001' })).toBe(21211);
    expect(await code({ From: valid, To: '+15005550002' })).toBe(21612);
    expect(await code({ From: valid, To: '+15005550003' })).toBe(21408);
    expect(await code({ From: valid, To: '+15005550004' })).toBe(21610);
    expect(await code({ From: valid, To: '+15005550009' })).toBe(21614);
    expect(await code({ From: '+15005550001', To: '+14155550123' })).toBe(21212);
    expect(await code({ From: '+15005550007', To: '+14155550123' })).toBe(21606);
    expect(await code({ From: '+15005550008', To: '+14155550123' })).toBe(21611);
    expect(await code({ From: valid, To: '+14155550123' })).toBeNull();
  });

  it('checks Basic auth: 401 20003 with the challenge, and one account cannot reach another’s messages', async () => {
    const { fake, create, auth, get } = setup();
    for (const headers of [{}, auth(SID, 'wrong'), { Authorization: 'Basic not-base64!' }, { Authorization: `Bearer ${TOKEN}` }]) {
      const response = await create({ To: '+14155550123', From: '+15005550006', Body: 'x' }, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toBe('Basic realm="Twilio API"');
      expect(await response.json()).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    }
    expect((await get(MESSAGES, auth(OTHER, 'other-token'))).status).toBe(404);
    expect(fake.sent).toEqual([]);
  });
});

describe('fake Twilio: reading messages', () => {
  it('fetches one message, and answers 404 20404 for an unknown one', async () => {
    const { create, get } = setup();
    const message = (await (await create({ To: '+14155550123', From: '+15005550006', Body: 'x' })).json()) as MessageResource;
    const one = await get(`${API}${message.uri}`);
    expect([one.status, await one.json()]).toEqual([200, message]);
    const path = `/2010-04-01/Accounts/${SID}/Messages/SM${'0'.repeat(32)}.json`;
    const missing = await get(`${API}${path}`);
    expect([missing.status, await missing.json()]).toEqual([404, { code: 20404, message: `The requested resource ${path} was not found`, more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 }]);
    expect((await get(`${API}/2010-04-01/Accounts/${SID}/Calls.json`)).status).toBe(404);
  });

  it('lists newest first, filtered by To and From, in pages', async () => {
    let clock = Date.parse('2026-05-01T12:00:00Z');
    const { create, get } = setup({ now: () => clock });
    for (const [i, to] of ['+14155550101', '+14155550102', '+14155550101', '+14155550101'].entries()) {
      await create({ To: to, From: '+15005550006', Body: `message ${i}` });
      clock += 1000;
    }
    const list = async (query: string) => (await (await get(`${MESSAGES}?${query}`)).json()) as { messages: MessageResource[]; page: number; page_size: number; next_page_uri: string | null; previous_page_uri: string | null; start: number; end: number; first_page_uri: string; uri: string };
    const first = await list('To=%2B14155550101&PageSize=2');
    expect(first.messages.map((m) => m.body)).toEqual(['message 3', 'message 2']);
    expect(first).toMatchObject({ page: 0, page_size: 2, start: 0, end: 1, previous_page_uri: null });
    expect(first.next_page_uri).toMatch(/^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json\?.*Page=1&PageToken=PA/);
    const second = await list(first.next_page_uri!.split('?')[1]!);
    expect(second.messages.map((m) => m.body)).toEqual(['message 0']);
    expect(second).toMatchObject({ page: 1, start: 2, end: 2, next_page_uri: null });
    expect((await list('From=%2B15005550006')).messages).toHaveLength(4);
    expect((await list('From=%2B15005550010')).messages).toHaveLength(0);
    expect((await get(`${MESSAGES}?PageSize=1001`)).status).toBe(400);
  });

  it('filters by DateSent on the day sent, so a message not yet sent matches no DateSent filter', async () => {
    const clock = Date.parse('2026-05-01T12:00:00Z');
    const { fake, create, get } = setup({ now: () => clock });
    await create({ To: '+14155550101', From: '+15005550006', Body: 'queued one', StatusCallback: CALLBACK });
    const bodies = async (query: string) => ((await (await get(`${MESSAGES}?${query}`)).json()) as { messages: MessageResource[] }).messages.map((m) => m.body);
    expect(await bodies('DateSent%3E=2026-05-01')).toEqual([]);
    expect(await bodies('To=%2B14155550101')).toEqual(['queued one']);
    await fake.deliverCallbacks(app().fetch); // now sent (and delivered)
    expect(await bodies('DateSent%3E=2026-05-01')).toEqual(['queued one']);
    expect(await bodies('DateSent=2026-05-01')).toEqual(['queued one']);
    expect(await bodies('DateSent%3C=2026-04-30')).toEqual([]);
  });
});

describe('fake Twilio: planned faults', () => {
  it('fails the next calls with 429 / 503 in Twilio’s error shape, then recovers', async () => {
    const { fake, create } = setup();
    fake.failNext(1, { status: 429, retryAfter: 5 });
    fake.failNext(1, { status: 503 });
    const busy = await create({ To: '+14155550123', From: '+15005550006', Body: 'x' });
    expect([busy.status, busy.headers.get('Retry-After'), await busy.json()]).toEqual([429, '5', { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 }]);
    const down = await create({ To: '+14155550123', From: '+15005550006', Body: 'x' });
    expect([down.status, ((await down.json()) as { code: number }).code]).toEqual([503, 20503]);
    expect((await create({ To: '+14155550123', From: '+15005550006', Body: 'x' })).status).toBe(201);
    expect(fake.sent).toHaveLength(1);
    expect(fake.calls.map((c) => [c.status, c.fault])).toEqual([[429, 'status'], [503, 'status'], [201, null]]);
  });

  it('hangs past the caller’s timeout; with created: true the message exists all the same', async () => {
    const { fake, auth } = setup({ hangMs: 5_000 });
    fake.timeoutNext(1, { created: true });
    fake.timeoutNext(1, { created: false });
    const send = () =>
      fake.fetch(MESSAGES, { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'To=%2B14155550123&From=%2B15005550006&Body=x', signal: AbortSignal.timeout(30) });
    await expect(send()).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(fake.sent).toHaveLength(1);
    await expect(send()).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(fake.sent).toHaveLength(1);
    expect(fake.calls.map((c) => c.fault)).toEqual(['hang', 'hang']);
  });

  it('answers after the hang when the caller waits longer', async () => {
    const { fake, create } = setup({ hangMs: 20 });
    fake.timeoutNext(1, { created: true });
    expect((await create({ To: '+14155550123', From: '+15005550006', Body: 'x' })).status).toBe(201);
  });
});

describe('fake Twilio: status callbacks', () => {
  it('calls back sent then delivered, form-encoded and signed so Parley’s check accepts it', async () => {
    const { fake, create } = setup();
    const message = (await (await create({ To: '+447400123456', From: 'Parley', Body: 'Hi', StatusCallback: CALLBACK })).json()) as MessageResource;
    expect(fake.pendingCallbacks.map((c) => c.status)).toEqual(['sent', 'delivered']);
    const { received, fetch } = app();
    const delivered = await fake.deliverCallbacks(fetch);
    expect(delivered.map((d) => d.status)).toEqual([204, 204]);
    expect(fake.pendingCallbacks).toEqual([]);
    expect(received.map((r) => Object.fromEntries(r.params))).toEqual([
      { SmsSid: message.sid, SmsStatus: 'sent', MessageStatus: 'sent', To: '+447400123456', MessageSid: message.sid, AccountSid: SID, From: 'Parley', ApiVersion: '2010-04-01' },
      { SmsSid: message.sid, SmsStatus: 'delivered', MessageStatus: 'delivered', To: '+447400123456', MessageSid: message.sid, AccountSid: SID, From: 'Parley', ApiVersion: '2010-04-01', RawDlrDoneDate: expect.stringMatching(/^\d{10}$/) },
    ]);
    for (const r of received) {
      expect(r.url).toBe(CALLBACK);
      expect(r.contentType).toBe('application/x-www-form-urlencoded');
      expect(await validTwilioSignature(TOKEN, r.url, r.params, r.signature)).toBe(true);
      expect(await validTwilioSignature('other-token', r.url, r.params, r.signature)).toBe(false);
    }
    expect(fake.message(message.sid)).toMatchObject({ status: 'delivered', date_sent: expect.stringMatching(/\+0000$/) });
  });

  it('through a Messaging Service: queued (with the number it picked), sent, delivered', async () => {
    const { fake, create } = setup();
    const message = (await (await create({ To: '+14155550123', MessagingServiceSid: SERVICE, Body: 'Hi', StatusCallback: CALLBACK })).json()) as MessageResource;
    const { received, fetch } = app();
    await fake.deliverCallbacks(fetch);
    expect(received.map((r) => [r.params.get('MessageStatus'), r.params.get('From'), r.params.get('MessagingServiceSid')])).toEqual([
      ['queued', '+15005550006', SERVICE],
      ['sent', '+15005550006', SERVICE],
      ['delivered', '+15005550006', SERVICE],
    ]);
    expect(fake.message(message.sid)).toMatchObject({ status: 'delivered', from: '+15005550006', num_segments: '1' });
  });

  it('ends a message to an undeliverable number undelivered (or failed) with the error code', async () => {
    const { fake, create } = setup();
    fake.undeliverable('+14155550199', 30003);
    fake.undeliverable('+14155550198', 30005, 'failed');
    const a = (await (await create({ To: '+14155550199', From: '+15005550006', Body: 'a', StatusCallback: CALLBACK })).json()) as MessageResource;
    const b = (await (await create({ To: '+14155550198', From: '+15005550006', Body: 'b', StatusCallback: CALLBACK })).json()) as MessageResource;
    const { received, fetch } = app();
    await fake.deliverCallbacks(fetch);
    expect(received.map((r) => [r.params.get('MessageSid'), r.params.get('MessageStatus'), r.params.get('ErrorCode')])).toEqual([
      [a.sid, 'sent', null],
      [a.sid, 'undelivered', '30003'],
      [b.sid, 'failed', '30005'],
    ]);
    expect(fake.message(a.sid)).toMatchObject({ status: 'undelivered', error_code: 30003, error_message: 'Unreachable destination handset' });
    expect(fake.message(b.sid)).toMatchObject({ status: 'failed', error_code: 30005, date_sent: null });
  });

  it('queues nothing for a message sent without a StatusCallback, and records an app that does not answer', async () => {
    const { fake, create } = setup();
    await create({ To: '+14155550123', From: '+15005550006', Body: 'x' });
    expect(fake.pendingCallbacks).toEqual([]);
    await create({ To: '+14155550123', From: '+15005550006', Body: 'y', StatusCallback: CALLBACK });
    const delivered = await fake.deliverCallbacks(async () => {
      throw new Error('connection refused');
    });
    expect(delivered.map((d) => d.status)).toEqual([0, 0]);
    expect(fake.deliveredCallbacks).toHaveLength(2);
  });

  it('posts callbacks by itself once auto-delivery is on', async () => {
    const { fake, create } = setup();
    const { received, fetch } = app();
    fake.autoDeliverCallbacks(fetch, 5);
    await create({ To: '+14155550123', From: '+15005550006', Body: 'x', StatusCallback: CALLBACK });
    expect(fake.pendingCallbacks).toEqual([]);
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received.map((r) => r.params.get('MessageStatus'))).toEqual(['sent', 'delivered']);
    fake.stopAutoDelivery();
  });
});

describe('fake Twilio: inbound messages', () => {
  it('builds the webhook request Twilio sends, signed with the account’s token', async () => {
    const { fake } = setup();
    const url = 'https://parley.example/webhooks/twilio/inbound';
    const request = await fake.inbound({ from: '+447400123456', to: '+15005550010', body: 'Running 5 minutes late', accountSid: SID }, url);
    expect(request.method).toBe('POST');
    expect(request.url).toBe(url);
    expect(request.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    const params = await formOf(request);
    expect(Object.fromEntries(params)).toEqual({
      ToCountry: 'US',
      ToState: '',
      SmsMessageSid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      NumMedia: '0',
      ToCity: '',
      FromZip: '',
      SmsSid: params.get('MessageSid'),
      FromState: '',
      SmsStatus: 'received',
      FromCity: '',
      Body: 'Running 5 minutes late',
      FromCountry: 'GB',
      To: '+15005550010',
      ToZip: '',
      NumSegments: '1',
      MessageSid: params.get('SmsMessageSid'),
      AccountSid: SID,
      From: '+447400123456',
      ApiVersion: '2010-04-01',
      MessagingServiceSid: SERVICE,
    });
    expect(await validTwilioSignature(TOKEN, url, params, request.headers.get('X-Twilio-Signature'))).toBe(true);
    expect(fake.message(params.get('MessageSid')!)).toMatchObject({ direction: 'inbound', status: 'received', body: 'Running 5 minutes late' });
  });

  it('applies STOP and START as Twilio’s opt-out handling does', async () => {
    const { fake, create } = setup();
    const send = async () => (await create({ To: '+447400123456', From: '+15005550006', Body: 'x' })).status;
    await fake.inbound({ from: '+447400123456', to: '+15005550006', body: ' stop ', accountSid: SID }, 'https://parley.example/in');
    const refused = await create({ To: '+447400123456', From: '+15005550006', Body: 'x' });
    expect([refused.status, ((await refused.json()) as { code: number }).code]).toEqual([400, 21610]);
    await fake.inbound({ from: '+447400123456', to: '+15005550006', body: 'STOP PLEASE', accountSid: SID }, 'https://parley.example/in');
    expect(await send()).toBe(400);
    await fake.inbound({ from: '+447400123456', to: '+15005550006', body: 'Start', accountSid: SID }, 'https://parley.example/in');
    expect(await send()).toBe(201);
  });

  it('needs to be told the account when it has several', async () => {
    const { fake } = setup();
    await expect(fake.inbound({ from: '+447400123456', to: '+15005550006', body: 'hi' }, 'https://parley.example/in')).rejects.toThrow('say which one with accountSid');
  });
});
