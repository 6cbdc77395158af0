// Roles the agent left for the customer to assign. Sending such a document
// records one request per role (the assigner: the primary participant). The
// customer's Assign step answers them: a contact per role (a new participant
// with their own link, "assigned by" the customer) or, for an optional role, a
// skip (the role leaves the routing; the document completes without it).
// Until every required role is given, the customer may not fill or sign: the
// document never completes missing a mandatory signer. "My contacts" lists
// whom the customer assigned, and re-engages one until they enter.
import { newId } from '../auth/crypto';
import { now } from '../clock';
import type { AssignStepView, DocumentItemView } from '../contract/documents';
import type { MyContactView } from '../contract/session';
import { normalizePhone } from '../domain/contact';
import { localeOf } from '../i18n/locales';
import type { Settings } from '../domain/settings';
import { orgNotificationSettings } from '../directory/notification-settings-store';
import { fail, notFound, ok, type Failure, type Result } from '../errors';
import { participantKey, type ParticipantActor } from './actors';
import type { RoomContext } from './context';
import type { DocumentDesk, LoadedDocument } from './document-desk';
import { participantAuthMethod } from './otp';
import { newContactRefusal } from './participant-list';
import type { ContactInput, NewParticipant, Participants } from './participants';
import type { ParticipantRow, RoleRequestRow, RoomStore } from './store';
import { itemViewOf } from './views';

/** The customer's answer for one role: who takes it, or (optional roles only) nobody. */
export type RoleAnswer = { contact: ContactInput } | { skip: true };

/** Record the roles left to the customer when a document is sent. Runs inside the change that inserts it. */
export function recordRoleRequests(store: RoomStore, itemId: string, roles: { role: string; required: boolean }[], assignerId: string): void {
  const at = now();
  for (const r of roles) store.insertRoleRequest({ item_id: itemId, role_name: r.role, assigner_id: assignerId, required: r.required ? 1 : 0, created_at: at });
}

/**
 * Null when this participant may fill and sign the document; else 409
 * assign_first naming the required roles they have still to assign.
 */
export function assignFirst(store: RoomStore, itemId: string, participantId: string): Failure | null {
  const owed = store.pendingRoleRequests(itemId).filter((r) => r.assigner_id === participantId && r.required === 1);
  if (owed.length === 0) return null;
  const names = owed.map((r) => r.role_name).join(', ');
  return fail(409, 'assign_first', `assign who takes ${owed.length === 1 ? 'the role' : 'the roles'} ${names} first (the Assign step), then fill and sign`);
}

export class RoleRequests {
  constructor(
    private readonly ctx: RoomContext,
    private readonly desk: DocumentDesk,
    private readonly participants: Participants,
  ) {}

  /** The roles of a document waiting for this participant to assign (none: nothing to ask). */
  async step(actor: ParticipantActor, itemId: string): Promise<Result<AssignStepView>> {
    const found = await this.visibleDocument(actor, itemId, { act: false });
    if (!found.ok) return found;
    const { session } = found.value.settings;
    return ok({ ...this.stepOf(itemId, actor.participantId), channels: { smsEnabled: session.smsEnabled, otpRequired: session.otpRequired } });
  }

  /**
   * The Assign step answered: every role waiting for this participant gets a
   * contact or (optional only) a skip. All or nothing: one bad answer changes
   * nothing. The new participants are invited at once when the session is active.
   */
  async assign(actor: ParticipantActor, itemId: string, answers: Record<string, RoleAnswer>): Promise<Result<DocumentItemView>> {
    const found = await this.visibleDocument(actor, itemId, { act: true });
    if (!found.ok) return found;
    const { doc, settings } = found.value;
    const mine = this.mine(itemId, actor.participantId);
    for (const name of Object.keys(answers)) {
      if (!mine.some((r) => r.role_name === name)) return fail(422, 'invalid_assignment', `roles.${name}: there is no role by that name for you to assign on this document`);
    }
    const newcomers: NewParticipant[] = [];
    const skipped: string[] = [];
    for (const r of mine) {
      const answer = answers[r.role_name];
      if (answer === undefined || ('skip' in answer && r.required === 1)) {
        return fail(422, r.required === 1 ? 'role_required' : 'role_unanswered', `roles.${r.role_name}: ${r.required === 1 ? 'this role is required and cannot be skipped; give the name and an email address or phone number of who takes it' : 'give who takes this role, or skip it'}`);
      }
      if ('skip' in answer) {
        skipped.push(r.role_name);
        continue;
      }
      const contact = await this.checkedContact(answer.contact, settings, `roles.${r.role_name}.contact`);
      if (!contact.ok) return contact;
      // Someone the customer names likely speaks the customer's language, unless the customer said otherwise.
      const language = contact.value.language ?? localeOf(this.ctx.store.participant(actor.participantId)?.language) ?? undefined;
      newcomers.push({ id: newId('par'), roleName: r.role_name, assignedBy: actor.participantId, ...contact.value, language });
    }
    const full = this.participants.roomFor(newcomers.length);
    if (full) return full;
    // Looking up a phone prefix let other calls in: the answers stand only if these roles still wait.
    const waiting = this.mine(itemId, actor.participantId).map((r) => r.role_name);
    if (waiting.length !== mine.length || mine.some((r) => !waiting.includes(r.role_name))) {
      return fail(409, 'assignment_changed', 'these roles changed while you answered; open the document again to see who is still to be named');
    }
    const current = this.desk.load(itemId)!;

    const { store, log } = this.ctx;
    const by = participantKey(actor.participantId);
    const at = now();
    log.commit(() => {
      this.participants.insertNew(newcomers, by);
      const assignments = { ...current.assignments };
      for (const p of newcomers) {
        store.roleGiven(itemId, p.roleName, p.id);
        assignments[p.roleName] = p.id;
      }
      for (const role of skipped) store.roleSkipped(itemId, role, at);
      store.setAssignments(itemId, assignments);
      const assignees = JSON.parse(current.item.assignees) as string[];
      store.setItemAssignees(itemId, [...new Set([...assignees, ...newcomers.map((p) => p.id)])]);
      const detail = [...newcomers.map((p) => `${p.roleName}: ${p.id}`), ...skipped.map((r) => `${r}: skipped`)].join(', ');
      this.desk.audit(itemId, { actor: by, event: 'roles_assigned', detail, evidence: { ip: null, userAgent: null }, authMethod: participantAuthMethod(store.participant(actor.participantId)!) });
      log.emit('document.roles_assigned', by, this.ctx.access.audienceOf(doc.item.thread_id), {
        item: itemViewOf(store, store.item(itemId)!),
        assigned: newcomers.map((p) => p.roleName),
        skipped,
      });
    });
    const invited = await this.participants.inviteNew(
      newcomers.map((p) => p.id),
      by,
    );
    await this.ctx.publisher.now();
    if (!invited.ok) return invited;
    const after = this.desk.load(itemId)!;
    return ok({ item: itemViewOf(store, after.item), document: this.desk.view(after, { kind: 'participant', participantId: actor.participantId }) });
  }

