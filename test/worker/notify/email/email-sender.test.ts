// The email sender against the fake Resend: the request it makes, how it
// spells its From, what each of Resend's refusals becomes for the outbox,
// and that a retry after a lost answer never sends an email twice.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutboxMessage } from '../../../../worker/src/notify/outbox';
import { SendFailure, type SendOptions } from '../../../../worker/src/notify/sender';
import { emailSender, type EmailConfig } from '../../../../worker/src/notify/email/email-sender';
import { textFromHtml } from '../../../../worker/src/notify/email/text-part';
import { FakeResend, type FakeResendOptions } from '../../../fakes/email/fake-resend';

const API_KEY = 're_test_5mQvL2';
const CONFIG: EmailConfig = { apiBase: 'https://api.resend.com', apiKey: API_KEY, fromAddress: 'noreply@mail.parley.example', fromName: 'Demo Org' };
const OPTIONS: SendOptions = {
  idempotencyKey: 'msg_par_Ab12Cd34Ef56Gh78_1_email',
  statusCallbackUrl: 'https://parley.example/webhooks/email',
  unsubscribeUrl: null,
};
const HTML = '<p>Hello Dana,</p>\n<p><a href="https://parley.example/r/tok?a=1&amp;b=2">Open your room</a></p>';

/** An opened outbox message; the sender reads its id, recipient, subject and body. */
function message(over: Partial<OutboxMessage> = {}): OutboxMessage {
  // Cast: the row's delivery-record columns belong to the outbox and may grow; none of them is the sender's business.
  return {
    id: 'msg_par_Ab12Cd34Ef56Gh78_1_email',
    org_id: 'org_Ab12Cd34Ef56Gh78',
    session_id: 'ses_Ab12Cd34Ef56Gh78',
    participant_id: 'par_Ab12Cd34Ef56Gh78',
    kind: 'invitation_primary',
    channel: 'email',
    status: 'sending',
    attempts: 1,
    last_error: null,
    created_at: 1_700_000_000_000,
    updated_at: 1_700_000_000_000,
    recipient: 'delivered@resend.dev',
    subject: 'Alex from Demo Org invited you to a secure room',
    body: HTML,
    link: 'https://parley.example/r/tok?a=1&b=2',
    ...over,
  } as OutboxMessage;
}

function fakeResend(options: FakeResendOptions = {}): FakeResend {
  const fake = new FakeResend(options);
  fake.addApiKey(API_KEY);
  vi.stubGlobal('fetch', fake.fetch);
  return fake;
}

