// Items: what the agent sends the customer (SPEC §3) as records with a
// status, moved along the status machine by the agent or an assignee, and
// each participant's "finished" mark kept in step with their items.
import { now } from '../clock';
import type { ActorKey } from '../contract/events';
import type { ItemView } from '../contract/session';
import { DOCUMENT_KINDS } from '../domain/catalogue';
import { hasFinished } from '../domain/completion';
import { genericMoveAllowed } from '../domain/item-rules';
import { checkTransition, type ItemKind, type ItemStatus } from '../domain/item-status';
import { newId } from '../auth/crypto';
import type { Settings } from '../domain/settings';
import { fail, notFound, ok, type Result } from '../errors';
import { actorKey, agentKey, type Actor, type AgentActor } from './actors';
import type { RoomContext } from './context';
import type { ItemPlacement, ItemRow } from './store';
import { itemViewOf } from './views';

export interface NewItemInput {
  kind: ItemKind;
  name: string;
  assigneeIds?: string[] | undefined;
  threadId?: string | undefined;
  draft?: boolean | undefined;
}

export type { ItemPlacement } from './rows';

export interface AddItemOptions {
  placement?: ItemPlacement | undefined;
  /** An app's own rows for the new item, written in the same change, before item.created is emitted (so its view is whole). */
  withRows?: ((itemId: string) => void) | undefined;
}

export interface ItemsHooks {
  /** A participant acted: postpones inactive auto-close. Runs inside the change. */
  customerActive(at: number, settings: Settings): void;
  /** An item changed status (a workflow's step: its workflow moves on). Runs inside the change. */
  moved(item: ItemRow, by: ActorKey): void;
}

export class Items {
  constructor(
    private readonly ctx: RoomContext,
    private readonly hooks: ItemsHooks,
  ) {}

  /** Send an item: a task through the generic route, or an app's item through its module (with its rows and placement). */
  async add(actor: AgentActor, input: NewItemInput, options: AddItemOptions = {}): Promise<Result<ItemView>> {
    const { store, log, access } = this.ctx;
    const s = await access.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'ended' || s.value.status === 'closed') return fail(409, 'session_over', `the session is ${s.value.status}; renew it before sending items`);
    let assignees = input.assigneeIds ?? [];
    if (input.threadId) {
      const thread = store.thread(input.threadId);
      if (!thread) return notFound('private session');
      if (assignees.length === 0) assignees = [thread.participant_id];
      if (assignees.some((a) => a !== thread.participant_id)) return fail(422, 'invalid_assignees', 'items in a private session can only be assigned to its participant');
    }
    if (assignees.length === 0) assignees = [store.primary().id];
    const unknown = assignees.filter((a) => !store.participant(a));
    if (unknown.length) return fail(422, 'invalid_assignees', `assigneeIds: no participant ${unknown.join(', ')} in this session`);
    const id = newId('itm');
    const by = agentKey(actor.agentId);
    const { placement } = options;
    if (placement && !store.item(placement.parentId)) return notFound('parent item');
    const draft = Boolean(input.draft || placement?.draft || s.value.status === 'planned');
    log.commit(() => this.insert(id, { ...input, assigneeIds: assignees, draft }, by, options));
    await this.ctx.publisher.now();
    return ok(itemViewOf(store, store.item(id)!));
  }

  /** Insert an item whose assignees are already checked, with its app's rows; runs inside a change (a workflow inserts its steps in one). */
  insert(id: string, input: NewItemInput & { assigneeIds: string[] }, by: ActorKey, options: AddItemOptions = {}): void {
    const { store, log, access } = this.ctx;
    const status: ItemStatus = input.draft ? 'draft' : 'sent';
    store.insertItem({ id, kind: input.kind, name: input.name, status, assignees: input.assigneeIds, thread_id: input.threadId ?? null, created_by: by, created_at: now(), placement: options.placement ?? null });
    options.withRows?.(id);
    log.emit('item.created', by, access.audienceOf(input.threadId ?? null), { item: itemViewOf(store, store.item(id)!) });
    this.refreshCompletion(by);
  }

  /** Move an item along its status machine, as the agent or as a participant. */
  async setStatus(actor: Actor, itemId: string, to: ItemStatus, reason?: string): Promise<Result<ItemView>> {
    const { store, log, access } = this.ctx;
    const who = await access.authorize(actor);
    if (!who.ok) return who;
    const item = store.item(itemId);
    if (!item || !access.canSeeItem(actor, item)) return notFound('item');
    if (actor.kind === 'participant') {
      if (!assigneesOf(item).includes(actor.participantId)) return fail(403, 'not_assignee', 'this item is addressed to another participant');
      const denied = access.requireFullAccess(who.value.access!);
      if (denied) return denied;
    }
    if (DOCUMENT_KINDS.has(item.kind) && to === 'declined') {
      return fail(409, 'use_document_actions', 'a document is declined with a reason through its own action');
    }
    // Integrity: proven states (paid, accepted, signed…) come only from their own flows.
    const rule = genericMoveAllowed(item.kind, to, actor.kind);
    if (!rule.ok) return fail(403, 'proof_required', rule.message);
    const check = checkTransition(item.status, to, actor.kind);
    if (!check.ok) return fail(409, 'illegal_transition', check.message);
    if ((to === 'declined' || to === 'rejected') && !reason) return fail(422, 'reason_required', `reason: a reason is required to mark an item ${to}`);
    const at = now();
    const by = actorKey(actor);
    log.commit(() => {
      store.setItemStatusWithReason(item.id, to, reason ?? null, at);
      log.emit('item.status_changed', by, access.audienceOf(item.thread_id), { item: itemViewOf(store, store.item(item.id)!), from: item.status });
      this.hooks.moved(store.item(item.id)!, by);
      this.refreshCompletion(by);
      if (actor.kind === 'participant') this.hooks.customerActive(at, who.value.settings);
    });
    await this.ctx.timers.arm();
    this.ctx.publisher.soon();
    return ok(itemViewOf(store, store.item(item.id)!));
  }

  /** Move an item the rules move (a document going out, signed, sealed). Runs inside a change. */
  move(item: ItemRow, to: ItemStatus, by: ActorKey): void {
    if (item.status === to) return;
    const { store, log, access } = this.ctx;
    store.setItemStatus(item.id, to, now());
    log.emit('item.status_changed', by, access.audienceOf(item.thread_id), { item: itemViewOf(store, store.item(item.id)!), from: item.status });
    this.hooks.moved(store.item(item.id)!, by);
    this.refreshCompletion(by);
  }

  /** Set or clear each participant's finished mark from their items. Runs inside a change. */
  refreshCompletion(by: ActorKey): void {
    const { store, log, views } = this.ctx;
    const approvers = store.approvers();
    const items = store.items().map((i) => ({ status: i.status, assignees: assigneesOf(i), approverId: approvers.get(i.id) ?? null }));
    for (const p of store.participants()) {
      const done = hasFinished(p.id, items);
      if (done === (p.completed_at !== null)) continue;
      store.setCompleted(p.id, done ? now() : null);
      log.emit('participant.completed', by, 'all', { participant: views.participant(p.id) });
    }
  }
}

export function assigneesOf(item: ItemRow): string[] {
  return JSON.parse(item.assignees) as string[];
}
