// Write-back runs on several queues at once, split by org. Each queue is
// consumed one batch at a time (max_concurrency = 1 in wrangler.toml), and an
// org's changes always go to the same queue, so one org is written by one
// consumer at a time, in order, as before: its sessions' versions, its
// HubSpot notes made once and its record guards need nothing more. Orgs on
// other queues are written at the same time, so a busy org holds up only
// the orgs that share its queue, not all of them.
//
// CRM_WRITEBACK (the queue "crm-writeback", which existed before) is the
// first; CRM_WRITEBACK_SHARDS says how many of the bound queues are used
// (all unless set), so a deploy can grow it without renaming a queue.
import type { Env } from '../env';
import type { CrmMessage } from './messages';

/** The producer bindings, in shard order: wrangler.toml binds each to its queue (crm-writeback, crm-writeback-1…). */
export const WRITEBACK_QUEUES = ['CRM_WRITEBACK', 'CRM_WRITEBACK_1', 'CRM_WRITEBACK_2', 'CRM_WRITEBACK_3'] as const;
type WritebackBinding = (typeof WRITEBACK_QUEUES)[number];

export type WritebackEnv = Pick<Env, WritebackBinding | 'CRM_WRITEBACK_SHARDS'>;

/** Whether a batch comes from one of the write-back queues (not their dead-letter queue). */
export function isWritebackQueue(name: string): boolean {
  return name === 'crm-writeback' || /^crm-writeback-[1-9][0-9]*$/.test(name);
}

/** How many queues write-back uses: CRM_WRITEBACK_SHARDS, else every bound one. A value that is not 1 to that many is refused, loudly. */
export function shardCount(env: WritebackEnv): number {
  const raw = env.CRM_WRITEBACK_SHARDS;
  if (raw === undefined || raw === '') return WRITEBACK_QUEUES.length;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > WRITEBACK_QUEUES.length) {
    throw new Error(`CRM_WRITEBACK_SHARDS must be a whole number from 1 to ${WRITEBACK_QUEUES.length} (the write-back queues bound in wrangler.toml), not "${raw}"`);
  }
  return n;
}

/** An org's queue among `shards`: FNV-1a over its id, so every Worker and Durable Object agrees without asking anyone. */
export function shardOf(orgId: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < orgId.length; i++) {
    hash ^= orgId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** The queue an org's write-back messages go to. */
export function writebackQueue(env: WritebackEnv, orgId: string): Queue<CrmMessage> {
  const binding = WRITEBACK_QUEUES[shardOf(orgId, shardCount(env))]!;
  const queue = env[binding];
  if (!queue) throw new Error(`${binding} is not bound: wrangler.toml must bind a producer for each of the ${shardCount(env)} write-back queues CRM_WRITEBACK_SHARDS asks for`);
  return queue;
}

/** The batch of each write-back queue being written in this isolate, so the next one waits for it. */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * Runs `write` once no other batch of the same queue is being written in
 * this isolate. Cloudflare gives each queue one batch at a time
 * (max_concurrency = 1), and then this never waits; wrangler dev's local
 * queue starts another batch of the same queue as soon as 100 messages wait,
 * and this keeps local runs in the order production has.
 */
export async function inTurn(queue: string, write: () => Promise<void>): Promise<void> {
  const before = inFlight.get(queue);
  const mine = (before ?? Promise.resolve()).catch(() => {}).then(write);
  inFlight.set(queue, mine);
  try {
    await mine;
  } finally {
    if (inFlight.get(queue) === mine) inFlight.delete(queue);
  }
}
