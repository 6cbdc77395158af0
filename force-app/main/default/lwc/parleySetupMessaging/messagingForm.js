// The rules of the two account forms of the Messaging tab, apart from the
// page: what a form starts from, when it has changes, what it sends, and
// which of the Worker's messages belong to which field.
//
// The Worker (PATCH /api/v1/settings/messaging) is the judge of every value:
// its messages name the field (`body.sms.accountSid: must be …`, or
// `sms.authToken: give the auth token of this account` for a rule checked
// after validation). Here only what an empty form leaves out is checked, so
// an admin hears "give the auth token" before a round trip, not instead of one.

/** The inputs of each form, keyed as the Worker names them (`sms.accountSid`), with their labels. */
export const FIELD_LABELS = {
    'sms.accountSid': 'Account SID',
    'sms.authToken': 'Auth token',
    'sms.fromNumber': 'From number',
    'sms.messagingServiceSid': 'Messaging Service SID',
    'email.apiKey': 'API key',
    'email.fromAddress': 'From address',
    'email.webhookSecret': 'Webhook signing secret'
};

/** The secrets: write-only, never pre-filled, and left out of a change when empty (the Worker keeps the stored one). */
const SECRETS = { sms: ['authToken'], email: ['apiKey', 'webhookSecret'] };

const KEYS = {
    sms: ['accountSid', 'authToken', 'fromNumber', 'messagingServiceSid'],
    email: ['apiKey', 'fromAddress', 'webhookSecret']
};

const text = (value) => (value === null || value === undefined ? '' : String(value).trim());

/** Whether the org's own account sends on this channel (not Parley's, not none). */
export function ownAccount(view, provider) {
    return Boolean(view && view[provider] && view[provider].connected === 'org');
}

/**
 * What a form shows before the admin types: the org's own account as the
 * Worker sent it, or nothing when Parley's account (or none) sends, since
 * Parley's number and address are not the org's to edit. Secrets start empty.
 */
export function draftFrom(view, provider) {
    const own = ownAccount(view, provider) ? view[provider] : {};
    const draft = {};
    for (const key of KEYS[provider]) draft[key] = SECRETS[provider].includes(key) ? '' : text(own[key]);
    return draft;
}

/** Whether the form differs from what is stored: a changed value, or any secret typed in. */
export function isDirty(view, provider, draft) {
    const start = draftFrom(view, provider);
    return KEYS[provider].some((key) => text(draft[key]) !== start[key]);
}

/**
 * Values the Worker would refuse for being left out, as [{ field, message }].
 * Only for a form with changes: an untouched empty form is not an error.
 */
export function missingValues(view, provider, draft) {
    if (!isDirty(view, provider, draft)) return [];
    const problems = [];
    const add = (key, message) => problems.push({ field: `${provider}.${key}`, message });
    if (provider === 'sms') {
        if (!text(draft.accountSid)) add('accountSid', 'give the account SID (AC…) from the Twilio Console');
        // The Worker keeps the stored token only for the account it belongs to.
        const sameAccount = ownAccount(view, 'sms') && text(draft.accountSid) === text(view.sms.accountSid);
        if (!text(draft.authToken) && !sameAccount) add('authToken', 'give the auth token of this account');
        if (!text(draft.fromNumber) && !text(draft.messagingServiceSid)) {
            add('fromNumber', 'give a from number or a Messaging Service SID: countries that take no sender name need one');
        }
    } else {
        if (!text(draft.apiKey) && !ownAccount(view, 'email')) add('apiKey', 'give the API key of your Resend account');
        if (!text(draft.fromAddress)) add('fromAddress', 'give the address emails go from, on a domain verified at Resend');
    }
    return problems;
}

/**
 * The change to send for one form, e.g. { sms: { accountSid, fromNumber, messagingServiceSid, authToken? } }.
 * The whole account goes each time (the Worker replaces it); an empty from
 * number or Messaging Service SID is null (none), an empty secret is left out (kept).
 */
export function changeOf(provider, draft) {
    const account = {};
    for (const key of KEYS[provider]) {
        const value = text(draft[key]);
        if (SECRETS[provider].includes(key)) {
            if (value) account[key] = value;
        } else if (key === 'fromNumber' || key === 'messagingServiceSid') {
            account[key] = value || null;
        } else {
            account[key] = value;
        }
    }
    return { [provider]: account };
}

const ISSUE_START = /(?:^|;\s*)(?:body\.)?((?:sms|email)(?:\.[A-Za-z]+)?):\s/g;

/**
 * The Worker's refusal, split by field. Apex passes on only its message, in
 * which each issue reads `field: message` and issues are joined by "; "; a
 * field is the request's path (`body.sms.fromNumber`) or, for a rule checked
 * after validation, the body's own (`sms.authToken`).
 * Returns { fields: { 'sms.authToken': 'give the auth token …' }, others: [text…] }:
 * others holds what belongs to no input (a whole account, or no field at all).
 */
export function issuesIn(message) {
    const fields = {};
    const others = [];
    const said = String(message || '').trim();
    const starts = [...said.matchAll(ISSUE_START)];
    if (starts.length === 0) return { fields, others: said ? [said] : [] };
    const before = said.slice(0, starts[0].index).trim();
    if (before) others.push(before);
    starts.forEach((start, i) => {
        const end = i + 1 < starts.length ? starts[i + 1].index : said.length;
        const field = start[1];
        const issue = said.slice(start.index + start[0].length, end).trim();
        if (FIELD_LABELS[field] && !fields[field]) fields[field] = issue;
        else others.push(`${field}: ${issue}`);
    });
    return { fields, others };
}

/** One line per problem, each naming its input by its label, for the save bar and the toast. */
export function issueLines(fields, others = []) {
    return [...Object.entries(fields).map(([field, message]) => `${FIELD_LABELS[field]}: ${message}`), ...others];
}
