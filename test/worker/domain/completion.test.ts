import { describe, expect, it } from 'vitest';
import { hasFinished, type CompletionItem } from '../../../worker/src/domain/completion';

const item = (status: CompletionItem['status'], assignees = ['par_a'], approverId: string | null = null): CompletionItem => ({ status, assignees, approverId });

describe('when a participant has finished their part', () => {
  it('needs at least one item done and none left waiting', () => {
    expect(hasFinished('par_a', [])).toBe(false);
    expect(hasFinished('par_a', [item('completed')])).toBe(true);
    expect(hasFinished('par_a', [item('completed'), item('sent')])).toBe(false);
    expect(hasFinished('par_a', [item('completed'), item('in_progress')])).toBe(false);
  });

  it('counts a decline beside a completed item, not an expired one, and never a decline alone', () => {
    expect(hasFinished('par_a', [item('completed'), item('declined')])).toBe(true);
    expect(hasFinished('par_a', [item('declined')])).toBe(false);
    expect(hasFinished('par_a', [item('completed'), item('expired')])).toBe(false);
  });

  it('leaves out what waits for nobody yet or any more: drafts, the agent’s part, cancelled items', () => {
    expect(hasFinished('par_a', [item('completed'), item('draft'), item('awaiting_agent'), item('cancelled')])).toBe(true);
  });

  it('looks only at the participant’s own items', () => {
    expect(hasFinished('par_a', [item('completed'), item('sent', ['par_b'])])).toBe(true);
    expect(hasFinished('par_b', [item('completed'), item('sent', ['par_b'])])).toBe(false);
  });

  it('for an approver, a document pending approval still waits; a decision finishes it', () => {
    const forwarded = (status: CompletionItem['status']) => item(status, ['par_a', 'par_x'], 'par_x');
    expect(hasFinished('par_x', [forwarded('pending_approval')])).toBe(false);
    expect(hasFinished('par_x', [forwarded('approved')])).toBe(true);
    expect(hasFinished('par_x', [forwarded('approval_declined')])).toBe(true);
    // The signer finished when they signed, whatever the approver does.
    expect(hasFinished('par_a', [forwarded('pending_approval')])).toBe(true);
  });
});
