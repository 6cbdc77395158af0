// The consent card: before consent it is the only thing the customer can act
// on (fields are not tappable and there is no Finish); it sits at the top,
// above the pages. Accepting it opens the fields and moves to the first one.
import { errorText } from '../errors';
import { $, api, page } from './context';
import { mayFillNow } from '../../../room/document-words';

/** Loads the consent state and text (GET /room/api/consent) and wires "I agree"; `accepted` runs after consent is recorded. */
export async function consent(accepted: () => void): Promise<void> {
  const r = await api('/room/api/consent');
  page.consented = r.ok ? r.json.consentedAt !== null : false;
  if (r.ok) {
    $('#consent-text').replaceChildren(...String(r.json.text).split(/\n\n+/).map((para) => Object.assign(document.createElement('p'), { textContent: para })));
  }
  const accept = $<HTMLButtonElement>('#consent-accept');
  accept.addEventListener('click', async () => {
    const sent = await api('/room/api/consent', { method: 'POST' });
    if (!sent.ok) {
      $('#doc-error').textContent = errorText(sent.json, 'document.consent.failed');
      return;
    }
    page.consented = true;
    $('#doc-error').textContent = '';
    page.redraw();
    accepted();
  });
  accept.disabled = false;
}

/** The card shows while consent is what stands between the customer and their fields. */
export function showConsent(): void {
  $('#consent').hidden = page.consented !== false || !mayFillNow(page.view, page);
}
