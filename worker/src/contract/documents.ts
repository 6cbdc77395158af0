// Documents as the agent and signers see them: the pages, every field with
// its owner and value (a drawn signature only as "drawn"), whose turn it is,
// the sealed file once complete, and the hash-chained audit trail.
import { z } from '@hono/zod-openapi';
import { ITEM_STATUSES } from '../domain/catalogue';
import { SIGNING_ORDERS } from '../domain/document-definition';
import { fieldShape } from '../domain/fields';
import { itemSchema, participantPublicSchema } from './session';
import { isoTime, isoTimeOrNull } from './time';

export const pageSizeSchema = z.object({ width: z.number(), height: z.number() }).openapi('PageSize');

/** A value as shown back: a drawn signature is never sent again as image data. */
export const publicFieldValueSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('drawn') }),
    z.object({ kind: z.literal('typed'), text: z.string() }),
    z.object({ kind: z.literal('text'), text: z.string() }),
    z.object({ kind: z.literal('checked'), checked: z.boolean() }),
    z.object({ kind: z.literal('file'), fileId: z.string() }),
  ])
  .openapi('FieldValue');
export type PublicFieldValue = z.infer<typeof publicFieldValueSchema>;

export const documentFieldSchema = z
  .object(fieldShape)
  .extend({ required: z.boolean(), mine: z.boolean(), value: publicFieldValueSchema.nullable() })
  .openapi('DocumentField');

/**
 * A signed document Parley could not seal yet: being tried again after a
 * wait, or given up on (an admin can retry it). Only agents are shown it.
 */
export const sealingStateSchema = z
  .object({
    state: z.enum(['retrying', 'failed']),
    attempts: z.number().int().nonnegative().openapi({ description: 'tries made since the last reset' }),
    maxAttempts: z.number().int().positive(),
    reason: z.string().nullable().openapi({ description: 'why the last try failed, in words for the agent; null while the first is under way' }),
    lastAttemptAt: isoTime,
    nextAttemptAt: isoTimeOrNull.openapi({ description: 'when it is tried again; null once failed' }),
  })
  .openapi('SealingState');
export type SealingStateView = z.infer<typeof sealingStateSchema>;

/**
 * One role of a document, for its co-signers window: who holds it, as anyone
 * in the session may see them (status, never contact details), and whether
 * and when they completed it.
 */
export const documentRoleSchema = z
  .object({
    name: z.string(),
    required: z.boolean(),
    assigned: z.string().nullable().openapi({ description: 'a participant id, "agent", or null while nobody holds the role' }),
    pending: z.boolean().openapi({ description: 'the customer still has to assign this role (their Assign step)' }),
    participant: participantPublicSchema.nullable().openapi({ description: 'the participant holding the role now; null for the agent or nobody' }),
    done: z.boolean(),
    doneAt: isoTimeOrNull,
    actingNow: z.boolean(),
  })
  .openapi('DocumentRole');
export type DocumentRoleView = z.infer<typeof documentRoleSchema>;

export const documentViewSchema = z
  .object({
    itemId: z.string(),
    name: z.string(),
    status: z.enum(ITEM_STATUSES),
    source: z.enum(['template', 'adhoc']),
    template: z.object({ id: z.string(), version: z.number().int().nullable() }).nullable(),
    batch: z.object({ id: z.string(), position: z.number().int().nullable() }).nullable(),
    pages: z.array(pageSizeSchema),
    signingOrder: z.enum(SIGNING_ORDERS),
    roles: z.array(documentRoleSchema),
    myRoles: z.array(z.string()),
    myTurn: z.boolean(),
    fields: z.array(documentFieldSchema),
    originalSha256: z.string(),
    sealed: z.object({ sha256: z.string(), at: isoTime }).nullable(),
    sealing: sealingStateSchema.nullable().openapi({ description: 'agents only: set while a signed document is not sealed after a try (null for participants)' }),
    approval: z.object({ approverId: z.string(), mine: z.boolean(), status: z.enum(ITEM_STATUSES) }).nullable(),
  })
  .openapi('Document');
export type DocumentView = z.infer<typeof documentViewSchema>;

export const documentItemSchema = z.object({ item: itemSchema, document: documentViewSchema }).openapi('DocumentItem');
export type DocumentItemView = z.infer<typeof documentItemSchema>;

export const batchSchema = z.object({ batch: itemSchema, documents: z.array(itemSchema) }).openapi('Batch');

export const auditEntrySchema = z
  .object({
    itemId: z.string(),
    seq: z.number().int(),
    at: z.number().int(),
    actor: z.string(),
    event: z.string(),
    detail: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    authMethod: z.string().nullable(),
    docHash: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEntry');

export const auditTrailSchema = z
  .object({
    entries: z.array(auditEntrySchema),
    verification: z.union([
      z.object({ valid: z.literal(true), entries: z.number().int() }),
      z.object({ valid: z.literal(false), brokenAt: z.number().int(), reason: z.string() }),
    ]),
  })
  .openapi('AuditTrail');
export type AuditTrail = z.infer<typeof auditTrailSchema>;

/** The Assign step: the roles of a document the agent left for this participant (the customer) to assign. */
export const assignStepSchema = z
  .object({
    itemId: z.string(),
    roles: z.array(
      z.object({
        name: z.string(),
        required: z.boolean().openapi({ description: 'true: give who takes it before filling or signing; false: it may be skipped (the document then completes without it)' }),
      }),
    ),

    channels: z
      .object({ smsEnabled: z.boolean(), otpRequired: z.boolean() })
      .openapi({ description: 'what a contact needs: with SMS off no phone (an email); with OTP required both an email and a phone (SMS off: the email)' }),
  })
  .openapi('AssignStep');
export type AssignStepView = z.infer<typeof assignStepSchema>;
