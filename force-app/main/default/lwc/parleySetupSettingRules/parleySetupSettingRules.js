// The org and team settings of SPEC §6 as the setup page shows them: labels,
// kinds, ranges, and checks that mirror worker/src/domain/settings.ts so an
// admin hears about an out-of-range value before the Worker refuses it. The
// Worker stays the judge: whatever it still refuses is shown as it says it.

export const MAX_ACCESS_WINDOW_HOURS = 2160; // 90 days, as in the Worker
export const MAX_AFTER_END_HOURS = 168;
export const MAX_URL_LENGTH = 2048;

/** The value a team sends to fall back to the org's setting. */
export const INHERIT = 'inherit';

export const SETTING_GROUPS = [
    { name: 'session', title: 'During a session' },
    { name: 'afterEnd', title: 'After the session ends' }
];

export const SEARCH_SPACE_OPTIONS = [
    { value: 'mine', label: 'Mine: their own sessions' },
    { value: 'team', label: "Team: their team's sessions" },
    { value: 'all', label: 'All: every session in the org' }
];

/** The parts of the inactivity auto-close duration and their ranges. */
export const DURATION_PARTS = [
    { unit: 'days', label: 'Days', max: 30 },
    { unit: 'hours', label: 'Hours', max: 23 },
    { unit: 'minutes', label: 'Minutes', max: 59 }
];

/** What switching auto-close on starts from, when there was no earlier value. */
export const DEFAULT_AUTO_CLOSE = Object.freeze({ days: 1, hours: 0, minutes: 0 });

export const SETTINGS = [
    { group: 'session', key: 'customerAttachments', kind: 'toggle', label: 'Customers may send attachments' },
    { group: 'session', key: 'customerChat', kind: 'toggle', label: 'Customers may chat' },
    {
        group: 'session',
        key: 'accessWindowHours',
        kind: 'hours',
        label: 'Access window after first open (hours)',
        min: 1,
        max: MAX_ACCESS_WINDOW_HOURS,
        help: `How long an invitation link works after the customer first opens it: 1 to ${MAX_ACCESS_WINDOW_HOURS} hours.`
    },
    {
        group: 'session',
        key: 'inactiveAutoClose',
        kind: 'duration',
        label: 'Close inactive sessions automatically',
        help: 'Off, or after this long without activity (up to 30 days, 23 hours and 59 minutes).'
    },
    {
        group: 'session',
        key: 'reusableSessions',
        kind: 'toggle',
        label: 'Reusable sessions',
        help: "Starting a session for a customer who already has an open one reuses it."
    },
    { group: 'session', key: 'searchSpace', kind: 'space', label: 'Search space', help: 'Which sessions agents can find.' },
    { group: 'session', key: 'singleActiveSession', kind: 'toggle', label: 'Single active session per agent' },
    { group: 'session', key: 'singleDeviceAccess', kind: 'toggle', label: 'Single device access for customers' },
    { group: 'session', key: 'otpRequired', kind: 'toggle', label: 'One-time code required to enter' },
    { group: 'session', key: 'agentMaySeeOtp', kind: 'toggle', label: "Agents may see participants' one-time codes" },
    { group: 'afterEnd', key: 'attachmentsAllowed', kind: 'toggle', label: 'Customers may still send attachments' },
    { group: 'afterEnd', key: 'chatAllowed', kind: 'toggle', label: 'Customers may still chat' },
    {
        group: 'afterEnd',
        key: 'fullAccessHours',
        kind: 'hours',
        label: 'Full access (hours)',
        min: 0,
        max: MAX_AFTER_END_HOURS,
        help: `Hours after the end during which the customer can still complete everything: 0 to ${MAX_AFTER_END_HOURS}.`
    },
    {
        group: 'afterEnd',
        key: 'limitedAccessHours',
        kind: 'hours',
        label: 'Limited access (hours)',
        min: 0,
        max: MAX_AFTER_END_HOURS,
        help: `Further hours during which the customer can only view and download: 0 to ${MAX_AFTER_END_HOURS}.`
    },
    {
        group: 'afterEnd',
        key: 'preventAccess',
        kind: 'toggle',
        label: 'Prevent access after the end',
        help: 'No access at all once the session ends; the customer is told the session has expired.'
    },
    {
        group: 'afterEnd',
        key: 'redirectUrl',
        kind: 'url',
        label: 'Redirect URL for denied customers',
        help: 'Where a customer who is denied access is sent for help (http or https). Leave empty for none.'
    }
];

