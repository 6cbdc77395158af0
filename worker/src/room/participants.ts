// The people of a session besides the agent: adding co-signers, approvers…
// with their own links, re-engaging one whose contact details were wrong,
// a private thread with one of them, and a participant opening their link
// (the access window, single device access, the device the room cookie
// names).
import { now } from '../clock';
import type { ActorKey } from '../contract/events';
import type { ParticipantView } from '../contract/session';
import { smsOffProblem, SMS_OFF_MESSAGE } from '../domain/contact';
import { computeAccess, windowEnd, type Access } from '../domain/access';
import type { Settings } from '../domain/settings';
import type { Locale } from '../i18n/locales';
import { base64url, newId, randomBytes } from '../auth/crypto';
import { fail, notFound, ok, type ErrorStatus, type Failure, type Result } from '../errors';
import { actorKey as actorKeyOf, agentKey, participantKey, type Actor, type AgentActor } from './actors';
import { hashDevice } from './access';
import type { RoomContext } from './context';
import type { Invitations } from './invitations';
import { otpChannelProblem, type Otp, type OtpMethod, type OtpPurpose, type OtpSent } from './otp';
import type { ParticipantRow, SessionRow } from './store';

export interface ContactInput {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  /** The language of their room and messages; absent: their browser's. */
  language?: Locale | undefined;
}

/** A participant about to be inserted: its id chosen ahead, so a document can name it in the same change. */
export interface NewParticipant extends ContactInput {
  id: string;
  roleName: string;
  /** The customer who gave these contact details in an Assign step; absent when the agent did. */
  assignedBy?: string | undefined;
}

export interface EnterInput {
  participantId: string;
  deviceToken: string | null;
  ip: string | null;
  userAgent: string | null;
  /** The one-time code the person typed, when one was asked for (room/otp.ts). */
  code?: string | undefined;
  /** "Send a new code": a fresh one even if one was sent a moment ago. */
  newCode?: boolean | undefined;
  /** The browser's language (Accept-Language): kept for a participant who has none, so later reminders speak it. */
  browserLanguage?: Locale | null | undefined;
}

/** Why a code was not sent or not accepted, for the code page to say. */
export interface CodeRefusal {
  status: ErrorStatus;
  code: string;
  message: string;
  /** What the message says in numbers (otp.ts: `left` tries, locked `until`), for the page to say in the customer's language. */
  details?: Record<string, string | number> | undefined;
}

export type EnterOutcome =
  | { outcome: 'ok'; deviceToken: string; access: Access }
  | { outcome: 'denied'; access: Access }
  /** A one-time code is needed first: where the live one went (null when none could be sent), and why the last step failed if it did. */
  | { outcome: 'code_needed'; purpose: OtpPurpose; sent: OtpSent | null; refusal: CodeRefusal | null };

export interface ParticipantsHooks {
  /** The participant opened their link. Runs inside the change. */
  entered(participantId: string, at: number, settings: Settings): void;
  /** The participant's earlier link was revoked: sockets opened through it close. */
  revoked(participantId: string): void;
}

export const MAX_PARTICIPANTS = 50;

/** The channel an invitation goes by: email when there is one. */
export function preferredChannel(c: { email?: string | null | undefined }): 'sms' | 'email' {
  return c.email ? 'email' : 'sms';
}

/** A forgotten participant (room/forgetting.ts) is nobody Parley may contact again: a new person is a new participant. */
function forgottenRefusal() {
  return fail(409, 'participant_forgotten', "participant: this person's data was erased at their request; add them again as a new participant if they come back");
}

/**
 * Text messages turned off by the admin: a phone given is refused, and so is
 * a contact left without an email (it would be invited by text). `field`
 * prefixes the field in the message ("body.contact" → "body.contact.phone: …");
 * `name`, when given, names the person after it.
 */
export function smsOffRefusal(contact: { email?: string | null | undefined; phone?: string | null | undefined }, settings: Settings, field: string, name?: string): Failure | null {
  if (settings.session.smsEnabled) return null;
  const problem = smsOffProblem(contact);
  return problem ? fail(422, 'invalid_request', `${field}.${problem.field}: ${name ? `${name}: ` : ''}${problem.message}`) : null;
}