async function failureOf(promise: Promise<unknown>): Promise<SendFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SendFailure) return error;
    throw error;
  }
  throw new Error('expected the send to fail');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('emailSender: the request', () => {
  it('POSTs the documented email to /emails with the key, the idempotency key and a User-Agent', async () => {
    const fake = fakeResend();
    const requests: Request[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      requests.push(request.clone());
      return fake.fetch(request);
    });

    const accepted = await emailSender(CONFIG).send(message(), OPTIONS);

    expect(fake.sent).toHaveLength(1);
    const email = fake.sent[0]!;
    expect(accepted).toEqual({ providerId: email.id, status: 'sent', sender: 'noreply@mail.parley.example' });
    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('https://api.resend.com/emails');
    expect(request!.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(request!.headers.get('content-type')).toBe('application/json');
    expect(request!.headers.get('idempotency-key')).toBe(OPTIONS.idempotencyKey);
    expect(request!.headers.get('user-agent')).toMatch(/Parley/);
    expect(email).toMatchObject({
      from: 'Demo Org <noreply@mail.parley.example>',
      fromName: 'Demo Org',
      to: ['delivered@resend.dev'],
      subject: 'Alex from Demo Org invited you to a secure room',
      html: HTML,
      text: textFromHtml(HTML),
      headers: {},
      tags: [{ name: 'outbox_id', value: 'msg_par_Ab12Cd34Ef56Gh78_1_email' }],
      idempotencyKey: OPTIONS.idempotencyKey,
    });
    expect(email.text).toBe('Hello Dana,\n\nOpen your room (https://parley.example/r/tok?a=1&b=2)');
  });

  it('adds one-click List-Unsubscribe headers when the message may be refused', async () => {
    const fake = fakeResend();
    await emailSender(CONFIG).send(message({ kind: 'reminder' }), { ...OPTIONS, unsubscribeUrl: 'https://parley.example/u/abc' });
    expect(fake.sent[0]!.headers).toEqual({ 'List-Unsubscribe': '<https://parley.example/u/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('uses apiBase as given, with or without a trailing slash (a local fake)', async () => {
    const fake = fakeResend();
    await emailSender({ ...CONFIG, apiBase: 'http://127.0.0.1:8790/' }).send(message(), OPTIONS);
    expect(fake.calls.map((c) => c.path)).toEqual(['/emails']);
  });

  it('refuses, without a call, an outbox id Resend could not carry as a tag, and an email without a subject', async () => {
    const fake = fakeResend();
    const badId = await failureOf(emailSender(CONFIG).send(message({ id: 'msg.with.dots' }), OPTIONS));
    expect(badId.kind).toBe('permanent');
    expect(badId.message).toMatch(/"msg.with.dots" cannot travel as a Resend tag/);
    const noSubject = await failureOf(emailSender(CONFIG).send(message({ subject: null }), OPTIONS));
    expect(noSubject.kind).toBe('permanent');
    expect(fake.calls).toHaveLength(0);
  });

  it('checks its configuration when made', () => {
    expect(() => emailSender({ ...CONFIG, apiBase: 'http://api.resend.com' })).toThrow(/apiBase must be an https URL/);
    expect(() => emailSender({ ...CONFIG, apiBase: 'not a url' })).toThrow(/apiBase/);
    expect(() => emailSender({ ...CONFIG, apiKey: ' ' })).toThrow(/apiKey is empty/);
    expect(() => emailSender({ ...CONFIG, fromAddress: 'Parley <noreply@x.org>' })).toThrow(/fromAddress .* is not a plain address/);
  });
});

describe('emailSender: the From header', () => {
  const fromWith = async (fromName: string | null) => {
    const fake = fakeResend();
    await emailSender({ ...CONFIG, fromName }).send(message(), OPTIONS);
    return fake.sent[0]!;
  };

  it('quotes a name with a comma or parentheses, so it stays one mailbox', async () => {
    const email = await fromWith('Doe, Jane (Demo Org)');
    expect(email.from).toBe('"Doe, Jane (Demo Org)" <noreply@mail.parley.example>');
    expect(email.fromName).toBe('Doe, Jane (Demo Org)');
  });

  it('escapes quotes and backslashes inside the quoted name', async () => {
    const email = await fromWith('The "Best" \\ Co');
    expect(email.from).toBe('"The \\"Best\\" \\\\ Co" <noreply@mail.parley.example>');
    expect(email.fromName).toBe('The "Best" \\ Co');
  });

  it('encodes a non-ASCII name as RFC 2047 encoded-words, which read back as the name', async () => {
    const email = await fromWith('Zoë Ågren, Démo');
    expect(email.from).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <noreply@mail\.parley\.example>$/);
    expect(email.fromName).toBe('Zoë Ågren, Démo');
  });

  it('splits a long non-ASCII name into encoded-words of at most 75 characters, never inside a character', async () => {
    const name = 'Société Générale — Département des Relations Clientèle 日本語';
    const email = await fromWith(name);
    const words = email.from.replace(/ <[^>]+>$/, '').split(' ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    expect(email.fromName).toBe(name);
  });

  it('keeps a header line break out of the name, and sends the bare address without a name', async () => {
    const injected = await fromWith('Demo\r\nBcc: victim@example.com');
    expect(injected.from).not.toMatch(/[\r\n]/);
    expect(injected.fromName).toBe('Demo Bcc: victim@example.com');
    expect((await fromWith(null)).from).toBe('noreply@mail.parley.example');
  });
});

describe('emailSender: Resend’s refusals', () => {
  it('an unknown API key: permanent, naming the key', async () => {
    const fake = fakeResend();
    const failure = await failureOf(emailSender({ ...CONFIG, apiKey: 're_revoked' }).send(message(), OPTIONS));
    expect(failure).toMatchObject({ kind: 'permanent', code: 'validation_error' });
    expect(failure.message).toMatch(/Resend refused the API key: API key is invalid/);
    expect(fake.sent).toHaveLength(0);
  });

  it('a sending domain not verified: permanent, naming the address and the domain', async () => {
    fakeResend({ verifiedDomains: ['other.example'] });
    const failure = await failureOf(emailSender(CONFIG).send(message(), OPTIONS));
    expect(failure).toMatchObject({ kind: 'permanent', code: 'validation_error' });
    expect(failure.message).toMatch(/will not send from noreply@mail\.parley\.example: The `mail\.parley\.example` domain is not verified/);
  });

  it('an address Resend will not take: permanent, with Resend’s own message', async () => {
    fakeResend();
    const failure = await failureOf(emailSender(CONFIG).send(message({ recipient: 'dana at example' }), OPTIONS));
    expect(failure).toMatchObject({ kind: 'permanent', code: 'validation_error' });
    expect(failure.message).toContain('Invalid `to` field. The email address needs to follow');
    expect(failure.message).toContain('HTTP 422');
  });

  it('an idempotency key Resend cannot take: permanent', async () => {
    fakeResend();
    const failure = await failureOf(emailSender(CONFIG).send(message(), { ...OPTIONS, idempotencyKey: 'k'.repeat(257) }));
    expect(failure).toMatchObject({ kind: 'permanent', code: 'invalid_idempotency_key' });
  });

  it('429: transient, after the Retry-After Resend asked for; the retry then sends it once', async () => {
    const fake = fakeResend();
    fake.failNext(1, { status: 429, retryAfter: 7 });
    const sender = emailSender(CONFIG);
    const failure = await failureOf(sender.send(message(), OPTIONS));
    expect(failure).toMatchObject({ kind: 'transient', code: 'rate_limit_exceeded', retryAfterS: 7 });
    await sender.send(message(), OPTIONS);
    expect(fake.sent).toHaveLength(1);
  });

  it('the daily quota: transient, until midnight UTC when Resend says no Retry-After; the monthly one: permanent', async () => {
    const fake = fakeResend();
    fake.failNext(1, { status: 429, name: 'daily_quota_exceeded' });
    const daily = await failureOf(emailSender(CONFIG).send(message(), OPTIONS));
    const now = new Date();
    const toMidnight = (Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000;
    expect(daily).toMatchObject({ kind: 'transient', code: 'daily_quota_exceeded' });
    expect(Math.abs(daily.retryAfterS! - toMidnight)).toBeLessThan(5);

    fake.failNext(1, { status: 429, name: 'monthly_quota_exceeded' });
    const monthly = await failureOf(emailSender(CONFIG).send(message(), OPTIONS));
    expect(monthly).toMatchObject({ kind: 'permanent', code: 'monthly_quota_exceeded' });
    expect(monthly.message).toMatch(/monthly sending quota/);
  });

  it('5xx: transient', async () => {
    const fake = fakeResend();
    fake.failNext(1, { status: 500 });
    fake.failNext(1, { status: 503, retryAfter: 30 });
    expect(await failureOf(emailSender(CONFIG).send(message(), OPTIONS))).toMatchObject({ kind: 'transient', code: 'application_error', retryAfterS: null });
    expect(await failureOf(emailSender(CONFIG).send(message(), OPTIONS))).toMatchObject({ kind: 'transient', code: 'service_unavailable', retryAfterS: 30 });
    expect(fake.sent).toHaveLength(0);
  });

  it('a gateway page instead of JSON: transient for a 502, its words in the reason', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const failure = await failureOf(emailSender(CONFIG).send(message(), OPTIONS));
    expect(failure).toMatchObject({ kind: 'transient', code: null });
    expect(failure.message).toContain('502 Bad Gateway');
  });

  it('Resend’s edge refusing a request without a User-Agent: permanent, its words kept', async () => {
    const fake = fakeResend();
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const headers = new Headers(request.headers);
      headers.delete('user-agent');
      return fake.fetch(new Request(request, { headers }));
    });
    const failure = await failureOf(emailSender(CONFIG).send(message(), OPTIONS));
    expect(failure).toMatchObject({ kind: 'permanent', code: null });
    expect(failure.message).toContain('error code: 1010');
  });

  it('the same idempotency key with another email: permanent (invalid_idempotent_request), nothing more sent', async () => {
    const fake = fakeResend();
    const sender = emailSender(CONFIG);
    await sender.send(message(), OPTIONS);
    const failure = await failureOf(sender.send(message({ subject: 'Another subject' }), OPTIONS));
    expect(failure).toMatchObject({ kind: 'permanent', code: 'invalid_idempotent_request' });
    expect(fake.sent).toHaveLength(1);
  });

  it('the same key while the first try is still running: transient (concurrent_idempotent_requests)', async () => {
    const fake = fakeResend({ latencyMs: 50 });
    const sender = emailSender(CONFIG);
    const [first, second] = await Promise.allSettled([sender.send(message(), OPTIONS), sender.send(message(), OPTIONS)]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    expect((second as PromiseRejectedResult).reason).toMatchObject({ kind: 'transient', code: 'concurrent_idempotent_requests' });
    expect(fake.sent).toHaveLength(1);
  });
});

describe('emailSender: no answer', () => {
  it('a timeout is unknown; a retry after a try Resend never took sends the email once', async () => {
    const fake = fakeResend();
    fake.timeoutNext(1, { created: false });
    const sender = emailSender(CONFIG);
    const failure = await failureOf(sender.send(message(), OPTIONS));
    expect(failure.kind).toBe('unknown');
    expect(failure.message).toMatch(/no answer within 10 s/);
    expect(fake.sent).toHaveLength(0);
    expect(await sender.reconcile(message(), { ...OPTIONS, since: Date.now() })).toBeNull();
    await sender.send(message(), OPTIONS);
    expect(fake.sent).toHaveLength(1);
  });

  it('a retry after a try Resend did take gets the same email id, and no second email', async () => {
    const fake = fakeResend();
    fake.timeoutNext(1, { created: true });
    const sender = emailSender(CONFIG);
    expect((await failureOf(sender.send(message(), OPTIONS))).kind).toBe('unknown');
    expect(fake.sent).toHaveLength(1);
    expect(await sender.reconcile(message(), { ...OPTIONS, since: Date.now() })).toBeNull();
    const accepted = await sender.send(message(), OPTIONS);
    expect(accepted.providerId).toBe(fake.sent[0]!.id);
    expect(fake.sent).toHaveLength(1);
    expect(fake.calls.map((c) => [c.status, c.replayed])).toEqual([
      ['timeout', false],
      [200, true],
    ]);
  });

  it('a 200 without an email id is unknown: the email may be on its way', async () => {
    vi.stubGlobal('fetch', async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
    expect((await failureOf(emailSender(CONFIG).send(message(), OPTIONS))).kind).toBe('unknown');
  });
});
