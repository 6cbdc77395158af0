// The fake Resend on its own, spoken to in raw HTTP as a client would:
// the documented body and errors, API keys, idempotency keys, planned
// faults, and webhooks signed so that Svix's scheme checks them.
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_LIFETIME_MS, FakeResend, type FakeResendOptions } from './fake-resend.ts';
import { parseMailbox } from './mailbox.ts';
import { svixSignature } from './svix-sign.ts';
import { testAddress } from './webhook-events.ts';

const KEY = 're_fake_key';

function setup(options: FakeResendOptions = {}) {
  const fake = new FakeResend(options);
  fake.addApiKey(KEY);
  const send = (body: unknown, headers: Record<string, string> = {}) =>
    fake.fetch('https://api.resend.com/emails', {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'user-agent': 'test/1.0', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { fake, send };
}

const EMAIL = { from: 'Acme <onboarding@acme.example>', to: ['delivered@resend.dev'], subject: 'hello world', html: '<p>it works!</p>' };

const errorOf = async (response: Response) => ({ status: response.status, body: await response.json() });

describe('fake Resend: POST /emails', () => {
  it('takes the documented email and answers with its id', async () => {
    const { fake, send } = setup();
    const response = await send({ ...EMAIL, tags: [{ name: 'category', value: 'confirm_email' }] });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.sent).toMatchObject([{ id, fromAddress: 'onboarding@acme.example', fromName: 'Acme', to: ['delivered@resend.dev'], subject: 'hello world', tags: [{ name: 'category', value: 'confirm_email' }] }]);
  });

  it('checks the key: none → 401 missing_api_key, unknown → 401 validation_error', async () => {
    const { fake } = setup();
    const post = (headers: Record<string, string>) => fake.fetch('https://api.resend.com/emails', { method: 'POST', headers: { 'user-agent': 'x', ...headers }, body: JSON.stringify(EMAIL) });
    expect(await errorOf(await post({}))).toEqual({ status: 401, body: { statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header.' } });
    expect(await errorOf(await post({ authorization: 'Bearer re_other' }))).toEqual({ status: 401, body: { statusCode: 401, name: 'validation_error', message: 'API key is invalid' } });
    expect(fake.sent).toHaveLength(0);
  });

  it('refuses a request without a User-Agent at the edge (403, error code 1010)', async () => {
    const { fake } = setup();
    const response = await fake.fetch(new Request('https://api.resend.com/emails', { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: JSON.stringify(EMAIL) }));
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('error code: 1010');
  });

  it('answers unknown paths and methods as Resend does', async () => {
    const { fake } = setup();
    expect((await errorOf(await fake.fetch('https://api.resend.com/nope', { headers: { 'user-agent': 'x' } }))).body).toMatchObject({ name: 'not_found', statusCode: 404 });
    expect((await errorOf(await fake.fetch('https://api.resend.com/emails', { headers: { 'user-agent': 'x' } }))).body).toMatchObject({ name: 'method_not_allowed', statusCode: 405 });
  });

  it('validates the body field by field, with the documented names and statuses', async () => {
    const { fake, send } = setup();
    const cases: Array<[unknown, number, string, RegExp]> = [
      ['{not json', 400, 'validation_error', /JSON/],
      [{ ...EMAIL, from: undefined }, 422, 'missing_required_field', /Missing `from` field/],
      [{ ...EMAIL, from: 'Doe, Jane <jane@acme.example>' }, 422, 'validation_error', /Invalid `from` field/],
      [{ ...EMAIL, to: [] }, 422, 'missing_required_field', /Missing `to` field/],
      [{ ...EMAIL, to: ['not an address'] }, 422, 'validation_error', /Invalid `to` field/],
      [{ ...EMAIL, to: Array.from({ length: 51 }, (_, i) => `u${i}@x.example`) }, 422, 'validation_error', /at most 50/],
      [{ ...EMAIL, subject: '' }, 422, 'missing_required_field', /Missing `subject` field/],
      [{ ...EMAIL, html: undefined }, 422, 'missing_required_field', /`html` or `text`/],
      [{ ...EMAIL, headers: { 'X-A': 'one\r\nBcc: x@y.z' } }, 422, 'validation_error', /headers/],
      [{ ...EMAIL, tags: [{ name: 'outbox id', value: 'x' }] }, 422, 'validation_error', /ASCII letters/],
      [{ ...EMAIL, tags: [{ name: 'outbox_id', value: 'msg.1' }] }, 422, 'validation_error', /ASCII letters/],
    ];
    for (const [body, status, name, message] of cases) {
      const { status: got, body: error } = await errorOf(await send(body));
      expect({ got, name: (error as { name: string }).name }).toEqual({ got: status, name });
      expect((error as { message: string }).message).toMatch(message);
    }
    expect(fake.sent).toHaveLength(0);
  });

  it('refuses a from on a domain the account has not verified (403)', async () => {
    const { send } = setup({ verifiedDomains: ['acme.example'] });
    expect((await send(EMAIL)).status).toBe(200);
    expect(await errorOf(await send({ ...EMAIL, from: 'x@elsewhere.example' }))).toEqual({
      status: 403,
      body: { statusCode: 403, name: 'validation_error', message: 'The `elsewhere.example` domain is not verified. Please, add and verify your domain.' },
    });
  });

  it('reads display names as a header does: quoted strings and encoded-words decoded, bare specials refused', () => {
    expect(parseMailbox('"Doe, Jane" <j@x.org>')).toEqual({ address: 'j@x.org', name: 'Doe, Jane' });
    expect(parseMailbox('=?UTF-8?B?Wm/Dqw==?= =?UTF-8?Q?_=C3=85gren?= <z@x.org>')).toEqual({ address: 'z@x.org', name: 'Zoë Ågren' });
    expect(parseMailbox('Plain Name <p@x.org>')).toEqual({ address: 'p@x.org', name: 'Plain Name' });
    expect(parseMailbox('p@x.org')).toEqual({ address: 'p@x.org', name: null });
    expect(parseMailbox('Doe, Jane <j@x.org>')).toBeNull();
    expect(parseMailbox('"unterminated <j@x.org>')).toBeNull();
    expect(parseMailbox('Name <not-an-address>')).toBeNull();
  });
});

describe('fake Resend: idempotency keys', () => {
  it('same key and body → the same answer and no second email; another body → 409 invalid_idempotent_request', async () => {
    const { fake, send } = setup();
    const first = (await (await send(EMAIL, { 'idempotency-key': 'welcome-user/1' })).json()) as { id: string };
    // Key order does not make it another request.
    const reordered = { html: EMAIL.html, subject: EMAIL.subject, to: EMAIL.to, from: EMAIL.from };
    const again = await send(reordered, { 'idempotency-key': 'welcome-user/1' });
    expect(await again.json()).toEqual(first);
    expect(fake.sent).toHaveLength(1);
    expect(fake.calls.map((c) => c.replayed)).toEqual([false, true]);
    const changed = await errorOf(await send({ ...EMAIL, subject: 'other' }, { 'idempotency-key': 'welcome-user/1' }));
    expect(changed).toMatchObject({ status: 409, body: { name: 'invalid_idempotent_request' } });
    expect(fake.sent).toHaveLength(1);
  });

  it('a request still in progress under the key → 409 concurrent_idempotent_requests', async () => {
    const { fake, send } = setup({ latencyMs: 30 });
    const [a, b] = await Promise.all([send(EMAIL, { 'idempotency-key': 'k1' }), send(EMAIL, { 'idempotency-key': 'k1' })]);
    expect([a.status, b.status]).toEqual([200, 409]);
    expect(await b.json()).toMatchObject({ name: 'concurrent_idempotent_requests' });
    expect(fake.sent).toHaveLength(1);
  });

  it('a refused request does not hold its key: corrected, it goes through', async () => {
    const { fake, send } = setup();
    expect((await send({ ...EMAIL, subject: '' }, { 'idempotency-key': 'k2' })).status).toBe(422);
    expect((await send(EMAIL, { 'idempotency-key': 'k2' })).status).toBe(200);
    expect(fake.sent).toHaveLength(1);
  });

  it('keys last 24 hours; a key of 0 or over 256 characters is refused', async () => {
    let now = 1_700_000_000_000;
    const { fake, send } = setup({ now: () => now });
    await send(EMAIL, { 'idempotency-key': 'k3' });
    now += IDEMPOTENCY_KEY_LIFETIME_MS + 1;
    await send(EMAIL, { 'idempotency-key': 'k3' });
    expect(fake.sent).toHaveLength(2);
    expect((await errorOf(await send(EMAIL, { 'idempotency-key': 'k'.repeat(257) }))).body).toMatchObject({ name: 'invalid_idempotency_key', statusCode: 400 });
  });
});

describe('fake Resend: planned faults', () => {
  it('failNext answers with the documented error for the status, Retry-After and rate-limit headers on a 429', async () => {
    const { fake, send } = setup();
    fake.failNext(1, { status: 429, retryAfter: 3 });
    fake.failNext(1, { status: 503 });
    const limited = await send(EMAIL);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(await limited.json()).toMatchObject({ name: 'rate_limit_exceeded' });
    expect(await (await send(EMAIL)).json()).toMatchObject({ statusCode: 503, name: 'service_unavailable' });
    expect((await send(EMAIL)).status).toBe(200);
    expect(fake.sent).toHaveLength(1);
  });

  it('timeoutNext leaves the request unanswered; created: true takes the email first', async () => {
    const { fake, send } = setup();
    fake.timeoutNext(1, { created: false });
    await expect(send(EMAIL, { 'idempotency-key': 'k4' })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(fake.sent).toHaveLength(0);
    fake.timeoutNext(1, { created: true });
    await expect(send(EMAIL, { 'idempotency-key': 'k4' })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(fake.sent).toHaveLength(1);
    const retry = (await (await send(EMAIL, { 'idempotency-key': 'k4' })).json()) as { id: string };
    expect(retry.id).toBe(fake.sent[0]!.id);
    expect(fake.sent).toHaveLength(1);
  });
});

describe('fake Resend: webhooks', () => {
  it('knows Resend’s test addresses, labels included', () => {
    expect(testAddress('delivered@resend.dev')).toBe('delivered');
    expect(testAddress('bounced+signup@resend.dev')).toBe('bounced');
    expect(testAddress('complained+x@resend.dev')).toBe('complained');
    expect(testAddress('suppressed@resend.dev')).toBe('suppressed');
    expect(testAddress('suppressed+x@resend.dev')).toBeNull();
    expect(testAddress('dana@example.com')).toBeNull();
  });

  it('schedules the events each accepted email leads to, posts them signed, and keeps those the endpoint refused', async () => {
    const { fake, send } = setup();
    const { id } = (await (await send({ ...EMAIL, to: ['bounced@resend.dev'], tags: [{ name: 'outbox_id', value: 'msg_1' }] })).json()) as { id: string };
    expect(fake.pendingWebhooks.map((w) => [w.type, w.emailId])).toEqual([
      ['email.sent', id],
      ['email.bounced', id],
    ]);
    const bounced = JSON.parse(fake.pendingWebhooks[1]!.body);
    expect(bounced).toMatchObject({ type: 'email.bounced', data: { email_id: id, to: ['bounced@resend.dev'], tags: { outbox_id: 'msg_1' }, bounce: { type: 'Permanent' } } });

    const received: Array<{ headers: Headers; body: string }> = [];
    let refuseNext = true;
    const endpoint = async (_url: string, init: RequestInit) => {
      received.push({ headers: new Headers(init.headers), body: init.body as string });
      if (refuseNext) {
        refuseNext = false;
        return new Response('busy', { status: 503 });
      }
      return new Response(null, { status: 200 });
    };
    const first = await fake.deliverWebhooks(endpoint, 'https://parley.example/hook');
    expect(first.map((d) => [d.type, d.status])).toEqual([
      ['email.sent', 503],
      ['email.bounced', 200],
    ]);
    expect(fake.pendingWebhooks.map((w) => [w.type, w.attempts])).toEqual([['email.sent', 1]]);
    const second = await fake.deliverWebhooks(endpoint, 'https://parley.example/hook');
    expect(second.map((d) => [d.type, d.status])).toEqual([['email.sent', 200]]);
    expect(fake.pendingWebhooks).toHaveLength(0);

    // Every post is signed with the webhook secret over id.timestamp.body; a retry keeps its svix-id.
    for (const { headers, body } of received) {
      const expected = await svixSignature(fake.webhookSecret, headers.get('svix-id')!, Number(headers.get('svix-timestamp')), body);
      expect(headers.get('svix-signature')).toBe(expected);
    }
    expect(received[2]!.headers.get('svix-id')).toBe(received[0]!.headers.get('svix-id'));
  });

  it('posts only what is due when asked with until (how a served fake paces them)', async () => {
    let now = 1_700_000_000_000;
    const { fake, send } = setup({ now: () => now });
    await send(EMAIL);
    const ok = async () => new Response(null, { status: 200 });
    expect(await fake.deliverWebhooks(ok, 'https://parley.example/hook', { until: now })).toEqual([]);
    now += 100;
    expect((await fake.deliverWebhooks(ok, 'https://parley.example/hook', { until: now })).map((d) => d.type)).toEqual(['email.sent']);
    now += 1000;
    expect((await fake.deliverWebhooks(ok, 'https://parley.example/hook', { until: now })).map((d) => d.type)).toEqual(['email.delivered']);
  });

  it('refuses a webhook secret that is not whsec_ and base64', () => {
    expect(() => new FakeResend({ webhookSecret: 'secret' })).toThrow(/whsec_/);
  });
});
