// What the approver of a forwarded document is told about their decision,
// in one place and in their language: the room's document page renders it,
// and its script says the same after the approver decides without reloading.
import type { ItemStatus } from '../domain/catalogue';
import type { Translate } from '../i18n/translate';

export function approvalSentence(t: Translate, status: ItemStatus, reason: string | null): string {
  if (status === 'approved') return t('document.approval.approved');
  if (status === 'approval_declined') return reason ? t('document.approval.declined_reason', { reason }) : t('document.approval.declined');
  if (status === 'pending_approval') return t('document.approval.pending');
  return t('document.approval.none');
}
