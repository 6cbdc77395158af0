// The rules of documents inside a session: who fills which field when,
// values checked on the server, roles completing in their signing order,
// batches unlocking in turn, approvals, and the hash-chained audit trail.
// documents.ts is the room's entry to them; sealing.ts makes the final PDF.
import { checkValue, type FieldDef, type FieldValue, type PageSize } from '../domain/fields';
import { AGENT_ROLE, CUSTOMER_ROLE, rolesThatMayAct, requiredFieldsOf, type DocumentDefinition, type RoleDef } from '../domain/document-definition';
import { appendAudit, auditTrail, type AuditFact, type Evidence } from './audit-log';
import type { ActorKey } from '../contract/events';
import type { DocumentView, PublicFieldValue } from '../contract/documents';
import type { ItemSignerView } from '../contract/session';
import type { ItemStatus } from '../domain/item-status';
import { DOCUMENT_KINDS } from '../domain/catalogue';
import { fail, notFound, ok, type Result } from '../errors';
import { now } from '../clock';
import { agentKey, participantKey } from './actors';
import type { RoomContext } from './context';
import type { Items } from './items';
import { participantAuthMethod } from './otp';
import type { DocumentRow, ItemRow, RoomStore } from './store';
import { signerList } from './signers';
import { timerKey } from './timers';
import { itemViewOf, sealingView } from './views';

/** Who acts on a document: a participant by id, or the session's agent. */
export type Signer = { kind: 'participant'; participantId: string } | { kind: 'agent'; agentId: string };

export type { Evidence } from './audit-log';

/** Where a document comes from: its PDF, its fields and roles, the template version it was sent from. */
export interface DocumentSource {
  name: string;
  source: 'template' | 'adhoc';
  templateId: string | null;
  templateVersion: number | null;
  pdfKey: string;
  originalSha256: string;
  pages: PageSize[];
  definition: DocumentDefinition;
}

export interface NewDocument extends DocumentSource {
  itemId: string;
  /** Role name → participant id, or "agent". */
  assignments: Record<string, string>;
  /** In a batch: the batch item and this document's place (1-based) in its order. */
  batch?: { id: string; position: number } | undefined;
}

/** What the desk needs besides the room's context. */
export interface DeskDeps {
  items: Items;
  /** The name of a file sent in this session, or null when there is none by that id. */
  fileName(fileId: string): string | null;
}

/** A document as its rules see it. */
export interface LoadedDocument {
  row: DocumentRow;
  item: ItemRow;
  fields: FieldDef[];
  roles: RoleDef[];
  assignments: Record<string, string>;
  done: Set<string>;
  values: Map<string, { value: FieldValue; filledBy: string; filledAt: number }>;
}

export class DocumentDesk {
  constructor(
    private readonly ctx: RoomContext,
    private readonly deps: DeskDeps,
  ) {}

  /**
   * Check roles against the session's participants: every required role
   * assigned, each to someone real. `pending` names the sender's participant
   * list: `newcomers`, participants it adds in the same change, and
   * `leftToCustomer`, roles the customer will assign (room/role-requests.ts),
   * which stay unassigned until then.
   */
  resolveAssignments(
    def: DocumentDefinition,
    given: Record<string, string> | undefined,
    primaryId: string,
    pending: { newcomers?: ReadonlySet<string>; leftToCustomer?: ReadonlySet<string> } = {},
  ): Result<Record<string, string>> {
    const assignments: Record<string, string> = {};
    for (const role of def.roles) {
      if (pending.leftToCustomer?.has(role.name)) continue;
      const explicit = given?.[role.name];
      const who = explicit ?? (role.name === CUSTOMER_ROLE ? primaryId : role.name === AGENT_ROLE ? 'agent' : undefined);
      if (who === undefined) {
        if (role.required) return fail(422, 'role_unassigned', `roles.${role.name}: this role is required; assign a participant (or "agent"), give a contact, or leave it for the customer to assign`);
        continue;
      }
      if (who !== 'agent' && !pending.newcomers?.has(who) && !this.ctx.store.participant(who)) return fail(422, 'invalid_assignment', `roles.${role.name}: no participant ${who} in this session`);
      assignments[role.name] = who;
    }
    for (const name of Object.keys(given ?? {})) {
      if (!def.roles.some((r) => r.name === name)) return fail(422, 'invalid_assignment', `roles.${name}: the document has no such role`);
    }
    return ok(assignments);
  }

