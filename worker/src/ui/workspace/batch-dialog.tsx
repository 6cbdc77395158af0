// The session page's "Send a batch" dialog: a name, 2 to 10 templates in
// the order they are to be completed (each opens when the one before it is
// done), and one participant list for them all: the roles beyond Customer
// and Agent across the chosen templates, a role named alike in two of them
// being one person. The rows and the role fields are drawn by the workspace
// script (client/workspace/batch.ts, with the single send's
// client/workspace/participant-list.ts), which posts the batch to
// POST /api/v1/sessions/{id}/batches; errors land at the row or role they name.
import type { SessionPageData } from './data';

/** The API's own limits on a batch (api/documents.ts). */
export const BATCH_MIN = 2;
export const BATCH_MAX = 10;

export function BatchDialog({ channels }: { channels: SessionPageData['channels'] }) {
  return (
    <dialog id="batch-dialog" aria-labelledby="batch-h">
      <form
        id="batch-form"
        class="ws-form"
        novalidate
        data-min={String(BATCH_MIN)}
        data-max={String(BATCH_MAX)}
        data-sms-enabled={String(channels.smsEnabled)}
        data-otp-required={String(channels.otpRequired)}
      >
        <h2 id="batch-h">Send a batch</h2>
        <p class="muted" id="batch-note">
          Choose {BATCH_MIN} to {BATCH_MAX} templates in the order they are to be completed: each document opens when the one before it is done.
        </p>
        <div class="ws-field">
          <label for="batch-name">Batch name</label>
          <input id="batch-name" type="text" maxlength={200} autocomplete="off" aria-describedby="batch-name-err" data-field="body.name" />
          <p class="ws-err" id="batch-name-err" data-field="body.name" />
        </div>
        <fieldset class="ws-fieldset">
          <legend>Documents, in order</legend>
          <ol id="batch-docs" />
          <button type="button" class="ws-btn ws-btn-quiet" id="batch-add-doc">
            Add a document
          </button>
        </fieldset>
        {/* Filled once a chosen template has roles beyond Customer and Agent; the same person takes a role in every document that has it. */}
        <section id="batch-people" aria-labelledby="batch-people-h" hidden>
          <h3 id="batch-people-h">Participants</h3>
          <p class="muted" id="batch-people-note">
            Asked once for the whole batch: whoever takes a role takes it in every document that has it.
          </p>
          <div id="batch-roles" />
        </section>
        <p class="ws-sr" id="batch-people-status" role="status" />
        <p class="ws-err" id="batch-err" data-field="" role="alert" />
        <div class="ws-row">
          <button type="submit" class="ws-btn" id="batch-send">
            Send batch
          </button>
          <button type="button" class="ws-btn ws-btn-quiet" id="batch-cancel">
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
