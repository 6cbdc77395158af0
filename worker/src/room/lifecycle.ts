// A session's life (SPEC §2): created (pre-planned, or invited at once),
// invited, renewed, resumed for a returning customer, ended by the agent,
// handed to another agent, closed early for inactivity; and the end of the
// customer's access after the end, on the session's timers.
import { now } from '../clock';
import type { AgentRoomView } from '../contract/session';
import type { CrmLink } from '../crm/messages';
import { afterEndBoundaries } from '../domain/access';
import { autoCloseAfterActivity, autoCloseDecision } from '../domain/auto-close';
import { WAITING_STATUSES } from '../domain/catalogue';
import type { Settings } from '../domain/settings';
import { newId } from '../auth/crypto';
import { fail, notFound, ok, type Result } from '../errors';
import { agentKey, type AgentActor } from './actors';
import type { RoomContext } from './context';
import type { Invitations } from './invitations';
import { preferredChannel, type ContactInput } from './participants';
import { migrate } from './schema';

export interface CreateSessionInput {
  sessionId: string;
  orgId: string;
  orgName: string;
  agentId: string;
  agentName: string;
  teamId: string | null;
  customerId: string;
  customer: ContactInput;
  crm: CrmLink | null;
  invite: boolean;
}

export class Lifecycle {
  constructor(
    private readonly ctx: RoomContext,
    private readonly invitations: Invitations,
  ) {
    const { timers, log, store, views } = ctx;
    timers.on('autoclose', async (timer, at) => {
      const settings = await ctx.directory.settings();
      log.commit(() => {
        const s = store.session();
        if (!timers.take(timer) || !s) return;
        const decision = autoCloseDecision({
          status: s.status,
          setting: settings.session.inactiveAutoClose,
          lastCustomerActivityAt: s.last_customer_activity_at,
          invitedAt: s.invited_at,
          createdAt: s.created_at,
          hasWaitingItems: store.items().some((i) => WAITING_STATUSES.has(i.status)),
          now: at,
        });
        if (decision.kind === 'later') timers.set(timer, decision.at);
        if (decision.kind !== 'close') return;
        store.closeSession(at);
        log.emit('session.closed', 'system', 'all', { session: views.session(), reason: 'inactive' });
      });
    });
    // After the agent ended the session: full access, then limited access, each for the admin's hours.
    for (const [kind, type] of [
      ['full_access_end', 'session.access_limited'],
      ['limited_access_end', 'session.access_ended'],
    ] as const) {
      timers.on(kind, (timer) => {
        log.commit(() => {
          if (timers.take(timer) && store.session()?.status === 'ended') log.emit(type, 'system', 'all', { session: views.session() });
        });
      });
    }
  }

  async create(input: CreateSessionInput): Promise<Result<AgentRoomView>> {
    const { store, log, views } = this.ctx;
    const existing = store.session();
    if (existing) return existing.org_id === input.orgId ? ok(await views.agentRoom()) : notFound('session');
    migrate(this.ctx.state.storage);
    store.markCreated();
    this.ctx.directory.setNames({ orgName: input.orgName, agentName: input.agentName });
    const at = now();
    const primaryId = newId('par');
    const by = agentKey(input.agentId);
    log.commit(() => {
      store.insertSession({
        id: input.sessionId,
        org_id: input.orgId,
        agent_id: input.agentId,
        team_id: input.teamId,
        customer_id: input.customerId,
        crm_system: input.crm?.system ?? null,
        crm_object: input.crm?.objectType ?? null,
        crm_record_id: input.crm?.recordId ?? null,
        created_at: at,
      });
      const c = input.customer;
      store.insertParticipant({ id: primaryId, primary: true, roleName: 'Customer', name: c.name, email: c.email ?? null, phone: c.phone ?? null, channel: preferredChannel(c), at });
      if (c.language) store.setLanguage(primaryId, c.language);
      log.emit('session.created', by, 'all', { session: views.session() });
      log.emit('participant.added', by, 'all', { participant: views.participant(primaryId) });
    });
    if (input.invite) {
      const sent = await this.invitations.inviteAll(by, 'session.invited');
      if (!sent.ok) return sent;
    }
    await this.ctx.publisher.now();
    return ok(await views.agentRoom());
  }

