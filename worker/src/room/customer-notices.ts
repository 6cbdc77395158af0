// Reminders and new-activity notices for customers who are away (SPEC §7),
// run by the session's Durable Object. What happened is noted as it happens
// (inside the change's transaction); one timer, "notices", wakes the object
// when the next message is due; each message is a fresh personal link in the
// org's words, recorded in the outbox like an invitation.
//
// Every message id is derived from what it is (the participant, the n-th
// reminder, the activity's time, the channel), so a retried alarm never
// sends one twice.
import { fullLink, linkRows, mintParticipantLink, shortLink } from '../auth/participant-link';
import { now } from '../clock';
import type { Access } from '../domain/access';
import { WAITING_STATUSES, type ItemStatus } from '../domain/item-status';
import { activityNoticeAt, nextReminderAt } from '../domain/notice-schedule';
import { renderMessage, type NotificationSettings } from '../domain/notification-settings';
import { orgNotificationSettings } from '../directory/notification-settings-store';
import type { Env } from '../env';
import { enqueueMessages, outboxMessage, type Channel } from '../notify/outbox';
import type { Audience, EventType, SessionEvent } from './events';
import type { ParticipantRow, SessionRow } from './views';

export type NoticeKind = 'reminder' | 'new_activity';

export interface NoticesHost {
  env: Env;
  sql: SqlStorage;
  session(): SessionRow;
  participants(): ParticipantRow[];
  online(participantId: string): boolean;
  access(p: ParticipantRow): Access;
  names(): Promise<{ orgName: string; agentName: string }>;
  commit(change: () => void): void;
  emit(type: EventType, actor: string, audience: Audience, data: Record<string, unknown>): void;
  participantData(id: string): unknown;
  /** Sets (or, with null, removes) a timer; the host arms its alarm afterwards. */
  setTimer(key: string, dueAt: number | null): void;
  armAlarm(): Promise<void>;
}

type NoticeRow = {
  participant_id: string;
  reminders_sent: number;
  last_reminder_at: number | null;
  activity_at: number | null;
  last_notice_at: number | null;
};

interface Due {
  participant: ParticipantRow;
  state: NoticeRow;
  kind: NoticeKind;
  at: number;
  channels: Channel[];
}

export const NOTICES_TIMER = 'notices';
const MINUTE = 60_000;
/** Settings are re-read at least this often when only scheduling; sending always reads them fresh. */
const SETTINGS_TTL_MS = 60_000;
/** A failed send (D1, the queue) is tried again after this long. */
const RETRY_MS = 60_000;

/**
 * Events that move no reminder or notice unless they are new activity for
 * someone: chat, signatures and consents (any item change comes as its own
 * event), and Parley's own record of a notice it sent.
 */
const REPLAN_UNLESS_NOTED: ReadonlySet<EventType> = new Set(['message.posted', 'participant.notified', 'participant.consented', 'document.signed']);

/** Item statuses an agent's or Parley's change brings a customer's way: something new to do, or a document ready. */
const NEWS_STATUSES: ReadonlySet<ItemStatus> = new Set([...WAITING_STATUSES, 'rejected', 'completed', 'approved', 'approval_declined']);

export class CustomerNotices {
  private settings: { at: number; value: NotificationSettings } | null = null;

  constructor(private readonly host: NoticesHost) {}

  /**
   * Note what a customer who is away has not seen. Runs inside the change's
   * transaction, for every event: only what an agent or Parley did counts.
   * True when the plan may have moved and schedule() should run after the
   * change; a chat message to a customer already told of something is not.
   */
  noteActivity(event: Pick<SessionEvent, 'type' | 'actor' | 'audience' | 'data' | 'at'>): boolean {
    let replan = !REPLAN_UNLESS_NOTED.has(event.type);
    if (event.actor.startsWith('participant:')) return replan;
    const quietMs = this.settings ? this.settings.value.newActivity.quietMinutes * MINUTE : null;
    for (const id of this.concerned(event)) {
      if (this.host.online(id)) continue;
      // Reads cost far less than writes, and a busy chat must not write per message: only the
      // first unseen thing counts, and (by the last settings read) nothing inside a quiet period.
      const state = this.host.sql.exec<{ activity_at: number | null; last_notice_at: number | null }>('SELECT activity_at, last_notice_at FROM notices WHERE participant_id = ?', id).toArray()[0];
      if (state?.activity_at != null) continue;
      const invitedAt = this.host.sql.exec<{ invited_at: number | null }>('SELECT invited_at FROM participants WHERE id = ?', id).toArray()[0]?.invited_at ?? null;
      const lastNoticeAt = Math.max(invitedAt ?? 0, state?.last_notice_at ?? 0);
      if (quietMs !== null && lastNoticeAt > 0 && event.at < lastNoticeAt + quietMs) continue;
      this.host.sql.exec(
        `INSERT INTO notices (participant_id, activity_at) VALUES (?, ?)
         ON CONFLICT (participant_id) DO UPDATE SET activity_at = excluded.activity_at`,
        id,
        event.at,
      );
      replan = true;
    }
    return replan;
  }

  /** The customer is here: whatever was new, they see now. */
  seen(participantId: string): void {
    this.host.sql.exec('UPDATE notices SET activity_at = NULL WHERE participant_id = ? AND activity_at IS NOT NULL', participantId);
  }

