// A Cloudflare queue as it runs, made deterministic for tests: batches
// through the Worker's own queue() handler, retried messages redelivered after
// their delay (on a simulated clock, so nothing sleeps), and dead-lettered
// after the last try (wrangler.toml's max_retries + 1 deliveries).
import { env } from 'cloudflare:workers';
import worker from '../../worker/src/index';
import type { Env } from '../../worker/src/env';

export interface QueuedMessage<T> {
  id: string;
  body: T;
  attempts: number;
  /** Simulated milliseconds. */
  dueAt: number;
}

export class SimulatedQueue<T> {
  clock = 0;
  runs = 0;
  readonly pending: QueuedMessage<T>[] = [];
  readonly deadLettered: QueuedMessage<T>[] = [];
  /** Every delay a retry asked for, in seconds. */
  readonly delays: number[] = [];

  /**
   * `name`: the queue the consumer is told it reads; `maxAttempts`: its
   * wrangler.toml max_retries + 1; `workerEnv`: the bindings the consumer
   * runs with (tests vary the secrets).
   */
  constructor(
    readonly name: string,
    readonly maxAttempts: number,
    readonly batchSize = 100,
    readonly workerEnv: Env = env,
  ) {}

  send(events: T[]): void {
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
      const batch: MessageBatch<T> = {
        queue: this.name,
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
        if (m.attempts >= this.maxAttempts) this.deadLettered.push(m);
        else this.pending.push({ ...m, attempts: m.attempts + 1, dueAt: this.clock + delay * 1000 });
      }
    }
  }
}
