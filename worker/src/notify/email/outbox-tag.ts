// The tag that carries Parley's outbox id out with each email and back in
// every webhook about it. Resend has no per-message callback URL (webhook
// endpoints are registered once for the account), so the tag is how a status
// report finds its outbox row without a lookup by Resend's id. Resend allows
// tag names and values of ASCII letters, digits, underscores and dashes, at
// most 256 characters ("Send Email": tags), and returns them in webhook
// payloads as data.tags, an object of name → value (webhook event pages).

export const OUTBOX_ID_TAG = 'outbox_id';

const TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;

/** Whether Resend accepts this as a tag value (outbox ids such as msg_par_…_1_email do). */
export const isTagValue = (value: string): boolean => TAG_VALUE.test(value);
