// Contact details of customers and participants: an email or a phone number.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';
import { LOCALES } from '../i18n/locales';

/**
 * E.164 for a valid phone number, or null. A number typed without a country
 * code is read with `defaultPrefix` ("+44"); one given with a + keeps its own.
 */
export function normalizePhone(input: string, defaultPrefix?: string | null): string | null {
  const text = input.trim();
  const parsed = defaultPrefix && !text.startsWith('+') ? parsePhoneNumberFromString(text, { defaultCallingCode: defaultPrefix.slice(1) }) : parsePhoneNumberFromString(text);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/** Typed without a country code: 4 to 17 digits with the usual separators, no +. */
export function isLocalNumber(input: string): boolean {
  return /^[0-9(][0-9\s().-]*$/.test(input.trim()) && /^[0-9]{4,17}$/.test(input.replace(/[\s().-]/g, ''));
}

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'must be an email address' })).pipe(z.string().max(254));

/**
 * A phone number: E.164 when given with its country code; a local number is
 * kept as typed, for the API to complete with the org's default prefix
 * (api/local-phone.ts) before anything stores it.
 */
export const phoneSchema = z
  .string()
  .max(32)
  .transform((s, ctx) => {
    const e164 = normalizePhone(s);
    if (e164) return e164;
    if (isLocalNumber(s)) return s.trim();
    ctx.addIssue({ code: 'custom', message: 'must be a phone number in international form, e.g. +14155550123 (or a local number, where the org set a default phone prefix)' });
    return z.NEVER;
  });

export const personNameSchema = z.string().trim().min(1, 'must not be empty').max(120);

/** The language the person's room, messages and one-time codes speak (i18n/locales.ts); absent: their browser's. */
export const languageSchema = z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` });

/** Name plus at least one channel to reach the person on. */
export const contactSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    language: languageSchema.optional(),
  })
  .strict()
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    message: 'give an email or a phone number',
    path: ['email'],
  });

export type Contact = z.infer<typeof contactSchema>;

export const SMS_OFF_MESSAGE = 'text messages are turned off for this org; give an email address';

/**
 * What is wrong with a participant's contact while the admin turned text
 * messages off, as the field to name and why; null when nothing is. A phone
 * is refused outright, and an email is needed: a contact with only a phone
 * would be invited by text. (OTP's second channel: room/otp.ts.)
 */
export function smsOffProblem(contact: { email?: string | null | undefined; phone?: string | null | undefined }): { field: 'email' | 'phone'; message: string } | null {
  if (contact.phone) return { field: 'phone', message: SMS_OFF_MESSAGE };
  if (!contact.email) return { field: 'email', message: SMS_OFF_MESSAGE };
  return null;
}

/** A change of a participant's contact (re-engage, by the agent or by the customer who assigned them): at least one field. */
export const contactChangeSchema = z
  .object({ name: personNameSchema.optional(), email: emailSchema.optional(), phone: phoneSchema.optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one of name, email, phone' });