  /** Insert the document row for a new item; the caller inserts the item in the same commit. */
  insert(doc: NewDocument): void {
    this.ctx.store.insertDocument({
      item_id: doc.itemId,
      source: doc.source,
      template_id: doc.templateId,
      template_version: doc.templateVersion,
      pdf_key: doc.pdfKey,
      original_sha256: doc.originalSha256,
      pages: JSON.stringify(doc.pages),
      fields: JSON.stringify(doc.definition.fields),
      roles: JSON.stringify(doc.definition.roles),
      signing_order: doc.definition.signingOrder,
      assignments: JSON.stringify(doc.assignments),
      batch_id: doc.batch?.id ?? null,
      batch_position: doc.batch?.position ?? null,
    });
  }

  /** Store a new document's starting values (defaults, CRM merge values). Runs inside commit(). */
  prefill(itemId: string, values: Record<string, FieldValue>, actor: ActorKey): void {
    const at = now();
    for (const [fieldId, value] of Object.entries(values)) {
      this.ctx.store.insertFieldValue({ item_id: itemId, field_id: fieldId, value: JSON.stringify(value), filled_by: actor, filled_at: at });
    }
    if (Object.keys(values).length) {
      this.audit(itemId, { actor, event: 'prefilled', detail: Object.keys(values).join(', '), evidence: { ip: null, userAgent: null }, authMethod: null });
    }
  }

  /** The status a document goes out in: the agent fills their part first when their role leads. */
  releasedStatus(def: Pick<DocumentDefinition, 'roles' | 'signingOrder'>, assignments: Record<string, string>): ItemStatus {
    const first = rolesThatMayAct(def, Object.keys(assignments), new Set());
    return first.length > 0 && first.every((r) => assignments[r] === 'agent') ? 'awaiting_agent' : 'sent';
  }

  /**
   * A draft goes out (the session was invited, or the batch document before
   * it completed). Runs inside commit(). A batch document waits as a draft
   * until its turn: only the first of a batch is released with the session.
   */
  release(itemId: string, actor: ActorKey, opts: { batchTurn?: boolean } = {}): void {
    const item = this.ctx.store.item(itemId);
    if (!item || item.status !== 'draft') return;
    // A workflow's step waits for its turn (room/workflows.ts), whatever releases the session's drafts.
    if (item.parent_id !== null && !opts.batchTurn) return;
    const doc = this.load(itemId);
    if (!doc) return this.setStatus(item, 'sent', actor);
    if ((doc.row.batch_position ?? 1) > 1 && !opts.batchTurn) return;
    this.setStatus(item, this.releasedStatus({ roles: doc.roles, signingOrder: doc.row.signing_order }, doc.assignments), actor);
    this.audit(itemId, { actor, event: 'sent', detail: item.name, evidence: { ip: null, userAgent: null }, authMethod: null });
  }

  /** After a batch document completes: the next one unlocks, or the batch is complete. Runs inside commit(). */
  advanceBatch(doc: LoadedDocument): void {
    if (!doc.row.batch_id) return;
    const next = this.ctx.store.batchDocumentAt(doc.row.batch_id, (doc.row.batch_position ?? 0) + 1);
    const batch = this.ctx.store.item(doc.row.batch_id);
    if (!batch) return;
    if (next) {
      this.release(next, 'system', { batchTurn: true });
      if (batch.status === 'sent' || batch.status === 'opened') this.setStatus(batch, 'in_progress', 'system');
    } else {
      this.setStatus(batch, 'completed', 'system');
    }
  }

  /** A batch document was declined: the batch stops there. Runs inside commit(). */
  declineBatch(doc: LoadedDocument, reason: string, actor: ActorKey): void {
    const batch = doc.row.batch_id ? this.ctx.store.item(doc.row.batch_id) : null;
    if (!batch) return;
    this.ctx.store.setItemReason(batch.id, `${doc.item.name}: ${reason}`);
    this.setStatus(batch, 'declined', actor);
  }

