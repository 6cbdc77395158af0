// Document requests on the session page (workspace/request-parts.tsx draws
// them): "Ask for documents" opens the dialog that sends a request (POST
// …/document-requests); Accept on a file sent decides at once, Reject asks
// why first (the customer reads it and is asked again). Every change comes
// back through the live refresh, like any other event.
import { $, api, clearErrors, sentence, showError, valueOf, type SessionPageHost } from './common';

export function documentRequests(host: SessionPageHost): { onClick(target: HTMLButtonElement): boolean } {
  const { base, announce, problem, refresh } = host;

  // ───────────── asking ─────────────

  const askDialog = $<HTMLDialogElement>('request-dialog');
  const askForm = $<HTMLFormElement>('request-form');
  let askedFrom: HTMLElement | null = null;

  function openAsk(trigger: HTMLElement): void {
    if (!askDialog || !askForm) return;
    askedFrom = trigger;
    askForm.reset();
    clearErrors(askForm);
    askDialog.showModal();
    $('request-id_card')?.focus();
  }
  $('request-cancel')?.addEventListener('click', () => askDialog?.close());
  askDialog?.addEventListener('close', () => backTo(askedFrom));

  askForm?.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(askForm);
    const categories = Array.from(askForm.querySelectorAll<HTMLInputElement>('input[name="category"]:checked')).map((c) => c.value);
    const note = valueOf('request-note');
    const otherLabel = valueOf('request-other-label');
    if (categories.length === 0) return fieldProblem('request-docs-err', 'request-id_card', 'Choose at least one document to ask for.');
    if (categories.includes('other') && !otherLabel) return fieldProblem('request-other-err', 'request-other-label', 'Name the other document, so the customer knows what to send.');
    const documents = categories.map((category) => ({ category, ...(category === 'other' ? { label: otherLabel } : {}), ...(note ? { note } : {}) }));
    const name = valueOf('request-name');
    const r = await api('POST', `${base}/document-requests`, { documents, ...(name ? { name } : {}) });
    if (!r.ok) return showError(askForm, r.error);
    askDialog?.close();
    announce(`${name ?? 'The request'} was sent to the customer.`);
    await refresh();
  });

  function fieldProblem(lineId: string, inputId: string, text: string): void {
    $(lineId)!.textContent = text;
    $(inputId)?.setAttribute('aria-invalid', 'true');
    $(inputId)?.focus();
  }

  // ───────────── deciding ─────────────

  const rejectDialog = $<HTMLDialogElement>('reject-dialog');
  const rejectForm = $<HTMLFormElement>('reject-form');
  let rejecting: { itemId: string; slotId: string; name: string; trigger: HTMLElement } | null = null;

  async function accept(button: HTMLButtonElement): Promise<void> {
    if (button.getAttribute('aria-busy')) return;
    problem('');
    button.setAttribute('aria-busy', 'true');
    const r = await api<{ item: { status: string } }>('POST', `${base}/document-requests/${button.dataset.item}/slots/${button.dataset.slotAccept}/accept`);
    button.removeAttribute('aria-busy');
    if (!r.ok) return problem(sentence(r.error.message));
    announce(`${button.dataset.name ?? 'The file'} accepted.${r.data.item.status === 'completed' ? ' Every document is in: the request is complete.' : ''}`);
    await refresh();
  }

  function openReject(trigger: HTMLButtonElement): void {
    if (!rejectDialog || !rejectForm) return;
    rejecting = { itemId: trigger.dataset.item!, slotId: trigger.dataset.slotReject!, name: trigger.dataset.name ?? 'the file', trigger };
    rejectForm.reset();
    clearErrors(rejectForm);
    $('reject-what')!.textContent = `Document: ${rejecting.name}.`;
    rejectDialog.showModal();
    $('reject-reason')?.focus();
  }
  $('reject-cancel')?.addEventListener('click', () => rejectDialog?.close());
  rejectDialog?.addEventListener('close', () => {
    const back = rejecting?.trigger ?? null;
    rejecting = null;
    backTo(back);
  });

  rejectForm?.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!rejecting) return;
    clearErrors(rejectForm);
    const reason = $<HTMLTextAreaElement>('reject-reason')!.value.trim();
    if (!reason) return fieldProblem('reject-reason-err', 'reject-reason', 'Say why, so the customer can send a better one.');
    const { itemId, slotId, name } = rejecting;
    const r = await api('POST', `${base}/document-requests/${itemId}/slots/${slotId}/reject`, { reason });
    if (!r.ok) return showError(rejectForm, r.error);
    rejectDialog?.close();
    announce(`${name} rejected: the customer is asked to send it again.`);
    await refresh();
  });

  /** Focus back where the dialog was opened from, or on the interactions' heading when a refresh replaced it. */
  function backTo(trigger: HTMLElement | null): void {
    if (trigger && document.body.contains(trigger)) trigger.focus();
    else $('items-h')?.focus();
  }

  return {
    onClick(target) {
      if (target.dataset.requestOpen) openAsk(target);
      else if (target.dataset.slotAccept) void accept(target);
      else if (target.dataset.slotReject) openReject(target);
      else return false;
      return true;
    },
  };
}
