// The people of a session besides the agent: adding co-signers, approvers…
// with their own links, re-engaging one whose contact details were wrong,
// a private thread with one of them, and a participant opening their link
// (the access window, single device access, the device the room cookie
// names).
import { now } from '../clock';
import type { ParticipantView } from '../contract/session';
import { computeAccess, windowEnd, type Access } from '../domain/access';
import type { Settings } from '../domain/settings';
import { base64url, newId, randomBytes } from '../auth/crypto';
import { fail, notFound, ok, type Result } from '../errors';
import { agentKey, participantKey, type AgentActor } from './actors';
import { hashDevice } from './access';
import type { RoomContext } from './context';
import type { Invitations } from './invitations';

export interface ContactInput {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
}

export interface EnterInput {
  participantId: string;
  deviceToken: string | null;
  ip: string | null;
  userAgent: string | null;
}

export type EnterOutcome =
  | { outcome: 'ok'; deviceToken: string; access: Access }
  | { outcome: 'denied'; access: Access }
  | { outcome: 'device_refused' };

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

export class Participants {
  constructor(
    private readonly ctx: RoomContext,
    private readonly invitations: Invitations,
    private readonly hooks: ParticipantsHooks,
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

  async add(actor: AgentActor, input: { roleName: string } & ContactInput): Promise<Result<ParticipantView>> {
    const { store, log, views } = this.ctx;
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'ended' || s.value.status === 'closed') return fail(409, 'session_over', `the session is ${s.value.status}; renew it before adding participants`);
    if (store.participants().length >= MAX_PARTICIPANTS) return fail(409, 'too_many_participants', `a session can have at most ${MAX_PARTICIPANTS} participants`);
    const id = newId('par');
    const by = agentKey(actor.agentId);
    log.commit(() => {
      store.insertParticipant({ id, primary: false, roleName: input.roleName, name: input.name, email: input.email ?? null, phone: input.phone ?? null, channel: preferredChannel(input), at: now() });
      log.emit('participant.added', by, 'all', { participant: views.participant(id) });
    });
    if (s.value.status === 'active') await this.invitations.send([store.participant(id)!], by, { revokeOld: false });
    await this.ctx.publisher.now();
    return ok(await views.participantForAgent(id));
  }

  /** Re-engage: change a participant's contact details and resend, until they have entered. */
  async reengage(actor: AgentActor, participantId: string, contact: Partial<ContactInput>): Promise<Result<ParticipantView>> {
    const { store, log, views } = this.ctx;
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    const p = store.participant(participantId);
    if (!p) return notFound('participant');
    if (p.forgotten_at !== null) return forgottenRefusal();
    if (p.first_entered_at !== null) return fail(409, 'already_entered', `${p.name} has already entered the room; their contact details can no longer change`);
    const email = contact.email !== undefined ? contact.email : p.email;
    const phone = contact.phone !== undefined ? contact.phone : p.phone;
    const by = agentKey(actor.agentId);
    log.commit(() => {
      store.updateContact(p.id, { name: contact.name ?? p.name, email, phone, channel: preferredChannel({ email }) });
      log.emit('participant.reengaged', by, 'all', { participant: views.participant(p.id) });
    });
    // The old link may have gone to the wrong person: it stops working, and so does any socket opened through it.
    if (s.value.status !== 'planned') await this.invitations.send([store.participant(p.id)!], by, { revokeOld: true });
    this.hooks.revoked(p.id);
    await this.ctx.publisher.now();
    return ok(await views.participantForAgent(p.id));
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
    const to = channel ?? p.invite_channel;
    const address = to === 'email' ? p.email : p.phone;
    if (!address) return fail(422, 'no_contact', `channel: ${p.name} has no ${to === 'email' ? 'email address' : 'phone number'}; re-engage them with one`);
    if (to !== p.invite_channel) log.commit(() => store.updateContact(p.id, { name: p.name, email: p.email, phone: p.phone, channel: to }));
    await this.invitations.send([store.participant(p.id)!], agentKey(actor.agentId), { revokeOld: false });
    await this.ctx.publisher.now();
    return ok(await views.participantForAgent(p.id));
  }

  async openPrivate(actor: AgentActor, participantId: string): Promise<Result<{ threadId: string; participantId: string }>> {
    const { store, log } = this.ctx;
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    if (!store.participant(participantId)) return notFound('participant');
    const existing = store.threadOf(participantId);
    if (existing) return ok({ threadId: existing.id, participantId });
    const id = newId('thr');
    log.commit(() => {
      store.insertThread({ id, participant_id: participantId, created_at: now() });
      log.emit('private_session.opened', agentKey(actor.agentId), `participant:${participantId}`, { threadId: id, participantId });
    });
    await this.ctx.publisher.now();
    return ok({ threadId: id, participantId });
  }

  /** Opening the link: access rules, the access window, single device, the device for the room cookie. */
  async enter(input: EnterInput): Promise<Result<EnterOutcome>> {
    const { store, log, views, access, timers } = this.ctx;
    const s = store.session();
    const p = s && store.participant(input.participantId);
    // A forgotten participant's links are revoked in D1; this holds even for one that was not.
    if (!s || !p || p.forgotten_at !== null) return notFound('session');
    const settings = await this.ctx.directory.settings();
    const at = now();
    const sameDevice = input.deviceToken !== null && (await access.deviceOf(input.deviceToken)) === p.id;
    if (settings.session.singleDeviceAccess && !sameDevice && store.hasDevice(p.id)) return ok({ outcome: 'device_refused' });

    const accessNow = () => computeAccess({ status: s.status, endedAt: s.ended_at, windowStartedAt: p.window_started_at ?? at, settings, now: at });
    if (accessNow().level === 'none') return ok({ outcome: 'denied', access: accessNow() });

    const deviceToken = sameDevice ? input.deviceToken! : base64url(randomBytes(32));
    const deviceHash = sameDevice ? null : await hashDevice(deviceToken);
    log.commit(() => {
      if (deviceHash) store.insertDevice(deviceHash, p.id, at);
      store.markEntered(p.id, at);
      if (p.window_started_at === null) {
        timers.set({ kind: 'window', subject: p.id }, windowEnd(at, settings)!);
        log.emit('participant.entered', participantKey(p.id), 'all', { participant: views.participant(p.id), ip: input.ip, userAgent: input.userAgent });
      }
      this.hooks.entered(p.id, at, settings);
    });
    await timers.arm();
    this.ctx.publisher.soon();
    return ok({ outcome: 'ok', deviceToken, access: accessNow() });
  }
}
