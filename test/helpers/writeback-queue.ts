// The crm-writeback queue as Cloudflare runs it, made deterministic for tests:
// batches of up to 100 messages through the Worker's own queue() handler,
// retried messages redelivered after their delay (on a simulated clock, so
// nothing sleeps), and dead-lettered after the last try (wrangler.toml's
// max_retries + 1 deliveries).
import { env } from 'cloudflare:workers';
import worker from '../../worker/src/index';
import type { Env } from '../../worker/src/env';
import type { SessionEvent } from '../../worker/src/contract/events';
import type { CrmEvent, CrmMessage } from '../../worker/src/crm/messages';
import { MAX_ATTEMPTS } from '../../worker/src/crm/dispatch';
import { call, type Agent } from './world';

export interface QueuedMessage {
  id: string;
  body: CrmMessage;
  attempts: number;
  /** Simulated milliseconds. */
  dueAt: number;
}

export class WritebackQueue {
  clock = 0;
  runs = 0;
  readonly pending: QueuedMessage[] = [];
  readonly deadLettered: QueuedMessage[] = [];
  /** Every delay a retry asked for, in seconds. */
  readonly delays: number[] = [];

  /** `workerEnv`: the bindings the consumer runs with (tests vary the secrets). */
  constructor(
    readonly batchSize = 100,
    readonly workerEnv: Env = env,
  ) {}

  send(events: CrmMessage[]): void {
    for (const body of events) this.pending.push({ id: crypto.randomUUID(), body, attempts: 1, dueAt: this.clock });
  }

  /** Deliver until the queue is empty (or `maxRuns` batches), moving the clock to the next due retry when nothing is due. */
  async drain(maxRuns = 500): Promise<void> {
    for (let run = 0; this.pending.length > 0 && run < maxRuns; run++) {
      const due = this.pending.filter((m) => m.dueAt <= this.clock).slice(0, this.batchSize);
      if (due.length === 0) {
        this.clock = Math.min(...this.pending.map((m) => m.dueAt));
        run--;
        continue;
      }
      for (const m of due) this.pending.splice(this.pending.indexOf(m), 1);
      const outcome = new Map<string, { ack: true } | { ack: false; delaySeconds: number }>();
      const batch: MessageBatch<CrmMessage> = {
        queue: 'crm-writeback',
        metadata: { metrics: { backlogCount: this.pending.length, backlogBytes: 0 } },
        messages: due.map((m) => ({
          id: m.id,
          timestamp: new Date(),
          attempts: m.attempts,
          body: m.body,
          ack: () => void outcome.set(m.id, { ack: true }),
          retry: (options?: QueueRetryOptions) => void outcome.set(m.id, { ack: false, delaySeconds: options?.delaySeconds ?? 0 }),
        })),
        ackAll: () => due.forEach((m) => outcome.set(m.id, { ack: true })),
        retryAll: (options?: QueueRetryOptions) => due.forEach((m) => outcome.set(m.id, { ack: false, delaySeconds: options?.delaySeconds ?? 0 })),
      };
      await worker.queue(batch as MessageBatch<unknown>, this.workerEnv);
      this.runs++;
      for (const m of due) {
        const o = outcome.get(m.id);
        // Cloudflare acks what a successful run left alone; the consumer must decide every message itself.
        if (!o) throw new Error(`message ${m.id} was neither acked nor retried`);
        if (o.ack) continue;
        const delay = o.delaySeconds;
        this.delays.push(delay);
        if (m.attempts >= MAX_ATTEMPTS) this.deadLettered.push(m);
        else this.pending.push({ ...m, attempts: m.attempts + 1, dueAt: this.clock + delay * 1000 });
      }
    }
  }
}

/** What the session's Durable Object published to the queue: its whole event log, as CrmEvents. */
export async function publishedEvents(agent: Agent, orgId: string, sessionId: string, after = 0): Promise<CrmEvent[]> {
  const res = await call('GET', `/api/v1/sessions/${sessionId}/events?after=${after}&limit=200`, { token: agent.token });
  const session = await call('GET', `/api/v1/sessions/${sessionId}`, { token: agent.token });
  const crm = session.json.session.crmRecord;
  const events = res.json.events as SessionEvent[];
  const more = events.length === 200 ? await publishedEvents(agent, orgId, sessionId, events.at(-1)!.version) : [];
  return [...events.map((e) => ({ ...e, orgId, sessionId, crm })), ...more];
}
