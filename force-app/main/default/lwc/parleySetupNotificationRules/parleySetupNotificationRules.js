// The notification settings of SPEC §7 as the setup page shows them, with
// checks that mirror worker/src/domain/notification-settings.ts: the same
// limits, placeholders and time rules, each message naming the field. Two
// checks stay with the Worker alone, because they need its data: whether a
// phone prefix is a calling code in use, and the time zone database.

export const MESSAGE_TYPES = [
    { type: 'invitation', title: 'Invitation (primary participant)' },
    { type: 'invitationAdditional', title: 'Invitation (additional participant)' },
    { type: 'reminder', title: 'Reminder (incomplete session)' },
    { type: 'newActivity', title: 'New activity' }
];

/** The limits the Worker enforces; its GET answer sends them too and wins over these. */
export const DEFAULT_LIMITS = Object.freeze({
    smsLong: 70,
    smsShort: 130,
    emailSubject: 200,
    emailHtml: 20000,
    smsSenderName: 11,
    emailSenderName: 64
});

export const PLACEHOLDERS = ['{customerName}', '{roleName}', '{agentName}', '{orgName}', '{link}'];
const NAME_PLACEHOLDERS = ['customerName', 'roleName', 'agentName', 'orgName'];

export const TEXT_FIELDS = [
    { field: 'smsLong', label: 'SMS text with the long link', link: 'appended', note: ' (the long link is added after it)' },
    { field: 'smsShort', label: 'SMS text with the short link', link: 'appended', note: ' (the short link is added after it)' },
    { field: 'emailSubject', label: 'Email subject', link: 'none', note: '' },
    { field: 'emailHtml', label: 'Email body (HTML)', link: 'required', note: '' }
];

export const WEEKDAY_OPTIONS = [
    { value: 'mon', label: 'Monday' },
    { value: 'tue', label: 'Tuesday' },
    { value: 'wed', label: 'Wednesday' },
    { value: 'thu', label: 'Thursday' },
    { value: 'fri', label: 'Friday' },
    { value: 'sat', label: 'Saturday' },
    { value: 'sun', label: 'Sunday' }
];

export const CHANNEL_OPTIONS = [
    { value: 'sms', label: 'SMS' },
    { value: 'email', label: 'Email' }
];

export const GENERAL_LABELS = {
    smsSenderName: 'SMS sender name',
    defaultPhonePrefix: 'Default phone prefix',
    emailSenderName: 'Email sender name',
    shortLinks: 'Short invitation links',
    timeZone: 'Time zone'
};

export const REMINDER_LABELS = {
    enabled: 'Send reminders',
    offlineMinutes: 'Remind after the customer has been offline for (minutes)',
    weekdays: 'Days reminders may go out',
    from: 'Not before',
    to: 'Not after',
    maxTotal: 'Reminders per session at most',
    channels: 'Send reminders by'
};

export const NEW_ACTIVITY_LABELS = {
    enabled: 'Tell customers about new activity',
    offlineMinutes: 'Tell them after they have been offline for (minutes)',
    quietMinutes: 'Quiet period after a notice (minutes)',
    channels: 'Send new-activity notices by'
};

function messageTitle(type) {
    const found = MESSAGE_TYPES.find((m) => m.type === type);
    return found ? found.title : type;
}

function wholeNumber(value, min, max, unit) {
    if (typeof value !== 'number' || Number.isNaN(value)) return `must be a number of ${unit}`;
    if (!Number.isInteger(value)) return `must be a whole number of ${unit}`;
    if (value < min || value > max) return `must be ${min} to ${max} ${unit}`;
    return null;
}

/** The first problem with one message text, as the Worker words it, or null. */
export function textProblem(def, text, max) {
    if (typeof text !== 'string') return 'must be text';
    // Characters as the Worker counts them: code points (an emoji is one).
    if (Array.from(text).length > max) return `must be at most ${max} characters${def.note}`;
    if (text.trim().length === 0) return 'must not be empty';
    const allowed = def.link === 'required' ? [...NAME_PLACEHOLDERS, 'link'] : NAME_PLACEHOLDERS;
    for (const match of text.matchAll(/\{(\w+)\}/g)) {
        const name = match[1];
        if (name === 'link' && def.link === 'appended') return 'leave out {link}: the link is added after the text';
        if (!allowed.includes(name)) return `{${name}} is not a placeholder here; use ${allowed.map((n) => `{${n}}`).join(', ')}`;
    }
    if (def.link === 'required' && !text.includes('{link}')) return 'must contain {link}, or the customer has no way into the room';
    if (def.link === 'none' && /[\r\n]/.test(text)) return 'must be one line';
    return null;
}

function smsSenderProblem(value, max) {
    if (typeof value !== 'string') return 'must be text';
    if (value.length > max) return `must be at most ${max} characters (SMS sender names allow no more)`;
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9 ]*[A-Za-z0-9])?$/.test(value)) {
        return 'must be letters A–Z, digits and spaces, starting and ending with a letter or digit';
    }
    if (!/[A-Za-z]/.test(value)) return 'must contain a letter (a sender of digits only reads as a phone number)';
    return null;
}

