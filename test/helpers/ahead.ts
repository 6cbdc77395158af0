// A start time for tests that move a Durable Object's clock with
// vi.setSystemTime and ring its alarm themselves. The alarm is set by the
// object's clock but rings by the real one, so the test's time must stay
// ahead of the real clock: computed from it here, since a fixed date falls
// behind it one day and the alarm would ring by itself mid-test.
import { afterEach, beforeEach, vi } from 'vitest';

const DAY = 86_400_000;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The given weekday at hourUtc:00 UTC, between the 15th and the 21st of
 * November, in the first year where that is at least 300 days after the real
 * clock (so 300 to 665 days ahead). Always late November: daylight saving
 * time is over in Europe and North America (New York is UTC-5), and the
 * week around it stays inside the month.
 */
export function aheadOfRealClock(weekday: Weekday, hourUtc: number): number {
  const earliest = vi.getRealSystemTime() + 300 * DAY;
  for (let year = new Date(earliest).getUTCFullYear(); ; year++) {
    const fifteenth = Date.UTC(year, 10, 15, hourUtc);
    const at = fifteenth + ((WEEKDAYS.indexOf(weekday) - new Date(fifteenth).getUTCDay() + 7) % 7) * DAY;
    if (at >= earliest) return at;
  }
}

/**
 * Date frozen at `start` for each test of the file (only Date: timers and the
 * object's real alarms run as they do), moved by hand with setNow and advance.
 */
export function frozenClock(start: number) {
  let at = start;
  const setNow = (t: number) => vi.setSystemTime((at = t));
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    setNow(start);
  });
  afterEach(() => vi.useRealTimers());
  return { setNow, advance: (ms: number) => setNow(at + ms) };
}
