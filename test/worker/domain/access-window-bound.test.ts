// The longest access window an admin may set is 2160 hours (90 days), and a
// window that long ends exactly 2160 hours after the first open. Literal
// numbers on purpose: moving the bound must break a test.
import { describe, expect, it } from 'vitest';
import { computeAccess, windowEnd } from '../../../worker/src/domain/access';
import { orgSettingsPatchSchema, resolveSettings, teamSettingsPatchSchema } from '../../../worker/src/domain/settings';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 1, 9);

describe('the access window setting', () => {
  it('accepts 1 and 2160 hours', () => {
    for (const hours of [1, 2160]) {
      expect(orgSettingsPatchSchema.safeParse({ session: { accessWindowHours: hours } }).success).toBe(true);
      expect(teamSettingsPatchSchema.safeParse({ session: { accessWindowHours: hours } }).success).toBe(true);
    }
  });

  it('refuses 2161 hours and 0, naming the field and the range', () => {
    for (const hours of [2161, 0]) {
      const r = orgSettingsPatchSchema.safeParse({ session: { accessWindowHours: hours } });
      expect(r.success).toBe(false);
      expect(r.error!.issues).toEqual([expect.objectContaining({ path: ['session', 'accessWindowHours'], message: 'must be 1 to 2160 hours' })]);
      expect(teamSettingsPatchSchema.safeParse({ session: { accessWindowHours: hours } }).success).toBe(false);
    }
  });

  it('a stored 2160 is in force; a stored 2161 falls back to the default week', () => {
    expect(resolveSettings({ session: { accessWindowHours: 2160 } }).session.accessWindowHours).toBe(2160);
    expect(resolveSettings({ session: { accessWindowHours: 2161 } }).session.accessWindowHours).toBe(168);
  });
});

describe('a 2160-hour window', () => {
  const settings = resolveSettings({ session: { accessWindowHours: 2160 } });
  const at = (ms: number) => computeAccess({ status: 'active', endedAt: null, windowStartedAt: T0, settings, now: ms });

  it('ends exactly 2160 hours after the first open', () => {
    expect(windowEnd(T0, settings)).toBe(T0 + 2160 * H);
    expect(at(T0 + 2160 * H - 1)).toMatchObject({ level: 'full', reason: 'open', until: T0 + 2160 * H });
    expect(at(T0 + 2160 * H)).toMatchObject({ level: 'none', reason: 'window_expired' });
  });

  it('a one-hour window ends after one hour', () => {
    const short = resolveSettings({ session: { accessWindowHours: 1 } });
    expect(windowEnd(T0, short)).toBe(T0 + H);
    expect(computeAccess({ status: 'active', endedAt: null, windowStartedAt: T0, settings: short, now: T0 + H - 1 }).level).toBe('full');
    expect(computeAccess({ status: 'active', endedAt: null, windowStartedAt: T0, settings: short, now: T0 + H }).level).toBe('none');
  });
});
