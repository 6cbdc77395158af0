// When a participant has finished their part of the session: what the
// agent's "1/3" counts and what the CRM records as completed (SPEC §5). Pure.
import { DONE_STATUSES, type ItemStatus } from './catalogue';

/** Items that do not wait for anyone yet, or any more. */
const IGNORED: ReadonlySet<ItemStatus> = new Set(['cancelled', 'draft', 'awaiting_agent']);

export interface CompletionItem {
  status: ItemStatus;
  assignees: readonly string[];
  /** For a document forwarded for approval: who approves it. */
  approverId: string | null;
}

/**
 * Finished: nothing of theirs left waiting, and at least one item done (a
 * decline beside a completed replacement still counts; an expired item does
 * not). For an approver, a document pending approval still waits for them.
 */
export function hasFinished(participantId: string, items: readonly CompletionItem[]): boolean {
  const finished = (i: CompletionItem) => (i.approverId === participantId ? i.status === 'approved' || i.status === 'approval_declined' : DONE_STATUSES.has(i.status));
  const mine = items.filter((i) => i.assignees.includes(participantId) && !IGNORED.has(i.status));
  return mine.some(finished) && mine.every((i) => finished(i) || i.status === 'declined');
}
