// Sending invitations: a fresh personal link per participant, recorded in
// D1 with the message in the org's words, queued for delivery, then the
// session's own record of it. D1 goes first: if it fails, nothing here
// changed and the agent gets the error; if the commit after it fails, a link
// exists that nobody received, which is harmless.
import { now } from '../clock';
import type { ActorKey } from '../contract/events';
import { fullLink, mintParticipantLink, shortLink } from '../auth/participant-link';
import { orgNotificationSettings } from '../directory/notification-settings-store';
import { saveLinks } from '../directory/participant-links';
import { invitationText } from '../notify/invitation';
import { enqueueMessages, outboxMessage } from '../notify/outbox';
import type { RoomContext } from './context';
import { queuedDelivery } from './deliveries';
import type { DocumentDesk } from './document-desk';
import type { ParticipantRow } from './store';

export type SessionInvitation = 'session.invited' | 'session.renewed';

export class Invitations {
  constructor(
    private readonly ctx: RoomContext,
    private readonly desk: DocumentDesk,
  ) {}

  /** First invitation (session.invited) or a renewal (session.renewed) of everyone: the session is active from now. */
  async inviteAll(by: ActorKey, type: SessionInvitation): Promise<void> {
    // A forgotten participant (room/forgetting.ts) has no address, and is invited no more.
    const targets = this.ctx.store.participants().filter((p) => p.forgotten_at === null);
    await this.send(targets, by, { revokeOld: false, sessionEvent: type });
  }

  /** Invite some participants; with revokeOld their earlier links stop working. */
  async send(targets: ParticipantRow[], by: ActorKey, opts: { revokeOld: boolean; sessionEvent?: SessionInvitation }): Promise<void> {
    const { env, store, log, views, timers, directory } = this.ctx;
    const s = store.session()!;
    const at = now();
    const names = await directory.names();
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
      });
      const channel = p.invite_channel;
      return outboxMessage({ id: `msg_${p.id}_${p.invite_count + 1}_${channel}`, org_id: s.org_id, session_id: s.id, kind }, p, channel, text, longUrl);
    });
    await saveLinks(
      env.DB,
      targets.map((p, i) => ({ to: { orgId: s.org_id, sessionId: s.id, participantId: p.id }, link: links[i]!, revokeOld: opts.revokeOld })),
      at,
    );
    await enqueueMessages(env, messages, at);

    log.commit(() => {
      for (const [i, p] of targets.entries()) {
        store.markInvited(p.id, at);
        store.saveDelivery(queuedDelivery(p.id, messages[i]!, at));
        timers.clear({ kind: 'window', subject: p.id });
        log.emit('participant.invited', by, 'all', { participant: views.participant(p.id), channel: p.invite_channel });
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
  }
}