  load(itemId: string): LoadedDocument | null {
    const row = this.ctx.store.document(itemId);
    const item = this.ctx.store.item(itemId);
    if (!row || !item) return null;
    const values = new Map<string, { value: FieldValue; filledBy: string; filledAt: number }>();
    for (const v of this.ctx.store.fieldValues(itemId)) {
      values.set(v.field_id, { value: JSON.parse(v.value) as FieldValue, filledBy: v.filled_by, filledAt: v.filled_at });
    }
    return {
      row,
      item,
      fields: JSON.parse(row.fields) as FieldDef[],
      roles: JSON.parse(row.roles) as RoleDef[],
      assignments: JSON.parse(row.assignments) as Record<string, string>,
      done: new Set(JSON.parse(row.roles_done) as string[]),
      values,
    };
  }

  isDocument(item: ItemRow): boolean {
    return DOCUMENT_KINDS.has(item.kind);
  }

  /** Roles this signer holds on the document. */
  rolesOf(doc: LoadedDocument, signer: Signer): string[] {
    const key = signer.kind === 'agent' ? 'agent' : signer.participantId;
    return Object.entries(doc.assignments)
      .filter(([, who]) => who === key)
      .map(([role]) => role);
  }

  /** Roles whose turn it is now. */
  rolesActingNow(doc: LoadedDocument): string[] {
    return rolesThatMayAct({ roles: doc.roles, signingOrder: doc.row.signing_order }, Object.keys(doc.assignments), doc.done);
  }

  /** A signer's first look at a sent document. */
  markViewed(doc: LoadedDocument, signer: Signer, evidence: Evidence): void {
    const actor = actorKey(signer);
    this.ctx.log.commit(() => {
      this.audit(doc.item.id, { actor, event: 'viewed', detail: null, evidence, authMethod: authMethodOf(signer, this.ctx.store) });
      this.setStatus(doc.item, 'opened', actor);
    });
  }

  /** Documents not yet sealed on which this participant holds a role. */
  openDocumentsOf(participantId: string): string[] {
    return this.ctx.store
      .unsealedAssignments()
      .filter((d) => Object.values(JSON.parse(d.assignments) as Record<string, string>).includes(participantId))
      .map((d) => d.item_id);
  }

  /** Fill one field, as the signer who owns it, in their turn. */
  fill(doc: LoadedDocument, signer: Signer, fieldId: string, value: FieldValue, evidence: Evidence, consented: boolean): Result<null> {
    const field = doc.fields.find((f) => f.id === fieldId);
    if (!field) return notFound('field');
    const state = this.actable(doc, signer, field.role);
    if (!state.ok) return state;
    if ((field.type === 'signature' || field.type === 'initials') && !consented) {
      return fail(409, 'consent_required', 'consent to do business electronically before you sign');
    }
    const checked = checkValue(field, value);
    if (!checked.ok) return fail(422, 'invalid_value', `value: ${field.label ?? field.id} ${checked.message}`);
    // A file the signer cannot download (another participant's private session) is answered as one
    // that does not exist, as downloads answer it: its id reveals nothing.
    if (value.kind === 'file' && !this.signerSeesFile(signer, value.fileId)) {
      return fail(422, 'invalid_value', `value: no file ${value.fileId} was sent in this session; upload it first`);
    }
    const at = now();
    const actor = actorKey(signer);
    this.ctx.log.commit(() => {
      this.ctx.store.putFieldValue({ item_id: doc.item.id, field_id: field.id, value: JSON.stringify(checked.value), filled_by: actor, filled_at: at });
      const event = field.type === 'signature' || field.type === 'initials' ? `${field.type}_added` : 'field_filled';
      this.audit(doc.item.id, { actor, event, detail: field.id, evidence, authMethod: authMethodOf(signer, this.ctx.store) });
      if (signer.kind === 'participant' && (doc.item.status === 'sent' || doc.item.status === 'opened')) this.setStatus(doc.item, 'in_progress', actor);
    });
    return ok(null);
  }

  /** Whether a file was sent in this session where the signer can see it: the rule of downloads (Chat.file). */
  private signerSeesFile(signer: Signer, fileId: string): boolean {
    const sent = this.ctx.store.messageWithFile(fileId);
    return sent !== null && this.ctx.access.canSeeThread(signer, sent.thread_id);
  }

