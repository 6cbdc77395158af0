// GET /app: the agent's sessions (search within the search space) and the
// form that starts or pre-plans a session. The form posts to the JSON API
// from the workspace script; errors come back at their field.
import type { AgentRecord } from '../../directory/agents';
import type { SessionList } from './data';
import { SESSION_STATUSES, SESSION_STATUS_LABELS } from '../../domain/catalogue';
import { Time, WsLayout } from './layout';
import { LanguageField } from './language-field';

const SCOPE_LABEL = { mine: 'My sessions', team: "My team's sessions", all: 'All sessions in the org' } as const;

export function ListPage({ agent, list }: { agent: AgentRecord; list: SessionList }) {
  const blocked = list.blocking;
  return (
    <WsLayout title="Sessions" agent={agent} page="list">
      <h1>Sessions</h1>
      <div class="ws-columns">
        <section aria-labelledby="start-h" class="ws-panel">
          <h2 id="start-h">Start a session</h2>
          {blocked ? (
            <p class="banner" id="start-blocked">
              Single active session is on: end your session with{' '}
              <a href={`/app/sessions/${blocked.id}`}>{blocked.customer.name}</a> before starting another.
            </p>
          ) : null}
          <form id="start-form" class="ws-form" novalidate>
            <p class="muted">
              {list.settings.session.smsEnabled
                ? "The customer's name, and an email address or a phone number for the invitation."
                : "The customer's name and email address for the invitation (text messages are turned off for your org)."}
            </p>
            <Field id="start-name" label="Customer name" field="body.customer.name" required autocomplete="off" />
            <Field id="start-email" label="Email" type="email" field="body.customer.email" autocomplete="off" />
            {/* With text messages off a phone is neither asked for nor accepted. */}
            {list.settings.session.smsEnabled ? <Field id="start-phone" label="Phone (e.g. +14155550123)" type="tel" field="body.customer.phone" autocomplete="off" /> : null}
            <LanguageField id="start-language" field="body.customer.language" />
            <fieldset class="ws-fieldset">
              <legend>CRM record (optional)</legend>
              <div class="ws-field">
                <label for="start-crm-system">System</label>
                <select id="start-crm-system" name="crmSystem" aria-describedby="start-crm-system-err">
                  <option value="">None</option>
                  <option value="salesforce">Salesforce</option>
                  <option value="hubspot">HubSpot</option>
                </select>
                <p class="ws-err" id="start-crm-system-err" data-field="body.crmRecord.system" />
              </div>
              <Field id="start-crm-object" label="Object type (e.g. Contact, deal)" field="body.crmRecord.objectType" autocomplete="off" />
              <Field id="start-crm-record" label="Record id" field="body.crmRecord.recordId" autocomplete="off" />
            </fieldset>
            <div class="ws-check">
              <input type="checkbox" id="start-preplan" name="preplan" aria-describedby="start-preplan-help" />
              <label for="start-preplan">Pre-plan</label>
              <p class="muted" id="start-preplan-help">
                Prepare the session first (add documents), and press Invite when it is ready. Without it the invitation goes out at once.
              </p>
            </div>
            <p class="ws-err" id="start-error" data-field="" role="alert" />
            <button type="submit" id="start-submit" class="ws-btn" disabled={blocked !== null} aria-describedby={blocked ? 'start-blocked' : undefined}>
              Start session
            </button>
          </form>
        </section>

        <section aria-labelledby="list-h" class="ws-panel ws-grow">
          <h2 id="list-h">{SCOPE_LABEL[list.scope]}</h2>
          <form method="get" action="/app" class="ws-search" role="search" aria-label="Search sessions">
            <div class="ws-field">
              <label for="q">Customer name</label>
              <input id="q" name="q" type="search" value={list.q} maxlength={120} autocomplete="off" />
            </div>
            {list.scopes.length > 1 ? (
              <div class="ws-field">
                <label for="scope">Show</label>
                <select id="scope" name="scope">
                  {list.scopes.map((s) => (
                    <option value={s} selected={s === list.scope}>
                      {SCOPE_LABEL[s]}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div class="ws-field">
              <label for="status">Status</label>
              <select id="status" name="status">
                <option value="">Any</option>
                {SESSION_STATUSES.map((s) => (
                  <option value={s} selected={s === list.status}>
                    {SESSION_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="ws-btn">
              Search
            </button>
          </form>
          {list.rows.length === 0 ? (
            <p class="muted" id="sessions-empty">
              {list.q || list.status ? 'No session matches this search.' : 'No sessions yet. Start one with the form.'}
            </p>
          ) : (
            <table class="ws-table" id="sessions">
              <caption class="ws-sr">Sessions, most recently updated first</caption>
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Status</th>
                  {list.scope !== 'mine' ? <th scope="col">Agent</th> : null}
                  <th scope="col">CRM record</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((r) => (
                  <tr data-session={r.id}>
                    <td>
                      <a href={`/app/sessions/${r.id}`}>{r.customer.name}</a>
                    </td>
                    <td>
                      <span class={`status ws-s-${r.status}`}>{SESSION_STATUS_LABELS[r.status]}</span>
                    </td>
                    {list.scope !== 'mine' ? <td>{r.agentId === agent.id ? 'You' : (list.agentNames.get(r.agentId) ?? r.agentId)}</td> : null}
                    <td>{r.crmRecord ? `${r.crmRecord.system}${r.crmRecord.objectType ? ` ${r.crmRecord.objectType}` : ''} ${r.crmRecord.recordId}` : '—'}</td>
                    <td>
                      <Time at={r.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </WsLayout>
  );
}

/** A labelled input with its error line; `field` is the API's issue path (error.issues[].field). */
export function Field(props: { id: string; label: string; field: string; type?: string; required?: boolean; autocomplete?: string; value?: string; maxlength?: number }) {
  const err = `${props.id}-err`;
  return (
    <div class="ws-field">
      <label for={props.id}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        required={props.required}
        autocomplete={props.autocomplete}
        value={props.value}
        maxlength={props.maxlength}
        aria-describedby={err}
        data-field={props.field}
      />
      <p class="ws-err" id={err} data-field={props.field} />
    </div>
  );
}
