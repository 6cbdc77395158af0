// Erasing a person: who is to be forgotten in an org (a contact the CRM
// deleted, or a privacy deletion request), what one session is asked to
// forget (SessionRoom.forgetPerson), and what it forgot. The neutral words
// that stand in for what was erased live here too, since they cross the wire
// in every view and event that used to carry the person's data.
import { z } from '@hono/zod-openapi';
import { CRM_SYSTEMS } from '../crm/messages';
import { emailSchema, phoneSchema } from '../domain/contact';

/** The name a forgotten participant or customer is shown under. */
export const FORGOTTEN_NAME = 'Deleted contact';
/** What a forgotten person's chat message says instead of what they wrote. */
export const REMOVED_MESSAGE_TEXT = 'Message removed';
/** What stands in for the person's name, email or phone inside text others wrote. */
export const REMOVED_MENTION = '[removed]';

/**
 * The person to forget in one org: an email, a phone, a CRM record that is
 * that person (a contact), or several of these. At least one is needed:
 * nothing would say whom to forget.
 */
export const personToForgetSchema = z
  .object({
    email: emailSchema.nullable(),
    phone: phoneSchema.nullish(),
    crm: z
      .object({
        system: z.enum(CRM_SYSTEMS),
        recordId: z.string().trim().min(1, 'must not be empty').max(64),
        /** The record's object type ("contacts"); when given, a record of another type with the same id is left alone. */
        objectType: z.string().trim().min(1).max(64).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((p) => p.email !== null || (p.phone ?? null) !== null || p.crm !== undefined, {
    message: 'give an email, a phone number or a CRM record: nothing says whom to forget',
    path: ['email'],
  });
export type PersonToForget = z.input<typeof personToForgetSchema>;

/** What one session is asked to forget: the participants with these addresses, and its primary when the session is the person's. */
export const roomForgetRequestSchema = z
  .object({
    /** The org asking: a session of another org forgets nobody (every call to a room is scoped to an org). */
    orgId: z.string(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    /** Other spellings of the person's name (the address book's) to remove from text others wrote, besides the names the room holds. */
    names: z.array(z.string()),
    /** The session is the person's (linked to their CRM record, or started for their address book entry): its primary participant is them. */
    primary: z.boolean(),
    /** When the erasure was asked for (ms since epoch). */
    at: z.number().int().nonnegative(),
  })
  .strict();
export type RoomForgetRequest = z.infer<typeof roomForgetRequestSchema>;

/** What one session forgot this time: nothing when asked again. */
export const roomForgetOutcomeSchema = z.object({
  participants: z.array(z.object({ id: z.string(), primary: z.boolean() })),
  /** Outbox rows to those participants whose message (and address key) were cleared. */
  outbox: z.number().int().nonnegative(),
});
export type RoomForgetOutcome = z.infer<typeof roomForgetOutcomeSchema>;
