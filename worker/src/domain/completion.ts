// When a participant has finished their part of the session: what the
// agent's "1/3" counts and what the CRM records as completed (SPEC §5). Pure.
import { DONE_STATUSES, PREPARING_STATUSES, type ItemStatus } from './catalogue';

/** Items that do not wait for anyone yet (the agent is preparing them), or any more (cancelled). */
const IGNORED: ReadonlySet<ItemStatus> = new Set([...PREPARING_STATUSES, 'cancelled']);

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
