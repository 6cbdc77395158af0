// The document page of the customer's room: the PDF's pages with the
// signer's fields in place, the consent step, guided next-field navigation,
// signing, declining and downloading. The page is served with the fields and
// roles; /assets/room-document.js draws the pages (pdf.js, loaded only here)
// and handles input.
import type { DocumentItemView } from '../contract/documents';
import { DONE_STATUSES } from '../domain/catalogue';
import { Layout } from './layout';
import { approvalSentence } from './approval-words';
import { SignerList } from './room-signers';
import { documentSignerLines, signedCountText } from './signer-status';


/** `version`: the session's last event, for the live socket to carry on from. */
export function DocumentPage({ view, mayAct, version }: { view: DocumentItemView; mayAct: boolean; version: number }) {
  const { item, document: doc } = view;
  const mine = doc.fields.filter((f) => f.mine);
  const acting = doc.roles.filter((r) => r.actingNow).map((r) => r.name);
  return (
    <Layout title={`${item.name} — your secure room`} script="/assets/room-document.js" styles={['/assets/room-document.css']} bodyClass="document">
      <main id="document" data-item-id={item.id} data-may-act={mayAct ? 'true' : 'false'} data-version={version}>
        <p>
          <a href="/room">← Back to your room</a>
        </p>
        <h1>{item.name}</h1>
        <p id="doc-status" role="status">
          {DONE_STATUSES.has(item.status)
            ? 'Completed. You can download the signed document.'
            : item.status === 'declined'
              ? 'Declined.'
              : !mayAct
                ? 'View and download only.'
                : doc.myTurn
                ? `Please fill in your ${mine.length === 1 ? 'field' : `${mine.length} fields`}, then sign.`
                : doc.myRoles.length
                  ? `Waiting for: ${acting.join(', ') || 'others'}.`
                  : 'For your information.'}
        </p>
        {!mayAct ? (
          <p class="banner" role="status">
            This session has ended: you can view and download, but not sign.
          </p>
        ) : null}
        <Signers view={view} />
        <AssignStep />
        <section id="consent" class="consent" hidden aria-labelledby="consent-h">
          <h2 id="consent-h">Before you sign</h2>
          <div id="consent-text" class="disclosure" tabindex={0} />
          <button id="consent-accept" type="button">
            I agree to do business electronically
          </button>
        </section>
        <div class="doc-actions">
          <button id="next-field" type="button" hidden>
            Next field
          </button>
          <button id="finish" type="button" hidden>
            Finish and sign
          </button>
          <button id="decline" type="button" class="secondary" hidden>
            Decline
          </button>
          <a id="download" href={`/room/api/documents/${item.id}/pdf`} download>
            Download
          </a>
        </div>
        {doc.approval?.mine ? <Approval view={view} mayAct={mayAct} /> : null}
        <p id="doc-error" role="alert" class="error" />
        <div id="pages" class="pages" aria-label="Document pages">
          <p class="muted">Loading the document…</p>
        </div>
      </main>

      <dialog id="field-dialog" aria-labelledby="field-dialog-title">
        <form method="dialog" id="field-form">
          <h2 id="field-dialog-title">Field</h2>
          <div id="field-input" />
          <p id="field-error" role="alert" class="error" />
          <div class="row">
            <button type="submit" id="field-save" value="save">
              Save
            </button>
            <button type="button" id="field-cancel" class="secondary">
              Cancel
            </button>
          </div>
        </form>
      </dialog>

      {doc.approval?.mine ? <ApprovalDeclineDialog /> : null}

      <ReasonDialog id="decline" title="Decline this document" label="Why are you declining?" />
    </Layout>
  );
}

/**
 * The Assign step: shown first (by /assets/room-document.js, from GET
 * /room/api/items/{id}/assign) when the agent left roles of this document for
 * this customer to assign. Mandatory ones are given before Next; optional ones
 * may be skipped.
 */
function AssignStep() {
  return (
    <section id="assign" class="consent" hidden aria-labelledby="assign-h">
      <h2 id="assign-h" tabindex={-1}>
        Who else takes part
      </h2>
      <p>Your agent asked you to say who takes these roles. Each person gets their own invitation to sign.</p>
      <form id="assign-form" novalidate>
        <div id="assign-roles" />
        <p id="assign-error" role="alert" class="error" />
        <button type="submit">Next</button>
      </form>
    </section>
  );
}

/**
 * Who signs this document and how far each has got: the count for this
 * document and one line per signer (public status only). The page's script
 * redraws the list when the document or someone's presence changes.
 */
function Signers({ view }: { view: DocumentItemView }) {
  const lines = documentSignerLines(view.document.roles, view.document.myRoles);
  return (
    <section id="doc-signers" class="signers-section" aria-labelledby="signers-h">
      <h2 id="signers-h">
        Signers <span id="signers-count">{signedCountText(lines)}</span>
      </h2>
      <SignerList lines={lines} label={`Signers of ${view.item.name}`} id="signers-list" />
    </section>
  );
}

/**
 * The approver's decision on a document forwarded to them: Approve, or
 * Decline with a reason (POST /room/api/documents/{id}/approval, from
 * /assets/room-document.js). Rendered for the approver only; once decided,
 * it says what was decided.
 */
function Approval({ view, mayAct }: { view: DocumentItemView; mayAct: boolean }) {
  const { item } = view;
  const pending = item.status === 'pending_approval';
  return (
    <section id="approval" class="consent" aria-labelledby="approval-h" data-status={item.status}>
      <h2 id="approval-h">Your approval</h2>
      <p id="approval-status" role="status" tabindex={-1}>
        {approvalSentence(item.status, item.reason)}
      </p>
      {pending && mayAct ? (
        <div class="doc-actions" id="approval-actions">
          <button id="approval-approve" type="button">
            Approve
          </button>
          <button id="approval-decline" type="button" class="secondary">
            Decline
          </button>
        </div>
      ) : null}
      <p id="approval-error" role="alert" class="error" />
    </section>
  );
}

function ApprovalDeclineDialog() {
  return (
    <ReasonDialog id="approval" title="Decline to approve" label="Why do you decline? (required)" />
  );
}

/** A dialog asking why (declining a document, declining to approve): ids `${id}-dialog`, -form, -reason, -reason-error, -cancel for the page's script. */
function ReasonDialog({ id, title, label }: { id: string; title: string; label: string }) {
  return (
    <dialog id={`${id}-dialog`} aria-labelledby={`${id}-title`}>
      <form method="dialog" id={`${id}-form`}>
        <h2 id={`${id}-title`}>{title}</h2>
        <label for={`${id}-reason`}>{label}</label>
        <textarea id={`${id}-reason`} maxlength={500} required rows={3} aria-describedby={`${id}-reason-error`} />
        <p id={`${id}-reason-error`} role="alert" class="error" />
        <div class="row">
          <button type="submit">Decline</button>
          <button type="button" id={`${id}-cancel`} class="secondary">
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
