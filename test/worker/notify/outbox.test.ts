// The outbox consumer: a message is delivered once, held when no sender is
// configured, retried on failure and never silently dropped. Its link and
// text are never at rest in plaintext, and are gone once it is delivered or
// has expired.
import { env, exports } from 'cloudflare:workers';
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import type { OutboundMessage } from '../../../worker/src/notify/messages';
import { deliverBatch, enqueueMessages, MAX_ATTEMPTS, type OutboxMessage, type OutboxRow } from '../../../worker/src/notify/outbox';
import { SendFailure, type Sender } from '../../../worker/src/notify/sender';
import type { Senders } from '../../../worker/src/notify/senders';
import { app } from '../../../worker/src/app';
import worker from '../../../worker/src/index';
import { makeOrg, outboxFor, startSession } from '../../helpers/world';

async function invitation() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: `o-${crypto.randomUUID()}@example.com` });
  const id = (await env.DB.prepare('SELECT id FROM outbox WHERE session_id = ?').bind(s.session.id).first<{ id: string }>())!.id;
  return { sessionId: s.session.id as string, outboxId: id };
}

/** A provider that takes every message (after `send` looks at it) and reports it sent. */
function sender(send: (m: OutboxMessage) => Promise<void>): Sender {
  return {
    send: async (m) => {
      await send(m);
      return { providerId: `prov_${m.id}`, status: 'sent', sender: null };
    },
    reconcile: async () => null,
  };
}
const only = (senders: Senders) => async () => senders;

const row = (id: string) => env.DB.prepare('SELECT * FROM outbox WHERE id = ?').bind(id).first<OutboxRow>();
const batchOf = (outboxId: string, attempts = 1) =>
  createMessageBatch<OutboundMessage>('outbound-messages', [{ id: `m-${outboxId}-${attempts}`, timestamp: new Date(), attempts, body: { outboxId } }]);

describe('outbox delivery', () => {
  it('holds a message, visibly, when no sender is configured for its channel', async () => {
    const { outboxId } = await invitation();
    await worker.queue(batchOf(outboxId), env);
    expect((await row(outboxId))!).toMatchObject({ status: 'held', last_error: 'no email provider is connected' });
  });

  it('sends through the channel sender once; a replay sends nothing again', async () => {
    const { outboxId } = await invitation();
    const delivered: string[] = [];
    const email = sender(async (m) => void delivered.push(m.recipient));
    const first = batchOf(outboxId);
    await deliverBatch(first, env, only({ email }), Date.now);
    expect((await row(outboxId))!.status).toBe('sent');
    await deliverBatch(batchOf(outboxId, 2), env, only({ email }), Date.now);
    expect(delivered).toHaveLength(1);
    const ctx = createExecutionContext();
    expect((await getQueueResult(first, ctx)).explicitAcks).toEqual([first.messages[0]!.id]);
  });

  it('retries a failed send with backoff, recording why; past the queue’s tries a fresh queue message waits on, and a day later it is failed', async () => {
    const { outboxId } = await invitation();
    const failing = sender(async () => {
      throw new SendFailure('transient', 'provider said 503');
    });
    const batch = batchOf(outboxId);
    const retry = vi.spyOn(batch.messages[0]!, 'retry');
    await deliverBatch(batch, env, only({ email: failing }), Date.now);
    expect((await row(outboxId))!).toMatchObject({ status: 'retrying', attempts: 1, last_error: 'provider said 503' });
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 10 });
    expect((await getQueueResult(batch, createExecutionContext())).retryMessages.map((m) => m.msgId)).toEqual([batch.messages[0]!.id]);

    // The queue's last delivery (wrangler.toml's max_retries + 1) would dead-letter it: the outbox enqueues it afresh instead.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const requeued = vi.spyOn(env.OUTBOUND_MESSAGES, 'sendBatch');
    const last = batchOf(outboxId, MAX_ATTEMPTS);
    await deliverBatch(last, env, only({ email: failing }), Date.now);
    expect((await row(outboxId))!.status).toBe('retrying');
    expect(requeued.mock.calls.flat(2)).toEqual([{ body: { outboxId }, delaySeconds: 3600 }]);
    expect((await getQueueResult(last, createExecutionContext())).explicitAcks).toEqual([last.messages[0]!.id]);

    // A day after it was made, the provider's last reason is final.
    await env.DB.prepare('UPDATE outbox SET created_at = ? WHERE id = ?').bind(Date.now() - 24 * 3600_000 - 1, outboxId).run();
    await deliverBatch(batchOf(outboxId, 2), env, only({ email: failing }), Date.now);
    expect((await row(outboxId))!).toMatchObject({ status: 'failed', last_error: 'provider said 503', sealed: null });
    const sendFailures = logged.mock.calls.map(([line]) => JSON.parse(String(line))).filter((l) => l.event === 'send_failed');
    expect(sendFailures.map((l) => [l.attempt, l.final])).toEqual([
      [MAX_ATTEMPTS, false],
      [2, true],
    ]);
    logged.mockRestore();
  });

  it('fails at once, with the provider’s reason, a message the provider refuses', async () => {
    const { outboxId } = await invitation();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const refusing = sender(async () => {
      throw new SendFailure('permanent', "The 'To' number is not a valid phone number (Twilio 21211)", '21211');
    });
    const batch = batchOf(outboxId);
    await deliverBatch(batch, env, only({ email: refusing }), Date.now);
    expect((await row(outboxId))!).toMatchObject({ status: 'failed', attempts: 1, sealed: null, last_error: expect.stringContaining('21211') });
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toEqual([batch.messages[0]!.id]);
  });

  it('sends nothing while another delivery of the same message is sending it', async () => {
    const { outboxId } = await invitation();
    await env.DB.prepare(`UPDATE outbox SET status = 'sending', tried_at = ? WHERE id = ?`).bind(Date.now(), outboxId).run();
    const delivered: string[] = [];
    const batch = batchOf(outboxId);
    await deliverBatch(batch, env, only({ email: sender(async (m) => void delivered.push(m.id)) }), Date.now);
    expect(delivered).toEqual([]);
    expect((await getQueueResult(batch, createExecutionContext())).retryMessages).toHaveLength(1);
  });
});

