// The org and team settings of SPEC §6 as the setup page shows them: their
// labels, kinds, ranges and help come from Parley's catalogue (c/parleyCatalogue,
// generated from the Worker's), and the checks here mirror
// worker/src/domain/settings.ts so an admin hears about an out-of-range value
// before the Worker refuses it. The Worker stays the judge: whatever it still
// refuses is shown as it says it.

import {
    DURATION_PARTS,
    MAX_ACCESS_WINDOW_HOURS,
    MAX_AFTER_END_HOURS,
    MAX_URL_LENGTH,
    SEARCH_SPACES,
    SEARCH_SPACE_LABELS,
    SETTING_GROUPS,
    SETTINGS
} from 'c/parleyCatalogue';

export { DURATION_PARTS, MAX_ACCESS_WINDOW_HOURS, MAX_AFTER_END_HOURS, MAX_URL_LENGTH, SETTING_GROUPS, SETTINGS };

/** The value a team sends to fall back to the org's setting. */
export const INHERIT = 'inherit';

export const SEARCH_SPACE_OPTIONS = SEARCH_SPACES.map((value) => ({ value, label: SEARCH_SPACE_LABELS[value] }));

/** What switching auto-close on starts from, when there was no earlier value. */
export const DEFAULT_AUTO_CLOSE = Object.freeze({ days: 1, hours: 0, minutes: 0 });

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
    } catch {
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
