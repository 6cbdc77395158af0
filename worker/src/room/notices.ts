// Reminders and new-activity notices for customers who are away (SPEC §7),
// run by the session's Durable Object. What happened is noted as it happens
// (inside the change's transaction); one timer, "notices", wakes the object
// when the next message is due; each message is a fresh personal link in the
// org's words, recorded in the outbox like an invitation.
//
// Every message id is derived from what it is (the participant, the n-th
// reminder, the activity's time, the channel), so a retried alarm never
// sends one twice.
import { fullLink, mintParticipantLink, shortLink } from '../auth/participant-link';
import { now } from '../clock';
import type { SessionEvent } from '../contract/events';
import { WAITING_STATUSES, type ItemStatus } from '../domain/item-status';
import { activityNoticeAt, nextReminderAt } from '../domain/notice-schedule';
import { messagesIn, renderMessage, type NotificationSettings } from '../domain/notification-settings';
import { localeOf } from '../i18n/locales';
import { orgNotificationSettings } from '../directory/notification-settings-store';
import { saveLinks } from '../directory/participant-links';
import { logError, reasonOf } from '../log';
import { enqueueMessages, outboxMessage, type Channel } from '../notify/outbox';
import { brandEmail } from '../notify/email/branded-email';
import type { RoomContext } from './context';
import { queuedDelivery } from './deliveries';
import type { EventListener } from './event-log';
import type { NoticeRow, ParticipantRow } from './store';

export type NoticeKind = 'reminder' | 'new_activity';

interface Due {
  participant: ParticipantRow;
  state: NoticeRow;
  kind: NoticeKind;
  at: number;
  channels: Channel[];
}

const MINUTE = 60_000;
/** A failed send (D1, the queue) is tried again after this long. */
const RETRY_MS = 60_000;

/**
 * Events that move no reminder or notice unless they are new activity for
 * someone: chat, signatures and consents (any item change comes as its own
 * event), and Parley's own record of a notice it sent.
 */
const REPLAN_UNLESS_NOTED: ReadonlySet<SessionEvent['type']> = new Set(['message.posted', 'participant.notified', 'participant.consented', 'document.signed']);

/** Item statuses an agent's or Parley's change brings a customer's way: something new to do, or a document ready. */
const NEWS_STATUSES: ReadonlySet<ItemStatus> = new Set([...WAITING_STATUSES, 'rejected', 'completed', 'approved', 'approval_declined']);

export class Notices implements EventListener {
  /** The org's notification settings as last read: kept for planning until the settings API says they changed (settingsChanged). */
  private settings: { value: NotificationSettings } | null = null;
  /** Counts settingsChanged() calls: a read begun before one is not kept after it. */
  private settingsGeneration = 0;
  /** Set by an event of the change in progress that may move the plan. */
  private moved = false;
  /** A planning asked for and not yet begun: further asks join it. */
  private asked = false;
  /** The latest planning, until it has settled (each waits for the one before). */
  private planning: Promise<void> | null = null;

  constructor(
    private readonly ctx: RoomContext,
    private readonly presence: { online(participantId: string): boolean },
  ) {
    ctx.timers.on('notices', () => this.sendDue());
  }

  emitted(event: SessionEvent): void {
    if (this.noteActivity(event)) this.moved = true;
  }

  committed(): void {
    if (!this.moved) return;
    this.moved = false;
    this.scheduleSoon();
  }

  rolledBack(): void {
    this.moved = false;
  }

