// Which item statuses are final (SPEC §3): nothing moves an item out of them.
// Found missing by the mutation runner (scripts/mutation.mjs): the machine's
// own test only checked that final statuses refuse moves, never which are final.
import { describe, expect, it } from 'vitest';
import { isFinal, ITEM_STATUSES } from '../../../worker/src/domain/item-status';

describe('final item statuses', () => {
  it('are declined, expired, cancelled, approved and approval declined, and only those', () => {
    expect(ITEM_STATUSES.filter((s) => isFinal(s)).sort()).toEqual(['approval_declined', 'approved', 'cancelled', 'declined', 'expired']);
  });
});
