// Which items the generic status routes may move at all (issue 16,
// "Integrity"). Some items are done only when there is proof: a payment
// Stripe confirmed, documents the agent accepted, a document signed, a review
// the agent closed, a workflow whose steps are done. Their proven states
// come only from their own flows (the webhook, the accept action, signing…),
// so neither the customer nor the agent can set them through
// `/room/api/items/{itemId}/status` or `/api/v1/sessions/{sessionId}/items/{itemId}/status`.
// Pure.
import type { ItemKind, ItemStatus } from './catalogue';
import type { ItemActor } from './item-status';

/** Kinds whose completion needs proof, and the flow that gives it. */
export const PROOF_FLOWS: Readonly<Partial<Record<ItemKind, string>>> = {
  template_document: 'signing it',
  adhoc_document: 'signing it',
  batch: 'signing its documents',
  workflow: 'completing its steps',
  document_request: 'the agent accepting every requested document',
  payment: "the payment provider's confirmation",
  shared_review: 'the agent ending the review',
};

/** What the generic routes may still do with a proof item: the assignee opens it, the agent cancels it. */
const GENERIC_MOVES: Readonly<Record<'agent' | 'participant', ReadonlySet<ItemStatus>>> = {
  participant: new Set(['opened']),
  agent: new Set(['cancelled']),
};

export type GenericMoveCheck = { ok: true } | { ok: false; message: string };

/** Whether `actor` may move an item of `kind` to `to` through a generic status route. */
export function genericMoveAllowed(kind: ItemKind, to: ItemStatus, actor: Exclude<ItemActor, 'system'>): GenericMoveCheck {
  const flow = PROOF_FLOWS[kind];
  if (!flow || GENERIC_MOVES[actor].has(to)) return { ok: true };
  return { ok: false, message: `a ${kind.replaceAll('_', ' ')} item becomes ${to} only by ${flow}; its status cannot be set directly` };
}

/** Whether items of this kind need proof to be done (and so have their own flow). */
export function needsProof(kind: ItemKind): boolean {
  return PROOF_FLOWS[kind] !== undefined;
}
