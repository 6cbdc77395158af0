// The ids Parley hands out: a prefix naming what it is, an underscore and 16
// letters or digits (auth/crypto.ts newId). One pattern per kind, for the
// API's validation, the pages' route checks and the browser code alike.
import { z } from '@hono/zod-openapi';

export const ID_PREFIXES = {
  org: 'org',
  team: 'tem',
  agent: 'agt',
  customer: 'cus',
  session: 'ses',
  participant: 'par',
  item: 'itm',
  file: 'fil',
  thread: 'thr',
  message: 'msg',
  template: 'tpl',
  slot: 'slt',
  annotation: 'ann',
  workflow: 'wfl',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

const NAMES: Record<IdKind, string> = {
  org: 'org',
  team: 'team',
  agent: 'agent',
  customer: 'customer',
  session: 'session',
  participant: 'participant',
  item: 'item',
  file: 'file',
  thread: 'private session',
  message: 'message',
  template: 'template',
  slot: 'requested document',
  annotation: 'annotation',
  workflow: 'workflow',
};

/** An id of this kind as a regular expression source, unanchored: for patterns that contain one. */
export function idPattern(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_[0-9A-Za-z]{16}`;
}

const patterns = Object.fromEntries(Object.keys(ID_PREFIXES).map((kind) => [kind, new RegExp(`^${idPattern(kind as IdKind)}$`)])) as Record<IdKind, RegExp>;

/** An example id of this kind, for the API's documentation. */
export const exampleId = (kind: IdKind) => `${ID_PREFIXES[kind]}_Nq0RtJDIe4K6BPuG`;

/** Whether `value` is an id of this kind. */
export function isId(kind: IdKind, value: string | null | undefined): value is string {
  return typeof value === 'string' && patterns[kind].test(value);
}

/** An id of this kind as a request field: the message names what was expected. */
export function idSchema(kind: IdKind) {
  return z.string().regex(patterns[kind], `must be a ${NAMES[kind]} id (${ID_PREFIXES[kind]}_…)`);
}

/** A field id on a document (admins choose them): 1–64 letters, digits, _ or -. */
const FIELD_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const fieldIdSchema = z.string().regex(FIELD_ID, 'must be a field id');
