// Payments (issue 16): the agent asks for an amount; the Worker creates the
// Stripe PaymentIntent (api/payments.ts, never from here: the session's
// object makes no calls out) and hands its id over; only Stripe's verified
// webhook moves the payment on (api/stripe-webhooks.ts → applyStripe), so no
// room or agent call can mark it paid. Each Stripe event counts once, and a
// state never goes back (domain/payment.ts): events arrive late, twice, or
// out of order.
import { now } from '../clock';
import type { NewPayment, PaymentView } from '../contract/payments';
import type { PaymentSummary } from '../contract/apps';
import type { ItemStatus, PaymentState } from '../domain/catalogue';
import { changesPayment, refundedState, stateOfIntent } from '../domain/payment';
import { fail, notFound, ok, type Result } from '../errors';
import { actorKey, type Actor, type AgentActor } from './actors';
import type { RoomContext } from './context';
import { assigneesOf, type Items } from './items';
import { paymentRow, paymentSummary } from './payment-store';
import type { ItemPlacement, ItemRow } from './store';
import { itemViewOf } from './views';

/** What the Worker read from Stripe about a payment's intent, after verifying the event that told it. */
export interface StripeIntentSnapshot {
  eventId: string;
  eventType: string;
  intentId: string;
  status: string;
  /** The last try's failure, in Stripe's words. */
  failureMessage: string | null;
  amountRefunded: number;
  card: { brand: string; last4: string } | null;
  receiptUrl: string | null;
}

/** The item's status a payment state brings (none: refunds keep a paid item completed). */
const ITEM_STATUS_OF: Partial<Record<PaymentState, ItemStatus>> = {
  requires_action: 'in_progress',
  processing: 'in_progress',
  failed: 'in_progress',
  succeeded: 'completed',
  cancelled: 'cancelled',
};

/** What the Worker needs to make or read a payment's PaymentIntent. */
export interface PaymentIntentTarget {
  view: PaymentView;
  intentId: string | null;
  orgId: string;
  sessionId: string;
  /** False for a customer whose access is limited: they may look, not pay. */
  mayPay: boolean;
}

export class Payments {
  constructor(
    private readonly ctx: RoomContext,
    private readonly items: Items,
  ) {}

  /** Ask for a payment (limits already checked by the Worker against the org's account); placement puts it inside a workflow. */
  async add(actor: AgentActor, input: NewPayment, placement?: ItemPlacement): Promise<Result<PaymentView>> {
    const added = await this.items.add(
      actor,
      { kind: 'payment', name: input.description, assigneeIds: input.assigneeIds, threadId: input.threadId },
      { placement, withRows: this.rowsFor(input) },
    );
    return added.ok ? ok(this.viewOf(this.ctx.store.item(added.value.id)!)) : added;
  }

  /** A payment's own row, for the item being inserted; runs inside its change. */
  rowsFor(input: Pick<NewPayment, 'amount' | 'currency' | 'description'>): (itemId: string) => void {
    return (itemId) => {
      this.ctx.store.sql.exec('INSERT INTO payments (item_id, amount, currency, description, updated_at) VALUES (?, ?, ?, ?, ?)', itemId, input.amount, input.currency, input.description, now());
    };
  }

  async view(actor: Actor, itemId: string): Promise<Result<PaymentView>> {
    const found = await this.find(actor, itemId);
    return found.ok ? ok(this.viewOf(found.value)) : found;
  }

