// The document page of the customer's room, in the customer's language:
// a compact header (back, language, title, one status line, the signers as
// a one-line summary that opens), the consent card first, then the PDF's
// pages with the signer's fields in place, and one primary button at the
// bottom (Next field, then Finish) with Download and Decline under "More".
// After signing, a confirmation says what happens next. The page is served
// with the document's state; /assets/room-document.js draws the pages
// (pdf.js, loaded only here) and handles input (client/room/document/*).
import type { DocumentItemView } from '../contract/documents';
import type { ParticipantRoomView } from '../contract/session';
import { areaMessages } from '../i18n/catalogue';
import { formatDateTime } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import type { Translate } from '../i18n/translate';
import { approvalSentence } from './approval-words';
import { LanguageMenu } from './language-menu';
import { Layout } from './layout';
import { AssignStep, DocumentDone, ReasonDialog } from './room/document-parts';
import { iHaveSigned, mayFillNow, missingFields, statusText, whatHappensNext } from './room/document-words';
import { SignerList } from './room-signers';
import { documentSignerLines, signedCountText } from './signer-status';

export interface DocumentPageProps {
  t: Translate;
  locale: Locale;
  view: DocumentItemView;
  room: Pick<ParticipantRoomView, 'brand' | 'access' | 'may' | 'me'>;
  /** The session's last event, for the live socket to carry on from. */
  version: number;
}

export function DocumentPage({ t, locale, view, room, version }: DocumentPageProps) {
  const { item, document: doc } = view;
  const mayAct = room.may.act;
  const until = mayAct ? null : room.access.until;
  const consented = room.me.consentedAt !== null;
  const state = { mayAct, assigning: false, consented, missing: missingFields(view, { mayAct, assigning: false }).length };
  const signed = iHaveSigned(view) && item.status !== 'declined';
  // Before consent only the consent card is actionable: no Next field, no Finish.
  const mayFill = mayFillNow(view, state);
  const canFill = mayFill && consented;
  const back = `/room/documents/${item.id}`;
  return (
    <Layout
      title={t('document.title', { document: item.name, brand: room.brand.displayName })}
      script="/assets/room-document.js"
      modules={['/vendor/pdfjs/pdf.min.mjs']}
      styles={['/assets/room-document.css', ...(room.brand.themeUrl ? [room.brand.themeUrl] : [])]}
      bodyClass="document"
      locale={locale}
      messages={areaMessages(locale, ['common', 'document', 'entry'])}
    >
      <main id="document" data-item-id={item.id} data-may-act={mayAct ? 'true' : 'false'} data-version={version}>
        <header class="doc-head">
          <a href="/room" class="doc-back">
            <span aria-hidden="true" class="doc-back-arrow">
              ←
            </span>{' '}
            {t('document.back')}
          </a>
          <LanguageMenu t={t} back={back} />
        </header>
        <h1>{item.name}</h1>
        <p id="doc-status" role="status" tabindex={-1}>
          <StatusLine text={statusText(t, view, state, until)} until={until} t={t} />
        </p>
        <Signers t={t} view={view} />
        <AssignStep t={t} />
        <section id="consent" class="consent" hidden={!mayFill || consented} aria-labelledby="consent-h">
          <h2 id="consent-h">{t('document.consent.heading')}</h2>
          <div id="consent-text" class="disclosure" tabindex={0} />
          {/* Enabled by the page's script once it listens: a tap before that would be lost. */}
          <button id="consent-accept" type="button" class="primary" disabled>
            {t('document.consent.accept')}
          </button>
        </section>
        <DocumentDone t={t} view={view} hidden={!signed} next={whatHappensNext(t, view)} />
        {doc.approval?.mine ? <Approval t={t} view={view} mayAct={mayAct} /> : null}
        <p id="doc-error" role="alert" class="error" />
        <div id="pages" class="pages" role="region" aria-label={t('document.pages')}>
          <p class="muted">{t('document.loading')}</p>
        </div>
        <div class="doc-bar" id="doc-bar">
          <button id="next-field" type="button" class="primary" hidden={!canFill || state.missing === 0}>
            {t('document.next_field')}
          </button>
          <button id="finish" type="button" class="primary" hidden={!canFill || state.missing > 0}>
            {t('document.finish')}
          </button>
          <details class="doc-more" id="doc-more">
            <summary>{t('document.more')}</summary>
            <div class="doc-more-menu">
              <a id="download" href={`/room/api/documents/${item.id}/pdf`} download>
                {doc.sealed ? t('document.download_signed') : t('document.download')}
              </a>
              <button id="decline" type="button" class="secondary" hidden={!(mayAct && doc.myRoles.length > 0 && !signed && (item.status === 'sent' || item.status === 'opened' || item.status === 'in_progress'))}>
                {t('document.decline')}
              </button>
            </div>
          </details>
        </div>
      </main>

      <dialog id="field-dialog" aria-labelledby="field-dialog-title">
        <form method="dialog" id="field-form">
          <h2 id="field-dialog-title">{t('document.save')}</h2>
          <div id="field-input" />
          <p id="field-error" role="alert" class="error" />
          <div class="row">
            <button type="submit" id="field-save" value="save" class="primary">
              {t('document.save')}
            </button>
            <button type="button" id="field-cancel" class="secondary">
              {t('document.cancel')}
            </button>
          </div>
        </form>
      </dialog>

      {doc.approval?.mine ? <ReasonDialog t={t} id="approval" title={t('document.approval.decline_title')} label={t('document.approval.why')} /> : null}

      <ReasonDialog t={t} id="decline" title={t('document.decline.title')} label={t('document.decline.why')} />
    </Layout>
  );
}

