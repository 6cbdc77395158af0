// Request schemas shared by several routes.
import { z } from '@hono/zod-openapi';

export const idParam = (prefix: string, name: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9A-Za-z]{16}$`), `must be a ${name} id (${prefix}_…)`);

export const sessionIdParam = idParam('ses', 'session');
export const participantIdParam = idParam('par', 'participant');
export const itemIdParam = idParam('itm', 'item');
export const fileIdParam = idParam('fil', 'file');
export const threadIdParam = idParam('thr', 'private session');
export const teamIdParam = idParam('tem', 'team');
export const agentIdParam = idParam('agt', 'agent');
export const customerIdParam = idParam('cus', 'customer');

export const scopeSchema = z.enum(['mine', 'team', 'all']);

export const crmRecordSchema = z
  .object({
    system: z.enum(['salesforce', 'hubspot']),
    objectType: z.string().trim().min(1).max(80).regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be an object API name such as Contact or deal').optional(),
    recordId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'must be a record id'),
  })
  .strict();

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const messageTextSchema = z.string().trim().min(1, 'must not be empty').max(4000);
