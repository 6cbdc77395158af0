// Workflows in a session (issue 16): an admin's ordered steps (templates,
// document requests, payments) sent as one item whose steps are ordinary
// items under it (items.parent_id), inserted in one change as drafts. The
// participant list is the workflow's roles, resolved once: each step's
// people come from it. A step goes out when its turn comes (advance): when
// the one before is done, or skipped (an optional step the agent cancelled).
// A declined step stops the workflow; a required step cancelled cancels it;
// the last step done completes it. Only its steps move a workflow: the
// generic status routes cannot (domain/item-rules.ts).
import type { ActorKey } from '../contract/events';
import type { NewDocumentRequest } from '../contract/document-requests';
import type { ItemView } from '../contract/session';
import { newId } from '../auth/crypto';
import { CLOSED_STATUSES, DONE_STATUSES } from '../domain/catalogue';
import type { DocumentDefinition } from '../domain/document-definition';
import { AGENT_ROLE, CUSTOMER_ROLE } from '../domain/document-definition';
import { planSlots } from '../domain/document-request';
import { fail, ok, type Result } from '../errors';
import { agentKey, type AgentActor } from './actors';
import type { RoomContext } from './context';
import type { DocumentDesk } from './document-desk';
import type { DocumentRequests } from './document-requests';
import type { AddDocumentInput, Documents } from './documents';
import type { ItemPlacement, Items } from './items';
import { planParticipantList, type RoleChoice } from './participant-list';
import type { Participants } from './participants';
import type { Payments } from './payments';
import type { ItemRow } from './rows';
import { itemViewOf } from './views';
import { insertRun, workflowRun, workflowSteps } from './workflow-store';

/** One step as the Worker hands it over: a template already read from D1 (its roles still the template's), or a request or payment for one workflow role. */
export type WorkflowStepInput = { name: string; optional: boolean } & (
  | { kind: 'template'; document: Omit<AddDocumentInput, 'roles'>; roleMap: Record<string, string> }
  | { kind: 'document_request'; documents: NewDocumentRequest['documents']; role: string }
  | { kind: 'payment'; amount: number; currency: string; description: string; role: string }
);

export interface WorkflowSend {
  workflowId: string;
  version: number;
  name: string;
  roles: { name: string; required: boolean }[];
  /** Who plays each role: a participant already in the session, or a new one's contact. Customer (else the first role) defaults to the customer. */
  choices: Record<string, Exclude<RoleChoice, { assign: 'customer' }>> | undefined;
  steps: WorkflowStepInput[];
}

const finished = (s: ItemRow) => DONE_STATUSES.has(s.status);

export class Workflows {
  constructor(
    private readonly ctx: RoomContext,
    private readonly parts: { items: Items; desk: DocumentDesk; documents: Documents; requests: DocumentRequests; payments: Payments; participants: Participants },
  ) {}

  /** Send a workflow: the workflow item and every step in one change, the first step out at once (or with the session, when it is planned). */
  async add(actor: AgentActor, input: WorkflowSend): Promise<Result<{ workflow: ItemView; steps: ItemView[] }>> {
    const { store, log, access, directory } = this.ctx;
    const { items, documents, requests, payments, participants } = this.parts;
    const s = await access.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'ended' || s.value.status === 'closed') return fail(409, 'session_over', `the session is ${s.value.status}; renew it before sending a workflow`);
    const planned = s.value.status === 'planned';

    // Who plays each role, once for the whole workflow.
    const asRoles: DocumentDefinition = { roles: input.roles, fields: [], signingOrder: 'parallel' };
    const plan = planParticipantList(asRoles, input.choices, await directory.settings());
    if (!plan.ok) return plan;
    const who: Record<string, string> = { ...plan.value.given };
    // The customer plays the role called Customer, else the first role, unless the agent said otherwise.
    const customerRole = input.roles.find((r) => r.name === CUSTOMER_ROLE) ?? input.roles[0]!;
    who[customerRole.name] ??= store.primary().id;
    const unknown = Object.entries(who).find(([, id]) => !store.participant(id) && !plan.value.newcomers.some((n) => n.id === id));
    if (unknown) return fail(422, 'invalid_assignment', `roles.${unknown[0]}: ${unknown[1] === 'agent' ? "a workflow's roles are the customer's side; the agent signs where a template says Agent" : `no participant ${unknown[1]} in this session`}`);
    const missing = input.roles.find((r) => r.required && !who[r.name]);
    if (missing) return fail(422, 'invalid_assignment', `roles.${missing.name}: say who takes this role (a participant id, or {"contact": …} for someone new)`);

