// Parts of the customer's document page (room-document-page.tsx) that the
// page's script shows, hides or fills in: the Assign step, the confirmation
// after signing, and the dialogs asking why (decline, decline to approve).
import type { DocumentItemView } from '../../contract/documents';
import type { Translate } from '../../i18n/translate';

/**
 * The Assign step: shown first (by the page's script, from GET
 * /room/api/items/{id}/assign) when the agent left roles of this document for
 * this customer to assign. Mandatory ones are given before Next; optional ones
 * may be skipped.
 */
export function AssignStep({ t }: { t: Translate }) {
  return (
    <section id="assign" class="consent" hidden aria-labelledby="assign-h">
      <h2 id="assign-h" tabindex={-1}>
        {t('document.assign.heading')}
      </h2>
      <p>{t('document.assign.intro')}</p>
      <form id="assign-form" novalidate>
        <div id="assign-roles" />
        <p id="assign-error" role="alert" class="error" />
        <button type="submit" class="primary">
          {t('document.assign.next')}
        </button>
      </form>
    </section>
  );
}

/**
 * After the customer signed: what they did, what happens next, back to the
 * room, and the download — the copy with the values so far, labelled as
 * such, until the sealed PDF exists; then the signed copy (the script
 * updates this live when the seal lands).
 */
export function DocumentDone({ t, view, hidden, next }: { t: Translate; view: DocumentItemView; hidden: boolean; next: { lines: string[]; sealed: boolean } }) {
  return (
    <section id="done" class="done" hidden={hidden} aria-labelledby="done-h" data-sealed={next.sealed ? '1' : '0'}>
      <h2 id="done-h" tabindex={-1}>
        <span aria-hidden="true" class="done-tick">
          ✓
        </span>{' '}
        {t('document.done.heading', { document: view.item.name })}
      </h2>
      <h3>{t('document.done.next')}</h3>
      <ul id="done-next" class="plain">
        {next.lines.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <div class="row">
        <a href="/room" class="button primary" id="done-back">
          {t('document.back')}
        </a>
        <a href={`/room/api/documents/${view.item.id}/pdf`} download class="button secondary" id="done-download">
          {next.sealed ? t('document.download_signed') : t('document.download_unsealed')}
        </a>
      </div>
    </section>
  );
}

/** A dialog asking why (declining a document, declining to approve): ids `${id}-dialog`, -form, -reason, -reason-error, -cancel for the page's script. */
export function ReasonDialog({ t, id, title, label }: { t: Translate; id: string; title: string; label: string }) {
  return (
    <dialog id={`${id}-dialog`} aria-labelledby={`${id}-title`}>
      <form method="dialog" id={`${id}-form`}>
        <h2 id={`${id}-title`}>{title}</h2>
        <label for={`${id}-reason`}>{label}</label>
        <textarea id={`${id}-reason`} maxlength={500} required rows={3} aria-describedby={`${id}-reason-error`} />
        <p id={`${id}-reason-error`} role="alert" class="error" />
        <div class="row">
          <button type="submit" class="primary">
            {t('document.decline')}
          </button>
          <button type="button" id={`${id}-cancel`} class="secondary">
            {t('document.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
