// Entry point: the hono app for HTTP, the queue consumers, and the Durable
// Object classes wrangler binds.
import { app } from './app';
import type { Env } from './env';
import type { CrmMessage } from './crm/messages';
import type { OutboundMessage } from './notify/messages';
import { deliverBatch, expireOutbox, requeueStale } from './notify/outbox';
import { sendersFor } from './notify/senders';
import { now } from './clock';
import { purgeRevokedTokens } from './directory/revoked-tokens';
import { inTurn, isWritebackQueue } from './crm/writeback-queues';

export { SessionRoom } from './room/session-room';

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    if (batch.queue.startsWith('outbound-messages')) {
      await deliverBatch(batch as MessageBatch<OutboundMessage>, env, (orgId) => sendersFor(env, orgId), now);
      return;
    }
    if (isWritebackQueue(batch.queue)) {
      // Loaded here only: the CRM connectors stay off the customer's request path.
      const { writeBack } = await import('./crm/dispatch');
      await inTurn(batch.queue, () => writeBack(batch as MessageBatch<CrmMessage>, env, now));
      return;
    }
    // No other queue has a consumer bound here; leave its messages for retry rather than drop them.
    batch.retryAll();
  },
  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    const at = now();
    await requeueStale(env, at);
    // Undelivered messages past their time lose their sealed text (delivered ones lose it on delivery).
    await expireOutbox(env, at);
    // Revoked tokens that have expired anyway need no row any more.
    await purgeRevokedTokens(env.DB, at);
  },
} satisfies ExportedHandler<Env>;
