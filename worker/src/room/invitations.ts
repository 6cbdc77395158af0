// Sending invitations: a fresh personal link per participant, recorded in
// D1 with the message in the org's words, queued for delivery, then the
// session's own record of it. D1 goes first: if it fails, nothing here
// changed and the agent gets the error; if the commit after it fails, a link
// exists that nobody received, which is harmless. When the org requires a
// one-time code to enter, a participant the code cannot reach (no address on
// the other channel) is refused before any link is made (room/otp.ts).
import { now } from '../clock';
import type { ActorKey } from '../contract/events';
import { fullLink, mintParticipantLink, shortLink } from '../auth/participant-link';
import { orgNotificationSettings } from '../directory/notification-settings-store';
import { saveLinks } from '../directory/participant-links';
import { invitationText } from '../notify/invitation';
import { localeOf } from '../i18n/locales';
import { enqueueMessages, outboxMessage } from '../notify/outbox';
import { brandEmail } from '../notify/email/branded-email';
import { fail, ok, type Result } from '../errors';
import type { RoomContext } from './context';
import { queuedDelivery } from './deliveries';
import type { DocumentDesk } from './document-desk';
import { otpChannelProblem, otpContactOf } from './otp';
import type { ParticipantRow } from './store';

export type SessionInvitation = 'session.invited' | 'session.renewed';

export class Invitations {
  constructor(
    private readonly ctx: RoomContext,
    private readonly desk: DocumentDesk,
  ) {}

  /** First invitation (session.invited) or a renewal (session.renewed) of everyone: the session is active from now. */
  async inviteAll(by: ActorKey, type: SessionInvitation): Promise<Result<void>> {
    // A forgotten participant (room/forgetting.ts) has no address, and is invited no more.
    const targets = this.ctx.store.participants().filter((p) => p.forgotten_at === null);
    return this.send(targets, by, { revokeOld: false, sessionEvent: type });
  }

  /**
   * Invite some participants; with revokeOld their earlier links stop working.
   * Refused (422 otp_channel_missing, naming the first participant) when a
   * one-time code is required and one of them has no address to send it to.
   */
  async send(targets: ParticipantRow[], by: ActorKey, opts: { revokeOld: boolean; sessionEvent?: SessionInvitation }): Promise<Result<void>> {
    const { env, store, log, views, timers, directory } = this.ctx;
    const s = store.session()!;
    const settings = await directory.settings();
    // With text messages turned off since a participant was added, their invitation goes by email, or not at all.
    const channels = new Map<string, 'sms' | 'email'>();
    for (const p of targets) {
      const channel = settings.session.smsEnabled ? p.invite_channel : 'email';
      if (channel === 'email' && !p.email) {
        return fail(422, 'sms_off', `participants.${p.role_name}: ${p.name} has only a phone number and text messages are turned off for this org; re-engage them with an email address`);
      }
      channels.set(p.id, channel);
      const problem = otpChannelProblem(otpContactOf({ ...p, invite_channel: channel }), settings);
      if (problem) return fail(422, 'otp_channel_missing', `participants.${p.role_name}: ${problem}`);
    }
    const at = now();
    const names = await directory.names();
    const brand = await directory.brand();
    // Read on every round, not cached with the names: an admin's new wording applies to the next invitation.
    const notifications = await orgNotificationSettings(env.DB, s.org_id);
    const links = await Promise.all(targets.map(() => mintParticipantLink()));
    const messages = targets.map((p, i) => {
      const link = links[i]!;
      const longUrl = fullLink(env.PUBLIC_URL, link.token);
      const kind = p.is_primary ? 'invitation_primary' : 'invitation_additional';
      const text = invitationText({
        kind,
        recipientName: p.name,
        roleName: p.role_name,
        agentName: names.agentName,
        orgName: names.orgName,
        longUrl,
        shortUrl: shortLink(env.PUBLIC_URL, link.code),
        notifications,
        language: localeOf(p.language),
      });
      const channel = channels.get(p.id)!;
      const message = outboxMessage({ id: `msg_${p.id}_${p.invite_count + 1}_${channel}`, org_id: s.org_id, session_id: s.id, kind }, p, channel, text, longUrl);
      return brandEmail(message, brand, env.PUBLIC_URL, p.language);
    });
    await saveLinks(
      env.DB,
      targets.map((p, i) => ({ to: { orgId: s.org_id, sessionId: s.id, participantId: p.id, language: p.language }, link: links[i]!, revokeOld: opts.revokeOld })),
      at,
    );
    await enqueueMessages(env, messages, at);

    log.commit(() => {
      for (const [i, p] of targets.entries()) {
        const channel = channels.get(p.id)!;
        if (channel !== p.invite_channel) store.updateContact(p.id, { name: p.name, email: p.email, phone: p.phone, channel });
        store.markInvited(p.id, at);
        store.saveDelivery(queuedDelivery(p.id, messages[i]!, at));
        timers.clear({ kind: 'window', subject: p.id });
        log.emit('participant.invited', by, 'all', { participant: views.participant(p.id), channel });
      }
      if (opts.sessionEvent) {
        const wasPlanned = s.status === 'planned';
        store.activateSession(at);
        timers.clear({ kind: 'full_access_end' });
        timers.clear({ kind: 'limited_access_end' });
        log.emit(opts.sessionEvent, by, 'all', { session: views.session() });
        if (wasPlanned) for (const id of store.draftItemIds()) this.desk.release(id, by);
      }
    });
    await timers.arm();
    return ok(undefined);
  }
}
