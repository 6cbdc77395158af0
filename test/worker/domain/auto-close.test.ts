import { describe, expect, it } from 'vitest';
import { autoCloseAfterActivity, autoCloseDecision, type AutoCloseInput } from '../../../worker/src/domain/auto-close';

const H = 3_600_000;
const T0 = Date.UTC(2030, 0, 7, 9);
const base: AutoCloseInput = {
  status: 'active',
  setting: { days: 0, hours: 2, minutes: 0 },
  lastCustomerActivityAt: T0,
  invitedAt: T0 - H,
  createdAt: T0 - 2 * H,
  hasWaitingItems: true,
  now: T0 + 2 * H,
};

describe('inactive session auto-close', () => {
  it('closes an active session idle for the whole duration with something still waiting', () => {
    expect(autoCloseDecision(base)).toEqual({ kind: 'close' });
  });

  it('waits until the duration has passed since the last customer activity (or the invitation, or the creation)', () => {
    expect(autoCloseDecision({ ...base, now: T0 + H })).toEqual({ kind: 'later', at: T0 + 2 * H });
    expect(autoCloseDecision({ ...base, lastCustomerActivityAt: null, now: T0 })).toEqual({ kind: 'later', at: T0 + H });
    expect(autoCloseDecision({ ...base, lastCustomerActivityAt: null, invitedAt: null, now: T0 - H })).toEqual({ kind: 'later', at: T0 });
  });

  it('keeps a session with nothing left to do, one not active, or with auto-close off', () => {
    expect(autoCloseDecision({ ...base, hasWaitingItems: false })).toEqual({ kind: 'keep' });
    expect(autoCloseDecision({ ...base, status: 'ended' })).toEqual({ kind: 'keep' });
    expect(autoCloseDecision({ ...base, setting: null })).toEqual({ kind: 'keep' });
  });

  it('is due again a full duration after each customer activity, while active', () => {
    expect(autoCloseAfterActivity('active', { days: 1, hours: 0, minutes: 30 }, T0)).toBe(T0 + 24.5 * H);
    expect(autoCloseAfterActivity('active', null, T0)).toBeNull();
    expect(autoCloseAfterActivity('planned', { days: 1, hours: 0, minutes: 0 }, T0)).toBeNull();
  });
});
