// The placement page, in two modes: an agent's ad hoc document for one
// session (GET /app/sessions/:id/documents/new, sent with POST
// …/documents/adhoc) and an admin's new template (GET /app/templates/new,
// saved with POST /api/v1/templates). The server renders the form and its
// labels; /assets/placement.js renders the chosen PDF with pdf.js, places the
// fields (drag with pointer events, or the keyboard) and posts the form.
import type { AgentRecord } from '../../directory/agents';
import { WsLayout } from './layout';

export const PLACEMENT_SCRIPT = '/assets/placement.js';
export const PLACEMENT_STYLES = '/assets/placement.css';

/** Field types offered in the palette: the short list for ad hoc documents, all but attachment for templates. */
export const ADHOC_TYPES: [string, string][] = [
  ['signature', 'Signature'],
  ['initials', 'Initials'],
  ['text', 'Text'],
  ['date_signed', 'Date signed'],
  ['checkbox', 'Checkbox'],
];
export const TEMPLATE_TYPES: [string, string][] = [
  ...ADHOC_TYPES,
  ['full_name', 'Full name'],
  ['number', 'Number'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['dropdown', 'Dropdown'],
  ['radio', 'Radio choice'],
];

type Mode = { kind: 'adhoc'; sessionId: string; customerName: string } | { kind: 'template' };

export function PlacementPage({ agent, mode }: { agent: AgentRecord; mode: Mode }) {
  const adhoc = mode.kind === 'adhoc';
  const title = adhoc ? `New ad hoc document for ${mode.customerName}` : 'New template';
  const back = adhoc ? `/app/sessions/${mode.sessionId}` : '/app/admin/templates';
  const types = adhoc ? ADHOC_TYPES : TEMPLATE_TYPES;
  return (
    <WsLayout title={title} agent={agent} script={PLACEMENT_SCRIPT} styles={[PLACEMENT_STYLES]}>
      <p class="ws-back">
        <a href={back}>{adhoc ? `← Back to the session with ${mode.customerName}` : '← Templates (Assets)'}</a>
      </p>
      <h1>{title}</h1>
      <form
        id="pl-form"
        class="ws-form pl-form"
        novalidate
        data-mode={mode.kind}
        data-session={adhoc ? mode.sessionId : undefined}
        data-back={back}
      >
        <div class="ws-panel pl-setup">
          <div class="ws-field">
            <label for="pl-name">{adhoc ? 'Document name' : 'Template name'}</label>
            <input id="pl-name" name="name" type="text" required maxlength={adhoc ? 200 : 120} autocomplete="off" />
          </div>
          <div class="ws-field">
            <label for="pl-file">PDF file</label>
            <input id="pl-file" name="file" type="file" accept="application/pdf" required aria-describedby="pl-file-status" />
            <p id="pl-file-status" class="muted" role="status" />
          </div>
          {adhoc ? null : (
            <>
              <fieldset class="ws-fieldset pl-roles">
                <legend>Roles, in signing order</legend>
                <ol id="pl-roles" />
                <button type="button" id="pl-role-add" class="ws-btn ws-btn-quiet">
                  Add a role
                </button>
              </fieldset>
              <div class="ws-field">
                <label for="pl-order">Signing order</label>
                <select id="pl-order" name="signingOrder">
                  <option value="parallel">Parallel: every role may sign at once</option>
                  <option value="sequential">Sequential: each role after the one before</option>
                </select>
              </div>
            </>
          )}
        </div>
        <div class="pl-work">
          <div class="pl-side">
            <div class="ws-panel">
              <fieldset class="ws-fieldset pl-palette">
                <legend>Fields: drag one onto a page, or choose one and add it</legend>
                <div class="pl-tools">
                  {types.map(([type, label], i) => (
                    <label class="pl-tool" data-type={type}>
                      <input type="radio" name="pl-type" value={type} checked={i === 0} />
                      <span>{label}</span>
                    </label>
                  ))}
                </div>
                <div class="ws-field">
                  <label for="pl-page">Page</label>
                  <select id="pl-page" disabled>
                    <option value="1">1</option>
                  </select>
                </div>
                <button type="button" id="pl-add" class="ws-btn" disabled>
                  Add to page 1
                </button>
              </fieldset>
            </div>
            <section class="ws-panel pl-inspector" id="pl-inspector" aria-labelledby="pl-inspector-h" hidden>
              <h2 id="pl-inspector-h">Selected field</h2>
              <p id="pl-where" class="muted" />
              <div class="ws-field">
                <label for="pl-label">Label</label>
                <input id="pl-label" type="text" maxlength={120} autocomplete="off" />
              </div>
              <div class="ws-field">
                <label for="pl-role">Role</label>
                <select id="pl-role" />
              </div>
              <div class="ws-check">
                <input id="pl-required" type="checkbox" />
                <label for="pl-required">Required</label>
              </div>
              <div class="ws-field" id="pl-options-row" hidden>
                <label for="pl-options">Options, one per line</label>
                <textarea id="pl-options" rows={3} />
              </div>
              <p class="muted">Arrow keys move the field on the page (with Shift: further; with Alt: resize it); Delete removes it.</p>
              <button type="button" id="pl-delete" class="ws-btn ws-btn-danger">
                Delete field
              </button>
            </section>
            <section class="ws-panel" aria-labelledby="pl-list-h">
              <h2 id="pl-list-h">Placed fields</h2>
              <ul id="pl-list" class="pl-list" />
              <p id="pl-empty" class="muted">No fields yet.</p>
            </section>
          </div>
          <div class="pl-pages-wrap">
            <div id="pl-pages" class="pl-pages" role="region" aria-label="Pages of the document">
              <p class="muted">Choose a PDF file to see its pages here.</p>
            </div>
          </div>
        </div>
        <div class="ws-panel pl-submit">
          <p class="ws-err" id="pl-err" role="alert" />
          <p id="pl-status" role="status" class="muted" />
          <button type="submit" id="pl-send" class="ws-btn">
            {adhoc ? 'Send to the session' : 'Save the template'}
          </button>
        </div>
      </form>
      <section id="pl-result" class="ws-panel" aria-labelledby="pl-result-h" tabindex={-1} hidden>
        <h2 id="pl-result-h">Template saved</h2>
        <dl id="pl-result-facts" class="ws-facts" />
        <p>
          <a href="/app/admin/templates">See it in Templates (Assets)</a> · <a href="/app/templates/new">Create another template</a>
        </p>
      </section>
    </WsLayout>
  );
}
