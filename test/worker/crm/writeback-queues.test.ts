// Write-back's queues split by org: which queue an org's messages go to
// (always the same one, spread evenly), how many are used, which batches
// the consumer takes, one batch of a queue at a time, and a resync sent
// where the org's events go.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { CrmMessage } from '../../../worker/src/crm/messages';
import { queueResync } from '../../../worker/src/crm/resync';
import { inTurn, isWritebackQueue, shardCount, shardOf, WRITEBACK_QUEUES, writebackQueue, type WritebackEnv } from '../../../worker/src/crm/writeback-queues';
import { makeOrg, startSession } from '../../helpers/world';

/** Four queues that keep what is sent to them. */
function recordingQueues(shards?: string) {
  const sent = new Map<string, CrmMessage[]>();
  const queue = (binding: string) =>
    ({
      send: async (body: CrmMessage) => void sent.set(binding, [...(sent.get(binding) ?? []), body]),
      sendBatch: async (batch: Iterable<MessageSendRequest<CrmMessage>>) => void sent.set(binding, [...(sent.get(binding) ?? []), ...[...batch].map((m) => m.body)]),
    }) as unknown as Queue<CrmMessage>;
  const queues = Object.fromEntries(WRITEBACK_QUEUES.map((b) => [b, queue(b)])) as unknown as WritebackEnv;
  return { env: { ...queues, CRM_WRITEBACK_SHARDS: shards }, sent };
}

describe('write-back queues', () => {
  it('are the four bound queues, not their dead-letter queue', () => {
    expect(['crm-writeback', 'crm-writeback-1', 'crm-writeback-2', 'crm-writeback-3'].every(isWritebackQueue)).toBe(true);
    expect(['crm-writeback-dlq', 'crm-writeback-0', 'crm-writeback-', 'outbound-messages'].some(isWritebackQueue)).toBe(false);
  });

  it('are all used unless CRM_WRITEBACK_SHARDS says fewer; another number is refused, naming the setting', () => {
    expect(shardCount({} as WritebackEnv)).toBe(4);
    expect(shardCount({ CRM_WRITEBACK_SHARDS: '2' } as WritebackEnv)).toBe(2);
    for (const bad of ['0', '5', '1.5', 'four']) expect(() => shardCount({ CRM_WRITEBACK_SHARDS: bad } as WritebackEnv)).toThrow(`CRM_WRITEBACK_SHARDS must be a whole number from 1 to 4 (the write-back queues bound in wrangler.toml), not "${bad}"`);
  });

  it('give an org the same queue every time, and spread orgs evenly', () => {
    // Pinned: a change of the hash would move orgs to another queue while their messages are in flight.
    expect(['org_Test0000000000', 'org_Acme', 'org_Demo', 'org_Globex'].map((o) => shardOf(o, 4))).toEqual([2, 0, 1, 1]);
    expect(shardOf('org_Test0000000000', 1)).toBe(0);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(`org_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`, 4)]!++;
    for (const n of counts) expect(n).toBeGreaterThan(850);
  });

  it("say which binding is missing when the setting asks for more queues than are bound", () => {
    const orgOnLast = Array.from({ length: 100 }, (_, i) => `org_${i}`).find((o) => shardOf(o, 4) === 3)!;
    const { env: queues } = recordingQueues('4');
    expect(() => writebackQueue({ ...queues, CRM_WRITEBACK_3: undefined }, orgOnLast)).toThrow('CRM_WRITEBACK_3 is not bound');
  });

  it("send an admin's resync to the org's own queue", async () => {
    const org = await makeOrg();
    await startSession(org.alice, { name: 'Cora', email: `c-${crypto.randomUUID()}@example.com` }, { crmRecord: { system: 'salesforce', objectType: 'Contact', recordId: '003000000000001AAA' } });
    const { env: queues, sent } = recordingQueues('4');
    expect(await queueResync({ ...queues, DB: env.DB }, org.id, 'salesforce')).toEqual({ queued: 1, truncated: false });
    expect([...sent.keys()]).toEqual([WRITEBACK_QUEUES[shardOf(org.id, 4)]]);
    expect(sent.get(WRITEBACK_QUEUES[shardOf(org.id, 4)]!)).toEqual([expect.objectContaining({ type: 'crm.resync', orgId: org.id })]);
  });
});

describe('a write-back queue in one isolate', () => {
  it("writes its batches one after the other, other queues' at the same time, and goes on after a failed one", async () => {
    const order: string[] = [];
    let letGo: () => void = () => {};
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const first = inTurn('crm-writeback', async () => {
      order.push('first starts');
      await held;
      order.push('first ends');
      throw new Error('the CRM refused');
    });
    const second = inTurn('crm-writeback', async () => void order.push('second'));
    const other = inTurn('crm-writeback-1', async () => void order.push('other queue'));
    await other;
    expect(order).toEqual(['first starts', 'other queue']);
    letGo();
    await expect(first).rejects.toThrow('the CRM refused');
    await second;
    expect(order).toEqual(['first starts', 'other queue', 'first ends', 'second']);
  });
});
