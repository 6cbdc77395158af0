// The texts of Parley's messages to customers (SPEC §7): for each message
// (invitation, invitation of another participant, reminder, new activity)
// an SMS before the long link, an SMS before the short link, an email subject
// and an email body. The limits and placeholders come from Parley's answer
// (GET /settings/notifications); the checks are the ones Parley applies, as
// the Salesforce setup tab makes them, so a mistake shows before saving.
import type { FieldIssue } from '@parley/hubspot-shared/parley-api';

export const MESSAGE_TYPES = [
  { type: 'invitation', title: 'Invitation (primary participant)' },
  { type: 'invitationAdditional', title: 'Invitation (additional participant)' },
  { type: 'reminder', title: 'Reminder (incomplete session)' },
  { type: 'newActivity', title: 'New activity' },
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number]['type'];

/** Where the link goes: Parley appends it to an SMS, a subject has none, an email body must place it. */
export const TEXT_FIELDS = [
  { field: 'smsLong', label: 'SMS text with the long link', link: 'appended', note: ' (the long link is added after it)' },
  { field: 'smsShort', label: 'SMS text with the short link', link: 'appended', note: ' (the short link is added after it)' },
  { field: 'emailSubject', label: 'Email subject', link: 'none', note: '' },
  { field: 'emailHtml', label: 'Email body (HTML)', link: 'required', note: '' },
] as const;
export type TextField = (typeof TEXT_FIELDS)[number]['field'];
export type TextFieldDef = (typeof TEXT_FIELDS)[number];

export type MessageTexts = Record<MessageType, Record<TextField, string>>;
export type TextLimits = Record<TextField, number>;
/** Problems by "type.field". */
export type TextErrors = Record<string, string>;

/** Characters as Parley counts them: code points (an emoji is one). */
export const characterCount = (text: string) => Array.from(text).length;

/** The first problem with one text, worded as Parley words it, or null. `placeholders` are Parley's ("{customerName}", …, "{link}"). */
export function textProblem(def: TextFieldDef, text: string, max: number, placeholders: string[]): string | null {
  if (characterCount(text) > max) return `must be at most ${max} characters${def.note}`;
  if (text.trim().length === 0) return 'must not be empty';
  const names = placeholders.map((p) => p.replace(/[{}]/g, ''));
  const allowed = def.link === 'required' ? names : names.filter((n) => n !== 'link');
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    const name = match[1]!;
    if (name === 'link' && def.link === 'appended') return 'leave out {link}: the link is added after the text';
    if (!allowed.includes(name)) return `{${name}} is not a placeholder here; use ${allowed.map((n) => `{${n}}`).join(', ')}`;
  }
  if (def.link === 'required' && !text.includes('{link}')) return 'must contain {link}, or the customer has no way into the room';
  if (def.link === 'none' && /[\r\n]/.test(text)) return 'must be one line';
  return null;
}

export function validateTexts(texts: MessageTexts, limits: TextLimits, placeholders: string[]): TextErrors {
  const errors: TextErrors = {};
  for (const { type } of MESSAGE_TYPES) {
    for (const def of TEXT_FIELDS) {
      const problem = textProblem(def, texts[type][def.field], limits[def.field], placeholders);
      if (problem) errors[`${type}.${def.field}`] = `${def.label}: ${problem}`;
    }
  }
  return errors;
}

/** The texts the admin changed, as Parley's PATCH takes them ({messages: {invitation: {smsLong}}}); empty when none. */
export function changedTexts(saved: MessageTexts, draft: MessageTexts): Partial<Record<MessageType, Partial<Record<TextField, string>>>> {
  const patch: Partial<Record<MessageType, Partial<Record<TextField, string>>>> = {};
  for (const { type } of MESSAGE_TYPES) {
    for (const { field } of TEXT_FIELDS) {
      if (saved[type][field] !== draft[type][field]) patch[type] = { ...patch[type], [field]: draft[type][field] };
    }
  }
  return patch;
}

/** Parley's refusal (body.messages.invitation.smsLong: …) on the texts it names. */
export function textErrorsFromIssues(issues: FieldIssue[]): TextErrors {
  const errors: TextErrors = {};
  for (const issue of issues) {
    const [, type, field] = /^body\.messages\.(\w+)\.(\w+)/.exec(issue.field) ?? [];
    const def = TEXT_FIELDS.find((d) => d.field === field);
    if (def && MESSAGE_TYPES.some((m) => m.type === type) && !errors[`${type}.${field}`]) errors[`${type}.${field}`] = `${def.label}: ${issue.message}`;
  }
  return errors;
}
