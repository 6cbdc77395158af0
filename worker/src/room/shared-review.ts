// Shared review (issue 16): the agent opens one of the session's documents
// and looks at it with the customer. Whoever turns the page leads, and the
// others follow (either side may lead); highlights and comments are kept with
// the review and stay visible after it ends. Page turns, the lead and every
// mark are events (the review is in the session's log); pointers and the
// leader's scroll are passing frames, like typing: worth nothing once past,
// so never stored. Only the agent ends a review, which completes its item.
import { now } from '../clock';
import type { LiveFrame } from '../contract/frames';
import type { NewAnnotation, NewReview, ReviewPointer, ReviewView } from '../contract/reviews';
import { iso } from '../contract/time';
import { newId } from '../auth/crypto';
import { CLOSED_STATUSES, DONE_STATUSES } from '../domain/catalogue';
import { MAX_ANNOTATIONS, pageProblem, POINTER_INTERVAL_MS, takePointer, type PointerAllowance } from '../domain/review';
import { fail, notFound, ok, type Failure, type Result } from '../errors';
import { actorKey, agentKey, type Actor, type AgentActor } from './actors';
import type { Authorized } from './access';
import type { RoomContext } from './context';
import { assigneesOf, type Items } from './items';
import { annotation, annotations, countAnnotations, endReview, insertAnnotation, insertReview, moveReview, removeAnnotation, reviewRow } from './review-store';
import type { ItemPlacement, ItemRow } from './store';
import type { Presence } from './presence';
import { itemViewOf } from './views';

/** Whose a live socket is: an agent's (their id) or a participant's. */
export interface SocketMember {
  kind: 'agent' | 'participant';
  id: string;
}

/** Who someone is in a review, as both sides may read it: "agent" (never which one) or "participant:<id>". */
const memberKey = (actor: Actor) => (actor.kind === 'agent' ? 'agent' : actorKey(actor));

export class SharedReviews {
  /** Each member's pointer allowance: in memory only, like typing. */
  private readonly pointers = new Map<string, PointerAllowance>();

  constructor(
    private readonly ctx: RoomContext,
    private readonly items: Items,
    private readonly presence: Presence,
  ) {}

  /** Open one of the session's documents for review (its sealed copy once sealed); placement puts it inside a workflow. */
  async add(actor: AgentActor, input: NewReview, placement?: ItemPlacement): Promise<Result<ReviewView>> {
    const { store } = this.ctx;
    const source = store.item(input.sourceItemId);
    const doc = source ? store.document(source.id) : null;
    if (!source || !doc) return fail(422, 'invalid_request', `sourceItemId: no document ${input.sourceItemId} in this session`);
    const pages = (JSON.parse(doc.pages) as unknown[]).length;
    const added = await this.items.add(
      actor,
      { kind: 'shared_review', name: input.name ?? source.name, assigneeIds: input.assigneeIds, threadId: input.threadId },
      {
        placement,
        withRows: (itemId) => {
          insertReview(store.sql, { item_id: itemId, pdf_key: doc.sealed_key ?? doc.pdf_key, source_item_id: source.id, pages });
          // The agent who opens it leads from page 1.
          moveReview(store.sql, itemId, 1, 'agent');
        },
      },
    );
    return added.ok ? ok(this.viewOf(store.item(added.value.id)!)) : added;
  }

  /** The review with its marks, for the agent or an assignee (after it ends too). */
  async view(actor: Actor, itemId: string): Promise<Result<ReviewView>> {
    const found = await this.find(actor, itemId);
    return found.ok ? ok(this.viewOf(found.value.item)) : found;
  }

