import { describe, expect, it } from 'vitest';
import { findSetting, formatSettingValue, parseSettingValue, settingRows } from '../../src/shared/settings.js';

const groups = {
  session: { accessWindowHours: 168, inactiveAutoClose: null, searchSpace: 'mine' },
  afterEnd: { redirectUrl: null },
};

describe('setting values typed on the command line', () => {
  it.each([
    ['72', 72],
    ['true', true],
    ['false', false],
    ['null', null],
    ['team', 'team'],
    ['https://example.com/done', 'https://example.com/done'],
    ['{"days":1,"hours":0,"minutes":30}', { days: 1, hours: 0, minutes: 30 }],
  ])('reads %s', (raw, value) => {
    expect(parseSettingValue(raw, false)).toEqual(value);
  });

  it('reads "inherit" for teams only', () => {
    expect(parseSettingValue('inherit', true)).toBe('inherit');
    expect(() => parseSettingValue('inherit', false)).toThrow(/only applies to a team/);
  });

  it('refuses broken JSON', () => {
    expect(() => parseSettingValue('{"days":1', false)).toThrow(/isn't valid JSON/);
  });

  it('prints durations in words', () => {
    expect(formatSettingValue({ days: 1, hours: 2, minutes: 30 })).toBe('1d 2h 30m');
    expect(formatSettingValue(null)).toBe('null');
  });
});

describe('setting names', () => {
  it('finds group.setting', () => {
    expect(findSetting(groups, 'session.accessWindowHours')).toEqual({ group: 'session', key: 'accessWindowHours' });
    expect(findSetting(groups, 'afterEnd.redirectUrl')).toEqual({ group: 'afterEnd', key: 'redirectUrl' });
  });

  it.each(['accessWindowHours', 'session.nope', 'other.accessWindowHours', 'session.', 'session.toString'])('refuses %s', (name) => {
    expect(() => findSetting(groups, name)).toThrow(`Parley has no setting called "${name}".`);
  });

  it('lists team values with inherit where the team has none', () => {
    const rows = settingRows({
      teamId: 'tem_0000000000000001',
      name: 'Claims',
      overrides: { session: { accessWindowHours: 24, inactiveAutoClose: 'inherit', searchSpace: 'inherit' }, afterEnd: { redirectUrl: 'inherit' } },
      effective: { session: { accessWindowHours: 24, inactiveAutoClose: null, searchSpace: 'team' }, afterEnd: { redirectUrl: null } },
    });
    expect(rows).toEqual([
      { setting: 'session.accessWindowHours', value: '24', inForce: '24' },
      { setting: 'session.inactiveAutoClose', value: 'inherit', inForce: 'null' },
      { setting: 'session.searchSpace', value: 'inherit', inForce: 'team' },
      { setting: 'afterEnd.redirectUrl', value: 'inherit', inForce: 'null' },
    ]);
  });
});
