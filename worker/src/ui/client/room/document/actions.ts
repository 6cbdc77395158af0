// What the customer does with the document once they may: the status line,
// the one primary button at the bottom ("Next field" while required fields
// remain, then "Finish"), Download and Decline under "More", the decline
// dialog, and the confirmation after signing (what happens next; the signed
// copy once sealed). Everything here is drawn from the document as loaded.
import type { DocumentItemView } from '../../../../contract/documents';
import { iHaveSigned, mayFillNow, OPEN_STATUSES, statusText, whatHappensNext } from '../../../room/document-words';
import { documentSignerLines, signedCountText } from '../../../signer-status';
import { errorText } from '../errors';
import { localizeTimes, t, timeElement } from '../i18n';
import { signerList } from '../signer-list';
import { $, api, itemId, missing, page, pageState } from './context';
import { overlayOf } from './pages';

/** When limited access ends, from the page's <time> (the server wrote it). */
const until = document.querySelector<HTMLTimeElement>('#doc-status time')?.dateTime ?? null;

/** The status line, the bar, the signers and the confirmation, from the document as loaded now. */
export function drawActions(): void {
  const { view } = page;
  // Before consent only the consent card is actionable: no Next field, no Finish.
  const fillable = page.consented === true && mayFillNow(view, page);
  const left = missing().length;
  $('#next-field').hidden = !fillable || left === 0;
  $('#finish').hidden = !fillable || left > 0;
  const signed = iHaveSigned(view) && view.item.status !== 'declined';
  $('#decline').hidden = !(page.mayAct && view.document.myRoles.length > 0 && !signed && OPEN_STATUSES.has(view.item.status));
  $<HTMLAnchorElement>('#download').textContent = view.document.sealed ? t('document.download_signed') : t('document.download');
  drawStatus();
  drawSigners();
  drawDone(signed);
}

function drawStatus(): void {
  const text = statusText(t, page.view, pageState(), until);
  const [before, after] = text.split('{time}');
  const status = $('#doc-status');
  if (after !== undefined && until) status.replaceChildren(before ?? '', timeElement(until), after);
  else status.textContent = text;
}

/** The signers section as the page drew it (room-document-page.tsx). */
function drawSigners(): void {
  const lines = documentSignerLines(t, page.view.document.roles, page.view.document.myRoles);
  $('#signers-count').textContent = signedCountText(t, lines);
  $('#signers-list').replaceWith(signerList(t, lines, t('document.signers.label', { document: page.view.item.name }), 'signers-list'));
}

/** The confirmation: shown once my part is done; says the signed copy is ready as soon as the seal lands. */
function drawDone(signed: boolean): void {
  const done = $('#done');
  done.hidden = !signed;
  if (!signed) return;
  const next = whatHappensNext(t, page.view);
  $('#done-next').replaceChildren(...next.lines.map((line) => Object.assign(document.createElement('li'), { textContent: line })));
  $('#done-download').textContent = next.sealed ? t('document.download_signed') : t('document.download_unsealed');
  done.dataset['sealed'] = next.sealed ? '1' : '0';
  localizeTimes(done);
}

/** Moves to the first required field still empty, or to Finish when none is. */
export function nextField(): void {
  const next = missing()[0];
  if (!next) {
    $('#finish').focus();
    return;
  }
  const el = overlayOf(next.id);
  el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el?.focus();
}

/** Wires Next field, Finish and Decline. */
export function actions(): void {
  $('#next-field').addEventListener('click', nextField);
  $('#finish').addEventListener('click', async () => {
    const errorEl = $('#doc-error');
    errorEl.textContent = '';
    if (page.consented !== true) {
      errorEl.textContent = t('document.consent.needed');
      return;
    }
    const r = await api(`/room/api/documents/${itemId}/complete`, { method: 'POST' });
    if (!r.ok) {
      errorEl.textContent = errorText(r.json, 'document.sign_failed');
      nextField();
      return;
    }
    page.view = r.json as DocumentItemView;
    page.redraw();
    $('#done').scrollIntoView({ block: 'start' });
    $('#done-h').focus();
  });

  const declineDialog = $<HTMLDialogElement>('#decline-dialog');
  $('#decline').addEventListener('click', () => {
    $<HTMLDetailsElement>('#doc-more').open = false;
    declineDialog.showModal();
  });
  $('#decline-cancel').addEventListener('click', () => declineDialog.close());
  $('#decline-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const reasonEl = $<HTMLTextAreaElement>('#decline-reason');
    const reason = reasonEl.value.trim();
    if (!reason) {
      $('#decline-reason-error').textContent = t('document.reason_needed');
      reasonEl.focus();
      return;
    }
    const r = await api(`/room/api/documents/${itemId}/decline`, { method: 'POST', body: JSON.stringify({ reason }) });
    if (!r.ok) {
      $('#decline-reason-error').textContent = errorText(r.json, 'document.decline.failed');
      return;
    }
    page.view = r.json as DocumentItemView;
    declineDialog.close();
    page.redraw();
    $('#doc-status').focus();
  });
}
