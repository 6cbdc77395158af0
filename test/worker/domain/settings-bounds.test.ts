// The bounds of the settings an admin sets (SPEC §6), each on both sides, in
// literal numbers, and the catalogue the setup pages are drawn from; and who
// may chat or attach under each access level. Found missing by the mutation
// runner (scripts/mutation.mjs).
import { describe, expect, it } from 'vitest';
import { computeAccess, customerMay } from '../../../worker/src/domain/access';
import { describeSettingValue, settingsIn } from '../../../worker/src/domain/catalogue';
import { orgSettingsPatchSchema, resolveSettings } from '../../../worker/src/domain/settings';

const accepts = (patch: unknown) => orgSettingsPatchSchema.safeParse(patch).success;

describe('setting bounds', () => {
  it('after-end hours: 0 to 168', () => {
    for (const key of ['fullAccessHours', 'limitedAccessHours']) {
      expect(accepts({ afterEnd: { [key]: 0 } })).toBe(true);
      expect(accepts({ afterEnd: { [key]: 168 } })).toBe(true);
      expect(accepts({ afterEnd: { [key]: 169 } })).toBe(false);
      expect(accepts({ afterEnd: { [key]: -1 } })).toBe(false);
    }
  });

  it('auto-close: up to 30 days, 23 hours and 59 minutes', () => {
    expect(accepts({ session: { inactiveAutoClose: { days: 30, hours: 23, minutes: 59 } } })).toBe(true);
    expect(accepts({ session: { inactiveAutoClose: { days: 31 } } })).toBe(false);
    expect(accepts({ session: { inactiveAutoClose: { hours: 24 } } })).toBe(false);
    expect(accepts({ session: { inactiveAutoClose: { minutes: 60 } } })).toBe(false);
  });

  it('auto-close parts default to 0, and the shortest is one minute', () => {
    const autoClose = (d: unknown) => orgSettingsPatchSchema.safeParse({ session: { inactiveAutoClose: d } });
    expect(autoClose({ hours: 2 }).data?.session?.inactiveAutoClose).toEqual({ days: 0, hours: 2, minutes: 0 });
    expect(autoClose({ days: 1 }).data?.session?.inactiveAutoClose).toEqual({ days: 1, hours: 0, minutes: 0 });
    expect(autoClose({ minutes: 1 }).data?.session?.inactiveAutoClose).toEqual({ days: 0, hours: 0, minutes: 1 });
    expect(autoClose({ days: 0, hours: 0, minutes: 1 }).success).toBe(true);
    for (const part of ['days', 'hours', 'minutes']) {
      expect(autoClose({ days: 1, hours: 1, minutes: 1, [part]: 0 }).success).toBe(true);
      expect(autoClose({ days: 1, hours: 1, minutes: 1, [part]: -1 }).success).toBe(false);
    }
  });

  it('after the end, by default: a week of full access, no limited access, chat and attachments allowed', () => {
    expect(resolveSettings({}).afterEnd).toEqual({ attachmentsAllowed: true, chatAllowed: true, fullAccessHours: 168, limitedAccessHours: 0, preventAccess: false, redirectUrl: null });
  });

  it('the redirect URL: at most 2048 characters', () => {
    const url = (length: number) => `https://help.example.com/${'a'.repeat(length - 'https://help.example.com/'.length)}`;
    expect(url(2048)).toHaveLength(2048);
    expect(accepts({ afterEnd: { redirectUrl: url(2048) } })).toBe(true);
    expect(accepts({ afterEnd: { redirectUrl: url(2049) } })).toBe(false);
  });
});

describe('the settings catalogue (the setup pages and the CRM read it)', () => {
  it('says the same ranges as the validation', () => {
    const hours = [...settingsIn('session'), ...settingsIn('afterEnd')].filter((d) => d.kind === 'hours');
    expect(hours.map((d) => [d.key, d.min, d.max])).toEqual([
      ['accessWindowHours', 1, 2160],
      ['fullAccessHours', 0, 168],
      ['limitedAccessHours', 0, 168],
    ]);
    expect(settingsIn('session').every((d) => d.group === 'session')).toBe(true);
    expect(settingsIn('session').find((d) => d.key === 'inactiveAutoClose')!.help).toBe('Off, or after this long without activity (up to 30 days, 23 hours and 59 minutes).');
  });

  it('describes values in words', () => {
    expect(describeSettingValue({ kind: 'hours' }, 1)).toBe('1 hour');
    expect(describeSettingValue({ kind: 'hours' }, 0)).toBe('0 hours');
    expect(describeSettingValue({ kind: 'hours' }, 2)).toBe('2 hours');
    expect(describeSettingValue({ kind: 'duration' }, null)).toBe('off');
    expect(describeSettingValue({ kind: 'duration' }, { days: 1, hours: 0, minutes: 30 })).toBe('after 1 day 30 minutes');
    expect(describeSettingValue({ kind: 'duration' }, { days: 0, hours: 2, minutes: 1 })).toBe('after 2 hours 1 minute');
    expect(describeSettingValue({ kind: 'toggle' }, true)).toBe('on');
    expect(describeSettingValue({ kind: 'url' }, null)).toBe('none');
  });
});

describe('chat and attachments by access level', () => {
  const H = 3_600_000;
  const T0 = Date.UTC(2026, 10, 2, 9);
  const settings = resolveSettings({ afterEnd: { fullAccessHours: 1, limitedAccessHours: 1 } });
  const ended = (h: number) => computeAccess({ status: 'ended', endedAt: T0, windowStartedAt: T0, settings, now: T0 + h * H });

  it('limited or no access allows neither, whatever the settings say', () => {
    expect(ended(1.5)).toMatchObject({ level: 'limited', reason: 'after_end_limited' });
    expect(ended(3)).toMatchObject({ level: 'none', reason: 'ended' });
    for (const access of [ended(1.5), ended(3)]) {
      expect(customerMay(access, settings, 'chat')).toBe(false);
      expect(customerMay(access, settings, 'attach')).toBe(false);
    }
  });

  it('full access after the end follows the after-end settings', () => {
    const noChat = resolveSettings({ afterEnd: { fullAccessHours: 1, chatAllowed: false } });
    const access = computeAccess({ status: 'ended', endedAt: T0, windowStartedAt: T0, settings: noChat, now: T0 + 0.5 * H });
    expect(access.reason).toBe('after_end_full');
    expect(customerMay(access, noChat, 'chat')).toBe(false);
    expect(customerMay(access, noChat, 'attach')).toBe(true);
  });
});