    // Each step's people from the roles; an optional step whose role was left out is left out too.
    const steps: { step: WorkflowStepInput; at: number }[] = [];
    for (const [i, step] of input.steps.entries()) {
      const roles = step.kind === 'template' ? Object.values(step.roleMap).filter((r) => r !== AGENT_ROLE) : [step.role];
      const absent = roles.find((r) => !who[r]);
      if (absent === undefined) steps.push({ step, at: i });
      else if (!step.optional) return fail(422, 'invalid_assignment', `roles.${absent}: step ${i + 1} (${step.name}) needs someone in this role`);
    }
    const newcomerIds = new Set(plan.value.newcomers.map((p) => p.id));
    const templateSteps = steps.flatMap(({ step }) => (step.kind === 'template' ? [step] : []));
    const prepared = await documents.prepareSteps(
      templateSteps.map((t) => ({ ...t.document, name: t.name, roles: Object.fromEntries(Object.entries(t.roleMap).map(([templateRole, role]) => [templateRole, role === AGENT_ROLE ? 'agent' : who[role]!])) })),
      newcomerIds,
    );
    if (!prepared.ok) return prepared;
    const slots = steps.map(({ step, at }) => (step.kind === 'document_request' ? planSlots(step.documents) : null));
    const badSlots = slots.findIndex((p) => typeof p === 'string');
    if (badSlots >= 0) return fail(422, 'invalid_request', `steps.${steps[badSlots]!.at}.${slots[badSlots]}`);
    const full = participants.roomFor(plan.value.newcomers.length);
    if (full) return full;

    const by = agentKey(actor.agentId);
    const workflowId = newId('itm');
    const stepIds = steps.map(() => newId('itm'));
    const people = [...new Set(Object.values(who))];
    log.commit(() => {
      participants.insertNew(plan.value.newcomers, by);
      items.insert(workflowId, { kind: 'workflow', name: input.name, assigneeIds: people, draft: true }, by, {
        withRows: (id) => insertRun(store.sql, { item_id: id, workflow_id: input.workflowId, workflow_version: input.version, roles: JSON.stringify(who) }),
      });
      let nextDocument = 0;
      steps.forEach(({ step }, i) => {
        const placement: ItemPlacement = { parentId: workflowId, position: i + 1, optional: step.optional, draft: true };
        const id = stepIds[i]!;
        if (step.kind === 'template') return documents.insertStep(id, prepared.value[nextDocument++]!, placement, by);
        const assigneeIds = [who[step.role]!];
        if (step.kind === 'document_request') {
          return items.insert(id, { kind: 'document_request', name: step.name, assigneeIds, draft: true }, by, { placement, withRows: requests.rowsFor(actor, slots[i] as Exclude<(typeof slots)[number], string | null>) });
        }
        items.insert(id, { kind: 'payment', name: step.name, assigneeIds, draft: true }, by, { placement, withRows: payments.rowsFor(step) });
      });
      // Out now, unless the session is planned: its invitation releases the workflow, which releases its first step.
      if (!planned) this.parts.desk.release(workflowId, by);
    });
    const invited = await participants.inviteNew([...newcomerIds], by);
    this.ctx.publisher.soon();
    if (!invited.ok) return invited;
    return ok({ workflow: itemViewOf(store, store.item(workflowId)!), steps: stepIds.map((id) => itemViewOf(store, store.item(id)!)) });
  }

  /** An item changed status: if it is a workflow or one of its steps, the workflow moves on. Runs inside the change. */
  moved(item: ItemRow, by: ActorKey): void {
    if (item.kind === 'workflow' && item.status === 'cancelled') this.cancelSteps(item.id, by);
    else if (item.kind === 'workflow') this.advance(item.id, by);
    else if (item.parent_id !== null) this.advance(item.parent_id, by);
  }

  /** The workflow was cancelled: a step out and not done is cancelled too, so nobody is asked for it any more; steps never sent stay unsent. */
  private cancelSteps(workflowId: string, by: ActorKey): void {
    for (const step of workflowSteps(this.ctx.store.sql, workflowId)) {
      if (step.status !== 'draft' && !DONE_STATUSES.has(step.status) && !CLOSED_STATUSES.has(step.status)) this.parts.items.move(step, 'cancelled', by);
    }
  }

  /** The workflow's next step goes out, or the workflow stops or completes. */
  private advance(workflowId: string, by: ActorKey): void {
    const { store } = this.ctx;
    const { items, desk } = this.parts;
    const workflow = store.item(workflowId);
    if (!workflow || workflow.kind !== 'workflow' || workflow.status === 'draft' || DONE_STATUSES.has(workflow.status) || CLOSED_STATUSES.has(workflow.status)) return;
    // A workflow item without a run (one sent as a bare item before workflows existed) has no steps to follow.
    if (!workflowRun(store.sql, workflowId)) return;
    const steps = workflowSteps(store.sql, workflowId);
    for (const step of steps) {
      if (finished(step)) continue;
      if (step.status === 'cancelled') {
        if (step.optional) continue; // skipped
        store.setItemReason(workflowId, `${step.name} was cancelled`);
        return items.move(workflow, 'cancelled', by);
      }
      if (step.status === 'declined' || step.status === 'rejected' || step.status === 'expired') {
        store.setItemReason(workflowId, step.reason ? `${step.name}: ${step.reason}` : `${step.name} was ${step.status}`);
        return items.move(workflow, 'declined', by);
      }
      if (step.status === 'draft') desk.release(step.id, by, { batchTurn: true });
      if ((workflow.status === 'sent' || workflow.status === 'opened') && steps.some(finished)) items.move(store.item(workflowId)!, 'in_progress', by);
      return;
    }
    items.move(workflow, 'completed', by);
  }
}
