// The edges of the reminder window (SPEC §7), to the minute: a reminder may go
// at `from` and not at `to`, minutes of HH:MM count, and no weekday means no
// reminder. Found missing by the mutation runner (scripts/mutation.mjs).
import { describe, expect, it } from 'vitest';
import { localTime, nextReminderAt } from '../../../worker/src/domain/notice-schedule';
import { DEFAULT_NOTIFICATION_SETTINGS, type ReminderSettings } from '../../../worker/src/domain/notification-settings';

const MIN = 60_000;
const utc = (iso: string) => Date.parse(`${iso}Z`);
const never = { lastNoticeAt: null, lastReminderAt: null, remindersSent: 0 };
const settings = (extra: Partial<ReminderSettings>): ReminderSettings => ({ ...DEFAULT_NOTIFICATION_SETTINGS.reminders, offlineMinutes: 5, ...extra });
// Monday 23 November 2026.
const next = (from: string, s: ReminderSettings, zone = 'UTC') => nextReminderAt({ ...never, offlineSince: utc('2026-11-23T00:00:00') }, s, zone, utc(from));

describe('the reminder window', () => {
  const s = settings({ from: '09:30', to: '17:45' });

  it('opens at from, to the minute', () => {
    expect(next('2026-11-23T09:29:30', s)).toBe(utc('2026-11-23T09:30:00'));
    expect(next('2026-11-23T09:30:00', s)).toBe(utc('2026-11-23T09:30:00'));
  });

  it('is closed at to: the next allowed morning', () => {
    expect(next('2026-11-23T17:44:59', s)).toBe(utc('2026-11-23T17:44:59'));
    expect(next('2026-11-23T17:45:00', s)).toBe(utc('2026-11-24T09:30:00'));
  });

  it('from just after midnight to just before the next one', () => {
    const day = settings({ from: '00:01', to: '23:59' });
    expect(next('2026-11-23T23:59:00', day)).toBe(utc('2026-11-24T00:01:00'));
    expect(next('2026-11-23T23:58:59', day)).toBe(utc('2026-11-23T23:58:59'));
  });

  it('a window that opens at midnight: reached at the next local midnight', () => {
    expect(next('2026-11-23T23:30:00', settings({ from: '00:00', to: '00:30' }))).toBe(utc('2026-11-24T00:00:00'));
  });

  it('sends nothing with no weekday allowed', () => {
    expect(next('2026-11-23T10:00:00', settings({ weekdays: [] }))).toBeNull();
    expect(next('2026-11-23T10:00:00', settings({ weekdays: ['mon'] }))).toBe(utc('2026-11-23T10:00:00'));
  });

  it('a whole week of Sundays only: found within the walk', () => {
    expect(next('2026-11-23T10:00:00', settings({ weekdays: ['sun'], from: '09:00', to: '10:00' }))).toBe(utc('2026-11-29T09:00:00'));
  });

  it('reads weekdays in three letters in every time zone', () => {
    expect(localTime(utc('2026-11-25T12:00:00'), 'Europe/Paris').weekday).toBe('wed');
    expect(localTime(utc('2026-11-26T12:00:00'), 'America/Los_Angeles').weekday).toBe('thu');
  });

  it('waits after the last notice, counted from it', () => {
    const s5 = settings({ from: '00:00', to: '23:59' });
    const at = nextReminderAt({ offlineSince: utc('2026-11-23T00:00:00'), lastNoticeAt: utc('2026-11-23T10:00:00'), lastReminderAt: null, remindersSent: 0 }, s5, 'UTC', utc('2026-11-23T10:00:00'));
    expect(at).toBe(utc('2026-11-23T10:00:00') + 5 * MIN);
  });
});
