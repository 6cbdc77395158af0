// The range checks behind the Settings and Teams tabs, which mirror the
// Worker's (worker/src/domain/settings.ts) so an admin hears about an
// out-of-range value before saving, and the words for "Inherit from org".
import { SETTINGS, describeValue, numberFromInput, validateSetting } from 'c/parleySetupSettingRules';

const def = (key) => SETTINGS.find((d) => d.key === key);
const message = (key, value) => {
    const found = validateSetting(def(key), value);
    return found ? found.message : null;
};

describe('setting ranges (as worker/src/domain/settings.ts)', () => {
    it.each([
        ['accessWindowHours', 1, null],
        ['accessWindowHours', 2160, null],
        ['accessWindowHours', 0, 'Access window after first open (hours): must be 1 to 2160 hours'],
        ['accessWindowHours', 2161, 'Access window after first open (hours): must be 1 to 2160 hours'],
        ['fullAccessHours', 0, null],
        ['fullAccessHours', 168, null],
        ['fullAccessHours', 169, 'Full access (hours): must be 0 to 168 hours'],
        ['limitedAccessHours', -1, 'Limited access (hours): must be 0 to 168 hours'],
        ['limitedAccessHours', '', 'Limited access (hours): must be a number of hours'],
        ['limitedAccessHours', 2.5, 'Limited access (hours): must be a whole number of hours']
    ])('%s = %p', (key, value, expected) => {
        expect(message(key, value)).toBe(expected);
    });

    it('takes a duration of up to 30 days 23 hours 59 minutes, longer than zero, or off', () => {
        expect(message('inactiveAutoClose', null)).toBeNull();
        expect(message('inactiveAutoClose', { days: 30, hours: 23, minutes: 59 })).toBeNull();
        expect(message('inactiveAutoClose', { days: 31, hours: 0, minutes: 0 })).toBe(
            'Close inactive sessions automatically: must be 0 to 30 days'
        );
        expect(validateSetting(def('inactiveAutoClose'), { days: 0, hours: 0, minutes: 60 }).part).toBe('minutes');
        expect(message('inactiveAutoClose', { days: 0, hours: 0, minutes: 0 })).toBe(
            'Close inactive sessions automatically: must be longer than zero minutes (switch it off instead)'
        );
    });

    it('takes an http(s) URL or none for the redirect', () => {
        expect(message('redirectUrl', null)).toBeNull();
        expect(message('redirectUrl', 'https://help.example.com/a?b=c')).toBeNull();
        expect(message('redirectUrl', 'ftp://help.example.com')).toMatch(/must be an http\(s\) URL/);
        expect(message('redirectUrl', `https://e.com/${'a'.repeat(2048)}`)).toBe(
            'Redirect URL for denied customers: must be at most 2048 characters'
        );
    });

    it('lets a team inherit anything', () => {
        for (const d of SETTINGS) expect(validateSetting(d, 'inherit')).toBeNull();
    });

    it('reads number inputs, keeping what is not a number for the message', () => {
        expect(numberFromInput('42')).toBe(42);
        expect(numberFromInput(' 7 ')).toBe(7);
        expect(numberFromInput('')).toBe('');
        expect(numberFromInput('abc')).toBe('abc');
    });

    it('describes values for "Inherit from org"', () => {
        expect(describeValue(def('customerChat'), false)).toBe('off');
        expect(describeValue(def('accessWindowHours'), 1)).toBe('1 hour');
        expect(describeValue(def('inactiveAutoClose'), { days: 0, hours: 1, minutes: 30 })).toBe('after 1 hour 30 minutes');
        expect(describeValue(def('inactiveAutoClose'), null)).toBe('off');
        expect(describeValue(def('redirectUrl'), null)).toBe('none');
    });
});
