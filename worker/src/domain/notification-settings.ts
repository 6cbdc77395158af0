// Notification settings (SPEC §7): who the messages come from, their words,
// and when reminders and new-activity notices go out. Pure: schema, defaults,
// validation, resolution of what an org stored, and filling in a message.
// Orgs store only what an admin changed, so improved default wording reaches
// every org that never edited its texts. The words exist in every language
// Parley speaks: `messages` holds the English ones (as it did before there
// were others), `languages.<es|fr|de|he>` the others; a text an admin did not
// change in a language is Parley's own in that language (the notify
// catalogue, i18n/messages/notify.ts), never the admin's English.
import { z } from 'zod';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';
import { LOCALES, type Locale } from '../i18n/locales';
import { notifyMessages } from '../i18n/messages/notify';

// ───────────────────────────── limits and names ─────────────────────────────

/** Own text of an SMS sent with the long link; the link (≈ 80 characters) is added after it. */
export const SMS_LONG_MAX = 70;
/** Own text of an SMS sent with the short link. */
export const SMS_SHORT_MAX = 130;
export const EMAIL_SUBJECT_MAX = 200;
export const EMAIL_HTML_MAX = 20_000;
/** One SMS segment; the short-link text is cut so the whole message fits in it. */
export const SMS_SEGMENT = 160;
/** SMS sender IDs (alphanumeric originators) allow no more. */
export const SMS_SENDER_MAX = 11;
export const EMAIL_SENDER_MAX = 64;

export const MESSAGE_TYPES = ['invitation', 'invitationAdditional', 'reminder', 'newActivity'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
const TEXT_FIELDS = ['smsLong', 'smsShort', 'emailSubject', 'emailHtml'] as const;

/** The languages whose texts sit under `languages`; English's are `messages`. */
export type TranslatedLocale = Exclude<Locale, 'en'>;
export const TRANSLATED_LOCALES = LOCALES.filter((l): l is TranslatedLocale => l !== 'en');

/**
 * What an admin may write in braces. {customerName} is the person the message
 * goes to and {roleName} the part they play in the session ("Customer",
 * "Co-signer"), so an additional participant learns why they are asked in.
 */
export const PLACEHOLDERS = ['customerName', 'roleName', 'agentName', 'orgName', 'link'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const CHANNELS = ['sms', 'email'] as const;

// ───────────────────────────── field schemas ─────────────────────────────

const within = (min: number, max: number, unit: string) =>
  z
    .number({ message: `must be a number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be ${min} to ${max} ${unit}`)
    .max(max, `must be ${min} to ${max} ${unit}`);

const NAMES_ONLY: readonly Placeholder[] = ['customerName', 'roleName', 'agentName', 'orgName'];
const braces = (names: readonly string[]) => names.map((n) => `{${n}}`).join(', ');

/**
 * A message text. `link` says where the link goes: SMS texts get it appended
 * (so it can never be cut off or left out), subjects carry none, and an email
 * body must place it itself.
 */
function messageText(max: number, limitNote: string, link: 'appended' | 'none' | 'required') {
  const allowed = link === 'required' ? PLACEHOLDERS : NAMES_ONLY;
  return z
    .string({ message: 'must be text' })
    .max(max, `must be at most ${max} characters${limitNote}`)
    .superRefine((text, ctx) => {
      if (text.trim().length === 0) ctx.addIssue({ code: 'custom', message: 'must not be empty' });
      for (const [, name] of text.matchAll(/\{(\w+)\}/g)) {
        if (name === 'link' && link === 'appended') {
          ctx.addIssue({ code: 'custom', message: 'leave out {link}: the link is added after the text' });
        } else if (!(allowed as readonly string[]).includes(name!)) {
          ctx.addIssue({ code: 'custom', message: `{${name}} is not a placeholder here; use ${braces(allowed)}` });
        }
      }
      if (link === 'required' && !text.includes('{link}')) {
        ctx.addIssue({ code: 'custom', message: 'must contain {link}, or the customer has no way into the room' });
      }
      if (link === 'none' && /[\r\n]/.test(text)) ctx.addIssue({ code: 'custom', message: 'must be one line' });
    });
}

export const messageTextsSchema = z
  .object({
    smsLong: messageText(SMS_LONG_MAX, ' (the long link is added after it)', 'appended'),
    smsShort: messageText(SMS_SHORT_MAX, ' (the short link is added after it)', 'appended'),
    emailSubject: messageText(EMAIL_SUBJECT_MAX, '', 'none'),
    emailHtml: messageText(EMAIL_HTML_MAX, '', 'required'),
  })
  .strict();
export type MessageTexts = z.infer<typeof messageTextsSchema>;

// Calling codes of the countries libphonenumber knows: "+44" is one, "+999" is not.
const CALLING_CODES = new Set(getCountries().map((country) => `+${getCountryCallingCode(country)}`));

const phonePrefix = z
  .string({ message: 'must be text' })
  .regex(/^\+[1-9][0-9]{0,2}$/, 'must be + and a country calling code, e.g. +1 or +44')
  // (Only said of something shaped like a prefix: "44" gets the message above alone.)
  .refine((p) => !/^\+[0-9]+$/.test(p) || CALLING_CODES.has(p), 'is not a country calling code in use');

const smsSenderName = z
  .string({ message: 'must be text' })
  .max(SMS_SENDER_MAX, `must be at most ${SMS_SENDER_MAX} characters (SMS sender names allow no more)`)
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9 ]*[A-Za-z0-9])?$/, 'must be letters A–Z, digits and spaces, starting and ending with a letter or digit (what SMS sender names allow)')
  .refine((s) => /[A-Za-z]/.test(s), 'must contain a letter (a sender of digits only reads as a phone number)');

