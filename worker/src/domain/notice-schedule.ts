// When a customer who is away gets a reminder or a new-activity notice
// (SPEC §7). Pure: the session's Durable Object supplies the facts (when the
// customer went offline, what was sent before) and the org's settings, and
// sends what is due.
import type { NewActivitySettings, ReminderSettings, WEEKDAYS } from './notification-settings';

type Weekday = (typeof WEEKDAYS)[number];
const MINUTE = 60_000;

interface LocalTime {
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
  /** YYYY-MM-DD: tells one local day from another. */
  date: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `timeZone` at the instant `at`. */
export function localTime(at: number, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return {
    weekday: parts.weekday!.slice(0, 3).toLowerCase() as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export interface ReminderFacts {
  /** When the customer left (or was invited, if they never came). */
  offlineSince: number;
  /** The last message Parley sent them of either kind: a reminder waits a full offline period after it. */
  lastNoticeAt: number | null;
  lastReminderAt: number | null;
  remindersSent: number;
}

/**
 * The first instant, not before `from`, at which a reminder may go out: the
 * customer offline long enough, on an allowed weekday inside the day's
 * range, on a later local day than the last reminder, and fewer than the
 * maximum sent. null: none will (switched off, or the maximum reached).
 */
export function nextReminderAt(facts: ReminderFacts, settings: ReminderSettings, timeZone: string, from: number): number | null {
  if (!settings.enabled || settings.weekdays.length === 0 || facts.remindersSent >= settings.maxTotal) return null;
  const wait = settings.offlineMinutes * MINUTE;
  let t = Math.max(from, facts.offlineSince + wait, facts.lastNoticeAt === null ? 0 : facts.lastNoticeAt + wait);
  const lastDay = facts.lastReminderAt === null ? null : localTime(facts.lastReminderAt, timeZone).date;
  const [start, end] = [minutesOf(settings.from), minutesOf(settings.to)];
  // Walk forward a day part at a time; two weeks covers any weekday set, with room for DST shifts.
  for (let step = 0; step < 60; step++) {
    const local = localTime(t, timeZone);
    const allowedDay = settings.weekdays.includes(local.weekday) && local.date !== lastDay;
    if (allowedDay && local.minutes >= start && local.minutes < end) return t;
    // Seconds into the minute are dropped when jumping, so the landing is on the minute.
    const intoMinute = t % MINUTE;
    if (allowedDay && local.minutes < start) t += (start - local.minutes) * MINUTE - intoMinute;
    else t += (24 * 60 - local.minutes) * MINUTE - intoMinute; // the next local midnight
  }
  return null;
}

export interface ActivityFacts {
  offlineSince: number;
  /** The first thing the customer has not seen since their last notice; null: nothing new. */
  activityAt: number | null;
  /** The last message Parley sent them: an invitation, a reminder or a notice. */
  lastNoticeAt: number | null;
}

/**
 * When a new-activity notice is due, or 'drop' when the activity fell inside
 * the quiet period after the last message (it sends nothing, by the SPEC; an
 * invitation counts, so documents added just after inviting send no notice),
 * or null when there is nothing to tell.
 */
export function activityNoticeAt(facts: ActivityFacts, settings: NewActivitySettings): number | 'drop' | null {
  if (!settings.enabled || facts.activityAt === null) return null;
  if (facts.lastNoticeAt !== null && facts.activityAt < facts.lastNoticeAt + settings.quietMinutes * MINUTE) return 'drop';
  return Math.max(facts.activityAt, facts.offlineSince + settings.offlineMinutes * MINUTE);
}