  /** Set the notices timer to the next message due (with settings at most a minute old). */
  async schedule(): Promise<void> {
    const at = now();
    const settings = await this.currentSettings(false);
    const next = this.due(settings, at).reduce<number | null>((min, d) => (min === null || d.at < min ? d.at : min), null);
    this.host.setTimer(NOTICES_TIMER, next === null ? null : Math.max(next, at));
    await this.host.armAlarm();
  }

  /** The notices timer fired: send what is due now, by the org's current settings, then schedule the next. */
  async sendDue(): Promise<void> {
    const at = now();
    try {
      const settings = await this.currentSettings(true);
      for (const d of this.due(settings, at)) if (d.at <= at) await this.send(d, settings, at);
    } catch (err) {
      console.error('notices: sending failed; will retry', err);
      this.host.setTimer(NOTICES_TIMER, at + RETRY_MS);
      await this.host.armAlarm();
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
    const s = this.host.session();
    if (s.status !== 'active') return [];
    const states = new Map(this.host.sql.exec<NoticeRow>('SELECT * FROM notices').toArray().map((r) => [r.participant_id, r]));
    const waiting = this.waitingByParticipant();
    const out: Due[] = [];
    for (const p of this.host.participants()) {
      if (p.invited_at === null || this.host.online(p.id) || this.host.access(p).level !== 'full') continue;
      const state = states.get(p.id) ?? { participant_id: p.id, reminders_sent: 0, last_reminder_at: null, activity_at: null, last_notice_at: null };
      const offlineSince = p.last_seen_at ?? p.invited_at;
      const lastNoticeAt = Math.max(p.invited_at, state.last_notice_at ?? 0);

      const activityChannels = channelsFor(p, settings.newActivity.channels);
      const activity = activityChannels.length ? activityNoticeAt({ offlineSince, activityAt: state.activity_at, lastNoticeAt }, settings.newActivity) : null;
      if (activity === 'drop') this.seen(p.id);
      else if (activity !== null) {
        out.push({ participant: p, state, kind: 'new_activity', at: activity, channels: activityChannels });
        continue;
      }
      const reminderChannels = channelsFor(p, settings.reminders.channels);
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
    const s = this.host.session();
    const p = d.participant;
    const { kind } = d;
    const link = await mintParticipantLink();
    const names = await this.host.names();
    const longUrl = fullLink(this.host.env.PUBLIC_URL, link.token);
    const shortUrl = shortLink(this.host.env.PUBLIC_URL, link.code);
    const text = renderMessage(
      settings.messages[kind === 'reminder' ? 'reminder' : 'newActivity'],
      { customerName: p.name, roleName: p.role_name, agentName: names.agentName, orgName: names.orgName },
      { longUrl, shortUrl },
      settings.general.shortLinks,
    );
    const tag = kind === 'reminder' ? `reminder_${d.state.reminders_sent + 1}` : `activity_${d.state.activity_at}`;
    const messages = d.channels.map((channel) => outboxMessage({ id: `msg_${p.id}_${tag}_${channel}`, org_id: s.org_id, session_id: s.id, kind }, p, channel, text, longUrl));
    await this.host.env.DB.batch(linkRows(this.host.env.DB, { orgId: s.org_id, sessionId: s.id, participantId: p.id }, link, at));
    await enqueueMessages(this.host.env, messages, at);
    this.host.commit(() => {
      this.host.sql.exec(
        kind === 'reminder'
          ? `INSERT INTO notices (participant_id, reminders_sent, last_reminder_at, last_notice_at) VALUES (?1, 1, ?2, ?2)
             ON CONFLICT (participant_id) DO UPDATE SET reminders_sent = reminders_sent + 1, last_reminder_at = ?2, last_notice_at = ?2`
          : `UPDATE notices SET activity_at = NULL, last_notice_at = ?2 WHERE participant_id = ?1`,
        p.id,
        at,
      );
      this.host.emit('participant.notified', 'system', `participant:${p.id}`, { participant: this.host.participantData(p.id), kind, channels: d.channels });
    });
  }

  private async currentSettings(fresh: boolean): Promise<NotificationSettings> {
    const at = now();
    if (fresh || !this.settings || at - this.settings.at > SETTINGS_TTL_MS) {
      this.settings = { at, value: await orgNotificationSettings(this.host.env.DB, this.host.session().org_id) };
    }
    return this.settings.value;
  }

  /** Participants with an item waiting for them. */
  private waitingByParticipant(): Set<string> {
    const ids = new Set<string>();
    for (const i of this.host.sql.exec<{ status: ItemStatus; assignees: string }>('SELECT status, assignees FROM items').toArray()) {
      if (WAITING_STATUSES.has(i.status)) for (const id of JSON.parse(i.assignees) as string[]) ids.add(id);
    }
    return ids;
  }

  /** The participants an event brings news to. */
  private concerned(event: Pick<SessionEvent, 'type' | 'audience' | 'data'>): string[] {
    const data = event.data as { item?: { kind: string; status: ItemStatus; assignees: string[] }; from?: ItemStatus };
    if (event.type === 'message.posted') {
      return event.audience === 'all' ? this.host.participants().map((p) => p.id) : [event.audience.slice('participant:'.length)];
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

function channelsFor(p: ParticipantRow, allowed: readonly Channel[]): Channel[] {
  return allowed.filter((c) => (c === 'email' ? p.email : p.phone));
}
