// Document requests (issue 16): the agent asks for documents (an ID card's
// front and back, a passport, a bank statement…), the customer gives a file
// for each, replacing it until the agent accepts it, and the agent accepts or
// rejects each with a reason (the customer is asked again). The request is
// completed only when every required document is accepted: never through
// the generic status routes (domain/item-rules.ts).
import { now } from '../clock';
import type { DocumentRequestView, NewDocumentRequest } from '../contract/document-requests';
import { iso } from '../contract/time';
import { newId, sha256HexBytes } from '../auth/crypto';
import { CLOSED_STATUSES, DONE_STATUSES } from '../domain/catalogue';
import { imageProblem, MAX_REASON_LENGTH, moveSlot, planSlots, requestProgress, slotLabel, type SlotAction } from '../domain/document-request';

type PlannedSlot = Exclude<ReturnType<typeof planSlots>, string>[number];
import type { AuditTrail } from '../contract/documents';
import { appendAudit, auditTrail, NO_EVIDENCE, type Evidence } from './audit-log';
import { participantAuthMethod } from './otp';
import { MAX_ATTACHMENT_BYTES, cleanFileName, sniffFileType } from '../domain/file-type';
import { imageSize } from '../domain/image-size';
import { fail, notFound, ok, type Result } from '../errors';
import { actorKey, agentKey, type Actor, type AgentActor, type ParticipantActor } from './actors';
import type { RoomContext } from './context';
import { assigneesOf, type Items } from './items';
import { decideSlot, giveSlotFile, insertSlot, requestSlot, requestSlots, type RequestSlotRow } from './request-store';
import type { ItemPlacement, ItemRow } from './store';
import { itemViewOf } from './views';

/** The shortest side a picture of a document needs to be readable. */
export const MIN_PICTURE_SIDE = 600;
/** What a requested document may be: a PDF, or a photo the server can size (the room turns HEIC and other photos into JPEG first). */
const REQUEST_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);

export interface RequestFileInput {
  bytes: ArrayBuffer;
  fileName?: string | undefined;
  /** Where the file came from, for the request's audit trail. */
  evidence?: Evidence | undefined;
}

const AGENT_AUTH = 'agent sign-in';

export class DocumentRequests {
  constructor(
    private readonly ctx: RoomContext,
    private readonly items: Items,
  ) {}

  /** Ask for documents; placement puts the request inside a workflow. */
  async add(actor: AgentActor, input: NewDocumentRequest, placement?: ItemPlacement): Promise<Result<DocumentRequestView>> {
    const slots = planSlots(input.documents);
    if (typeof slots === 'string') return fail(422, 'invalid_request', slots);
    const added = await this.items.add(
      actor,
      { kind: 'document_request', name: input.name ?? 'Documents to send', assigneeIds: input.assigneeIds, threadId: input.threadId },
      { placement, withRows: this.rowsFor(actor, slots) },
    );
    return added.ok ? ok(this.viewOf(this.ctx.store.item(added.value.id)!)) : added;
  }

  /** A request's own rows (each document asked for, and "asked" in its audit), for the item being inserted; runs inside its change. */
  rowsFor(actor: AgentActor, slots: PlannedSlot[]): (itemId: string) => void {
    const { store } = this.ctx;
    return (itemId) => {
      slots.forEach((s, i) => insertSlot(store.sql, { item_id: itemId, slot_id: newId('slt'), position: i + 1, category: s.category, label: s.label, note: s.note, required: s.required }));
      const asked = slots.map((s) => `${slotLabel(s)}${s.required ? '' : ' (optional)'}`).join(', ');
      appendAudit(store, itemId, { actor: agentKey(actor.agentId), event: 'asked', detail: asked, evidence: NO_EVIDENCE, authMethod: AGENT_AUTH, docHash: null });
    };
  }

  /** The request with each document's note, file and decision, for the agent or an assignee. */
  async view(actor: Actor, itemId: string): Promise<Result<DocumentRequestView>> {
    const found = await this.find(actor, itemId);
    return found.ok ? ok(this.viewOf(found.value)) : found;
  }

