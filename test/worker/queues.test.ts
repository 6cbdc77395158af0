import { describe, expect, it } from 'vitest';
import { QUEUE_BATCH_BYTES, QUEUE_BATCH_MESSAGES, sendInBatches } from '../../worker/src/queues';

function fakeQueue() {
  const batches: { body: unknown }[][] = [];
  return { batches, queue: { sendBatch: async (b: { body: unknown }[]) => void batches.push(b) } as unknown as Queue<unknown> };
}

describe('sendInBatches', () => {
  it('splits by count and by size, keeping order', async () => {
    const { batches, queue } = fakeQueue();
    await sendInBatches(queue, Array.from({ length: 250 }, (_, i) => ({ i })));
    expect(batches.map((b) => b.length)).toEqual([QUEUE_BATCH_MESSAGES, QUEUE_BATCH_MESSAGES, 50]);
    expect(batches.flat().map((m: any) => m.body.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));

    const big = fakeQueue();
    await sendInBatches(big.queue, Array.from({ length: 10 }, () => ({ text: 'x'.repeat(60_000) })));
    for (const b of big.batches) expect(JSON.stringify(b.map((m) => m.body)).length).toBeLessThanOrEqual(QUEUE_BATCH_BYTES + 1000);
    expect(big.batches.flat()).toHaveLength(10);
  });
});