/** The status sentence, with the end of limited access as a <time> where the text says {time}. */
function StatusLine({ t, text, until }: { t: Translate; text: string; until: string | null }) {
  if (!until || !text.includes('{time}')) return <>{text}</>;
  const [before, after] = text.split('{time}');
  return (
    <>
      {before}
      <time datetime={until}>{formatDateTime(t.locale, until, 'UTC')}</time>
      {after}
    </>
  );
}

/**
 * Who signs this document and how far each has got: a one-line summary
 * ("Signers · 1 of 2 signed") that opens on the list, so the first page
 * starts near the top on a phone. The page's script redraws the list when
 * the document or someone's presence changes.
 */
function Signers({ t, view }: { t: Translate; view: DocumentItemView }) {
  const lines = documentSignerLines(t, view.document.roles, view.document.myRoles);
  return (
    <details id="doc-signers" class="signers-section">
      <summary id="signers-h">
        {t('document.signers.heading')} · <span id="signers-count">{signedCountText(t, lines)}</span>
      </summary>
      <SignerList t={t} lines={lines} label={t('document.signers.label', { document: view.item.name })} id="signers-list" />
    </details>
  );
}

/**
 * The approver's decision on a document forwarded to them: Approve, or
 * Decline with a reason (POST /room/api/documents/{id}/approval, from the
 * page's script). Rendered for the approver only; once decided, it says what
 * was decided.
 */
function Approval({ t, view, mayAct }: { t: Translate; view: DocumentItemView; mayAct: boolean }) {
  const { item } = view;
  const pending = item.status === 'pending_approval';
  return (
    <section id="approval" class="consent" aria-labelledby="approval-h" data-status={item.status}>
      <h2 id="approval-h">{t('document.approval.heading')}</h2>
      <p id="approval-status" role="status" tabindex={-1}>
        {approvalSentence(t, item.status, item.reason)}
      </p>
      {pending && mayAct ? (
        <div class="row" id="approval-actions">
          <button id="approval-approve" type="button" class="primary">
            {t('document.approval.approve')}
          </button>
          <button id="approval-decline" type="button" class="secondary">
            {t('document.approval.decline')}
          </button>
        </div>
      ) : null}
      <p id="approval-error" role="alert" class="error" />
    </section>
  );
}