  /** "My contacts": the participants this customer assigned, with the details they gave and how far each got. */
  async contacts(actor: ParticipantActor): Promise<Result<{ contacts: MyContactView[]; smsEnabled: boolean }>> {
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    // smsEnabled: the re-engage form asks for a phone only while text messages may be sent.
    return ok({ contacts: this.ctx.store.participantsAssignedBy(actor.participantId).map(myContactView), smsEnabled: who.value.settings.session.smsEnabled });
  }

  /**
   * Re-engage one of "My contacts": new contact details and a fresh invitation
   * (the old link stops working), until they have entered. The rules are the
   * agent's re-engage (Participants.reengage), asked by the assigner; the
   * channel rules of the Assign step apply to the new details.
   */
  async reengage(actor: ParticipantActor, participantId: string, contact: Partial<ContactInput>): Promise<Result<MyContactView>> {
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    const p = this.ctx.store.participant(participantId);
    // Someone else's participant is, to this customer, one that does not exist.
    if (!p || p.assigned_by !== actor.participantId) return notFound('participant');
    if (p.first_entered_at !== null) return fail(409, 'already_entered', `${p.name} has already entered the room; their contact details can no longer change`);
    // The channel rules (SMS off, OTP's second channel) are Participants.reengage's, for agents and customers alike.
    let given = contact;
    if (who.value.settings.session.smsEnabled && contact.phone !== undefined) {
      const phone = await this.completePhone(contact.phone, 'body.phone');
      if (!phone.ok) return phone;
      given = { ...contact, phone: phone.value };
    }
    const changed = await this.participants.reengage(actor, participantId, given);
    return changed.ok ? ok(myContactView(changed.value)) : changed;
  }

  /** Roles of a document waiting for this participant. */
  private mine(itemId: string, participantId: string): RoleRequestRow[] {
    return this.ctx.store.pendingRoleRequests(itemId).filter((r) => r.assigner_id === participantId);
  }

  private stepOf(itemId: string, participantId: string): Omit<AssignStepView, 'channels'> {
    return { itemId, roles: this.mine(itemId, participantId).map((r) => ({ name: r.role_name, required: r.required === 1 })) };
  }

  /** A document this participant can see (as documents.ts shows them); with `act`, only with full access. */
  private async visibleDocument(actor: ParticipantActor, itemId: string, opts: { act: boolean }): Promise<Result<{ doc: LoadedDocument; settings: Settings }>> {
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    const doc = this.desk.load(itemId);
    if (!doc || !this.ctx.access.canSeeItem(actor, doc.item)) return notFound('document');
    if (opts.act) {
      const denied = this.ctx.access.requireFullAccess(who.value.access!);
      if (denied) return denied;
    }
    return ok({ doc, settings: who.value.settings });
  }

  /** A contact the customer gave: its phone completed with the org's default prefix, then the channel rules (SMS off, OTP). */
  private async checkedContact(contact: ContactInput, settings: Settings, field: string): Promise<Result<ContactInput>> {
    // With SMS off a phone is refused as it is, before any prefix is looked up.
    let checked = contact;
    if (settings.session.smsEnabled && contact.phone !== undefined) {
      const phone = await this.completePhone(contact.phone, `${field}.phone`);
      if (!phone.ok) return phone;
      checked = { ...contact, phone: phone.value };
    }
    return newContactRefusal(checked, settings, field) ?? ok(checked);
  }

  /** A phone typed without a country code gets the org's default prefix, as the agent's API does (api/local-phone.ts). */
  private async completePhone(phone: string, field: string): Promise<Result<string>> {
    if (phone.startsWith('+')) return ok(phone);
    const prefix = (await orgNotificationSettings(this.ctx.env.DB, this.ctx.store.session()!.org_id)).general.defaultPhonePrefix;
    const e164 = prefix ? normalizePhone(phone, prefix) : null;
    if (!e164) return fail(422, 'invalid_request', `${field}: must be a phone number in international form, e.g. +14155550123`);
    return ok(e164);
  }
}

function myContactView(p: ParticipantRow): MyContactView {
  const status = p.completed_at !== null ? 'completed' : p.first_entered_at !== null ? 'entered' : p.invited_at !== null ? 'invited' : 'not_invited';
  return { id: p.id, roleName: p.role_name, name: p.name, email: p.email, phone: p.phone, status };
}
