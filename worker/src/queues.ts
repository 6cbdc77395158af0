// Sending many messages to a queue within its limits: at most 100 messages
// and 256 KB per sendBatch (we keep a margin under the byte limit).
export const QUEUE_BATCH_MESSAGES = 100;
export const QUEUE_BATCH_BYTES = 200 * 1024;

export async function sendInBatches<T>(queue: Queue<T>, bodies: T[]): Promise<void> {
  let batch: MessageSendRequest<T>[] = [];
  let bytes = 0;
  for (const body of bodies) {
    const size = JSON.stringify(body).length;
    if (batch.length && (batch.length === QUEUE_BATCH_MESSAGES || bytes + size > QUEUE_BATCH_BYTES)) {
      await queue.sendBatch(batch);
      batch = [];
      bytes = 0;
    }
    batch.push({ body, contentType: 'json' });
    bytes += size;
  }
  if (batch.length) await queue.sendBatch(batch);
}