export class Participants {
  constructor(
    private readonly ctx: RoomContext,
    private readonly invitations: Invitations,
    private readonly hooks: ParticipantsHooks,
    private readonly otp: Otp,
  ) {
    // The access window after a participant's first open: when it ends, say so (once).
    ctx.timers.on('window', async (timer, at) => {
      const settings = await ctx.directory.settings();
      ctx.log.commit(() => {
        if (!ctx.timers.take(timer)) return;
        const p = ctx.store.participant(timer.subject);
        const end = p ? windowEnd(p.window_started_at, settings) : null;
        if (!p || end === null) return;
        if (end <= at) ctx.log.emit('participant.access_expired', 'system', 'all', { participant: ctx.views.participant(p.id) });
        else ctx.timers.set(timer, end); // the admin lengthened the window
      });
    });
  }

  async add(actor: AgentActor, input: { roleName: string } & ContactInput, field = 'body.contact'): Promise<Result<ParticipantView>> {
    const { store, log, views } = this.ctx;
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'ended' || s.value.status === 'closed') return fail(409, 'session_over', `the session is ${s.value.status}; renew it before adding participants`);
    const full = this.roomFor(1);
    if (full) return full;
    const settings = await this.ctx.directory.settings();
    const smsOff = smsOffRefusal(input, settings, field);
    if (smsOff) return smsOff;
    // Refused before they are added: a participant the one-time code cannot reach could never enter.
    const noCode = otpChannelProblem({ ...input, channel: preferredChannel(input) }, settings);
    if (noCode) return fail(422, 'otp_channel_missing', `${field}: ${noCode}`);
    const id = newId('par');
    const by = agentKey(actor.agentId);
    log.commit(() => this.insertNew([{ id, ...input }], by));
    if (s.value.status === 'active') {
      const sent = await this.invitations.send([store.participant(id)!], by, { revokeOld: false });
      if (!sent.ok) return sent;
    }
    await this.ctx.publisher.now();
    return ok(await views.participantForAgent(id));
  }

  /** Null when `count` more participants fit in the session; else the refusal. */
  roomFor(count: number): Failure | null {
    if (this.ctx.store.participants().length + count > MAX_PARTICIPANTS) return fail(409, 'too_many_participants', `a session can have at most ${MAX_PARTICIPANTS} participants`);
    return null;
  }

  /**
   * Insert new participants, each with their own link to come (the agent's
   * participant list, a customer's Assign step). Runs inside a change; the
   * caller checked their contacts and invites them after it committed.
   */
  insertNew(list: NewParticipant[], by: ActorKey): void {
    const { store, log, views } = this.ctx;
    for (const p of list) {
      store.insertParticipant({ id: p.id, primary: false, roleName: p.roleName, name: p.name, email: p.email ?? null, phone: p.phone ?? null, channel: preferredChannel(p), at: now() });
      if (p.assignedBy) store.setAssignedBy(p.id, p.assignedBy);
      if (p.language) store.setLanguage(p.id, p.language);
      log.emit('participant.added', by, 'all', { participant: views.participant(p.id) });
    }
  }

  /** Invite participants just inserted, when the session is active (a planned session invites everyone as it starts). */
  async inviteNew(ids: string[], by: ActorKey): Promise<Result<void>> {
    const { store } = this.ctx;
    if (ids.length === 0 || store.session()?.status !== 'active') return ok(undefined);
    return this.invitations.send(ids.map((id) => store.participant(id)!), by, { revokeOld: false });
  }

  /**
   * Re-engage: change a participant's contact details and resend, until they
   * have entered. Asked by the agent, or by the customer who assigned this
   * participant in an Assign step (their "My contacts"); anyone else's
   * participant is, to a customer, one that does not exist.
   */
  async reengage(actor: Actor, participantId: string, contact: Partial<ContactInput>): Promise<Result<ParticipantRow>> {
    const { store, log, views } = this.ctx;
    const s = await this.reengagingSession(actor, participantId);
    if (!s.ok) return s;
    const p = store.participant(participantId);
    if (!p) return notFound('participant');
    if (p.forgotten_at !== null) return forgottenRefusal();
    if (p.first_entered_at !== null) return fail(409, 'already_entered', `${p.name} has already entered the room; their contact details can no longer change`);
    const email = contact.email !== undefined ? contact.email : p.email;
    const phone = contact.phone !== undefined ? contact.phone : p.phone;
    const settings = await this.ctx.directory.settings();
    const smsOff = smsOffRefusal({ email, phone: contact.phone }, settings, 'body');
    if (smsOff) return smsOff;
    const noCode = otpChannelProblem({ name: contact.name ?? p.name, email, phone, channel: preferredChannel({ email }) }, settings);
    if (noCode) return fail(422, 'otp_channel_missing', `body: ${noCode}`);
    const by = actorKeyOf(actor);
    log.commit(() => {
      store.updateContact(p.id, { name: contact.name ?? p.name, email, phone, channel: preferredChannel({ email }) });
      log.emit('participant.reengaged', by, 'all', { participant: views.participant(p.id) });
    });
    // The old link may have gone to the wrong person: it stops working, and so does any socket opened through it.
    if (s.value.status !== 'planned') {
      const sent = await this.invitations.send([store.participant(p.id)!], by, { revokeOld: true });
      if (!sent.ok) return sent;
    }
    this.hooks.revoked(p.id);
    await this.ctx.publisher.now();
    return ok(store.participant(p.id)!);
  }

  /** The session, when this actor may re-engage that participant: the agent any, a customer only those they assigned. */
  private async reengagingSession(actor: Actor, participantId: string): Promise<Result<SessionRow>> {
    if (actor.kind === 'agent') return this.ctx.access.agentSession(actor);
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    const denied = this.ctx.access.requireFullAccess(who.value.access!);
    if (denied) return denied;
    if (this.ctx.store.participant(participantId)?.assigned_by !== actor.participantId) return notFound('participant');
    return ok(who.value.session);
  }

  /**
   * Send a participant a fresh invitation with the same contact details — on
   * the other channel when the agent asks (the SMS failed, try email). Links
   * already sent keep working: the message may yet arrive.
   */
  async resend(actor: AgentActor, participantId: string, channel: 'sms' | 'email' | undefined): Promise<Result<ParticipantView>> {
    const { store, log, views } = this.ctx;
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    const p = store.participant(participantId);
    if (!p) return notFound('participant');
    if (p.forgotten_at !== null) return forgottenRefusal();
    if (s.value.status !== 'active') return fail(409, 'session_not_active', `the session is ${s.value.status}: invitations go out while it is active`);
    const settings = await this.ctx.directory.settings();
    if (!settings.session.smsEnabled && channel === 'sms') return fail(422, 'invalid_request', `channel: ${SMS_OFF_MESSAGE}`);
    // With text messages off, an invitation that went by SMS goes by email this time.
    const to = channel ?? (settings.session.smsEnabled ? p.invite_channel : 'email');
    const address = to === 'email' ? p.email : p.phone;
    if (!address) return fail(422, 'no_contact', `channel: ${p.name} has no ${to === 'email' ? 'email address' : 'phone number'}; re-engage them with one`);
    if (to !== p.invite_channel) log.commit(() => store.updateContact(p.id, { name: p.name, email: p.email, phone: p.phone, channel: to }));
    const sent = await this.invitations.send([store.participant(p.id)!], agentKey(actor.agentId), { revokeOld: false });
    if (!sent.ok) return sent;
    await this.ctx.publisher.now();
    return ok(await views.participantForAgent(p.id));
  }

  /**
   * A private thread with one participant, any of them (the customer too).
   * Opening one with someone the session holds but never invited sends
   * their invitation: a private conversation they cannot open would be of
   * no use. Only while the session is active, as every invitation; in a
   * pre-planned session they are invited with everyone.
   */
  async openPrivate(actor: AgentActor, participantId: string): Promise<Result<{ threadId: string; participantId: string }>> {
    const { store, log } = this.ctx;
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    const p = store.participant(participantId);
    if (!p) return notFound('participant');
    const by = agentKey(actor.agentId);
    let thread = store.threadOf(participantId);
    if (!thread) {
      const id = newId('thr');
      log.commit(() => {
        store.insertThread({ id, participant_id: participantId, created_at: now() });
        log.emit('private_session.opened', by, `participant:${participantId}`, { threadId: id, participantId });
      });
      thread = store.threadOf(participantId)!;
    }
    if (s.value.status === 'active' && p.invited_at === null && p.forgotten_at === null) {
      const sent = await this.invitations.send([p], by, { revokeOld: false });
      if (!sent.ok) return sent;
    }
    await this.ctx.publisher.now();
    return ok({ threadId: thread.id, participantId });
  }

  /**
   * Opening the link: access rules, the access window, the device for the
   * room cookie. A device not bound yet first proves the person with a
   * one-time code when the org requires one to enter; and in a single-device
   * room another device always does, then takes the room over (the devices
   * before it are let go and their sockets close).
   */
  async enter(input: EnterInput): Promise<Result<EnterOutcome>> {
    const { store, log, views, access, timers } = this.ctx;
    const s = store.session();
    const p = s && store.participant(input.participantId);
    // A forgotten participant's links are revoked in D1; this holds even for one that was not.
    if (!s || !p || p.forgotten_at !== null) return notFound('session');
    const settings = await this.ctx.directory.settings();
    const at = now();
    const sameDevice = input.deviceToken !== null && (await access.deviceOf(input.deviceToken)) === p.id;
    const takeover = settings.session.singleDeviceAccess && !sameDevice && store.hasDevice(p.id);

    const accessNow = () => computeAccess({ status: s.status, endedAt: s.ended_at, windowStartedAt: p.window_started_at ?? at, settings, now: at });
    // No code is sent for a room that would not open anyway.
    if (accessNow().level === 'none') return ok({ outcome: 'denied', access: accessNow() });

    let method: OtpMethod | null = null;
    if (!sameDevice && (takeover || settings.session.otpRequired)) {
      const purpose: OtpPurpose = takeover ? 'takeover' : 'enter';
      const refusal = (f: Failure): CodeRefusal => ({ status: f.status, code: f.code, message: f.message, details: f.details });
      if (input.code === undefined) {
        const sent = await this.otp.send(p.id, purpose, { reuseRecent: !input.newCode });
        return ok(sent.ok ? { outcome: 'code_needed', purpose, sent: sent.value, refusal: null } : { outcome: 'code_needed', purpose, sent: this.otp.pending(p.id), refusal: refusal(sent) });
      }
      const checked = await this.otp.check(p.id, input.code);
      if (!checked.ok) return ok({ outcome: 'code_needed', purpose, sent: this.otp.pending(p.id), refusal: refusal(checked) });
      method = checked.value;
    }

    const deviceToken = sameDevice ? input.deviceToken! : base64url(randomBytes(32));
    const deviceHash = sameDevice ? null : await hashDevice(deviceToken);
    log.commit(() => {
      if (takeover) store.removeDevices(p.id);
      if (deviceHash) store.insertDevice(deviceHash, p.id, at);
      store.markEntered(p.id, at);
      if (p.language === null && input.browserLanguage) store.setLanguage(p.id, input.browserLanguage);
      if (p.window_started_at === null) {
        timers.set({ kind: 'window', subject: p.id }, windowEnd(at, settings)!);
        log.emit('participant.entered', participantKey(p.id), 'all', { participant: views.participant(p.id), ip: input.ip, userAgent: input.userAgent });
      }
      if (method) {
        this.otp.authenticated(p.id, method, at);
        log.emit('participant.authenticated', participantKey(p.id), 'all', { participant: views.participant(p.id), method, takeover, ip: input.ip, userAgent: input.userAgent });
      }
      this.hooks.entered(p.id, at, settings);
    });
    // The devices let go: whatever they still have open closes now.
    if (takeover) this.hooks.revoked(p.id);
    await timers.arm();
    this.ctx.publisher.soon();
    return ok({ outcome: 'ok', deviceToken, access: accessNow() });
  }
}