  /** The signer finishes their role(s): every required field filled. Returns whether the document is now complete. */
  complete(doc: LoadedDocument, signer: Signer, evidence: Evidence, consented: boolean): Result<{ allDone: boolean }> {
    const mine = this.rolesOf(doc, signer).filter((r) => !doc.done.has(r));
    if (mine.length === 0) return fail(409, 'nothing_to_sign', 'you have nothing left to complete on this document');
    const now_ = this.rolesActingNow(doc);
    const turn = mine.filter((r) => now_.includes(r));
    if (turn.length === 0) return fail(409, 'not_your_turn', `it is not your turn yet: ${now_.join(', ')} must complete first`);
    if (signer.kind === 'participant' && !consented) return fail(409, 'consent_required', 'consent to do business electronically before you sign');
    const blocked = this.blockedStatus(doc.item.status);
    if (blocked) return blocked;
    const missing = turn.flatMap((r) => requiredFieldsOf(doc.fields, r)).filter((f) => f.type !== 'date_signed' && !doc.values.has(f.id));
    if (missing.length) {
      return fail(422, 'fields_missing', `fill these required fields first: ${missing.map((f) => f.label ?? f.id).join(', ')}`);
    }
    const at = now();
    const actor = actorKey(signer);
    const done = new Set([...doc.done, ...turn]);
    // A role the customer has still to assign holds the document open while it is required;
    // an optional one still undecided is left out (routing without it), like a skipped one.
    const waiting = this.ctx.store.pendingRoleRequests(doc.item.id);
    const allDone = doc.roles.every((r) => done.has(r.name) || (doc.assignments[r.name] === undefined && !waiting.some((w) => w.role_name === r.name && w.required === 1)));
    this.ctx.log.commit(() => {
      for (const f of doc.fields.filter((f) => f.type === 'date_signed' && turn.includes(f.role))) {
        const value: FieldValue = { kind: 'text', text: new Date(at).toISOString().slice(0, 10) };
        this.ctx.store.putFieldValue({ item_id: doc.item.id, field_id: f.id, value: JSON.stringify(value), filled_by: actor, filled_at: at });
      }
      this.ctx.store.setRolesDone(doc.item.id, [...done]);
      // Complete without them: an optional role the customer never got to is no longer asked for.
      if (allDone) for (const w of waiting) this.ctx.store.roleSkipped(doc.item.id, w.role_name, at);
      this.audit(doc.item.id, { actor, event: 'signed', detail: turn.join(', '), evidence, authMethod: authMethodOf(signer, this.ctx.store) });
      // Whose turn it is changed even when the item's status does not: say so live.
      this.ctx.log.emit('document.signed', actor, this.ctx.access.audienceOf(doc.item.thread_id), { item: itemViewOf(this.ctx.store, this.ctx.store.item(doc.item.id)!), roles: turn });
      this.deps.items.refreshCompletion(actor);
      // The agent's part done first ("agent details"): now the document reaches the customer.
      if (doc.item.status === 'awaiting_agent') this.setStatus(doc.item, 'sent', actor);
      else if (!allDone && (doc.item.status === 'sent' || doc.item.status === 'opened')) this.setStatus(doc.item, 'in_progress', actor);
    });
    return ok({ allDone });
  }

  decline(doc: LoadedDocument, signer: Extract<Signer, { kind: 'participant' }>, reason: string, evidence: Evidence): Result<null> {
    if (this.rolesOf(doc, signer).length === 0) return fail(403, 'not_assignee', 'this document is addressed to another participant');
    const blocked = this.blockedStatus(doc.item.status);
    if (blocked) return blocked;
    const actor = actorKey(signer);
    this.ctx.log.commit(() => {
      this.audit(doc.item.id, { actor, event: 'declined', detail: reason, evidence, authMethod: authMethodOf(signer, this.ctx.store) });
      this.ctx.store.setItemReason(doc.item.id, reason);
      this.setStatus(doc.item, 'declined', actor);
      this.declineBatch(doc, reason, actor);
    });
    return ok(null);
  }

  /** Whether the document can go out for approval: only once completed. */
  forwardable(doc: LoadedDocument): Result<null> {
    if (doc.item.status === 'completed') return ok(null);
    return fail(409, 'not_completed', `only a completed document can be forwarded for approval (this one is ${doc.item.status.replace('_', ' ')})`);
  }

