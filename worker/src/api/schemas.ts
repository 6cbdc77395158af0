// Request schemas shared by several routes (the agent's API and the room's).
import { z } from '@hono/zod-openapi';
import { idSchema } from '../contract/ids';
import { CRM_SYSTEMS } from '../crm/messages';
import { ITEM_STATUSES, SEARCH_SPACES } from '../domain/catalogue';
import { hubspotRecordObject } from '../domain/hubspot-objects';
import { fieldValueSchema } from '../domain/fields';

export const scopeSchema = z.enum(SEARCH_SPACES);

export const crmRecordSchema = z
  .object({
    system: z.enum(CRM_SYSTEMS),
    objectType: z.string().trim().min(1).max(80).regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be an object API name such as Contact or deal').optional(),
    recordId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'must be a record id'),
  })
  .strict()
  // HubSpot's objects stored by their API name ("contact" → "contacts"): found, written and forgotten by one name.
  .transform((r) => (r.system === 'hubspot' && r.objectType ? { ...r, objectType: hubspotRecordObject(r.objectType) ?? r.objectType } : r));

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const messageTextSchema = z.string().trim().min(1, 'must not be empty').max(4000);

/** A reason given for declining or rejecting. */
export const reasonSchema = z.string().trim().min(1).max(500);

/** A chat message, from the agent or in the room. */
export const messageBodySchema = z.object({ text: messageTextSchema, threadId: idSchema('thread').optional() }).strict();

/** "I am typing", in the main chat or a private session: no text, nothing stored (room/typing.ts). */
export const typingBodySchema = z.object({ threadId: idSchema('thread').optional().openapi({ description: 'typing inside a private session' }) }).strict();

/** A chat attachment, as a multipart form (read by uploads.ts readUpload). */
export const attachmentFormSchema = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary' }),
  text: z.string().optional().openapi({ description: 'a caption' }),
  threadId: z.string().optional().openapi({ description: 'send inside a private session' }),
});

/** A status move: the agent's, or an assignee's in the room. */
export const statusMoveSchema = z.object({ status: z.enum(ITEM_STATUSES), reason: reasonSchema.optional() }).strict();

/** One field's value, as a signer or the agent fills it. */
export const fieldValueBodySchema = z.object({ value: fieldValueSchema }).strict();
