import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEM_KINDS, ITEM_STATUSES } from '../../../worker/src/domain/catalogue';
import { genericMoveAllowed, needsProof, PROOF_FLOWS } from '../../../worker/src/domain/item-rules';

describe('which items the generic status routes may move', () => {
  it('lets only a task be moved freely; every app kind needs its own flow', () => {
    expect(ITEM_KINDS.filter((k) => !needsProof(k))).toEqual(['task']);
    for (const kind of ITEM_KINDS.filter(needsProof)) expect(PROOF_FLOWS[kind]).toBeTruthy();
  });

  it('never lets a participant or the agent set a proven state of an item that needs proof', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ITEM_KINDS.filter(needsProof)), fc.constantFrom(...ITEM_STATUSES), fc.constantFrom('agent' as const, 'participant' as const), (kind, to, actor) => {
        const allowed = genericMoveAllowed(kind, to, actor).ok;
        expect(allowed).toBe((actor === 'participant' && to === 'opened') || (actor === 'agent' && to === 'cancelled'));
      }),
    );
  });

  it('says which flow completes the item', () => {
    expect(genericMoveAllowed('payment', 'completed', 'participant')).toEqual({
      ok: false,
      message: "a payment item becomes completed only by the payment provider's confirmation; its status cannot be set directly",
    });
    expect(genericMoveAllowed('document_request', 'completed', 'agent')).toEqual({
      ok: false,
      message: 'a document request item becomes completed only by the agent accepting every requested document; its status cannot be set directly',
    });
    expect(genericMoveAllowed('task', 'completed', 'participant')).toEqual({ ok: true });
  });
});