  /** Forward a completed document (checked with forwardable) to its approver. */
  forward(doc: LoadedDocument, approverId: string, agentId: string): void {
    const actor = agentKey(agentId);
    this.ctx.log.commit(() => {
      this.ctx.store.setApprover(doc.item.id, approverId);
      const assignees = JSON.parse(doc.item.assignees) as string[];
      this.ctx.store.setItemAssignees(doc.item.id, [...new Set([...assignees, approverId])]);
      this.audit(doc.item.id, { actor, event: 'forwarded_for_approval', detail: approverId, evidence: { ip: null, userAgent: null }, authMethod: 'agent sign-in' });
      this.setStatus(this.ctx.store.item(doc.item.id)!, 'pending_approval', actor);
    });
  }

  /** The approver approves, or declines with a reason. */
  decideApproval(doc: LoadedDocument, approverId: string, decision: 'approve' | 'decline', reason: string | undefined, evidence: Evidence): Result<null> {
    if (doc.row.approver_id !== approverId) return fail(403, 'not_approver', 'this document was not forwarded to you for approval');
    if (doc.item.status !== 'pending_approval') return fail(409, 'not_pending', `the approval is already decided (${doc.item.status.replace('_', ' ')})`);
    if (decision === 'decline' && !reason) return fail(422, 'reason_required', 'reason: give a reason to decline');
    const actor = participantKey(approverId);
    this.ctx.log.commit(() => {
      this.audit(doc.item.id, { actor, event: decision === 'approve' ? 'approved' : 'approval_declined', detail: reason ?? null, evidence, authMethod: authMethodOf({ kind: 'participant', participantId: approverId }, this.ctx.store) });
      if (reason) this.ctx.store.setItemReason(doc.item.id, reason);
      this.setStatus(doc.item, decision === 'approve' ? 'approved' : 'approval_declined', actor);
    });
    return ok(null);
  }

  /** Record the sealed file: the item is completed, and its sealing tries and retry timer are done with. Call timers.arm() after. */
  recordSealed(doc: LoadedDocument, sealed: { key: string; sha256: string }, finalSha256: string): void {
    const at = now();
    this.ctx.log.commit(() => {
      this.ctx.store.setSealed(doc.item.id, sealed, at);
      this.ctx.store.clearSealAttempts(doc.item.id);
      this.ctx.timers.clear({ kind: 'seal', subject: doc.item.id });
      this.audit(doc.item.id, { actor: 'system', event: 'completed', detail: `content ${finalSha256}`, evidence: { ip: null, userAgent: null }, authMethod: null, docHash: sealed.sha256 });
      this.setStatus(this.ctx.store.item(doc.item.id)!, 'completed', 'system');
      this.advanceBatch(doc);
    });
  }

  /** Append an entry to the document's hash-chained audit trail, about its current content unless told. Runs inside a change. */
  audit(itemId: string, e: Omit<AuditFact, 'docHash'> & { docHash?: string | null }): void {
    const row = this.ctx.store.document(itemId)!;
    appendAudit(this.ctx.store, itemId, { ...e, docHash: e.docHash ?? row.sealed_sha256 ?? row.original_sha256 });
  }

  auditTrail(itemId: string) {
    return auditTrail(this.ctx.store, itemId);
  }

  /** The values by field id, and the names of files attached in them. */
  valuesOf(doc: LoadedDocument): { values: Record<string, FieldValue>; attachmentNames: Record<string, string> } {
    const values = Object.fromEntries([...doc.values].map(([id, v]) => [id, v.value]));
    const attachmentNames: Record<string, string> = {};
    for (const v of Object.values(values)) {
      if (v.kind === 'file') attachmentNames[v.fileId] = this.deps.fileName(v.fileId) ?? v.fileId;
    }
    return { values, attachmentNames };
  }

