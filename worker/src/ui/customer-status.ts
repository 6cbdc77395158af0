// An item's status in the customer's words. The room never shows the
// internal statuses ("sent", "opened", "pending_approval"): it says whose
// move it is ("Waiting for you", "Waiting for your agent", "Waiting for
// others") or how it ended ("Signed", "Declined"). Which one depends on who
// is reading: the same document waits for Cora and, once she signed, for
// Colin. Pure, so the room page and the script that redraws it agree; the
// words are catalogue keys (common.status.*), the texts live in
// i18n/messages/common.ts.
import type { ItemView } from '../contract/session';
import { DOCUMENT_KINDS } from '../domain/catalogue';

export const CUSTOMER_STATUSES = [
  'waiting_for_you',
  'waiting_for_others',
  'waiting_for_agent',
  'waiting_for_approval',
  'signed',
  'done',
  'declined',
  'cancelled',
  'expired',
] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

type Item = Pick<ItemView, 'kind' | 'status' | 'assignees' | 'signers'> & Partial<Pick<ItemView, 'app'>>;

/** What this participant is asked to do with the item now, when it is their move. */
export type NextAction = 'sign' | 'fill' | 'send' | 'pay' | 'review' | 'approve' | 'done' | 'open';

/** The catalogue key of a customer status. */
export const customerStatusKey = (status: CustomerStatus) => `common.status.${status}`;

/** The item's status as `me` should read it. */
export function customerStatus(item: Item, me: { id: string; primary: boolean }): CustomerStatus {
  switch (item.status) {
    case 'declined':
    case 'approval_declined':
      return 'declined';
    case 'cancelled':
      return 'cancelled';
    case 'expired':
      return 'expired';
    case 'approved':
      return 'done';
    case 'completed':
      return DOCUMENT_KINDS.has(item.kind) ? 'signed' : 'done';
    case 'pending_approval':
      return isApprover(item, me) ? 'waiting_for_you' : 'waiting_for_approval';
    // Sent back by the agent (a blurred photo): their move, to ask again. Before it is sent, only the agent works on it.
    case 'rejected':
    case 'draft':
    case 'awaiting_agent':
      return 'waiting_for_agent';
    case 'sent':
    case 'opened':
    case 'in_progress':
      return waitingFor(item, me);
  }
}

/** Whose move an open item waits for, seen by `me`. */
function waitingFor(item: Item, me: { id: string; primary: boolean }): CustomerStatus {
  const signers = item.signers;
  if (!signers) {
    if (!item.assignees.includes(me.id)) return 'waiting_for_others';
    // A document request whose every document is sent (or accepted) waits for the agent to check them.
    return item.app?.kind === 'document_request' && item.app.slots.every((s) => s.status === 'submitted' || s.status === 'accepted') ? 'waiting_for_agent' : 'waiting_for_you';
  }
  const open = signers.filter((s) => !s.done);
  // My own role, or a role only I can assign (the customer's Assign step), is my move.
  if (open.some((s) => s.participantId === me.id && s.turn) || (me.primary && open.some((s) => s.pending))) return 'waiting_for_you';
  // Signed in order: whoever's turn it is now is who the document waits for.
  const acting = open.filter((s) => s.turn);
  if (acting.length > 0 && acting.every((s) => s.participantId === null && !s.pending)) return 'waiting_for_agent';
  if (open.length > 0 && open.every((s) => s.participantId === null && !s.pending)) return 'waiting_for_agent';
  return 'waiting_for_others';
}

/** The approver of a forwarded document is among its assignees but holds none of its roles. */
function isApprover(item: Item, me: { id: string }): boolean {
  return item.assignees.includes(me.id) && !(item.signers ?? []).some((s) => s.participantId === me.id);
}

/** What the next-step card asks this participant to do with an item waiting for them. */
export function nextActionOf(item: Pick<Item, 'kind' | 'status'>): NextAction {
  if (item.status === 'pending_approval') return 'approve';
  if (DOCUMENT_KINDS.has(item.kind)) return 'sign';
  if (item.kind === 'document_request') return 'send';
  if (item.kind === 'payment') return 'pay';
  if (item.kind === 'shared_review') return 'review';
  // A task is done where it stands: the customer says so on the room page.
  if (item.kind === 'task') return 'done';
  return item.kind === 'workflow' ? 'fill' : 'open';
}

/** Items whose story is over for this reader (ticked in the list, counted as done). */
export const isFinished = (status: CustomerStatus) => status === 'signed' || status === 'done';
/** Items that ended without being done: neither counted nor waiting. */
export const isClosed = (status: CustomerStatus) => status === 'declined' || status === 'cancelled' || status === 'expired';
