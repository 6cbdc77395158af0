// Documents in the room: sending a template or an ad hoc PDF (alone or as a
// batch), showing it to whoever may see it, filling, signing, declining,
// approving and downloading. Each call checks who is asking, then hands the
// rules to the document desk; the last signature seals the document.
import { now } from '../clock';
import type { ActorKey } from '../contract/events';
import type { AuditTrail, DocumentItemView } from '../contract/documents';
import type { ItemView } from '../contract/session';
import type { FieldValue } from '../domain/fields';
import { fromBase64, newId } from '../auth/crypto';
import { fail, notFound, ok, type Result } from '../errors';
import { agentKey, type Actor, type AgentActor, type ParticipantActor } from './actors';
import type { RoomContext } from './context';
import type { DocumentDesk, DocumentSource, Evidence, LoadedDocument, Signer } from './document-desk';
import type { Items, ItemPlacement } from './items';
import { planParticipantList, type RoleChoice } from './participant-list';
import type { ContactInput, NewParticipant, Participants } from './participants';
import { assignFirst, recordRoleRequests, RoleRequests } from './role-requests';
import type { Sealing } from './sealing';
import { itemViewOf } from './views';

export interface AddDocumentInput extends DocumentSource {
  /**
   * The participant list: role name → participant id or "agent", a new
   * participant's contact, or left for the customer to assign
   * (room/participant-list.ts). Customer and Agent default to the customer and the agent.
   */
  roles?: Record<string, RoleChoice> | undefined;
  /** Values the document starts with (defaults and CRM merge values), already checked. */
  prefill?: Record<string, FieldValue> | undefined;
}

export type DocumentFile = { name: string } & ({ key: string } | { bytes: Uint8Array });

/** A document ready to insert: its participant list checked, the roles resolved. */
export interface PreparedDocument {
  input: AddDocumentInput;
  assignments: Record<string, string>;
  newcomers: NewParticipant[];
  leftToCustomer: { role: string; required: boolean }[];
}

export class Documents {
  /** The Assign step and "My contacts": roles the agent left to the customer. */
  readonly roleRequests: RoleRequests;

  constructor(
    private readonly ctx: RoomContext,
    private readonly desk: DocumentDesk,
    private readonly items: Items,
    private readonly sealing: Sealing,
    private readonly participants: Participants,
  ) {
    this.roleRequests = new RoleRequests(ctx, desk, participants);
  }

  /** Send a document (from a template or uploaded ad hoc) as an item. */
  async add(actor: AgentActor, input: AddDocumentInput): Promise<Result<DocumentItemView>> {
    const s = await this.sendable(actor);
    if (!s.ok) return s;
    const prepared = await this.checkParticipantLists([input]);
    if (!prepared.ok) return prepared;
    const doc = prepared.value[0]!;
    const id = newId('itm');
    const by = agentKey(actor.agentId);
    this.ctx.log.commit(() => {
      this.participants.insertNew(doc.newcomers, by);
      this.insert(id, doc.input, doc.assignments, by, { release: s.value !== 'planned' });
      recordRoleRequests(this.ctx.store, id, doc.leftToCustomer, this.ctx.store.primary().id);
    });
    // The new participants are invited with the document (a planned session invites them as it starts).
    const invited = await this.participants.inviteNew(doc.newcomers.map((p) => p.id), by);
    this.ctx.publisher.soon();
    if (!invited.ok) return invited;
    return ok({ item: itemViewOf(this.ctx.store, this.ctx.store.item(id)!), document: this.desk.view(this.desk.load(id)!, { kind: 'agent', agentId: actor.agentId }) });
  }