  /** Where the reviewed PDF is kept, for the agent or an assignee. */
  async pdf(actor: Actor, itemId: string): Promise<Result<{ key: string; name: string }>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    return ok({ key: reviewRow(this.ctx.store.sql, itemId)!.pdf_key, name: `${found.value.item.name}.pdf` });
  }

  /** Take the lead: on `page` (whoever turns the page leads, and the others follow), or where the review is. */
  async lead(actor: Actor, itemId: string, page?: number): Promise<Result<ReviewView>> {
    const open = await this.openToAct(actor, itemId);
    if (!open.ok) return open;
    const { store, log, access } = this.ctx;
    const row = reviewRow(store.sql, itemId)!;
    const to = page ?? row.page;
    const problem = pageProblem(to, row.pages);
    if (problem) return fail(422, 'invalid_request', problem);
    const leader = memberKey(actor);
    if (to === row.page && leader === row.leader) return ok(this.viewOf(open.value));
    const by = actorKey(actor);
    log.commit(() => {
      moveReview(store.sql, itemId, to, leader);
      this.started(open.value, by);
      const item = store.item(itemId)!;
      if (to !== row.page) log.emit('review.page_turned', by, access.audienceOf(item.thread_id), { item: itemViewOf(store, item), page: to, leader });
      else log.emit('review.lead_taken', by, access.audienceOf(item.thread_id), { item: itemViewOf(store, item), page: to, leader });
    });
    this.ctx.publisher.soon();
    return ok(this.viewOf(store.item(itemId)!));
  }

  /** Where the caller points (and, leading, how far they scrolled), through the API: passed to the others in the review, never stored. */
  async point(actor: Actor, itemId: string, pointer: ReviewPointer): Promise<Result<{ at: string }>> {
    const open = await this.openToAct(actor, itemId);
    if (!open.ok) return open;
    return this.pass(actor.kind === 'agent' ? { kind: 'agent', id: actor.agentId } : { kind: 'participant', id: actor.participantId }, open.value, pointer);
  }

  /**
   * The same from a live socket, which is how the board sends it: the socket's
   * right was checked when it opened and it is closed when that right ends
   * (presence.ts), so only the review's own rules are asked here, with no
   * I/O: a pointer costs no more than the frames it becomes.
   */
  pointFromSocket(from: SocketMember, itemId: string, pointer: ReviewPointer): Result<{ at: string }> {
    const { store, access } = this.ctx;
    const item = store.item(itemId);
    const member = from.kind === 'agent' ? ({ kind: 'agent' } as const) : ({ kind: 'participant', participantId: from.id } as const);
    if (!item || item.kind !== 'shared_review' || !reviewRow(store.sql, itemId) || !access.canSeeItem(member, item)) return notFound('shared review');
    if (from.kind === 'participant') {
      const p = store.participant(from.id);
      if (!p || !assigneesOf(item).includes(from.id)) return fail(403, 'not_assignee', 'this review is with another participant');
      const denied = access.requireFullAccess(access.cachedAccessOf(p));
      if (denied) return denied;
    }
    const closed = this.closedFor(item);
    return closed ?? this.pass(from, item, pointer);
  }

  /** A pointer within the allowance goes to everyone else in the review: the agent's sockets and the assignees'. */
  private pass(from: SocketMember, item: ItemRow, pointer: ReviewPointer): Result<{ at: string }> {
    const row = reviewRow(this.ctx.store.sql, item.id)!;
    const problem = pageProblem(pointer.page, row.pages);
    if (problem) return fail(422, 'invalid_request', problem);
    const at = now();
    const key = `${item.id}/${from.kind}:${from.id}`;
    const allowance = takePointer(this.pointers.get(key), at);
    if (!allowance) return fail(429, 'rate_limited', `a pointer moves at most ${1000 / POINTER_INTERVAL_MS} times a second`);
    this.pointers.set(key, allowance);
    const when = iso(at)!;
    // Only the leader's scroll moves the others.
    const member = from.kind === 'agent' ? 'agent' : `participant:${from.id}`;
    const scroll = member === row.leader ? (pointer.scroll ?? null) : null;
    const base = { type: 'review', itemId: item.id, page: pointer.page, x: pointer.x, y: pointer.y, scroll, at: when } as const;
    const assignees = new Set(assigneesOf(item));
    const { presence } = this;
    if (from.kind === 'agent') {
      presence.tell({ ...base, who: 'agent', id: from.id } satisfies LiveFrame, (s) => s.kind === 'agent' && s.id !== from.id);
      presence.tell({ ...base, who: 'agent' } satisfies LiveFrame, (s) => s.kind === 'participant' && assignees.has(s.id));
    } else {
      const frame = { ...base, who: 'participant', id: from.id } satisfies LiveFrame;
      presence.tell(frame, (s) => s.kind === 'agent' || (assignees.has(s.id) && s.id !== from.id));
    }
    return ok({ at: when });
  }

  /** Leave a highlight or a comment on a page. */
  async annotate(actor: Actor, itemId: string, input: NewAnnotation): Promise<Result<ReviewView>> {
    const open = await this.openToAct(actor, itemId);
    if (!open.ok) return open;
    const { store, log, access } = this.ctx;
    const row = reviewRow(store.sql, itemId)!;
    const problem = pageProblem(input.page, row.pages);
    if (problem) return fail(422, 'invalid_request', problem);
    if (countAnnotations(store.sql, itemId) >= MAX_ANNOTATIONS) return fail(409, 'too_many_annotations', `a review keeps at most ${MAX_ANNOTATIONS} highlights and comments; remove some first`);
    const by = actorKey(actor);
    const id = newId('ann');
    log.commit(() => {
      insertAnnotation(store.sql, itemId, { id, page: input.page, kind: input.kind, rect: input.rect, text: input.text || null, by: memberKey(actor), at: now() });
      this.started(open.value, by);
      const item = store.item(itemId)!;
      const { removed: _, ...made } = annotation(store.sql, itemId, id)!;
      log.emit('review.annotation_added', by, access.audienceOf(item.thread_id), { item: itemViewOf(store, item), annotation: made });
    });
    this.ctx.publisher.soon();
    return ok(this.viewOf(store.item(itemId)!));
  }

  /** Take a mark away: its author may, and the agent may take away any. */
  async unannotate(actor: Actor, itemId: string, annotationId: string): Promise<Result<ReviewView>> {
    const open = await this.openToAct(actor, itemId);
    if (!open.ok) return open;
    const { store, log, access } = this.ctx;
    const mark = annotation(store.sql, itemId, annotationId);
    if (!mark || mark.removed) return notFound('annotation');
    if (actor.kind === 'participant' && mark.by !== memberKey(actor)) return fail(403, 'not_author', 'only its author or the agent can remove this mark');
    const by = actorKey(actor);
    log.commit(() => {
      removeAnnotation(store.sql, itemId, annotationId, now());
      const item = store.item(itemId)!;
      log.emit('review.annotation_removed', by, access.audienceOf(item.thread_id), { item: itemViewOf(store, item), annotationId });
    });
    this.ctx.publisher.soon();
    return ok(this.viewOf(store.item(itemId)!));
  }

  /** The agent ends the review: its item is completed, and its marks stay to be seen. */
  async end(actor: AgentActor, itemId: string): Promise<Result<ReviewView>> {
    const open = await this.openToAct(actor, itemId);
    if (!open.ok) return open;
    const { store, log } = this.ctx;
    log.commit(() => {
      endReview(store.sql, itemId, now());
      this.items.move(store.item(itemId)!, 'completed', agentKey(actor.agentId));
    });
    this.ctx.publisher.soon();
    return ok(this.viewOf(store.item(itemId)!));
  }

  /** The first turn or mark starts the review for the customer's progress. Runs inside a change. */
  private started(item: ItemRow, by: ReturnType<typeof actorKey>): void {
    if (item.status === 'sent' || item.status === 'opened') this.items.move(item, 'in_progress', by);
  }

  /** The review, if the caller may act in it now: it has started and not ended, and a participant has full access. */
  private async openToAct(actor: Actor, itemId: string): Promise<Result<ItemRow>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    const { item, who } = found.value;
    const denied = actor.kind === 'participant' ? this.ctx.access.requireFullAccess(who.access!) : null;
    if (denied) return denied;
    return this.closedFor(item) ?? ok(item);
  }

  /** Why nothing can be done in the review now (not opened yet, or over), or null while it is open. */
  private closedFor(item: ItemRow): Failure | null {
    if (item.status === 'draft' || item.status === 'awaiting_agent') return fail(409, 'review_not_started', 'this review has not been opened yet');
    if (reviewRow(this.ctx.store.sql, item.id)!.ended_at !== null || DONE_STATUSES.has(item.status) || CLOSED_STATUSES.has(item.status)) {
      return fail(409, 'review_ended', 'this review has ended; its marks can still be seen');
    }
    return null;
  }

  /** The review item, if this actor may see it (the agent, or one of its assignees), and who the caller is. */
  private async find(actor: Actor, itemId: string): Promise<Result<{ item: ItemRow; who: Authorized }>> {
    const { store, access } = this.ctx;
    const who = await access.authorize(actor);
    if (!who.ok) return who;
    const item = store.item(itemId);
    if (!item || item.kind !== 'shared_review' || !reviewRow(store.sql, itemId) || !access.canSeeItem(actor, item)) return notFound('shared review');
    if (actor.kind === 'participant' && !assigneesOf(item).includes(actor.participantId)) return fail(403, 'not_assignee', 'this review is with another participant');
    return ok({ item, who: who.value });
  }

  private viewOf(item: ItemRow): ReviewView {
    const { store } = this.ctx;
    const r = reviewRow(store.sql, item.id)!;
    return {
      item: itemViewOf(store, item),
      review: { pages: r.pages, page: r.page, leader: r.leader, endedAt: iso(r.ended_at), annotations: annotations(store.sql, item.id) },
    };
  }
}