  /** Pre-planned session: send the invitations now; the session begins. */
  async invite(actor: AgentActor): Promise<Result<AgentRoomView>> {
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status !== 'planned') return fail(409, 'already_invited', `the session is ${s.value.status}; the invitation has already gone out (use renew to send it again)`);
    return this.inviteEveryone(actor, 'session.invited');
  }

  /** Send the invitation again; each participant's access window restarts from their next open. */
  async renew(actor: AgentActor): Promise<Result<AgentRoomView>> {
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'planned') return fail(409, 'not_invited', 'the session has not been invited yet; invite it first');
    if (this.ctx.store.primary().first_entered_at === null) {
      return fail(409, 'no_contact_yet', 'renew is available once the customer has opened the invitation; change the contact details and resend instead');
    }
    return this.inviteEveryone(actor, 'session.renewed');
  }

  /**
   * A returning customer (reusable sessions): the same session comes back.
   * Planned: invite if asked. Ended or closed: reopened and invited again.
   * Active: as it is; the customer already holds a working link.
   */
  async resume(actor: AgentActor, invite: boolean): Promise<Result<AgentRoomView>> {
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    const status = s.value.status;
    if ((status === 'planned' && invite) || status === 'ended' || status === 'closed') return this.inviteEveryone(actor, status === 'planned' ? 'session.invited' : 'session.renewed');
    return ok(await this.ctx.views.agentRoom());
  }

  async end(actor: AgentActor): Promise<Result<AgentRoomView>> {
    const { store, log, views, timers } = this.ctx;
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'ended' || s.value.status === 'closed') return fail(409, 'already_ended', `the session is already ${s.value.status}`);
    const at = now();
    const settings = await this.ctx.directory.settings();
    log.commit(() => {
      store.endSession(at);
      timers.clear({ kind: 'autoclose' });
      if (!settings.afterEnd.preventAccess) {
        const { fullUntil, limitedUntil } = afterEndBoundaries(at, settings);
        if (limitedUntil > fullUntil) timers.set({ kind: 'full_access_end' }, fullUntil);
        timers.set({ kind: 'limited_access_end' }, limitedUntil);
      }
      log.emit('session.ended', agentKey(actor.agentId), 'all', { session: views.session() });
    });
    await timers.arm();
    await this.ctx.publisher.now();
    return ok(await views.agentRoom());
  }

  /** Hand the session to another agent (take-over from the address book). */
  async reassign(actor: AgentActor, agentId: string, teamId: string | null): Promise<Result<AgentRoomView>> {
    const { store, log, views } = this.ctx;
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.agent_id !== agentId) {
      this.ctx.directory.setNames(null);
      log.commit(() => {
        store.reassignSession(agentId, teamId);
        log.emit('session.reassigned', agentKey(actor.agentId), 'all', { session: views.session(), from: s.value.agent_id });
      });
      await this.ctx.publisher.now();
    }
    return ok(await views.agentRoom());
  }

  /** A participant did something: inactive auto-close starts counting again. Runs inside a change. */
  customerActive(at: number, settings: Settings): void {
    const { store, timers } = this.ctx;
    store.touchCustomerActivity(at);
    const due = autoCloseAfterActivity(store.session()!.status, settings.session.inactiveAutoClose, at);
    if (due !== null) timers.set({ kind: 'autoclose' }, due);
  }

  private async inviteEveryone(actor: AgentActor, type: 'session.invited' | 'session.renewed'): Promise<Result<AgentRoomView>> {
    const sent = await this.invitations.inviteAll(agentKey(actor.agentId), type);
    if (!sent.ok) return sent;
    await this.ctx.publisher.now();
    return ok(await this.ctx.views.agentRoom());
  }
}
