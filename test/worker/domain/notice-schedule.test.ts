import { describe, expect, it } from 'vitest';
import { activityNoticeAt, localTime, nextReminderAt } from '../../../worker/src/domain/notice-schedule';
import { DEFAULT_NOTIFICATION_SETTINGS, type ReminderSettings } from '../../../worker/src/domain/notification-settings';

const MIN = 60_000;
const H = 60 * MIN;
// Office hours, Monday to Friday, two hours offline first, three at most.
const reminders: ReminderSettings = { ...DEFAULT_NOTIFICATION_SETTINGS.reminders, weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00', offlineMinutes: 120, maxTotal: 3 };
const never = { lastNoticeAt: null, lastReminderAt: null, remindersSent: 0 };
const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('localTime', () => {
  it('reads the wall clock of the time zone', () => {
    expect(localTime(utc('2026-11-23T23:30:00'), 'UTC')).toEqual({ weekday: 'mon', minutes: 23 * 60 + 30, date: '2026-11-23' });
    expect(localTime(utc('2026-11-23T23:30:00'), 'Asia/Tokyo')).toEqual({ weekday: 'tue', minutes: 8 * 60 + 30, date: '2026-11-24' });
    expect(localTime(utc('2026-11-24T00:15:00'), 'America/New_York')).toEqual({ weekday: 'mon', minutes: 19 * 60 + 15, date: '2026-11-23' });
  });
});

describe('nextReminderAt', () => {
  it('waits the offline period, inside the day range', () => {
    expect(nextReminderAt({ ...never, offlineSince: utc('2026-11-23T10:00:00') }, reminders, 'UTC', utc('2026-11-23T10:00:00'))).toBe(utc('2026-11-23T12:00:00'));
    // Offline at 17:00: two hours later is past 18:00, so the next morning.
    expect(nextReminderAt({ ...never, offlineSince: utc('2026-11-23T17:00:00') }, reminders, 'UTC', utc('2026-11-23T17:00:00'))).toBe(utc('2026-11-24T09:00:00'));
  });

  it('skips days that are not allowed, in the org time zone', () => {
    // Friday 17:00 UTC: Monday 09:00.
    expect(nextReminderAt({ ...never, offlineSince: utc('2026-11-27T17:00:00') }, reminders, 'UTC', utc('2026-11-27T17:00:00'))).toBe(utc('2026-11-30T09:00:00'));
    // The same instant in Tokyo is Saturday 02:00: Monday 09:00 Tokyo is Monday 00:00 UTC.
    expect(nextReminderAt({ ...never, offlineSince: utc('2026-11-27T15:00:00') }, reminders, 'Asia/Tokyo', utc('2026-11-27T17:00:00'))).toBe(utc('2026-11-30T00:00:00'));
  });

  it('sends at most one a day and at most the maximum', () => {
    const facts = { offlineSince: utc('2026-11-23T08:00:00'), lastNoticeAt: utc('2026-11-23T10:00:00'), lastReminderAt: utc('2026-11-23T10:00:00'), remindersSent: 1 };
    expect(nextReminderAt(facts, reminders, 'UTC', utc('2026-11-23T12:00:00'))).toBe(utc('2026-11-24T09:00:00'));
    expect(nextReminderAt({ ...facts, remindersSent: 3 }, reminders, 'UTC', utc('2026-11-23T12:00:00'))).toBeNull();
    expect(nextReminderAt(facts, { ...reminders, enabled: false }, 'UTC', utc('2026-11-23T12:00:00'))).toBeNull();
  });

  it('waits a full offline period after any other message', () => {
    const facts = { ...never, offlineSince: utc('2026-11-23T08:00:00'), lastNoticeAt: utc('2026-11-23T11:00:00') };
    expect(nextReminderAt(facts, reminders, 'UTC', utc('2026-11-23T11:00:00'))).toBe(utc('2026-11-23T13:00:00'));
  });

  it('lands inside the range across a daylight-saving change', () => {
    // New York springs forward on Sunday 8 March 2026; offline Saturday evening, the reminder is Monday 09:00 EDT.
    const at = nextReminderAt({ ...never, offlineSince: utc('2026-03-07T23:00:00') }, reminders, 'America/New_York', utc('2026-03-07T23:00:00'))!;
    expect(localTime(at, 'America/New_York')).toEqual({ weekday: 'mon', minutes: 9 * 60, date: '2026-03-09' });
  });
});

describe('activityNoticeAt', () => {
  const settings = { ...DEFAULT_NOTIFICATION_SETTINGS.newActivity, offlineMinutes: 10, quietMinutes: 60 };
  it('tells nothing when nothing is new, or when switched off', () => {
    expect(activityNoticeAt({ offlineSince: 0, activityAt: null, lastNoticeAt: null }, settings)).toBeNull();
    expect(activityNoticeAt({ offlineSince: 0, activityAt: H, lastNoticeAt: null }, { ...settings, enabled: false })).toBeNull();
  });
  it('goes once the customer has been away long enough, and not before the activity', () => {
    expect(activityNoticeAt({ offlineSince: 5 * H, activityAt: 5 * H + MIN, lastNoticeAt: null }, settings)).toBe(5 * H + 10 * MIN);
    expect(activityNoticeAt({ offlineSince: H, activityAt: 5 * H, lastNoticeAt: null }, settings)).toBe(5 * H);
  });
  it('drops activity inside the quiet period after the last message', () => {
    expect(activityNoticeAt({ offlineSince: H, activityAt: 5 * H + 59 * MIN, lastNoticeAt: 5 * H }, settings)).toBe('drop');
    expect(activityNoticeAt({ offlineSince: H, activityAt: 6 * H, lastNoticeAt: 5 * H }, settings)).toBe(6 * H);
  });
});