/** Every string a row's message is made of that must not be readable in D1: the link's secret, the text, the recipient, the subject. */
function plaintextOf(m: OutboxMessage): string[] {
  const secret = new URL(m.link).pathname.split('/').pop()!;
  expect(secret.length).toBeGreaterThan(8);
  return [secret, m.link, m.body, m.recipient, ...(m.subject ? [m.subject] : [])];
}

/** Every column of a row, and the whole table, as D1 has it. */
async function atRest(outboxId: string) {
  const raw = (await env.DB.prepare('SELECT * FROM outbox WHERE id = ?').bind(outboxId).first<Record<string, unknown>>())!;
  const { results } = await env.DB.prepare('SELECT * FROM outbox').all();
  return { raw, text: JSON.stringify(raw), table: JSON.stringify(results) };
}

describe('the outbox at rest', () => {
  it('keeps no link, text or recipient in plaintext: one sealed value, opened with SECRETS_KEY', async () => {
    const { sessionId, outboxId } = await invitation();
    const [msg] = await outboxFor(sessionId);
    expect(msg!.link).toMatch(/\/room\/join\//);
    const { raw, text, table } = await atRest(outboxId);
    expect(Object.keys(raw)).not.toContain('link');
    expect(Object.keys(raw)).not.toContain('body');
    expect(raw.sealed).toMatch(/^sb1\./);
    for (const secret of plaintextOf(msg!)) {
      expect(text).not.toContain(secret);
      expect(table).not.toContain(secret);
    }
  });

  it('puts only the row id on the queue', async () => {
    const sent = vi.spyOn(env.OUTBOUND_MESSAGES, 'sendBatch');
    const id = `msg_${crypto.randomUUID()}`;
    await enqueueMessages(
      env,
      [{ id, org_id: 'org_q', session_id: 'ses_q', participant_id: 'par_q', kind: 'invitation_primary', channel: 'sms', recipient: '+15550100', subject: null, body: 'Join: https://parley.test/r/abc', link: 'https://parley.test/r/abc' }],
      Date.now(),
    );
    expect(sent.mock.calls.flat(2).map((m: any) => m.body)).toEqual([{ outboxId: id }]);
    sent.mockRestore();
  });

  it('clears the message once delivered, keeping its delivery record', async () => {
    const { sessionId, outboxId } = await invitation();
    const [msg] = await outboxFor(sessionId);
    const delivered: OutboxMessage[] = [];
    await deliverBatch(batchOf(outboxId), env, only({ email: sender(async (m) => void delivered.push(m)) }), Date.now);
    expect(delivered.map((m) => m.link)).toEqual([msg!.link]);
    const { raw, text } = await atRest(outboxId);
    expect(raw).toMatchObject({ status: 'sent', sealed: null, attempts: 1, channel: 'email', session_id: sessionId });
    for (const secret of plaintextOf(msg!)) expect(text).not.toContain(secret);
  });

  it('a retry delivers the very message the first try would have, then clears it', async () => {
    const { sessionId, outboxId } = await invitation();
    const [msg] = await outboxFor(sessionId);
    const tries: OutboxMessage[] = [];
    let fail = true;
    const flaky = sender(async (m) => {
      tries.push(m);
      if (fail) throw new SendFailure('transient', 'provider said 503');
    });
    vi.spyOn(console, 'error').mockImplementationOnce(() => {});
    await deliverBatch(batchOf(outboxId), env, only({ email: flaky }), Date.now);
    expect((await row(outboxId))!).toMatchObject({ status: 'retrying', sealed: expect.stringMatching(/^sb1\./) });
    fail = false;
    await deliverBatch(batchOf(outboxId, 2), env, only({ email: flaky }), Date.now);
    const { recipient, subject, body, link } = msg!;
    expect(tries.map((m) => ({ recipient: m.recipient, subject: m.subject, body: m.body, link: m.link }))).toEqual([
      { recipient, subject, body, link },
      { recipient, subject, body, link },
    ]);
    expect((await row(outboxId))!).toMatchObject({ status: 'sent', sealed: null, attempts: 2 });
  });

  it('a sealed message copied onto another row does not open there', async () => {
    const a = await invitation();
    const b = await invitation();
    await env.DB.prepare('UPDATE outbox SET sealed = (SELECT sealed FROM outbox WHERE id = ?) WHERE id = ?').bind(a.outboxId, b.outboxId).run();
    const sent: OutboxMessage[] = [];
    vi.spyOn(console, 'error').mockImplementationOnce(() => {});
    await deliverBatch(batchOf(b.outboxId), env, only({ email: sender(async (m) => void sent.push(m)) }), Date.now);
    expect(sent).toEqual([]);
    expect((await row(b.outboxId))!).toMatchObject({ status: 'retrying', last_error: expect.stringMatching(/outbox:.* does not open/) });
  });

  it('expires an undelivered message 7 days after it was made: the cron clears it, and a late delivery sends nothing', async () => {
    const { outboxId } = await invitation();
    await worker.queue(batchOf(outboxId), env); // no sender: held
    const day = 24 * 3600_000;
    await env.DB.prepare('UPDATE outbox SET created_at = ? WHERE id = ?').bind(Date.now() - 7 * day + 60_000, outboxId).run();
    await worker.scheduled(createScheduledController(), env);
    expect((await row(outboxId))!).toMatchObject({ status: 'held', sealed: expect.stringMatching(/^sb1\./) });

    await env.DB.prepare('UPDATE outbox SET created_at = ? WHERE id = ?').bind(Date.now() - 7 * day - 60_000, outboxId).run();
    await worker.scheduled(createScheduledController(), env);
    expect((await row(outboxId))!).toMatchObject({ status: 'expired', sealed: null });

    const sent: OutboxMessage[] = [];
    const late = batchOf(outboxId, 2);
    await deliverBatch(late, env, only({ email: sender(async (m) => void sent.push(m)) }), Date.now);
    expect(sent).toEqual([]);
    expect((await getQueueResult(late, createExecutionContext())).explicitAcks).toEqual([late.messages[0]!.id]);
  });
});

describe('outbox sweep', () => {
  it('re-enqueues a message whose queue send was lost, and only once it is stale', async () => {
    const { outboxId } = await invitation();
    const sent = vi.spyOn(env.OUTBOUND_MESSAGES, 'sendBatch');
    await worker.scheduled(createScheduledController(), env);
    expect(sent.mock.calls.flat(2).map((m: any) => m.body.outboxId)).not.toContain(outboxId);
    await env.DB.prepare(`UPDATE outbox SET status = 'queued', updated_at = ? WHERE id = ?`).bind(Date.now() - 6 * 60_000, outboxId).run();
    await worker.scheduled(createScheduledController(), env);
    expect(sent.mock.calls.flat(2).map((m: any) => m.body.outboxId)).toContain(outboxId);
    sent.mockRestore();
  });
});

describe('the local outbox page', () => {
  it('lists invitations with their links under npm start, and does not exist otherwise', async () => {
    const { sessionId } = await invitation();
    const [msg] = await outboxFor(sessionId);
    const page = await exports.default.fetch(new Request(`https://parley.test/dev/outbox?session=${sessionId}`));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(msg!.link);
    const json = await (await exports.default.fetch(new Request(`https://parley.test/dev/outbox.json?session=${sessionId}`))).json<any>();
    expect(json.messages[0].link).toBe(msg!.link);
    const production = await app.fetch(new Request('https://parley.test/dev/outbox'), { ...env, DEV_ROUTES: undefined });
    expect(production.status).toBe(404);
  });

  it('shows a delivered message as its record only, and says why', async () => {
    const { sessionId, outboxId } = await invitation();
    const [msg] = await outboxFor(sessionId);
    await deliverBatch(batchOf(outboxId), env, only({ email: sender(async () => {}) }), Date.now);
    const json = await (await exports.default.fetch(new Request(`https://parley.test/dev/outbox.json?session=${sessionId}`))).json<any>();
    expect(json.messages[0]).toMatchObject({ id: outboxId, status: 'sent', link: null, body: null, note: 'sent: its text and link are no longer kept' });
    expect(json.messages[0]).not.toHaveProperty('sealed');
    const page = await (await exports.default.fetch(new Request(`https://parley.test/dev/outbox?session=${sessionId}`))).text();
    expect(page).toContain('sent: its text and link are no longer kept');
    expect(page).not.toContain(msg!.link);
  });

  it('says so, rather than failing, when a message does not open under this SECRETS_KEY', async () => {
    const { sessionId } = await invitation();
    const otherKey = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    const res = await app.fetch(new Request(`https://parley.test/dev/outbox.json?session=${sessionId}`), { ...env, SECRETS_KEY: otherKey });
    expect(res.status).toBe(200);
    const json = await res.json<any>();
    expect(json.messages[0]).toMatchObject({ link: null, note: expect.stringMatching(/^cannot be opened with this SECRETS_KEY: .*neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS/) });
  });
});