export function settingsIn(group) {
    return SETTINGS.filter((def) => def.group === group);
}

export function groupTitle(group) {
    const found = SETTING_GROUPS.find((g) => g.name === group);
    return found ? found.title : group;
}

/** A problem with one setting: the message names the field; part says which duration box. */
function problem(def, message, part) {
    return { message: `${def.label}: ${message}`, part };
}

function wholeNumberProblem(def, value, min, max, unit, part) {
    if (typeof value !== 'number' || Number.isNaN(value)) return problem(def, `must be a number of ${unit}`, part);
    if (!Number.isInteger(value)) return problem(def, `must be a whole number of ${unit}`, part);
    if (value < min || value > max) return problem(def, `must be ${min} to ${max} ${unit}`, part);
    return null;
}

/** The Worker parses the URL and then wants http or https at its start; so do we. */
function isHttpUrl(value) {
    if (!/^https?:\/\//i.test(value)) return false;
    try {
        return Boolean(new URL(value).host);
    } catch (e) {
        return false;
    }
}

function urlProblem(def, value) {
    if (value === null) return null;
    if (typeof value !== 'string') return problem(def, 'must be an http(s) URL');
    if (value.length > MAX_URL_LENGTH) return problem(def, `must be at most ${MAX_URL_LENGTH} characters`);
    return isHttpUrl(value) ? null : problem(def, 'must be an http(s) URL, such as https://example.com/help');
}

/**
 * Why a setting's value would be refused, or null when it is fine.
 * "inherit" (a team falling back to the org) is always fine.
 */
export function validateSetting(def, value) {
    if (value === INHERIT) return null;
    switch (def.kind) {
        case 'toggle':
            return typeof value === 'boolean' ? null : problem(def, 'must be on or off');
        case 'hours':
            return wholeNumberProblem(def, value, def.min, def.max, 'hours');
        case 'space':
            return SEARCH_SPACE_OPTIONS.some((o) => o.value === value) ? null : problem(def, 'must be mine, team or all');
        case 'url':
            return urlProblem(def, value);
        case 'duration': {
            if (value === null) return null;
            for (const part of DURATION_PARTS) {
                const found = wholeNumberProblem(def, value[part.unit], 0, part.max, part.unit, part.unit);
                if (found) return found;
            }
            if (value.days + value.hours + value.minutes === 0) {
                return problem(def, 'must be longer than zero minutes (switch it off instead)');
            }
            return null;
        }
        default:
            return null;
    }
}

/**
 * Every problem in a group's values, keyed by setting.
 * @returns {Object<string, {message: string, part?: string}>}
 */
export function validateGroup(group, values) {
    const problems = {};
    for (const def of settingsIn(group)) {
        const found = validateSetting(def, values ? values[def.key] : undefined);
        if (found) problems[def.key] = found;
    }
    return problems;
}

function plural(n, unit) {
    return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A setting's value in words, for "Inherit from org (org value: …)". */
export function describeValue(def, value) {
    switch (def.kind) {
        case 'toggle':
            return value ? 'on' : 'off';
        case 'hours':
            return plural(value, 'hour');
        case 'space': {
            const option = SEARCH_SPACE_OPTIONS.find((o) => o.value === value);
            return option ? option.value : String(value);
        }
        case 'url':
            return value ? String(value) : 'none';
        case 'duration': {
            if (!value) return 'off';
            const parts = [
                [value.days, 'day'],
                [value.hours, 'hour'],
                [value.minutes, 'minute']
            ]
                .filter(([n]) => n > 0)
                .map(([n, unit]) => plural(n, unit));
            return `after ${parts.join(' ')}`;
        }
        default:
            return String(value);
    }
}

/**
 * What an input's text means as a number: a number when it reads as one,
 * otherwise the text itself, so validation can say "must be a number".
 */
export function numberFromInput(text) {
    if (typeof text === 'number') return text;
    const trimmed = String(text ?? '').trim();
    if (trimmed === '') return trimmed;
    const n = Number(trimmed);
    return Number.isNaN(n) ? trimmed : n;
}
