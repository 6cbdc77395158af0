// Contact details of customers and participants: an email or a phone number.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';

/** E.164 for a phone given in international form, or null when it is not a valid number. */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim());
  return parsed && parsed.isValid() ? parsed.number : null;
}

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'must be an email address' })).pipe(z.string().max(254));

export const phoneSchema = z
  .string()
  .max(32)
  .transform((s, ctx) => {
    const e164 = normalizePhone(s);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'must be a phone number in international form, e.g. +14155550123' });
      return z.NEVER;
    }
    return e164;
  });

export const personNameSchema = z.string().trim().min(1, 'must not be empty').max(120);

/** Name plus at least one channel to reach the person on. */
export const contactSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
  })
  .strict()
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    message: 'give an email or a phone number',
    path: ['email'],
  });

export type Contact = z.infer<typeof contactSchema>;
