// What makes a document signable: roles, their order, and the fields each
// must fill (worker/src/domain/document-definition.ts). Pure.
import { describe, expect, it } from 'vitest';
import { documentDefinitionSchema, requiredFieldsOf, roleSchema, rolesThatMayAct } from '../../../worker/src/domain/document-definition';

const rect = { x: 10, y: 10, width: 100, height: 20 };
const field = (id: string, role: string, required = true) => ({ id, type: 'text', page: 1, rect, role, required });

describe('a document definition', () => {
  it('defaults to one required Customer role, signing in parallel', () => {
    const d = documentDefinitionSchema.parse({ fields: [field('a', 'Customer')] });
    expect(d.roles).toEqual([{ name: 'Customer', required: true }]);
    expect(d.signingOrder).toBe('parallel');
    expect(documentDefinitionSchema.parse({ roles: [{ name: 'Customer' }], fields: [field('a', 'Customer')] }).roles[0]!.required).toBe(true);
  });

  it('refuses a duplicate role, a field of an unknown role and a role without fields, naming each', () => {
    const issues = (def: unknown) => documentDefinitionSchema.safeParse(def).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
    expect(issues({ roles: [{ name: 'Customer' }, { name: 'Customer' }], fields: [field('a', 'Customer')] })).toEqual([['roles.1.name', 'duplicate role "Customer"']]);
    expect(issues({ roles: [{ name: 'Customer' }], fields: [field('a', 'Customer'), field('b', 'Agent')] })).toEqual([['fields.1.role', 'no role "Agent" (roles: Customer)']]);
    expect(issues({ roles: [{ name: 'Customer' }, { name: 'Agent' }], fields: [field('a', 'Customer')] })).toEqual([['roles.1.name', 'role "Agent" has no fields']]);
    expect(issues({ roles: [{ name: 'Customer' }, { name: 'Agent' }], fields: [field('a', 'Customer'), field('b', 'Agent')] })).toEqual([]);
  });

  it('names each role in 1 to 60 characters, trimmed', () => {
    const named = (name: string) => documentDefinitionSchema.safeParse({ roles: [{ name }], fields: [field('a', name.trim())] });
    expect(named('R').success).toBe(true);
    expect(named('r'.repeat(60)).success).toBe(true);
    expect(named('r'.repeat(61)).success).toBe(false);
    expect(named('   ').success).toBe(false);
    // The role on its own, as templates list their roles.
    expect(roleSchema.safeParse({ name: 'r'.repeat(60) }).success).toBe(true);
    expect(roleSchema.safeParse({ name: 'r'.repeat(61) }).success).toBe(false);
    expect(roleSchema.safeParse({ name: '   ' }).success).toBe(false);
    expect(roleSchema.parse({ name: ' R ' })).toEqual({ name: 'R', required: true });
  });

  it('has 1 to 10 roles and 1 to 500 fields', () => {
    const roles = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `R${i}` }));
    const fieldsFor = (n: number) => Array.from({ length: n }, (_, i) => field(`f${i}`, `R${i}`));
    expect(documentDefinitionSchema.safeParse({ roles: roles(10), fields: fieldsFor(10) }).success).toBe(true);
    expect(documentDefinitionSchema.safeParse({ roles: roles(11), fields: fieldsFor(11) }).success).toBe(false);
    expect(documentDefinitionSchema.safeParse({ roles: [], fields: [field('a', 'Customer')] }).success).toBe(false);
    const many = (n: number) => Array.from({ length: n }, (_, i) => field(`f${i}`, 'Customer'));
    expect(documentDefinitionSchema.safeParse({ fields: many(500) }).success).toBe(true);
    expect(documentDefinitionSchema.safeParse({ fields: many(501) }).success).toBe(false);
    expect(documentDefinitionSchema.safeParse({ fields: [] }).success).toBe(false);
  });
});

describe('whose turn it is', () => {
  const def = (signingOrder: 'parallel' | 'sequential') => ({ roles: [{ name: 'Customer', required: true }, { name: 'Cosigner', required: true }, { name: 'Agent', required: true }], signingOrder });

  it('in parallel: every present role not done', () => {
    expect(rolesThatMayAct(def('parallel'), ['Customer', 'Cosigner', 'Agent'], new Set(['Cosigner']))).toEqual(['Customer', 'Agent']);
  });

  it('in sequence: the first present role not done, in the listed order', () => {
    expect(rolesThatMayAct(def('sequential'), ['Customer', 'Cosigner', 'Agent'], new Set())).toEqual(['Customer']);
    expect(rolesThatMayAct(def('sequential'), ['Customer', 'Cosigner', 'Agent'], new Set(['Customer']))).toEqual(['Cosigner']);
    // A role left out when sending does not hold the others up.
    expect(rolesThatMayAct(def('sequential'), ['Customer', 'Agent'], new Set(['Customer']))).toEqual(['Agent']);
    expect(rolesThatMayAct(def('sequential'), ['Customer'], new Set(['Customer']))).toEqual([]);
  });
});

describe('required fields of a role', () => {
  it('are its own fields marked required, no others', () => {
    const fields = documentDefinitionSchema.parse({
      roles: [{ name: 'Customer' }, { name: 'Agent' }],
      fields: [field('a', 'Customer'), field('b', 'Customer', false), field('c', 'Agent')],
    }).fields;
    expect(requiredFieldsOf(fields, 'Customer').map((f) => f.id)).toEqual(['a']);
    expect(requiredFieldsOf(fields, 'Agent').map((f) => f.id)).toEqual(['c']);
  });
});
