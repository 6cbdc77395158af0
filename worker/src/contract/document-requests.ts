// A document request in full (issue 16), as its own routes answer: each
// document asked for with the note, the file given for it now and the
// agent's decision; and what the agent sends to ask. Its summary, part of
// every item view, is in apps.ts.
import { z } from '@hono/zod-openapi';
import { ASKABLE_CATEGORIES, MAX_LABEL_LENGTH, MAX_NOTE_LENGTH, MAX_SLOTS } from '../domain/document-request';
import { requestSlotSummarySchema } from './apps';
import { idSchema } from './ids';
import { itemSchema } from './session';
import { isoTime, isoTimeOrNull } from './time';

/** The file given for a requested document now (earlier ones are kept for the audit). */
export const requestFileSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    width: z.number().int().nullable().openapi({ description: 'pixels, for an image' }),
    height: z.number().int().nullable(),
    submittedAt: isoTime,
  })
  .openapi('RequestFile');

export const requestSlotSchema = requestSlotSummarySchema
  .extend({
    note: z.string().nullable(),
    file: requestFileSchema.nullable(),
    decidedAt: isoTimeOrNull,
  })
  .openapi('RequestSlot');

export const documentRequestSchema = z.object({ item: itemSchema, slots: z.array(requestSlotSchema) }).openapi('DocumentRequest');
export type DocumentRequestView = z.infer<typeof documentRequestSchema>;

export const askedDocumentSchema = z
  .object({
    category: z.enum(ASKABLE_CATEGORIES).openapi({ description: '"id_card" asks for its front and its back' }),
    label: z.string().max(MAX_LABEL_LENGTH).optional().openapi({ description: "the document's name; required for \"other\"" }),
    note: z.string().max(MAX_NOTE_LENGTH).optional(),
    required: z.boolean().optional().openapi({ description: 'default true' }),
  })
  .strict();

export const newDocumentRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional().openapi({ description: 'default "Documents to send"' }),
    documents: z.array(askedDocumentSchema).min(1).max(MAX_SLOTS),
    assigneeIds: z.array(idSchema('participant')).min(1).max(20).optional().openapi({ description: 'defaults to the customer' }),
    threadId: idSchema('thread').optional().openapi({ description: 'ask inside a private session' }),
  })
  .strict()
  .openapi('NewDocumentRequest');
export type NewDocumentRequest = z.infer<typeof newDocumentRequestSchema>;
