// A document request on the agent's session page: in its bubble, each
// document asked for with where it stands, a preview of the file the
// customer sent (opening full size in a new tab) and Accept / Reject while
// it waits for a decision; the dialog that asks for documents; and the one
// that asks why a file is rejected (the customer reads the reason). The
// buttons are wired by client/workspace/document-requests.ts.
import type { DocumentRequestSummary } from '../../contract/apps';
import { CLOSED_STATUSES, DONE_STATUSES, SLOT_STATUS_LABELS, type ItemStatus } from '../../domain/catalogue';
import { ASKABLE_CATEGORIES, ASKABLE_LABELS, MAX_LABEL_LENGTH, MAX_NOTE_LENGTH, MAX_REASON_LENGTH, slotLabel } from '../../domain/document-request';
import type { AgentRoomView } from '../../contract/session';

type Item = AgentRoomView['items'][number];

/** Where the workspace shows a requested file: with the cookie, in place (routes.tsx). */
export const requestedFileHref = (sessionId: string, itemId: string, slotId: string) => `/app/sessions/${sessionId}/requests/${itemId}/slots/${slotId}/file`;

export function RequestSlots({ item, app, sessionId }: { item: Item; app: DocumentRequestSummary; sessionId: string }) {
  const open = !DONE_STATUSES.has(item.status as ItemStatus) && !CLOSED_STATUSES.has(item.status);
  return (
    <ol class="ws-slots" aria-label={`Documents asked for in ${item.name}`}>
      {app.slots.map((s) => {
        const name = slotLabel(s);
        const href = requestedFileHref(sessionId, item.id, s.id);
        const sent = s.status !== 'pending';
        return (
          <li class={`ws-slot ws-slot-${s.status}`} id={`slot-${s.id}`} data-status={s.status}>
            <p class="ws-slot-title">
              <span>{name}</span>
              {s.required ? null : <span class="muted"> (optional)</span>}{' '}
              <span class={`status${s.status === 'accepted' ? ' done' : ''}`}>{SLOT_STATUS_LABELS[s.status]}</span>
            </p>
            {s.status === 'rejected' && s.reason ? <p class="muted ws-slot-reason">Asked again: {s.reason}</p> : null}
            {/* A rejected slot keeps its last file until the customer sends another; it is still worth a look. */}
            {sent ? (
              <a class="ws-slot-preview" href={href} target="_blank" rel="noopener" id={`slot-${s.id}-view`}>
                {s.fileType?.startsWith('image/') ? <img src={href} alt="" loading="lazy" /> : null}
                <span>
                  View {name}
                  <span class="ws-sr"> (opens in a new tab)</span>
                </span>
              </a>
            ) : null}
            {open && s.status === 'submitted' ? (
              <span class="ws-toolbar" role="group" aria-label={`Decide on ${name}`}>
                <button type="button" class="ws-tool ws-tool-main" data-slot-accept={s.id} data-item={item.id} data-name={name}>
                  Accept<span class="ws-sr"> {name}</span>
                </button>
                <button type="button" class="ws-tool" data-slot-reject={s.id} data-item={item.id} data-name={name}>
                  Reject<span class="ws-sr"> {name}</span>
                </button>
              </span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** "Ask for documents": which ones, an optional name and note (POST /sessions/{id}/document-requests). */
export function RequestDialog() {
  return (
    <dialog id="request-dialog" aria-labelledby="request-h">
      <form id="request-form" class="ws-form" novalidate>
        <h2 id="request-h">Ask for documents</h2>
        <fieldset class="ws-fieldset" aria-describedby="request-docs-err">
          <legend>Documents to ask for</legend>
          {ASKABLE_CATEGORIES.map((c) => (
            <div class="ws-check">
              <input type="checkbox" id={`request-${c}`} name="category" value={c} />
              <label for={`request-${c}`}>{ASKABLE_LABELS[c]}</label>
            </div>
          ))}
          <div class="ws-field">
            <label for="request-other-label">Name of the other document</label>
            <input id="request-other-label" type="text" maxlength={MAX_LABEL_LENGTH} autocomplete="off" aria-describedby="request-other-err" data-field="body.documents.other.label" />
            <p class="ws-err" id="request-other-err" data-field="body.documents.other.label" />
          </div>
          <p class="ws-err" id="request-docs-err" data-field="body.documents" />
        </fieldset>
        <div class="ws-field">
          <label for="request-note">Note to the customer (optional)</label>
          <textarea id="request-note" maxlength={MAX_NOTE_LENGTH} rows={2} aria-describedby="request-note-err" />
          <p class="ws-err" id="request-note-err" data-field="body.documents.note" />
        </div>
        <div class="ws-field">
          <label for="request-name">Title the customer sees (optional)</label>
          <input id="request-name" type="text" maxlength={200} autocomplete="off" placeholder="Documents to send" aria-describedby="request-name-err" data-field="body.name" />
          <p class="ws-err" id="request-name-err" data-field="body.name" />
        </div>
        <p class="ws-err" id="request-err" data-field="" role="alert" />
        <div class="ws-row">
          <button type="submit" class="ws-btn">
            Ask for documents
          </button>
          <button type="button" class="ws-btn ws-btn-quiet" id="request-cancel">
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Reject a file: the reason is required, and the customer reads it. */
export function RejectDialog() {
  return (
    <dialog id="reject-dialog" aria-labelledby="reject-h">
      <form id="reject-form" class="ws-form" novalidate>
        <h2 id="reject-h">Reject the file</h2>
        <p class="muted" id="reject-what" />
        <div class="ws-field">
          <label for="reject-reason">Why? The customer reads this and is asked to send it again.</label>
          <textarea id="reject-reason" maxlength={MAX_REASON_LENGTH} rows={3} aria-describedby="reject-reason-err" data-field="body.reason" />
          <p class="ws-err" id="reject-reason-err" data-field="body.reason" />
        </div>
        <p class="ws-err" id="reject-err" data-field="" role="alert" />
        <div class="ws-row">
          <button type="submit" class="ws-btn">
            Reject and ask again
          </button>
          <button type="button" class="ws-btn ws-btn-quiet" id="reject-cancel">
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