function emailSenderProblem(value, max) {
    if (value === null) return null;
    if (typeof value !== 'string') return 'must be text';
    if (value.length > max) return `must be at most ${max} characters`;
    if (hasControlOrMarkup(value)) return 'must be plain text without line breaks, quotes or < >';
    return null;
}

/** A control character (line breaks, tabs, DEL) or one of < > ", which would break an email's From header. */
function hasControlOrMarkup(value) {
    return [...value].some((ch) => {
        const code = ch.charCodeAt(0);
        return code < 0x20 || code === 0x7f || ch === '<' || ch === '>' || ch === '"';
    });
}

function phonePrefixProblem(value) {
    if (value === null) return null;
    return /^\+[1-9][0-9]{0,2}$/.test(value) ? null : 'must be + and a country calling code, e.g. +1 or +44';
}

function timeZoneProblem(value) {
    const shaped = typeof value === 'string' && value.length <= 64 && /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value);
    return shaped && isKnownTimeZone(value) ? null : 'must be an IANA time zone such as Europe/London or America/New_York';
}

/** The browser's own time-zone database decides: a name it does not know makes the formatter throw. */
function isKnownTimeZone(value) {
    try {
        return Boolean(new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone);
    } catch {
        return false;
    }
}

function timeProblem(value) {
    return typeof value === 'string' && /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(value) ? null : 'must be a time of day as HH:MM, 00:00 to 23:59';
}

function listProblem(list, what) {
    if (!Array.isArray(list) || list.length === 0) return what === 'days' ? 'must name at least one day' : 'must name SMS, email or both';
    if (new Set(list).size !== list.length) return `must name each ${what === 'days' ? 'day' : 'channel'} at most once`;
    return null;
}

/**
 * Every problem in a draft of the notification settings.
 * @returns {Array<{path: string, message: string}>} path like "messages.reminder.smsShort";
 *   message names the field, e.g. "Reminder (incomplete session), SMS text with the short link: must be at most 130 characters…"
 */
export function validateNotifications(settings, limits = DEFAULT_LIMITS) {
    const problems = [];
    const add = (path, label, message) => {
        if (message) problems.push({ path, message: `${label}: ${message}` });
    };
    const { general, messages, reminders, newActivity } = settings;

    add('general.smsSenderName', GENERAL_LABELS.smsSenderName, smsSenderProblem(general.smsSenderName, limits.smsSenderName));
    add('general.defaultPhonePrefix', GENERAL_LABELS.defaultPhonePrefix, phonePrefixProblem(general.defaultPhonePrefix));
    add('general.emailSenderName', GENERAL_LABELS.emailSenderName, emailSenderProblem(general.emailSenderName, limits.emailSenderName));
    add('general.timeZone', GENERAL_LABELS.timeZone, timeZoneProblem(general.timeZone));

    for (const { type } of MESSAGE_TYPES) {
        for (const def of TEXT_FIELDS) {
            const text = messages[type] ? messages[type][def.field] : undefined;
            add(`messages.${type}.${def.field}`, `${messageTitle(type)}, ${def.label}`, textProblem(def, text, limits[def.field]));
        }
    }

    add('reminders.offlineMinutes', REMINDER_LABELS.offlineMinutes, wholeNumber(reminders.offlineMinutes, 5, 10080, 'minutes'));
    add('reminders.weekdays', REMINDER_LABELS.weekdays, listProblem(reminders.weekdays, 'days'));
    add('reminders.from', REMINDER_LABELS.from, timeProblem(reminders.from));
    add('reminders.to', REMINDER_LABELS.to, timeProblem(reminders.to));
    if (!timeProblem(reminders.from) && !timeProblem(reminders.to) && reminders.to <= reminders.from) {
        add('reminders.to', REMINDER_LABELS.to, 'must be later than "Not before" (the range is within one day)');
    }
    add('reminders.maxTotal', REMINDER_LABELS.maxTotal, wholeNumber(reminders.maxTotal, 1, 30, 'reminders'));
    add('reminders.channels', REMINDER_LABELS.channels, listProblem(reminders.channels, 'channels'));

    add('newActivity.offlineMinutes', NEW_ACTIVITY_LABELS.offlineMinutes, wholeNumber(newActivity.offlineMinutes, 1, 1440, 'minutes'));
    add('newActivity.quietMinutes', NEW_ACTIVITY_LABELS.quietMinutes, wholeNumber(newActivity.quietMinutes, 0, 10080, 'minutes'));
    add('newActivity.channels', NEW_ACTIVITY_LABELS.channels, listProblem(newActivity.channels, 'channels'));
    return problems;
}

/** lightning-input type="time" speaks "09:00:00.000"; the Worker speaks "09:00". */
export function timeFromInput(value) {
    return typeof value === 'string' ? value.slice(0, 5) : value;
}

export function timeForInput(value) {
    return typeof value === 'string' && /^\d\d:\d\d$/.test(value) ? `${value}:00.000` : value;
}
