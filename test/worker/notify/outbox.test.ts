// The outbox consumer: a message is delivered once, held when no sender is
// configured, retried on failure and never silently dropped.
import { env, exports } from 'cloudflare:workers';
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import type { OutboundMessage } from '../../../worker/src/notify/messages';
import { deliverBatch, MAX_ATTEMPTS, type OutboxRow, type Sender } from '../../../worker/src/notify/outbox';
import { app } from '../../../worker/src/app';
import worker from '../../../worker/src/index';
import { makeOrg, outboxFor, startSession } from '../../helpers/world';

async function invitation() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: `o-${crypto.randomUUID()}@example.com` });
  const id = (await env.DB.prepare('SELECT id FROM outbox WHERE session_id = ?').bind(s.session.id).first<{ id: string }>())!.id;
  return { sessionId: s.session.id as string, outboxId: id };
}

const row = (id: string) => env.DB.prepare('SELECT * FROM outbox WHERE id = ?').bind(id).first<OutboxRow>();
const batchOf = (outboxId: string, attempts = 1) =>
  createMessageBatch<OutboundMessage>('outbound-messages', [{ id: `m-${outboxId}-${attempts}`, timestamp: new Date(), attempts, body: { outboxId } }]);

describe('outbox delivery', () => {
  it('holds a message, visibly, when no sender is configured for its channel', async () => {
    const { outboxId } = await invitation();
    await worker.queue(batchOf(outboxId), env);
    expect((await row(outboxId))!).toMatchObject({ status: 'held', last_error: 'no email sender configured' });
  });

  it('sends through the channel sender once; a replay sends nothing again', async () => {
    const { outboxId } = await invitation();
    const delivered: string[] = [];
    const email: Sender = { send: async (m) => void delivered.push(m.recipient) };
    const first = batchOf(outboxId);
    await deliverBatch(first, env, { email }, Date.now);
    expect((await row(outboxId))!.status).toBe('sent');
    await deliverBatch(batchOf(outboxId, 2), env, { email }, Date.now);
    expect(delivered).toHaveLength(1);
    const ctx = createExecutionContext();
    expect((await getQueueResult(first, ctx)).explicitAcks).toEqual([first.messages[0]!.id]);
  });

  it('retries a failed send with backoff, recording why, and marks the last try failed', async () => {
    const { outboxId } = await invitation();
    const failing: Sender = { send: async () => { throw new Error('provider said 503'); } };
    const batch = batchOf(outboxId);
    const retry = vi.spyOn(batch.messages[0]!, 'retry');
    await deliverBatch(batch, env, { email: failing }, Date.now);
    expect((await row(outboxId))!).toMatchObject({ status: 'retrying', attempts: 1, last_error: 'provider said 503' });
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 10 });
    expect((await getQueueResult(batch, createExecutionContext())).retryMessages.map((m) => m.msgId)).toEqual([batch.messages[0]!.id]);

    // Only the queue's last delivery (wrangler.toml's max_retries + 1), after which it dead-letters the message, is final.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await deliverBatch(batchOf(outboxId, MAX_ATTEMPTS - 1), env, { email: failing }, Date.now);
    expect((await row(outboxId))!.status).toBe('retrying');
    await deliverBatch(batchOf(outboxId, MAX_ATTEMPTS), env, { email: failing }, Date.now);
    expect((await row(outboxId))!.status).toBe('failed');
    const sendFailures = logged.mock.calls.map(([line]) => JSON.parse(String(line))).filter((l) => l.event === 'send_failed');
    expect(sendFailures.map((l) => [l.attempt, l.final])).toEqual([
      [MAX_ATTEMPTS - 1, false],
      [MAX_ATTEMPTS, true],
    ]);
    logged.mockRestore();
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
});