  /** The document as a signer (or the agent) sees it. */
  view(doc: LoadedDocument, signer: Signer | null): DocumentView {
    const mine = signer ? this.rolesOf(doc, signer) : [];
    const acting = this.rolesActingNow(doc);
    const signers = new Map(this.signersOf(doc).map((s) => [s.role, s]));
    return {
      itemId: doc.item.id,
      name: doc.item.name,
      status: doc.item.status,
      source: doc.row.source as DocumentView['source'],
      template: doc.row.template_id ? { id: doc.row.template_id, version: doc.row.template_version } : null,
      batch: doc.row.batch_id ? { id: doc.row.batch_id, position: doc.row.batch_position } : null,
      pages: JSON.parse(doc.row.pages) as PageSize[],
      signingOrder: doc.row.signing_order,
      roles: doc.roles.map((r) => {
        const who = doc.assignments[r.name] ?? null;
        return {
          name: r.name,
          required: r.required,
          assigned: who,
          pending: signers.get(r.name)?.pending ?? false,
          // The co-signers window: each holder's public status (never contact details, whoever asks).
          participant: who && who !== 'agent' ? this.ctx.views.participantPublic(who) : null,
          done: doc.done.has(r.name),
          doneAt: signers.get(r.name)?.doneAt ?? null,
          actingNow: acting.includes(r.name),
        };
      }),
      myRoles: mine,
      myTurn: mine.some((r) => acting.includes(r) && !doc.done.has(r)),
      fields: doc.fields.map((f) => ({ ...f, mine: mine.includes(f.role), value: publicValue(doc.values.get(f.id)?.value) })),
      originalSha256: doc.row.original_sha256,
      sealed: doc.row.sealed_sha256 ? { sha256: doc.row.sealed_sha256, at: new Date(doc.row.sealed_at!).toISOString() } : null,
      // Why it is not sealed yet is for agents: a participant sees the document signed, and then sealed.
      sealing: signer?.kind === 'agent' ? this.sealingOf(doc.item.id) : null,
      approval: doc.row.approver_id
        ? { approverId: doc.row.approver_id, mine: signer?.kind === 'participant' && signer.participantId === doc.row.approver_id, status: doc.item.status }
        : null,
    };
  }

  /** The document's signers (room/signers.ts), from what is loaded plus its signings and pending Assign-step roles. */
  private signersOf(doc: LoadedDocument): ItemSignerView[] {
    const { store } = this.ctx;
    return signerList({ roles: doc.roles, assignments: doc.assignments, done: doc.done, signings: store.signedEntries(doc.item.id), pending: new Set(store.pendingRoleRequests(doc.item.id).map((r) => r.role_name)), acting: new Set(this.rolesActingNow(doc)) });
  }

  /** The sealing tries of a signed document not sealed yet, or null. */
  sealingOf(itemId: string): DocumentView['sealing'] {
    const tries = this.ctx.store.sealAttempts(itemId);
    return tries ? sealingView(tries, this.ctx.store.timerDue(timerKey({ kind: 'seal', subject: itemId }))) : null;
  }

  private actable(doc: LoadedDocument, signer: Signer, role: string): Result<null> {
    if (!this.rolesOf(doc, signer).includes(role)) return fail(403, 'not_your_field', `this field belongs to the ${role}`);
    if (doc.done.has(role)) return fail(409, 'already_signed', `the ${role} has already completed this document`);
    const blocked = this.blockedStatus(doc.item.status);
    if (blocked) return blocked;
    const acting = this.rolesActingNow(doc);
    if (!acting.includes(role)) return fail(409, 'not_your_turn', `it is not your turn yet: ${acting.join(', ')} must complete first`);
    return ok(null);
  }

  private blockedStatus(status: ItemStatus) {
    if (status === 'draft') return fail(409, 'not_sent', 'the document has not been sent yet');
    if (['sent', 'opened', 'in_progress', 'awaiting_agent'].includes(status)) return null;
    return fail(409, 'document_closed', `the document is ${status.replace('_', ' ')}`);
  }

  private setStatus(item: ItemRow, to: ItemStatus, actor: ActorKey): void {
    this.deps.items.move(item, to, actor);
  }
}

function actorKey(signer: Signer): ActorKey {
  return signer.kind === 'agent' ? agentKey(signer.agentId) : participantKey(signer.participantId);
}

/** How the signer was authenticated: the agent by their CRM sign-in, a participant by a one-time code (which channel, when) or their personal link alone. */
function authMethodOf(signer: Signer, store: RoomStore): string {
  if (signer.kind === 'agent') return 'agent sign-in';
  const p = store.participant(signer.participantId);
  return p ? participantAuthMethod(p) : 'personal invitation link';
}

/** Values as shown to signers: a drawn signature is shown as "signed", never re-sent as image data. */
function publicValue(v: FieldValue | undefined): PublicFieldValue | null {
  if (!v) return null;
  if (v.kind === 'drawn') return { kind: 'drawn' };
  return v;
}