  /**
   * Re-plan after a change, or when a customer leaves: once per burst, after
   * the caller's own work (it reads D1 settings only after they changed).
   */
  scheduleSoon(): void {
    if (this.asked || !this.ctx.store.session()) return;
    this.asked = true;
    // A change during a planning's D1 read asks again: a fresh planning after it, never a lost one.
    const planning: Promise<void> = (this.planning ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        this.asked = false;
        return this.schedule();
      })
      .finally(() => {
        if (this.planning === planning) this.planning = null;
      });
    this.planning = planning;
    this.ctx.state.waitUntil(planning.catch((err) => logError('notices_schedule_failed', { sessionId: this.ctx.store.session()?.id, reason: reasonOf(err) })));
  }

  /**
   * Note what a customer who is away has not seen. Runs inside the change's
   * transaction, for every event: only what an agent or Parley did counts.
   * True when the plan may have moved and schedule() should run after the
   * change; a chat message to a customer already told of something is not.
   */
  private noteActivity(event: SessionEvent): boolean {
    let replan = !REPLAN_UNLESS_NOTED.has(event.type);
    if (event.actor.startsWith('participant:')) return replan;
    const quietMs = this.settings ? this.settings.value.newActivity.quietMinutes * MINUTE : null;
    for (const id of this.concerned(event)) {
      if (this.presence.online(id)) continue;
      // Reads cost far less than writes, and a busy chat must not write per message: only the
      // first unseen thing counts, and (by the last settings read) nothing inside a quiet period.
      const state = this.ctx.store.noticeActivity(id);
      if (state?.activity_at != null) continue;
      const invitedAt = this.ctx.store.participant(id)?.invited_at ?? null;
      const lastNoticeAt = Math.max(invitedAt ?? 0, state?.last_notice_at ?? 0);
      if (quietMs !== null && lastNoticeAt > 0 && event.at < lastNoticeAt + quietMs) continue;
      this.ctx.store.noteActivity(id, event.at);
      replan = true;
    }
    return replan;
  }

  /** The customer is here: whatever was new, they see now. */
  seen(participantId: string): void {
    this.ctx.store.clearActivity(participantId);
  }

  /** Resolves once every planning asked for by scheduleSoon() has set the timer (or failed). */
  async idle(): Promise<void> {
    while (this.planning) await this.planning.catch(() => undefined);
  }

  /** The admin changed settings: plan again by them (reading the notification settings again only if those changed). */
  settingsChanged(changed: { notifications: boolean }): void {
    if (changed.notifications) {
      this.settingsGeneration++;
      this.settings = null;
    }
    this.scheduleSoon();
  }

  /** Set the notices timer to the next message due (by the settings last read; sending reads them fresh). */
  async schedule(): Promise<void> {
    const at = now();
    const settings = await this.currentSettings(false);
    // due() reads the session settings without I/O (SMS off): have them read.
    await this.ctx.directory.settings();
    const next = this.due(settings, at).reduce<number | null>((min, d) => (min === null || d.at < min ? d.at : min), null);
    this.ctx.timers.plan({ kind: 'notices' }, next === null ? null : Math.max(next, at));
    await this.ctx.timers.arm();
  }

  /** The notices timer fired: send what is due now, by the org's current settings, then schedule the next. */
  async sendDue(): Promise<void> {
    const at = now();
    try {
      const settings = await this.currentSettings(true);
      await this.ctx.directory.settings();
      for (const d of this.due(settings, at)) if (d.at <= at) await this.send(d, settings, at);
    } catch (err) {
      logError('notice_send_failed', { sessionId: this.ctx.store.session()?.id, reason: reasonOf(err), retryInMs: RETRY_MS });
      this.ctx.timers.plan({ kind: 'notices' }, at + RETRY_MS);
      await this.ctx.timers.arm();
      return;
    }
    await this.schedule();
  }

  /**
   * For each participant, the next message and when: a new-activity notice
   * first, else a reminder (which waits a full offline period after any
   * message). Activity that fell in a quiet period is forgotten here.
   */
  private due(settings: NotificationSettings, at: number): Due[] {
    const s = this.ctx.store.session()!;
    if (s.status !== 'active') return [];
    const states = new Map(this.ctx.store.notices().map((r) => [r.participant_id, r]));
    const waiting = this.waitingByParticipant();
    const out: Due[] = [];
    const smsEnabled = this.ctx.directory.cachedSettings().session.smsEnabled;
    for (const p of this.ctx.store.participants()) {
      if (p.invited_at === null || this.presence.online(p.id) || this.ctx.access.cachedAccessOf(p).level !== 'full') continue;
      const state = states.get(p.id) ?? { participant_id: p.id, reminders_sent: 0, last_reminder_at: null, activity_at: null, last_notice_at: null };
      const offlineSince = p.last_seen_at ?? p.invited_at;
      const lastNoticeAt = Math.max(p.invited_at, state.last_notice_at ?? 0);

      const activityChannels = channelsFor(p, settings.newActivity.channels, smsEnabled);
      const activity = activityChannels.length ? activityNoticeAt({ offlineSince, activityAt: state.activity_at, lastNoticeAt }, settings.newActivity) : null;
      if (activity === 'drop') this.seen(p.id);
      else if (activity !== null) {
        out.push({ participant: p, state, kind: 'new_activity', at: activity, channels: activityChannels });
        continue;
      }
      const reminderChannels = channelsFor(p, settings.reminders.channels, smsEnabled);
      if (!waiting.has(p.id) || reminderChannels.length === 0) continue;
      const reminder = nextReminderAt(
        { offlineSince, lastNoticeAt, lastReminderAt: state.last_reminder_at, remindersSent: state.reminders_sent },
        settings.reminders,
        settings.general.timeZone,
        at,
      );
      if (reminder !== null) out.push({ participant: p, state, kind: 'reminder', at: reminder, channels: reminderChannels });
    }
    return out;
  }

  /**
   * One message on each channel: a fresh link (the old ones keep working),
   * recorded in D1 and queued first; then this object's own record, so a
   * failure in between sends the same ids again, which the outbox ignores.
   */
  private async send(d: Due, settings: NotificationSettings, at: number): Promise<void> {
    const { env, store, log, views } = this.ctx;
    const s = store.session()!;
    const p = d.participant;
    const { kind } = d;
    const link = await mintParticipantLink();
    const names = await this.ctx.directory.names();
    const brand = await this.ctx.directory.brand();
    const longUrl = fullLink(env.PUBLIC_URL, link.token);
    const shortUrl = shortLink(env.PUBLIC_URL, link.code);
    const text = renderMessage(
      messagesIn(settings, localeOf(p.language))[kind === 'reminder' ? 'reminder' : 'newActivity'],
      { customerName: p.name, roleName: p.role_name, agentName: names.agentName, orgName: names.orgName },
      { longUrl, shortUrl },
      settings.general.shortLinks,
    );
    const tag = kind === 'reminder' ? `reminder_${d.state.reminders_sent + 1}` : `activity_${d.state.activity_at}`;
    const messages = d.channels.map((channel) => brandEmail(outboxMessage({ id: `msg_${p.id}_${tag}_${channel}`, org_id: s.org_id, session_id: s.id, kind }, p, channel, text, longUrl), brand, env.PUBLIC_URL, p.language));
    await saveLinks(env.DB, [{ to: { orgId: s.org_id, sessionId: s.id, participantId: p.id, language: p.language }, link }], at);
    await enqueueMessages(env, messages, at);
    log.commit(() => {
      for (const m of messages) store.saveDelivery(queuedDelivery(p.id, m, at));
      if (kind === 'reminder') store.recordReminder(p.id, at);
      else store.recordActivityNotice(p.id, at);
      log.emit('participant.notified', 'system', `participant:${p.id}`, { participant: views.participant(p.id), kind, channels: d.channels });
    });
  }

  private async currentSettings(fresh: boolean): Promise<NotificationSettings> {
    if (!fresh && this.settings) return this.settings.value;
    const generation = this.settingsGeneration;
    const value = await orgNotificationSettings(this.ctx.env.DB, this.ctx.store.session()!.org_id);
    if (generation === this.settingsGeneration) this.settings = { value };
    return value;
  }

  /** Participants with an item waiting for them. */
  private waitingByParticipant(): Set<string> {
    const ids = new Set<string>();
    for (const i of this.ctx.store.items()) {
      if (WAITING_STATUSES.has(i.status)) for (const id of JSON.parse(i.assignees) as string[]) ids.add(id);
    }
    return ids;
  }

  /** The participants an event brings news to. */
  private concerned(event: SessionEvent): string[] {
    const data = event.data as { item?: { kind: string; status: ItemStatus; assignees: string[] }; from?: ItemStatus };
    if (event.type === 'message.posted') {
      return event.audience === 'all' ? this.ctx.store.participants().map((p) => p.id) : [event.audience.slice('participant:'.length)];
    }
    const item = data.item;
    if (!item || item.kind === 'batch') return [];
    if (event.type === 'item.created' && WAITING_STATUSES.has(item.status)) return item.assignees;
    if (event.type === 'item.status_changed' && NEWS_STATUSES.has(item.status) && !(data.from && WAITING_STATUSES.has(data.from) && WAITING_STATUSES.has(item.status))) {
      return item.assignees;
    }
    return [];
  }
}

/** The channels a notice goes by: those the org chose that the participant has, never SMS while the admin turned text messages off. */
function channelsFor(p: ParticipantRow, allowed: readonly Channel[], smsEnabled: boolean): Channel[] {
  return allowed.filter((c) => (c === 'email' ? p.email : smsEnabled && p.phone));
}
