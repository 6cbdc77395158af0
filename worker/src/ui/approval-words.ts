// What the approver of a forwarded document is told about their decision,
// in one place: the room's document page renders it, and its script says
// the same after the approver decides without reloading.
import type { ItemStatus } from '../domain/catalogue';

export function approvalSentence(status: ItemStatus, reason: string | null): string {
  if (status === 'approved') return 'You approved this document.';
  if (status === 'approval_declined') return `You declined to approve this document.${reason ? ` Your reason: ${reason}` : ''}`;
  if (status === 'pending_approval') return 'This document was forwarded to you for approval: approve it, or decline it with a reason.';
  return 'This document is not waiting for your approval.';
}
