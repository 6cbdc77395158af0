// The crm-writeback queue as Cloudflare runs it, made deterministic for tests
// (simulated-queue.ts): batches of up to 100 messages through the Worker's
// own queue() handler, retried with their delays on a simulated clock.
import { env } from 'cloudflare:workers';
import type { Env } from '../../worker/src/env';
import type { SessionEvent } from '../../worker/src/contract/events';
import type { CrmEvent, CrmMessage } from '../../worker/src/crm/messages';
import { MAX_ATTEMPTS } from '../../worker/src/crm/dispatch';
import { SimulatedQueue } from './simulated-queue';
import { call, type Agent } from './world';

export type { QueuedMessage } from './simulated-queue';

export class WritebackQueue extends SimulatedQueue<CrmMessage> {
  constructor(batchSize = 100, workerEnv: Env = env) {
    super('crm-writeback', MAX_ATTEMPTS, batchSize, workerEnv);
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
