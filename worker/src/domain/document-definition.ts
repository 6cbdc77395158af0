// What makes a document signable: its fields, its roles and their signing
// order. Shared by admin templates and agents' ad hoc documents. Pure.
import { z } from 'zod';
import { fieldSchema, type FieldDef } from './fields';

/** Roles sign together (parallel) or one after the other, in their listed order (sequential). */
export const SIGNING_ORDERS = ['parallel', 'sequential'] as const;

export const roleSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    /** Optional roles may be left out when the document is sent. */
    required: z.boolean().default(true),
  })
  .strict();
export type RoleDef = z.infer<typeof roleSchema>;

export const AGENT_ROLE = 'Agent';
export const CUSTOMER_ROLE = 'Customer';

export const documentDefinitionSchema = z
  .object({
    /** In signing order: with "sequential", each role acts only after the ones before it. */
    roles: z.array(roleSchema).min(1).max(10).default([{ name: CUSTOMER_ROLE, required: true }]),
    signingOrder: z.enum(SIGNING_ORDERS).default('parallel'),
    fields: z.array(fieldSchema).min(1).max(500),
  })
  .strict()
  .superRefine((d, ctx) => {
    const names = d.roles.map((r) => r.name);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['roles', i, 'name'], message: `duplicate role "${n}"` });
    });
    d.fields.forEach((f, i) => {
      if (!names.includes(f.role)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'role'], message: `no role "${f.role}" (roles: ${names.join(', ')})` });
    });
    d.roles.forEach((r, i) => {
      if (!d.fields.some((f) => f.role === r.name)) ctx.addIssue({ code: 'custom', path: ['roles', i, 'name'], message: `role "${r.name}" has no fields` });
    });
  });
export type DocumentDefinition = z.infer<typeof documentDefinitionSchema>;

/** Roles whose turn it is, given which roles are done. */
export function rolesThatMayAct(def: Pick<DocumentDefinition, 'roles' | 'signingOrder'>, present: string[], done: Set<string>): string[] {
  const open = def.roles.map((r) => r.name).filter((n) => present.includes(n) && !done.has(n));
  return def.signingOrder === 'parallel' ? open : open.slice(0, 1);
}

/** Fields of a role that must be filled before the role is done. */
export function requiredFieldsOf(fields: FieldDef[], role: string): FieldDef[] {
  return fields.filter((f) => f.role === role && f.required);
}
