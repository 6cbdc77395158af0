import { describe, expect, it } from 'vitest';
import { computeAccess, customerMay } from '../../../worker/src/domain/access';
import { resolveSettings } from '../../../worker/src/domain/settings';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
const base = resolveSettings({});

describe('computeAccess', () => {
  it('gives full access inside the window and none after it', () => {
    const inside = computeAccess({ status: 'active', endedAt: null, windowStartedAt: T0, settings: base, now: T0 + 167 * H });
    expect(inside).toMatchObject({ level: 'full', reason: 'open', until: T0 + 168 * H });
    const after = computeAccess({ status: 'active', endedAt: null, windowStartedAt: T0, settings: base, now: T0 + 168 * H });
    expect(after).toMatchObject({ level: 'none', reason: 'window_expired' });
  });

  it('has no end while the link was never opened', () => {
    expect(computeAccess({ status: 'active', endedAt: null, windowStartedAt: null, settings: base, now: T0 + 9999 * H })).toMatchObject({ level: 'full', until: null });
  });

  it('after end: full, then limited, then nothing', () => {
    const settings = resolveSettings({ afterEnd: { fullAccessHours: 2, limitedAccessHours: 3 } });
    const at = (h: number) => computeAccess({ status: 'ended', endedAt: T0, windowStartedAt: T0, settings, now: T0 + h * H }).level;
    expect(at(1)).toBe('full');
    expect(at(2)).toBe('limited');
    expect(at(4.9)).toBe('limited');
    expect(at(5)).toBe('none');
  });

  it('after end the access window still bounds access', () => {
    const settings = resolveSettings({ session: { accessWindowHours: 1 }, afterEnd: { fullAccessHours: 10 } });
    const a = computeAccess({ status: 'ended', endedAt: T0, windowStartedAt: T0, settings, now: T0 + 0.5 * H });
    expect(a).toMatchObject({ level: 'full', until: T0 + H });
  });

  it('prevent access denies at once after end, with the redirect URL', () => {
    const settings = resolveSettings({ afterEnd: { preventAccess: true, redirectUrl: 'https://help.example.com' } });
    expect(computeAccess({ status: 'ended', endedAt: T0, windowStartedAt: T0, settings, now: T0 + 1 })).toEqual({
      level: 'none',
      reason: 'ended',
      until: null,
      redirectUrl: 'https://help.example.com',
    });
  });

  it('closed and not-yet-invited sessions deny', () => {
    expect(computeAccess({ status: 'closed', endedAt: null, windowStartedAt: T0, settings: base, now: T0 }).reason).toBe('auto_closed');
    expect(computeAccess({ status: 'planned', endedAt: null, windowStartedAt: null, settings: base, now: T0 }).reason).toBe('not_invited');
  });
});

describe('customerMay', () => {
  it('follows the during-session settings, then the after-end ones, and never in limited access', () => {
    const settings = resolveSettings({ session: { customerChat: false }, afterEnd: { chatAllowed: true, attachmentsAllowed: false, fullAccessHours: 1, limitedAccessHours: 1 } });
    const during = computeAccess({ status: 'active', endedAt: null, windowStartedAt: T0, settings, now: T0 });
    expect(customerMay(during, settings, 'chat')).toBe(false);
    expect(customerMay(during, settings, 'attach')).toBe(true);
    const afterFull = computeAccess({ status: 'ended', endedAt: T0, windowStartedAt: T0, settings, now: T0 + 1 });
    expect(customerMay(afterFull, settings, 'chat')).toBe(true);
    expect(customerMay(afterFull, settings, 'attach')).toBe(false);
    const limited = computeAccess({ status: 'ended', endedAt: T0, windowStartedAt: T0, settings, now: T0 + 1.5 * H });
    expect(customerMay(limited, settings, 'chat')).toBe(false);
  });
});