  /** The customer gives (or replaces) the file for one requested document. */
  async submit(actor: ParticipantActor, itemId: string, slotId: string, input: RequestFileInput): Promise<Result<DocumentRequestView>> {
    if (input.bytes.byteLength === 0) return fail(422, 'empty_file', 'file: the file is empty');
    if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) return fail(413, 'file_too_large', `file: ${input.bytes.byteLength} bytes is over the ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB limit`);
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    const item = found.value;
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    const denied = this.ctx.access.requireFullAccess(who.value.access!);
    if (denied) return denied;
    const open = this.openFor(item);
    if (!open.ok) return open;
    const slot = requestSlot(this.ctx.store.sql, itemId, slotId);
    if (!slot) return notFound('requested document');
    const move = moveSlot(slot.status, 'submit');
    if (!move.ok) return fail(409, 'slot_closed', move.message);

    const bytes = new Uint8Array(input.bytes);
    const type = sniffFileType(bytes);
    if (!type || !REQUEST_TYPES.has(type.mime)) return fail(415, 'unsupported_type', 'file: send a photo (JPEG, PNG or WebP) or a PDF');
    const size = type.mime === 'application/pdf' ? null : imageSize(bytes);
    if (type.mime !== 'application/pdf') {
      const problem = imageProblem(size, MIN_PICTURE_SIDE);
      if (problem) return fail(422, 'poor_picture', `file: ${problem}`);
    }
    const s = who.value.session;
    const key = `orgs/${s.org_id}/sessions/${s.id}/requests/${itemId}/${slotId}/${newId('fil')}`;
    const by = actorKey(actor);
    await this.ctx.env.FILES.put(key, bytes, { httpMetadata: { contentType: type.mime }, customMetadata: { sessionId: s.id, uploadedBy: by } });
    const at = now();
    const file = { key, name: cleanFileName(input.fileName, type.ext), type: type.mime, size: bytes.byteLength, sha256: await sha256HexBytes(bytes), width: size?.width ?? null, height: size?.height ?? null, by, at };
    const { store, log, access } = this.ctx;
    log.commit(() => {
      // Checked again inside the change: the agent may have decided meanwhile.
      if (!moveSlot(requestSlot(store.sql, itemId, slotId)!.status, 'submit').ok) return;
      giveSlotFile(store.sql, itemId, slotId, file);
      const p = store.participant(actor.participantId);
      appendAudit(store, itemId, {
        actor: by,
        event: 'file_submitted',
        detail: `${slotLabel(slot)}: ${file.name} (${file.type}, ${file.size} bytes${file.width ? `, ${file.width}×${file.height} px` : ''})`,
        evidence: input.evidence ?? NO_EVIDENCE,
        authMethod: p ? participantAuthMethod(p) : null,
        docHash: file.sha256,
      });
      const current = store.item(itemId)!;
      if (current.status === 'sent' || current.status === 'opened') this.items.move(current, 'in_progress', by);
      log.emit('request.file_submitted', by, access.audienceOf(item.thread_id), { item: itemViewOf(store, store.item(itemId)!), slotId });
    });
    this.ctx.publisher.soon();
    return ok(this.viewOf(store.item(itemId)!));
  }

  /** The agent accepts the file given for a requested document, or rejects it saying why (the customer is asked again). */
  async decide(actor: AgentActor, itemId: string, slotId: string, action: Exclude<SlotAction, 'submit'>, reason?: string, evidence: Evidence = NO_EVIDENCE): Promise<Result<DocumentRequestView>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    const open = this.openFor(found.value);
    if (!open.ok) return open;
    const text = reason?.trim() ?? '';
    if (action === 'reject' && !text) return fail(422, 'reason_required', 'reason: say why, so the customer can send a better one');
    if (text.length > MAX_REASON_LENGTH) return fail(422, 'invalid_request', `reason: at most ${MAX_REASON_LENGTH} characters`);
    const { store, log, access } = this.ctx;
    const slot = requestSlot(store.sql, itemId, slotId);
    if (!slot) return notFound('requested document');
    const move = moveSlot(slot.status, action);
    if (!move.ok) return fail(409, 'slot_not_submitted', move.message);
    const by = agentKey(actor.agentId);
    log.commit(() => {
      decideSlot(store.sql, itemId, slotId, { status: action === 'accept' ? 'accepted' : 'rejected', reason: action === 'reject' ? text : null, by, at: now() });
      const item = store.item(itemId)!;
      appendAudit(store, itemId, { actor: by, event: action === 'accept' ? 'file_accepted' : 'file_rejected', detail: action === 'accept' ? slotLabel(slot) : `${slotLabel(slot)}: ${text}`, evidence, authMethod: AGENT_AUTH, docHash: slot.sha256 });
      if (action === 'accept') log.emit('request.file_accepted', by, access.audienceOf(item.thread_id), { item: itemViewOf(store, item), slotId });
      else log.emit('request.file_rejected', by, access.audienceOf(item.thread_id), { item: itemViewOf(store, item), slotId, reason: text });
      if (requestProgress(requestSlots(store.sql, itemId).map((s) => ({ status: s.status, required: s.required === 1 }))) === 'complete') {
        appendAudit(store, itemId, { actor: 'system', event: 'completed', detail: 'every required document accepted', evidence: NO_EVIDENCE, authMethod: null, docHash: null });
        this.items.move(item, 'completed', by);
      }
    });
    this.ctx.publisher.soon();
    return ok(this.viewOf(store.item(itemId)!));
  }

  /** The request's hash-chained audit trail, for its agent. */
  async audit(actor: AgentActor, itemId: string): Promise<Result<AuditTrail>> {
    const found = await this.find(actor, itemId);
    return found.ok ? ok(auditTrail(this.ctx.store, itemId)) : found;
  }

  /** Where the file given for a requested document is kept, for the agent or an assignee (limited access may still view). */
  async file(actor: Actor, itemId: string, slotId: string): Promise<Result<{ key: string; name: string; type: string }>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    const slot = requestSlot(this.ctx.store.sql, itemId, slotId);
    if (!slot || !slot.file_key) return notFound('file');
    return ok({ key: slot.file_key, name: slot.file_name!, type: slot.file_type! });
  }

  /** The request item, if this actor may see it: the agent, or one of its assignees. */
  private async find(actor: Actor, itemId: string): Promise<Result<ItemRow>> {
    const { store, access } = this.ctx;
    const who = await access.authorize(actor);
    if (!who.ok) return who;
    const item = store.item(itemId);
    if (!item || item.kind !== 'document_request' || !access.canSeeItem(actor, item)) return notFound('document request');
    if (actor.kind === 'participant' && !assigneesOf(item).includes(actor.participantId)) return fail(403, 'not_assignee', 'this request is addressed to another participant');
    return ok(item);
  }

  /** A request still taking files and decisions: not a draft waiting its turn, not finished or closed. */
  private openFor(item: ItemRow): Result<null> {
    if (item.status === 'draft' || item.status === 'awaiting_agent') return fail(409, 'request_not_sent', 'this request has not been sent yet');
    if (DONE_STATUSES.has(item.status) || CLOSED_STATUSES.has(item.status)) return fail(409, 'request_closed', `this request is ${item.status}`);
    return ok(null);
  }

  private viewOf(item: ItemRow): DocumentRequestView {
    const { store } = this.ctx;
    return { item: itemViewOf(store, item), slots: requestSlots(store.sql, item.id).map(slotView) };
  }
}

function slotView(s: RequestSlotRow): DocumentRequestView['slots'][number] {
  return {
    id: s.slot_id,
    category: s.category,
    label: s.label,
    required: s.required === 1,
    status: s.status,
    reason: s.reason,
    fileType: s.file_type,
    note: s.note,
    file: s.file_key
      ? { name: s.file_name!, type: s.file_type!, size: s.file_size!, sha256: s.sha256!, width: s.width, height: s.height, submittedAt: iso(s.submitted_at)! }
      : null,
    decidedAt: iso(s.decided_at),
  };
}
