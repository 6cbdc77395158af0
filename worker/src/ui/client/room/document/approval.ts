// The approver's decision on a document forwarded to them (the page renders
// #approval for the approver only): Approve, or Decline with a reason
// (required: said here at once, and checked again by the server).
import type { DocumentItemView } from '../../../../contract/documents';
import { approvalSentence } from '../../../approval-words';
import { errorText } from '../errors';
import { t } from '../i18n';
import { $, api, itemId, page } from './context';

/** Sends the decision; on success the section says what was decided and its buttons go. */
async function decide(decision: 'approve' | 'decline', reason?: string): Promise<string | null> {
  const r = await api(`/room/api/documents/${itemId}/approval`, { method: 'POST', body: JSON.stringify(reason === undefined ? { decision } : { decision, reason }) });
  if (!r.ok) return errorText(r.json, 'document.approval.failed');
  page.view = r.json as DocumentItemView;
  $('#approval-actions')?.remove();
  $('#approval-status').textContent = approvalSentence(t, page.view.item.status, page.view.item.reason);
  $('#approval-status').focus();
  page.redraw();
  return null;
}

export function approval(): void {
  if (!document.querySelector('#approval')) return;
  const dialog = document.querySelector<HTMLDialogElement>('#approval-dialog');
  document.querySelector('#approval-approve')?.addEventListener('click', async () => {
    $('#approval-error').textContent = (await decide('approve')) ?? '';
  });
  document.querySelector('#approval-decline')?.addEventListener('click', () => dialog?.showModal());
  document.querySelector('#approval-cancel')?.addEventListener('click', () => dialog?.close());
  document.querySelector('#approval-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const reasonEl = $<HTMLTextAreaElement>('#approval-reason');
    const reason = reasonEl.value.trim();
    const errorLine = $('#approval-reason-error');
    if (!reason) {
      errorLine.textContent = t('document.reason_needed');
      reasonEl.focus();
      return;
    }
    const refused = await decide('decline', reason);
    if (refused) {
      errorLine.textContent = refused;
      return;
    }
    dialog?.close();
  });
}
