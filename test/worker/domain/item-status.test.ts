import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTransition, isFinal, ITEM_STATUSES } from '../../../worker/src/domain/item-status';

describe('item status machine', () => {
  it('walks the happy path: draft → sent → opened → in_progress → completed → pending_approval → approved', () => {
    expect(checkTransition('draft', 'sent', 'agent').ok).toBe(true);
    expect(checkTransition('sent', 'opened', 'participant').ok).toBe(true);
    expect(checkTransition('opened', 'in_progress', 'participant').ok).toBe(true);
    expect(checkTransition('in_progress', 'completed', 'participant').ok).toBe(true);
    expect(checkTransition('completed', 'pending_approval', 'agent').ok).toBe(true);
    expect(checkTransition('pending_approval', 'approved', 'participant').ok).toBe(true);
  });

  it('refuses illegal moves and says what is possible', () => {
    const r = checkTransition('completed', 'sent', 'agent');
    expect(r).toEqual({ ok: false, message: 'an item that is completed cannot become sent (it can become: pending_approval)' });
    expect(checkTransition('cancelled', 'sent', 'agent')).toMatchObject({ ok: false, message: expect.stringMatching(/final/) });
  });

  it('keeps each move to its actor: customers cannot cancel, agents cannot decline for them', () => {
    expect(checkTransition('sent', 'cancelled', 'participant').ok).toBe(false);
    expect(checkTransition('sent', 'declined', 'agent').ok).toBe(false);
    expect(checkTransition('in_progress', 'rejected', 'agent').ok).toBe(true);
  });

  it('never lets anything leave a final status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ITEM_STATUSES), fc.constantFrom(...ITEM_STATUSES), fc.constantFrom('agent' as const, 'participant' as const, 'system' as const), (from, to, actor) => {
        if (isFinal(from)) expect(checkTransition(from, to, actor).ok).toBe(false);
      }),
    );
  });
});