  /** A batch: several documents as one item, completed in the given order, each unlocking when the one before is done. */
  async addBatch(actor: AgentActor, name: string, documents: AddDocumentInput[]): Promise<Result<{ batch: ItemView; documents: ItemView[] }>> {
    const s = await this.sendable(actor);
    if (!s.ok) return s;
    const prepared = await this.checkParticipantLists(documents);
    if (!prepared.ok) return prepared;
    const resolved = prepared.value.map((d) => d.assignments);
    const newcomers = prepared.value.flatMap((d) => d.newcomers);
    const { store, log } = this.ctx;
    const batchId = newId('itm');
    const ids = documents.map(() => newId('itm'));
    const by = agentKey(actor.agentId);
    const planned = s.value === 'planned';
    log.commit(() => {
      this.participants.insertNew(newcomers, by);
      const assignees = resolved.flatMap((a) => Object.values(a)).filter((who) => who !== 'agent');
      store.insertItem({ id: batchId, kind: 'batch', name, status: planned ? 'draft' : 'sent', assignees, thread_id: null, created_by: by, created_at: now() });
      log.emit('item.created', by, 'all', { item: itemViewOf(store, store.item(batchId)!) });
      prepared.value.forEach((d, i) => {
        this.insert(ids[i]!, { ...d.input, batch: { id: batchId, position: i + 1 } }, resolved[i]!, by, { release: !planned && i === 0 });
        recordRoleRequests(store, ids[i]!, d.leftToCustomer, store.primary().id);
      });
    });
    // Everyone new is invited now, the people of later documents too: their document shows in their room once it unlocks.
    const invited = await this.participants.inviteNew(newcomers.map((p) => p.id), by);
    this.ctx.publisher.soon();
    if (!invited.ok) return invited;
    return ok({ batch: itemViewOf(store, store.item(batchId)!), documents: ids.map((id) => itemViewOf(store, store.item(id)!)) });
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
    return ok({ item: itemViewOf(this.ctx.store, doc.item), document: this.desk.view(doc, signer) });
  }

  async fill(actor: Actor, itemId: string, fieldId: string, value: FieldValue, evidence: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.find(actor, itemId, { act: true });
    if (!found.ok) return found;
    const owed = actor.kind === 'participant' ? assignFirst(this.ctx.store, itemId, actor.participantId) : null;
    if (owed) return owed;
    const r = this.desk.fill(found.value.doc, found.value.signer, fieldId, value, evidence, this.hasConsented(actor));
    if (!r.ok) return r;
    this.ctx.publisher.soon();
    return this.view(actor, itemId);
  }

  /** The signer (customer, co-signer, or the agent signing as agent) finishes their part; the last one seals it. */
  async complete(actor: Actor, itemId: string, evidence: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.find(actor, itemId, { act: true });
    if (!found.ok) return found;
    const owed = actor.kind === 'participant' ? assignFirst(this.ctx.store, itemId, actor.participantId) : null;
    if (owed) return owed;
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
    const added = await this.participants.add(actor, { roleName: 'Approver', ...approver }, 'body.approver');
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

  /**
   * A drawn signature or initials as its PNG, for whoever may see the
   * document (limited access too): the document's view says only "drawn",
   * never the image data, and the pages show the drawing from here.
   */
  async fieldImage(actor: Actor, itemId: string, fieldId: string): Promise<Result<Uint8Array>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    const value = found.value.doc.values.get(fieldId)?.value;
    if (value?.kind !== 'drawn') return notFound('drawn field value');
    return ok(fromBase64(value.png));
  }

  async audit(actor: AgentActor, itemId: string): Promise<Result<AuditTrail>> {
    const found = await this.find(actor, itemId);
    if (!found.ok) return found;
    return ok(this.desk.auditTrail(itemId));
  }

