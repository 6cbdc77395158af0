// The admin's workflows: the list (/app/admin/workflows), each with its roles
// and steps in order, and the builder (/app/admin/workflows/new, and
// …/:id/edit for a new version). The server draws the form's frame and hands
// the builder what it offers (the org's templates and their roles, the
// currencies Stripe takes); /assets/admin.js (client/workspace/admin-workflows.ts)
// draws the roles and steps and saves through POST /api/v1/workflows.
import type { WorkflowStep, WorkflowView } from '../../contract/workflows';
import type { AgentRecord } from '../../directory/agents';
import { ASKABLE_LABELS } from '../../domain/document-request';
import { majorAmount } from '../../domain/payment';
import { AdminLayout } from './admin-layout';
import { Time } from './layout';

export interface BuilderOffer {
  templates: { id: string; name: string; roles: string[] }[];
  /** The currencies Stripe takes for the org; null when payments are not set up. */
  currencies: string[] | null;
}

export function WorkflowsPage(props: { agent: AgentRecord; workflows: WorkflowView[]; templateNames: Map<string, string> }) {
  return (
    <AdminLayout title="Workflows" agent={props.agent} section="workflows" page="workflows">
      <div class="ws-row adm-title-row">
        <h1>Workflows</h1>
        <a class="ws-btn adm-link-btn" href="/app/admin/workflows/new">
          New workflow
        </a>
      </div>
      <p class="muted">Agents send a workflow like a template: the customer goes through its steps in order. Saving again makes a new version; workflows already sent keep theirs.</p>
      {props.workflows.length === 0 ? (
        <p class="muted" id="workflows-empty">
          No workflows yet. Build one with New workflow.
        </p>
      ) : (
        <ul class="adm-templates" id="workflows">
          {props.workflows.map((w) => (
            <li class="ws-panel" data-workflow={w.id}>
              <h2 id={`w-${w.id}`}>{w.name}</h2>
              <p class="muted">
                Version {w.version} · saved <Time at={w.createdAt} /> · roles: {w.roles.map((r) => `${r.name}${r.required ? '' : ' (optional)'}`).join(', ')}
              </p>
              <ol aria-labelledby={`w-${w.id}`}>
                {w.steps.map((s) => (
                  <li>
                    {stepText(s, props.templateNames)}
                    {s.optional ? ' (optional)' : ''}
                  </li>
                ))}
              </ol>
              <a href={`/app/admin/workflows/${w.id}/edit`}>
                Edit<span class="ws-sr"> {w.name}</span> (saves a new version)
              </a>
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}

function stepText(s: WorkflowStep, templateNames: Map<string, string>): string {
  if (s.kind === 'template') return `Sign “${s.name ?? templateNames.get(s.templateId) ?? s.templateId}”`;
  if (s.kind === 'document_request') return `Send documents: ${s.documents.map((d) => d.label ?? ASKABLE_LABELS[d.category]).join(', ')}${s.role ? ` (${s.role})` : ''}`;
  return `Pay ${majorAmount(s.amount, s.currency)} ${s.currency.toUpperCase()}: ${s.description}${s.role ? ` (${s.role})` : ''}`;
}

export function WorkflowBuilderPage(props: { agent: AgentRecord; offer: BuilderOffer; workflow: WorkflowView | null }) {
  const { workflow } = props;
  const title = workflow ? `Edit ${workflow.name}` : 'New workflow';
  return (
    <AdminLayout title={title} agent={props.agent} section="workflows" page="workflow-builder">
      <p class="ws-back">
        <a href="/app/admin/workflows">← Workflows</a>
      </p>
      <h1>{title}</h1>
      {workflow ? <p class="muted">Saving makes version {workflow.version + 1}; sessions that already run version {workflow.version} keep it.</p> : null}
      <form
        id="wf-form"
        class="ws-form"
        novalidate
        data-offer={JSON.stringify(props.offer)}
        data-categories={JSON.stringify(ASKABLE_LABELS)}
        data-workflow={workflow ? JSON.stringify(workflow) : undefined}
      >
        <div class="ws-field">
          <label for="wf-name">Name</label>
          <input id="wf-name" type="text" maxlength={120} required autocomplete="off" value={workflow?.name ?? ''} aria-describedby="wf-name-err" data-field="body.name" />
          <p class="ws-err" id="wf-name-err" data-field="body.name" />
        </div>
        <fieldset class="ws-fieldset">
          <legend>Roles: the participant list, asked once when an agent sends it</legend>
          <ol id="wf-roles" class="wf-list" />
          <button type="button" class="ws-btn ws-btn-quiet" id="wf-add-role">
            Add a role
          </button>
          <p class="ws-err" data-field="body.roles" />
        </fieldset>
        <fieldset class="ws-fieldset">
          <legend>Steps, in the order the customer does them</legend>
          <ol id="wf-steps" class="wf-list" />
          <div class="ws-row">
            <button type="button" class="ws-btn ws-btn-quiet" id="wf-add-template" disabled={props.offer.templates.length === 0}>
              Add a template
            </button>
            <button type="button" class="ws-btn ws-btn-quiet" id="wf-add-request">
              Add a document request
            </button>
            <button type="button" class="ws-btn ws-btn-quiet" id="wf-add-payment" disabled={props.offer.currencies === null}>
              Add a payment
            </button>
          </div>
          {props.offer.currencies === null ? <p class="muted">Payments need the org’s Stripe account: an admin connects it with PUT /api/v1/payments/stripe.</p> : null}
          <p class="ws-err" data-field="body.steps" />
        </fieldset>
        <p class="ws-err" id="wf-err" data-field="" role="alert" tabindex={-1} />
        <button type="submit" class="ws-btn" id="wf-save">
          {workflow ? 'Save a new version' : 'Save the workflow'}
        </button>
      </form>
    </AdminLayout>
  );
}
