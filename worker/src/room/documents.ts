// Documents in the room: sending a template or an ad hoc PDF (alone or as a
// batch), showing it to whoever may see it, filling, signing, declining,
// approving and downloading. Each call checks who is asking, then hands the
// rules to the document desk; the last signature seals the document.
import { now } from '../clock';
import type { ActorKey } from '../contract/events';
import type { AuditTrail, DocumentItemView } from '../contract/documents';
import type { ItemView } from '../contract/session';
import type { FieldValue } from '../domain/fields';
import { newId } from '../auth/crypto';
import { fail, notFound, ok, type Result } from '../errors';
import { agentKey, type Actor, type AgentActor, type ParticipantActor } from './actors';
import type { RoomContext } from './context';
import type { DocumentDesk, DocumentSource, Evidence, LoadedDocument, Signer } from './document-desk';
import type { Items } from './items';
import type { ContactInput, Participants } from './participants';
import type { Sealing } from './sealing';
import { itemView } from './views';

export interface AddDocumentInput extends DocumentSource {
  /** Role name → participant id or "agent"; Customer and Agent default to the customer and the agent. */
  roles?: Record<string, string> | undefined;
  /** Values the document starts with (defaults and CRM merge values), already checked. */
  prefill?: Record<string, FieldValue> | undefined;
}

export type DocumentFile = { name: string } & ({ key: string } | { bytes: Uint8Array });

export class Documents {
  constructor(
    private readonly ctx: RoomContext,
    private readonly desk: DocumentDesk,
    private readonly items: Items,
    private readonly sealing: Sealing,
    private readonly participants: Participants,
  ) {}

  /** Send a document (from a template or uploaded ad hoc) as an item. */
  async add(actor: AgentActor, input: AddDocumentInput): Promise<Result<DocumentItemView>> {
    const s = await this.sendable(actor);
    if (!s.ok) return s;
    const assignments = this.desk.resolveAssignments(input.definition, input.roles, this.ctx.store.primary().id);
    if (!assignments.ok) return assignments;
    const id = newId('itm');
    this.ctx.log.commit(() => this.insert(id, input, assignments.value, agentKey(actor.agentId), { release: s.value !== 'planned' }));
    this.ctx.publisher.soon();
    return ok({ item: itemView(this.ctx.store.item(id)!), document: this.desk.view(this.desk.load(id)!, { kind: 'agent', agentId: actor.agentId }) });
  }

  /** A batch: several documents as one item, completed in the given order, each unlocking when the one before is done. */
  async addBatch(actor: AgentActor, name: string, documents: AddDocumentInput[]): Promise<Result<{ batch: ItemView; documents: ItemView[] }>> {
    const s = await this.sendable(actor);
    if (!s.ok) return s;
    const resolved: Record<string, string>[] = [];
    for (const [i, d] of documents.entries()) {
      const a = this.desk.resolveAssignments(d.definition, d.roles, this.ctx.store.primary().id);
      if (!a.ok) return { ...a, message: `documents.${i}.${a.message}` };
      resolved.push(a.value);
    }
    const { store, log } = this.ctx;
    const batchId = newId('itm');
    const ids = documents.map(() => newId('itm'));
    const by = agentKey(actor.agentId);
    const planned = s.value === 'planned';
    log.commit(() => {
      const assignees = resolved.flatMap((a) => Object.values(a)).filter((who) => who !== 'agent');
      store.insertItem({ id: batchId, kind: 'batch', name, status: planned ? 'draft' : 'sent', assignees, thread_id: null, created_by: by, created_at: now() });
      log.emit('item.created', by, 'all', { item: itemView(store.item(batchId)!) });
      documents.forEach((d, i) => this.insert(ids[i]!, { ...d, batch: { id: batchId, position: i + 1 } }, resolved[i]!, by, { release: !planned && i === 0 }));
    });
    this.ctx.publisher.soon();
    return ok({ batch: itemView(store.item(batchId)!), documents: ids.map((id) => itemView(store.item(id)!)) });
  }

  /** A document as this actor sees it. A signer's first look is recorded: the item is opened, the trail says viewed. */
  async view(actor: Actor, itemId: string, evidence?: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    let { doc } = found.value;
    const { signer } = found.value;
    if (evidence && signer.kind === 'participant' && doc.item.status === 'sent' && this.desk.rolesOf(doc, signer).length > 0) {
      this.desk.markViewed(doc, signer, evidence);
      doc = this.desk.load(itemId)!;
      this.ctx.publisher.soon();
    }
    return ok({ item: itemView(doc.item), document: this.desk.view(doc, signer) });
  }

  async fill(actor: Actor, itemId: string, fieldId: string, value: FieldValue, evidence: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.find(actor, itemId, { act: true });
    if (!found.ok) return found;
    const r = this.desk.fill(found.value.doc, found.value.signer, fieldId, value, evidence, this.hasConsented(actor));
    if (!r.ok) return r;
    this.ctx.publisher.soon();
    return this.view(actor, itemId);
  }

  /** The signer (customer, co-signer, or the agent signing as agent) finishes their part; the last one seals it. */
  async complete(actor: Actor, itemId: string, evidence: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.find(actor, itemId, { act: true });
    if (!found.ok) return found;
    const r = this.desk.complete(found.value.doc, found.value.signer, evidence, this.hasConsented(actor));
    if (!r.ok) return r;
    if (r.value.allDone) await this.sealing.seal(itemId);
    this.ctx.publisher.soon();
    return this.view(actor, itemId);
  }