  /**
   * Check the documents' participant lists, all of them before anything is
   * created: a new participant's contact under the org's channel rules, the
   * session's room for the newcomers, every required role resolved. In a
   * batch, a refusal names the document ("documents.1.roles.Cosigner…").
   */
  private async checkParticipantLists(documents: AddDocumentInput[]): Promise<Result<PreparedDocument[]>> {
    const settings = await this.ctx.directory.settings();
    const primaryId = this.ctx.store.primary().id;
    const out: PreparedDocument[] = [];
    const where = (i: number) => (documents.length > 1 ? `documents.${i}.` : '');
    // In a batch, one role given the same contact in several documents is one person: one
    // participant, one link, one invitation, assigned in each of those documents.
    const newcomerIds = new Map<string, string>();
    for (const [i, d] of documents.entries()) {
      const plan = planParticipantList(d.definition, d.roles, settings);
      if (!plan.ok) return { ...plan, message: where(i) + plan.message };
      const { given, leftToCustomer, definition } = plan.value;
      const newcomers = plan.value.newcomers.filter((p) => {
        const earlier = newcomerIds.get(samePerson(p));
        if (earlier === undefined) newcomerIds.set(samePerson(p), p.id);
        else given[p.roleName] = earlier;
        return earlier === undefined;
      });
      const assignments = this.desk.resolveAssignments(definition, given, primaryId, {
        newcomers: new Set(newcomerIds.values()),
        leftToCustomer: new Set(leftToCustomer.map((r) => r.role)),
      });
      if (!assignments.ok) return { ...assignments, message: where(i) + assignments.message };
      out.push({ input: { ...d, definition }, assignments: assignments.value, newcomers, leftToCustomer });
    }
    const full = this.participants.roomFor(out.reduce((n, d) => n + d.newcomers.length, 0));
    return full ?? ok(out);
  }

  /**
   * A workflow's template steps, their participant lists already made of
   * participants (and the agent): checked and resolved, nothing inserted.
   * `newcomers`: participants the workflow adds in the same change.
   */
  async prepareSteps(documents: AddDocumentInput[], newcomers: ReadonlySet<string>): Promise<Result<PreparedDocument[]>> {
    const primaryId = this.ctx.store.primary().id;
    const settings = await this.ctx.directory.settings();
    const out: PreparedDocument[] = [];
    for (const [i, d] of documents.entries()) {
      const plan = planParticipantList(d.definition, d.roles, settings);
      if (!plan.ok) return { ...plan, message: `steps.${i}.${plan.message}` };
      const assignments = this.desk.resolveAssignments(plan.value.definition, plan.value.given, primaryId, { newcomers: new Set(newcomers), leftToCustomer: new Set() });
      if (!assignments.ok) return { ...assignments, message: `steps.${i}.${assignments.message}` };
      out.push({ input: { ...d, definition: plan.value.definition }, assignments: assignments.value, newcomers: [], leftToCustomer: [] });
    }
    return ok(out);
  }

  /** Insert a workflow's template step as a draft, in its place; its workflow releases it when its turn comes. Runs inside a change. */
  insertStep(id: string, doc: PreparedDocument, placement: ItemPlacement, by: ActorKey): void {
    this.insert(id, doc.input, doc.assignments, by, { release: false, placement });
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
  private insert(
    id: string,
    input: AddDocumentInput & { batch?: { id: string; position: number } },
    assignments: Record<string, string>,
    by: ActorKey,
    opts: { release: boolean; placement?: ItemPlacement },
  ): void {
    const { store, log } = this.ctx;
    const assignees = Object.values(assignments).filter((who) => who !== 'agent');
    store.insertItem({
      id,
      kind: input.source === 'template' ? 'template_document' : 'adhoc_document',
      name: input.name,
      status: 'draft',
      assignees,
      thread_id: null,
      created_by: by,
      created_at: now(),
      placement: opts.placement ?? null,
    });
    this.desk.insert({ ...input, itemId: id, assignments });
    this.desk.prefill(id, input.prefill ?? {}, by);
    log.emit('item.created', by, 'all', { item: itemViewOf(store, store.item(id)!) });
    if (opts.release) this.desk.release(id, by, { batchTurn: true });
    this.items.refreshCompletion(by);
  }

  private async find(actor: Actor, itemId: string, opts: { act?: boolean } = {}): Promise<Result<{ doc: LoadedDocument; signer: Signer }>> {
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    const doc = this.desk.load(itemId);
    if (!doc) return notFound('document');
    if (actor.kind === 'agent') return ok({ doc, signer: { kind: 'agent', agentId: actor.agentId } });
    if (!this.ctx.access.canSeeItem(actor, doc.item)) return notFound('document');
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

/** A new participant's role and contact as one key: equal keys in a batch's documents are the same person. */
function samePerson(p: NewParticipant): string {
  return JSON.stringify([p.roleName, p.name.trim(), p.email?.toLowerCase() ?? null, p.phone ?? null]);
}
