import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  DEFAULT_SETTINGS,
  describeTeamSettings,
  orgSettingsPatchSchema,
  resolveSettings,
  teamSettingsPatchSchema,
} from '../../../worker/src/domain/settings';

describe('resolveSettings', () => {
  it('gives the spec defaults when nothing is set', () => {
    const s = resolveSettings({});
    expect(s.session).toEqual({
      customerAttachments: true,
      customerChat: true,
      accessWindowHours: 168,
      inactiveAutoClose: null,
      reusableSessions: true,
      searchSpace: 'mine',
      singleActiveSession: false,
      singleDeviceAccess: false,
      otpRequired: false,
      agentMaySeeOtp: false,
      smsEnabled: true,
    });
    expect(s.afterEnd.preventAccess).toBe(false);
    expect(s.afterEnd.redirectUrl).toBeNull();
  });

  it('layers team overrides over org values over defaults', () => {
    const org = { session: { searchSpace: 'team', customerChat: false } };
    const team = { session: { searchSpace: 'all' }, afterEnd: { fullAccessHours: 2 } };
    const s = resolveSettings(org, team);
    expect(s.session.searchSpace).toBe('all'); // team wins
    expect(s.session.customerChat).toBe(false); // inherited from org
    expect(s.afterEnd.fullAccessHours).toBe(2);
    expect(s.afterEnd.limitedAccessHours).toBe(DEFAULT_SETTINGS.afterEnd.limitedAccessHours);
  });

  it('treats "inherit" and invalid stored values as absent', () => {
    const s = resolveSettings({ session: { accessWindowHours: 24 } }, { session: { accessWindowHours: 'inherit', searchSpace: 'everyone' } });
    expect(s.session.accessWindowHours).toBe(24);
    expect(s.session.searchSpace).toBe('mine');
  });
});

describe('settings patches', () => {
  it('refuses out-of-range durations, naming the field and the range', () => {
    const r = orgSettingsPatchSchema.safeParse({ afterEnd: { fullAccessHours: 169 } });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path).toEqual(['afterEnd', 'fullAccessHours']);
    expect(issue.message).toMatch(/168/);
  });

  it('refuses unknown settings', () => {
    expect(orgSettingsPatchSchema.safeParse({ session: { colour: 'blue' } }).success).toBe(false);
  });

  it('accepts an auto-close duration and refuses a zero one', () => {
    expect(orgSettingsPatchSchema.safeParse({ session: { inactiveAutoClose: { hours: 2 } } }).success).toBe(true);
    expect(orgSettingsPatchSchema.safeParse({ session: { inactiveAutoClose: { days: 0 } } }).success).toBe(false);
    expect(orgSettingsPatchSchema.safeParse({ session: { inactiveAutoClose: null } }).success).toBe(true);
  });

  it('lets a team put a setting back to inherit', () => {
    const patch = teamSettingsPatchSchema.parse({ session: { singleActiveSession: true } });
    let stored = applyPatch({}, patch);
    expect(resolveSettings({}, stored).session.singleActiveSession).toBe(true);
    stored = applyPatch(stored, teamSettingsPatchSchema.parse({ session: { singleActiveSession: 'inherit' } }));
    expect(stored.session).toEqual({});
    expect(describeTeamSettings({}, stored).overrides.session['singleActiveSession']).toBe('inherit');
  });

  it('does not accept inherit at org level', () => {
    expect(orgSettingsPatchSchema.safeParse({ session: { customerChat: 'inherit' } }).success).toBe(false);
  });
});
