// What became of each participant's last message on each channel, as the
// outbox and the providers report it (notify/delivery-reports.ts): the agent
// sees it on the participant live, and the CRM gets it with the participant.
// Reports move forward only (domain/delivery.ts) and a report on an older
// message than the participant's last is not news.
import { FINAL_DELIVERY_STATUSES, type DeliveryStatus } from '../domain/catalogue';
import { nextDeliveryStatus } from '../domain/delivery';
import type { MessageDelivery } from '../notify/delivery-reports';
import type { RoomContext } from './context';
import type { DeliveryRow } from './store';
import { deliveryView } from './views';

/** The row of a message just put in the outbox: queued. Saved inside the change that sent it. */
export function queuedDelivery(participantId: string, message: { id: string; kind: string; channel: 'sms' | 'email' }, at: number): DeliveryRow {
  return { participant_id: participantId, channel: message.channel, message_id: message.id, kind: message.kind, status: 'queued', reason: null, created_at: at, updated_at: at };
}

export class Deliveries {
  constructor(private readonly ctx: RoomContext) {}

  report(d: MessageDelivery): void {
    const { store, log, views, publisher } = this.ctx;
    // A report on a message to a forgotten participant (room/forgetting.ts) would bring back a record erasure removed.
    const p = store.session() && store.participant(d.participantId);
    if (!p || p.forgotten_at !== null) return;
    const current = store.delivery(d.participantId, d.channel);
    const status = this.next(current, d);
    if (status === null) return;
    const row: DeliveryRow = {
      participant_id: d.participantId,
      channel: d.channel,
      message_id: d.messageId,
      kind: d.kind,
      status,
      reason: d.reason,
      created_at: current?.message_id === d.messageId ? current.created_at : d.createdAt,
      updated_at: d.at,
    };
    log.commit(() => {
      store.saveDelivery(row);
      log.emit('participant.message_status', 'system', 'agents', { participant: views.participant(d.participantId), delivery: deliveryView(row) });
    });
    publisher.soon();
  }

  private next(current: DeliveryRow | null, d: MessageDelivery): DeliveryStatus | null {
    if (!current) return d.status;
    if (current.message_id !== d.messageId) return d.createdAt >= current.created_at ? d.status : null;
    const next = nextDeliveryStatus(current.status, d.status);
    if (next !== null) return next;
    // Still retrying, for a new reason (the provider's answer changed): worth telling.
    return current.status === d.status && current.reason !== d.reason && !FINAL_DELIVERY_STATUSES.has(d.status) ? d.status : null;
  }
}