  /** The payment, the intent it is paid through and whose it is, for the Worker to create or read the intent. */
  async intentOf(actor: Actor, itemId: string): Promise<Result<PaymentIntentTarget>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    const session = this.ctx.store.session()!;
    // A customer in limited access (the session ended) sees the payment but can no longer pay it.
    let mayPay = true;
    if (actor.kind === 'participant') {
      const who = await this.ctx.access.authorize(actor);
      mayPay = who.ok && this.ctx.access.requireFullAccess(who.value.access!) === null;
    }
    return ok({ view: this.viewOf(found.value), intentId: paymentRow(this.ctx.store.sql, itemId)!.intent_id, orgId: session.org_id, sessionId: session.id, mayPay });
  }

  /** The Worker created the payment's PaymentIntent: the payment now waits for the customer. */
  attachIntent(itemId: string, intentId: string): Result<PaymentView> {
    const { store, log, access } = this.ctx;
    const item = store.item(itemId);
    const row = paymentRow(store.sql, itemId);
    if (!item || !row) return notFound('payment');
    if (row.intent_id && row.intent_id !== intentId) return fail(409, 'intent_mismatch', `payment ${itemId} is paid through ${row.intent_id}`);
    if (!row.intent_id) {
      log.commit(() => {
        store.sql.exec("UPDATE payments SET intent_id = ?, state = CASE state WHEN 'requested' THEN 'awaiting_payment' ELSE state END, updated_at = ? WHERE item_id = ?", intentId, now(), itemId);
        log.emit('payment.updated', 'system', access.audienceOf(item.thread_id), { item: itemViewOf(store, store.item(itemId)!), state: paymentRow(store.sql, itemId)!.state });
      });
      this.ctx.publisher.soon();
    }
    return ok(this.viewOf(store.item(itemId)!));
  }

  /**
   * What Stripe's verified webhook says of the payment's intent. Applied once
   * per event, and only forward: a late "processing" after "succeeded"
   * changes nothing. A paid payment completes its item; a cancelled one
   * cancels it.
   */
  applyStripe(itemId: string, s: StripeIntentSnapshot): Result<{ applied: boolean; state: PaymentState }> {
    const { store, log, access } = this.ctx;
    const item = store.item(itemId);
    const row = paymentRow(store.sql, itemId);
    if (!item || !row) return notFound('payment');
    if (row.intent_id !== s.intentId) return fail(409, 'intent_mismatch', `payment ${itemId} is not paid through ${s.intentId}`);
    const seen = store.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM stripe_events WHERE event_id = ?', s.eventId).one().n > 0;
    if (seen) return ok({ applied: false, state: row.state });
    const fromIntent = stateOfIntent(s.status, s.failureMessage);
    const target = fromIntent === 'succeeded' ? refundedState(row.amount, s.amountRefunded) : fromIntent;
    let applied = false;
    log.commit(() => {
      store.sql.exec('INSERT INTO stripe_events (event_id, type, received_at) VALUES (?, ?, ?)', s.eventId, s.eventType, now());
      if (!target || !changesPayment({ state: row.state, refunded: row.amount_refunded }, { state: target, refunded: s.amountRefunded })) return;
      applied = true;
      const paidAt = target === 'succeeded' && row.paid_at === null ? now() : row.paid_at;
      store.sql.exec(
        'UPDATE payments SET state = ?, failure_message = ?, amount_refunded = ?, card_brand = COALESCE(?, card_brand), card_last4 = COALESCE(?, card_last4), receipt_url = COALESCE(?, receipt_url), paid_at = ?, updated_at = ? WHERE item_id = ?',
        target,
        target === 'failed' ? s.failureMessage : null,
        Math.max(row.amount_refunded, s.amountRefunded),
        s.card?.brand ?? null,
        s.card?.last4 ?? null,
        s.receiptUrl,
        paidAt,
        now(),
        itemId,
      );
      log.emit('payment.updated', 'system', access.audienceOf(item.thread_id), { item: itemViewOf(store, item), state: target });
      const itemStatus = ITEM_STATUS_OF[target];
      if (itemStatus) this.items.move(store.item(itemId)!, itemStatus, 'system');
    });
    if (applied) this.ctx.publisher.soon();
    return ok({ applied, state: paymentRow(store.sql, itemId)!.state });
  }

  /** The payment item, if this actor may see it: the agent, or one of its assignees. */
  private async find(actor: Actor, itemId: string): Promise<Result<ItemRow>> {
    const { store, access } = this.ctx;
    const who = await access.authorize(actor);
    if (!who.ok) return who;
    const item = store.item(itemId);
    if (!item || item.kind !== 'payment' || !paymentRow(store.sql, itemId) || !access.canSeeItem(actor, item)) return notFound('payment');
    if (actor.kind === 'participant' && !assigneesOf(item).includes(actor.participantId)) return fail(403, 'not_assignee', `this payment is asked of another participant (${actorKey(actor)} is not one)`);
    return ok(item);
  }

  private viewOf(item: ItemRow): PaymentView {
    return { item: itemViewOf(this.ctx.store, item), payment: paymentSummary(this.ctx.store.sql, item.id) as PaymentSummary };
  }
}
