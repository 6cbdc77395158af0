// Templates (the agent's Assets): the list at current versions, and one
// version with its pages, fields, roles and signing order.
import { z } from '@hono/zod-openapi';
import { SIGNING_ORDERS } from '../domain/document-definition';
import { fieldShape } from '../domain/fields';
import { pageSizeSchema } from './documents';
import { isoTime } from './time';

export const templateListSchema = z
  .object({ templates: z.array(z.object({ id: z.string(), name: z.string(), version: z.number().int(), updatedAt: isoTime })) })
  .openapi('TemplateList');

export const templateVersionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.number().int(),
    currentVersion: z.number().int(),
    pdfSha256: z.string(),
    pages: z.array(pageSizeSchema),
    roles: z.array(z.object({ name: z.string(), required: z.boolean() })),
    signingOrder: z.enum(SIGNING_ORDERS),
    fields: z.array(z.object(fieldShape).extend({ required: z.boolean() })),
    createdAt: isoTime,
  })
  .openapi('TemplateVersion');
export type TemplateVersion = z.infer<typeof templateVersionSchema>;