const emailSenderName = z
  .string({ message: 'must be text' })
  .max(EMAIL_SENDER_MAX, `must be at most ${EMAIL_SENDER_MAX} characters`)
  // It becomes the From header's display name.
  .refine((s) => s.trim().length > 0, 'must not be empty (use null for the org name)')
  .refine((s) => !/[\u0000-\u001f\u007f<>"]/.test(s), 'must be plain text without line breaks, quotes or < >');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// IANA names only ("Europe/Paris", "UTC"); Intl would also take offsets like "+02:00", which know no daylight saving.
const timeZone = z
  .string({ message: 'must be text' })
  .max(64, 'must be at most 64 characters')
  .refine((zone) => /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) && isTimeZone(zone), 'must be an IANA time zone such as Europe/London or America/New_York');

const timeOfDay = z.string({ message: 'must be text' }).regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time of day as HH:MM, 00:00 to 23:59');

const noRepeats = <T>(list: T[]) => new Set(list).size === list.length;

const weekdays = z
  .array(z.enum(WEEKDAYS, { message: `must be one of ${WEEKDAYS.join(', ')}` }), { message: 'must be a list of days' })
  .min(1, 'must name at least one day')
  .max(WEEKDAYS.length, 'must name each day at most once')
  .refine(noRepeats, 'must name each day at most once');

const channels = z
  .array(z.enum(CHANNELS, { message: 'must be sms or email' }), { message: 'must be a list of channels' })
  .min(1, 'must name sms, email or both')
  .max(CHANNELS.length, 'must name each channel at most once')
  .refine(noRepeats, 'must name each channel at most once');

// ───────────────────────────── groups ─────────────────────────────

// The plain shapes (no cross-field rules), so patches can make every field optional.
const generalShape = z
  .object({
    smsSenderName,
    /** Added to a number typed without a country code; null: such numbers are refused. */
    defaultPhonePrefix: phonePrefix.nullable(),
    /** null: the org's name. */
    emailSenderName: emailSenderName.nullable(),
    shortLinks: z.boolean({ message: 'must be true or false' }),
    timeZone,
  })
  .strict();

const remindersShape = z
  .object({
    enabled: z.boolean({ message: 'must be true or false' }),
    offlineMinutes: within(5, 10_080, 'minutes'),
    weekdays,
    from: timeOfDay,
    to: timeOfDay,
    maxTotal: within(1, 30, 'reminders'),
    channels,
  })
  .strict();

const newActivityShape = z
  .object({
    enabled: z.boolean({ message: 'must be true or false' }),
    offlineMinutes: within(1, 1_440, 'minutes'),
    quietMinutes: within(0, 10_080, 'minutes'),
    channels,
  })
  .strict();

/** Reminders go out between from and to of one day, in the org's time zone. */
const remindersSchema = remindersShape.superRefine((r, ctx) => {
  if (r.to <= r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be later than from (the range is within one day)' });
});

const messagesSchema = z
  .object({ invitation: messageTextsSchema, invitationAdditional: messageTextsSchema, reminder: messageTextsSchema, newActivity: messageTextsSchema })
  .strict();
export type Messages = z.infer<typeof messagesSchema>;

/** A language Parley does not speak, or English (whose texts are `messages`), is named in the refusal. */
const languageKeys = (iss: { code?: string; keys?: string[] }) =>
  iss.code === 'unrecognized_keys' ? `${iss.keys?.join(', ')}: not a language here; use ${TRANSLATED_LOCALES.join(', ')} (English texts are under messages)` : undefined;

const languagesSchema = z.strictObject({ es: messagesSchema, fr: messagesSchema, de: messagesSchema, he: messagesSchema }, { error: languageKeys });

export const notificationSettingsSchema = z
  .object({ general: generalShape, messages: messagesSchema, languages: languagesSchema, reminders: remindersSchema, newActivity: newActivityShape })
  .strict();

export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;
export type GeneralNotificationSettings = NotificationSettings['general'];
export type ReminderSettings = NotificationSettings['reminders'];
export type NewActivitySettings = NotificationSettings['newActivity'];

const textsPatch = messageTextsSchema.partial().strict().optional();
const messagesPatch = z.object({ invitation: textsPatch, invitationAdditional: textsPatch, reminder: textsPatch, newActivity: textsPatch }).strict();

/** What an admin sends: any subset, down to single fields and single texts, in any language. */
export const notificationSettingsPatchSchema = z
  .object({
    general: generalShape.partial().strict().optional(),
    messages: messagesPatch.optional(),
    languages: z
      .strictObject({ es: messagesPatch.optional(), fr: messagesPatch.optional(), de: messagesPatch.optional(), he: messagesPatch.optional() }, { error: languageKeys })
      .optional(),
    reminders: remindersShape.partial().strict().optional(),
    newActivity: newActivityShape.partial().strict().optional(),
  })
  .strict();

type StoredMessages = Partial<Record<MessageType, Partial<Record<keyof MessageTexts, unknown>>>>;

/** What is stored for an org: only what its admins changed. */
export interface NotificationOverrides {
  general?: Partial<Record<keyof GeneralNotificationSettings, unknown>>;
  messages?: StoredMessages;
  languages?: Partial<Record<TranslatedLocale, StoredMessages>>;
  reminders?: Partial<Record<keyof ReminderSettings, unknown>>;
  newActivity?: Partial<Record<keyof NewActivitySettings, unknown>>;
}
export type NotificationSettingsPatch = NotificationOverrides;

// ───────────────────────────── defaults ─────────────────────────────

/** Parley's own texts in one language, from the notify catalogue. */
export function defaultMessages(locale: Locale): Messages {
  const texts = notifyMessages[locale] as Record<string, string>;
  const of = (type: MessageType) => Object.fromEntries(TEXT_FIELDS.map((f) => [f, texts[`notify.${type}.${f}`]!])) as MessageTexts;
  return { invitation: of('invitation'), invitationAdditional: of('invitationAdditional'), reminder: of('reminder'), newActivity: of('newActivity') };
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  general: { smsSenderName: 'Parley', defaultPhonePrefix: null, emailSenderName: null, shortLinks: true, timeZone: 'UTC' },
  messages: defaultMessages('en'),
  languages: { es: defaultMessages('es'), fr: defaultMessages('fr'), de: defaultMessages('de'), he: defaultMessages('he') },
  reminders: { enabled: true, offlineMinutes: 120, weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00', maxTotal: 3, channels: ['sms', 'email'] },
  newActivity: { enabled: true, offlineMinutes: 10, quietMinutes: 60, channels: ['sms', 'email'] },
};

// ───────────────────────────── resolution and patches ─────────────────────────────

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Defaults with each stored field that still validates on top. */
function overlay<T extends Record<string, unknown>>(shape: z.ZodObject, defaults: T, stored: unknown): T {
  const out: Record<string, unknown> = { ...defaults };
  if (!isRecord(stored)) return out as T;
  for (const key of Object.keys(defaults)) {
    if (!Object.hasOwn(stored, key)) continue;
    const parsed = (shape.shape[key] as z.ZodType).safeParse(stored[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as T;
}

/** Field by field; a stored value that no longer validates (a rule tightened later) falls back to the default. */
function overlayAll(stored: unknown): NotificationSettings {
  const s = isRecord(stored) ? stored : {};
  const languages = isRecord(s.languages) ? s.languages : {};
  const d = DEFAULT_NOTIFICATION_SETTINGS;
  const overlayMessages = (defaults: Messages, given: unknown): Messages => {
    const m = isRecord(given) ? given : {};
    return Object.fromEntries(MESSAGE_TYPES.map((t) => [t, overlay(messageTextsSchema, defaults[t], m[t])])) as Messages;
  };
  return {
    general: overlay(generalShape, d.general, s.general),
    messages: overlayMessages(d.messages, s.messages),
    languages: Object.fromEntries(TRANSLATED_LOCALES.map((l) => [l, overlayMessages(d.languages[l], languages[l])])) as NotificationSettings['languages'],
    reminders: overlay(remindersShape, d.reminders, s.reminders),
    newActivity: overlay(newActivityShape, d.newActivity, s.newActivity),
  };
}

/**
 * The settings in force for an org. A stored combination that breaks a rule
 * between fields (reminders ending before they start) gives that group's
 * defaults rather than a schedule nobody chose.
 */
export function resolveNotificationSettings(stored: unknown): NotificationSettings {
  const settings = overlayAll(stored);
  if (!remindersSchema.safeParse(settings.reminders).success) settings.reminders = { ...DEFAULT_NOTIFICATION_SETTINGS.reminders };
  return settings;
}

export interface NotificationIssue {
  path: (string | number)[];
  message: string;
}

export type PatchOutcome = { ok: true; stored: NotificationOverrides; settings: NotificationSettings } | { ok: false; issues: NotificationIssue[] };

const issuesOf = (error: z.ZodError): NotificationIssue[] => error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));

/**
 * Apply a patch to what an org stored. Each field is checked on its own, then
 * the result as a whole: a patch of `to` alone can still put it before the
 * stored `from`.
 */
export function applyNotificationPatch(stored: NotificationOverrides, input: unknown): PatchOutcome {
  const parsed = notificationSettingsPatchSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const patch = parsed.data as NotificationSettingsPatch;
  const mergeMessages = (was: StoredMessages | undefined, given: StoredMessages | undefined): StoredMessages =>
    Object.fromEntries(MESSAGE_TYPES.map((t) => [t, { ...(was?.[t] ?? {}), ...(given?.[t] ?? {}) }]));
  const next: NotificationOverrides = {
    general: { ...(stored.general ?? {}), ...(patch.general ?? {}) },
    messages: mergeMessages(stored.messages, patch.messages),
    languages: Object.fromEntries(TRANSLATED_LOCALES.map((l) => [l, mergeMessages(stored.languages?.[l], patch.languages?.[l])])),
    reminders: { ...(stored.reminders ?? {}), ...(patch.reminders ?? {}) },
    newActivity: { ...(stored.newActivity ?? {}), ...(patch.newActivity ?? {}) },
  };
  const check = notificationSettingsSchema.safeParse(overlayAll(next));
  if (!check.success) return { ok: false, issues: issuesOf(check.error) };
  return { ok: true, stored: next, settings: check.data };
}

// ───────────────────────────── rendering ─────────────────────────────

/** The texts a recipient reads: their language's (the admin's where changed, else Parley's), English when they have none. */
export function messagesIn(settings: NotificationSettings, locale: Locale | null): Messages {
  return !locale || locale === 'en' ? settings.messages : settings.languages[locale];
}

export interface MessageValues {
  customerName: string;
  roleName: string;
  agentName: string;
  orgName: string;
}

export interface MessageLinks {
  longUrl: string;
  shortUrl: string;
}

export interface RenderedMessage {
  /** The whole SMS: own text, a space, the link. */
  sms: string;
  /** The link inside the SMS: short when short links are on, else long. */
  smsLink: string;
  emailSubject: string;
  emailHtml: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** One pass, so a name that itself contains "{link}" stays text. */
function fill(template: string, values: Record<Placeholder, string>, encode: (s: string) => string = (s) => s): string {
  return template.replace(/\{(customerName|roleName|agentName|orgName|link)\}/g, (_, name: Placeholder) => encode(values[name]));
}

/**
 * Cut to `max` characters with an ellipsis. Characters are code points, as
 * zod counts them for the limits, so an emoji is never split in half.
 */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  if (max <= 1) return '';
  return chars.slice(0, max - 1).join('').trimEnd() + '…';
}

/**
 * One message in an org's words. With short links the SMS is cut to fit one
 * 160-character segment; with the long link (also the fallback when short
 * links are off) its own text stays within 70 characters.
 */
export function renderMessage(texts: MessageTexts, values: MessageValues, links: MessageLinks, shortLinks: boolean): RenderedMessage {
  const smsLink = shortLinks ? links.shortUrl : links.longUrl;
  const names = { ...values, link: '' };
  const own = shortLinks
    ? cut(fill(texts.smsShort, names), Math.min(SMS_SHORT_MAX, SMS_SEGMENT - 1 - links.shortUrl.length))
    : cut(fill(texts.smsLong, names), SMS_LONG_MAX);
  return {
    sms: own ? `${own} ${smsLink}` : smsLink,
    smsLink,
    // A header: line breaks inside a name must not start a new one.
    emailSubject: fill(texts.emailSubject, names).replace(/[\r\n]+/g, ' '),
    emailHtml: fill(texts.emailHtml, { ...values, link: links.longUrl }, escapeHtml),
  };
}
