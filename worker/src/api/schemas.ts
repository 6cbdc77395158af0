// Request schemas shared by several routes.
import { z } from '@hono/zod-openapi';
import { SEARCH_SPACES } from '../domain/catalogue';

export const scopeSchema = z.enum(SEARCH_SPACES);

export const crmRecordSchema = z
  .object({
    system: z.enum(['salesforce', 'hubspot']),
    objectType: z.string().trim().min(1).max(80).regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be an object API name such as Contact or deal').optional(),
    recordId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'must be a record id'),
  })
  .strict();

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const messageTextSchema = z.string().trim().min(1, 'must not be empty').max(4000);

/** A reason given for declining or rejecting. */
export const reasonSchema = z.string().trim().min(1).max(500);
