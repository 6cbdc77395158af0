// Email end to end: an invitation goes through the real outbox and queue
// consumer to the (fake) email provider, once, and its webhooks — signed as
// the provider signs them — move the message on: delivered, bounced,
// complained. The agent sees each on the participant; an address that
// bounced is not mailed again.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, makeOrg, startSession, type Org } from '../../helpers/world';
import { FROM_ADDRESS, useProviders, type Providers } from '../../helpers/providers';

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

const outboxRows = (sessionId: string) =>
  env.DB.prepare('SELECT * FROM outbox WHERE session_id = ? ORDER BY created_at, id').bind(sessionId).all<Record<string, unknown>>().then((r) => r.results);

async function invite(email: string) {
  const started = await startSession(org.alice, { name: 'Dana Demo', email });
  return { sessionId: started.session.id as string, participantId: started.participants[0].id as string };
}

async function participant(sessionId: string, participantId: string) {
  const view = await call('GET', `/api/v1/sessions/${sessionId}`, { token: org.alice.token });
  return view.json.participants.find((x: { id: string }) => x.id === participantId);
}

describe('email delivery', () => {
  it('sends the invitation once, from the org, with a text part and the idempotency key, then reports it delivered', async () => {
    const { sessionId, participantId } = await invite('delivered+invite@resend.dev');
    expect((await participant(sessionId, participantId)).deliveries).toMatchObject([{ channel: 'email', status: 'queued', kind: 'invitation_primary' }]);

    await p.drain();
    expect(p.resend.sent).toHaveLength(1);
    const [email] = p.resend.sent;
    const [row] = await outboxRows(sessionId);
    expect(email).toMatchObject({ fromAddress: FROM_ADDRESS, fromName: 'Northwind', to: ['delivered+invite@resend.dev'], idempotencyKey: `parley-${row!.id}` });
    expect(email!.text).toContain('/room/join/');
    expect(email!.html).toContain('/room/join/');
    // An invitation the agent sent is not a notice a customer unsubscribes from.
    expect(email!.headers['List-Unsubscribe']).toBeUndefined();
    expect(row).toMatchObject({ status: 'sent', provider_id: email!.id, sealed: null, attempts: 1 });

    await p.report();
    expect((await outboxRows(sessionId))[0]).toMatchObject({ status: 'delivered' });
    expect((await participant(sessionId, participantId)).deliveries).toMatchObject([{ channel: 'email', status: 'delivered', reason: null }]);
    const events = (await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: org.alice.token })).json.events as { type: string; audience: string; data: any }[];
    const statuses = events.filter((e) => e.type === 'participant.message_status');
    expect(statuses.map((e) => [e.data.delivery.status, e.audience])).toEqual([
      ['sent', 'agents'],
      ['delivered', 'agents'],
    ]);
    // A replayed webhook changes nothing.
    await p.resend.deliverWebhooks((input, init) => p.request(new Request(input, init)), 'http://127.0.0.1:8787/hooks/email');
    expect((await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: org.alice.token })).json.events.length).toBe(events.length);
  });

  it('a hard bounce fails the message with the reason, marks the address failing, and the next invitation is not mailed', async () => {
    const { sessionId, participantId } = await invite('bounced@resend.dev');
    await p.drain();
    await p.report();
    const [delivery] = (await participant(sessionId, participantId)).deliveries;
    expect(delivery).toMatchObject({ status: 'failed', reason: expect.stringMatching(/.+/) });
    const blocked = await env.DB.prepare('SELECT reason FROM blocked_addresses WHERE org_id = ?').bind(org.id).all<{ reason: string }>();
    expect(blocked.results).toEqual([{ reason: 'bounced' }]);

    const resent = await call('POST', `/api/v1/sessions/${sessionId}/participants/${participantId}/resend`, { token: org.alice.token, body: {} });
    expect(resent.status).toBe(200);
    await p.drain();
    expect(p.resend.sent).toHaveLength(1);
    const [latest] = (await participant(sessionId, participantId)).deliveries;
    expect(latest).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^not sent: this address bounced on \d{4}-\d\d-\d\d.*change the contact$/) });
  });

  it('a complaint after delivery opts the address out', async () => {
    const { sessionId, participantId } = await invite('complained@resend.dev');
    await p.drain();
    await p.report();
    expect((await participant(sessionId, participantId)).deliveries[0]).toMatchObject({ status: 'opted_out' });
    const blocked = await env.DB.prepare('SELECT reason FROM blocked_addresses WHERE org_id = ?').bind(org.id).all<{ reason: string }>();
    expect(blocked.results).toEqual([{ reason: 'complained' }]);
  });

  it('an outage (503, then 429 with Retry-After) loses nothing and sends nothing twice', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    p.resend.failNext(4, { status: 503 });
    p.resend.failNext(2, { status: 429, retryAfter: 120 });
    const sessions = [];
    for (let i = 0; i < 8; i++) sessions.push(await invite(`delivered+outage${i}@resend.dev`));
    await p.drain();
    const rows = (await Promise.all(sessions.map((s) => outboxRows(s.sessionId)))).flat();
    expect(rows.map((r) => r.status)).toEqual(Array(8).fill('sent'));
    const ids = p.resend.sent.map((e) => e.tags.find((t) => t.name === 'outbox_id')!.value).sort();
    expect(ids).toEqual(rows.map((r) => r.id as string).sort());
    // The provider's wait was honoured.
    expect(Math.max(...p.queue.delays)).toBeGreaterThanOrEqual(120);
    expect(p.queue.deadLettered).toEqual([]);
  });

  it('a send that timed out after the provider took it is retried under the same key: one email', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    p.resend.timeoutNext(1, { created: true });
    const { sessionId, participantId } = await invite('delivered+late@resend.dev');
    await p.drain();
    expect(p.resend.sent).toHaveLength(1);
    expect((await outboxRows(sessionId))[0]).toMatchObject({ status: 'sent', attempts: 2, provider_id: p.resend.sent[0]!.id });
    await p.report();
    expect((await participant(sessionId, participantId)).deliveries[0]).toMatchObject({ status: 'delivered' });
  });

  it('refuses a webhook whose signature does not match, and one to an org that set no secret', async () => {
    await invite('delivered+sig@resend.dev');
    await p.drain();
    const pending = p.resend.pendingWebhooks[0]!;
    expect(pending).toBeDefined();
    const forged = await p.request(
      new Request('http://127.0.0.1:8787/hooks/email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'svix-id': 'msg_x', 'svix-timestamp': String(Math.floor(Date.now() / 1000)), 'svix-signature': 'v1,AAAA' },
        body: '{"type":"email.delivered","data":{"email_id":"x"}}',
      }),
    );
    expect(forged.status).toBe(403);
    expect((await forged.json<any>()).error.message).toMatch(/signature/i);
    const noSecret = await p.request(new Request(`http://127.0.0.1:8787/hooks/email/${org.id}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }));
    expect(noSecret.status).toBe(404);
  });
});

describe('notices by email', () => {
  it('carry a one-click unsubscribe link that opts the address out, and the agent sees why', async () => {
    const { sessionId, participantId } = await invite('delivered+notice@resend.dev');
    await p.drain();
    const { enqueueMessages } = await import('../../../worker/src/notify/outbox');
    const id = `msg_${participantId}_reminder_1_email`;
    await enqueueMessages(
      p.workerEnv,
      [{ id, org_id: org.id, session_id: sessionId, participant_id: participantId, kind: 'reminder', channel: 'email', recipient: 'delivered+notice@resend.dev', subject: 'Still to do', body: '<p>Hi</p>', link: 'https://parley.test/r/x' }],
      Date.now(),
    );
    await p.drain();
    const reminder = p.resend.sent.at(-1)!;
    const unsubscribe = reminder.headers['List-Unsubscribe']!.slice(1, -1);
    expect(reminder.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(unsubscribe).toMatch(/^http:\/\/127\.0\.0\.1:8787\/hooks\/email\/unsubscribe\//);

    // Following the link asks first; the one-click POST unsubscribes.
    const page = await p.request(new Request(unsubscribe));
    expect(await page.text()).toContain('Stop emails from Northwind?');
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM blocked_addresses WHERE org_id = ?').bind(org.id).first('n')).toBe(0);
    const done = await p.request(new Request(unsubscribe, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }));
    expect(done.status).toBe(200);
    expect((await participant(sessionId, participantId)).deliveries[0]).toMatchObject({ status: 'opted_out', reason: 'the customer unsubscribed with the link in an email' });
    const tampered = await p.request(new Request(unsubscribe.slice(0, -3) + 'abc', { method: 'POST' }));
    expect(tampered.status).toBe(404);
  });
});