  async decline(actor: ParticipantActor, itemId: string, reason: string, evidence: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.find(actor, itemId, { act: true });
    if (!found.ok) return found;
    const r = this.desk.decline(found.value.doc, { kind: 'participant', participantId: actor.participantId }, reason, evidence);
    if (!r.ok) return r;
    this.ctx.publisher.soon();
    return this.view(actor, itemId);
  }

  /** Forward for approval: after completion, a third party (their own link) approves or declines. */
  async forward(actor: AgentActor, itemId: string, approver: ContactInput): Promise<Result<DocumentItemView>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    const forwardable = this.desk.forwardable(found.value.doc);
    if (!forwardable.ok) return forwardable;
    const added = await this.participants.add(actor, { roleName: 'Approver', ...approver });
    if (!added.ok) return added;
    this.desk.forward(this.desk.load(itemId)!, added.value.id, actor.agentId);
    this.ctx.publisher.soon();
    return this.view(actor, itemId);
  }

  async decideApproval(actor: ParticipantActor, itemId: string, decision: 'approve' | 'decline', reason: string | undefined, evidence: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.find(actor, itemId, { act: true });
    if (!found.ok) return found;
    const r = this.desk.decideApproval(found.value.doc, actor.participantId, decision, reason, evidence);
    if (!r.ok) return r;
    this.ctx.publisher.soon();
    return this.view(actor, itemId);
  }

  /**
   * The document's PDF: the sealed file once complete; before that, the
   * current state, with the values given so far drawn in (a preview, not
   * signed). Downloads are audited; limited access may still download.
   */
  async pdf(actor: Actor, itemId: string, evidence: Evidence): Promise<Result<DocumentFile>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    const { doc, signer } = found.value;
    const base = doc.item.name.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 100) || 'document';
    const by: ActorKey = signer.kind === 'agent' ? `agent:${signer.agentId}` : `participant:${signer.participantId}`;
    const downloaded = (detail: string) => this.ctx.log.commit(() => this.desk.audit(itemId, { actor: by, event: 'downloaded', detail, evidence, authMethod: null }));
    if (doc.row.sealed_key) {
      downloaded('sealed');
      return ok({ key: doc.row.sealed_key, name: `${base} (sealed).pdf` });
    }
    const original = await this.ctx.env.FILES.get(doc.row.pdf_key);
    if (!original) return notFound('document file');
    const { flattenDocument } = await import('../documents/flatten');
    const { values, attachmentNames } = this.desk.valuesOf(doc);
    const bytes = await flattenDocument(new Uint8Array(await original.arrayBuffer()), doc.fields, values, { attachmentNames });
    downloaded('current state');
    return ok({ bytes, name: `${base} (in progress).pdf` });
  }

  /** The original PDF, to render pages under the field overlays (the look is recorded as "viewed", not as a download). */
  async original(actor: Actor, itemId: string): Promise<Result<{ key: string; name: string }>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    return ok({ key: found.value.doc.row.pdf_key, name: `${found.value.doc.item.name}.pdf` });
  }

  async audit(actor: AgentActor, itemId: string): Promise<Result<AuditTrail>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    return ok(this.desk.auditTrail(itemId));
  }

  /** The session's status, when it still takes new documents. */
  private async sendable(actor: AgentActor): Promise<Result<'planned' | 'active'>> {
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    const status = s.value.status;
    if (status === 'ended' || status === 'closed') return fail(409, 'session_over', `the session is ${status}; renew it before sending documents`);
    return ok(status);
  }

  /**
   * Insert a document item; runs inside a change. Released, it goes out at
   * once; otherwise it waits as a draft (a pre-planned session, or a batch
   * document before its turn).
   */
  private insert(id: string, input: AddDocumentInput & { batch?: { id: string; position: number } }, assignments: Record<string, string>, by: ActorKey, opts: { release: boolean }): void {
    const { store, log } = this.ctx;
    const assignees = Object.values(assignments).filter((who) => who !== 'agent');
    store.insertItem({ id, kind: input.source === 'template' ? 'template_document' : 'adhoc_document', name: input.name, status: 'draft', assignees, thread_id: null, created_by: by, created_at: now() });
    this.desk.insert({ ...input, itemId: id, assignments });
    this.desk.prefill(id, input.prefill ?? {}, by);
    log.emit('item.created', by, 'all', { item: itemView(store.item(id)!) });
    if (opts.release) this.desk.release(id, by, { batchTurn: true });
    this.items.refreshCompletion(by);
  }

  private async find(actor: Actor, itemId: string, opts: { act?: boolean } = {}): Promise<Result<{ doc: LoadedDocument; signer: Signer }>> {
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    const doc = this.desk.load(itemId);
    if (!doc) return notFound('document');
    if (actor.kind === 'agent') return ok({ doc, signer: { kind: 'agent', agentId: actor.agentId } });
    if (!this.ctx.access.canSeeThread(actor, doc.item.thread_id) || doc.item.status === 'draft' || doc.item.status === 'awaiting_agent') return notFound('document');
    if (opts.act) {
      const denied = this.ctx.access.requireFullAccess(who.value.access!);
      if (denied) return denied;
    }
    return ok({ doc, signer: { kind: 'participant', participantId: actor.participantId } });
  }

  private hasConsented(actor: Actor): boolean {
    return actor.kind === 'agent' || this.ctx.store.participant(actor.participantId)?.consent_at != null;
  }
}
