// What makes a workflow sendable, beyond its shape (contract/workflows.ts):
// its roles are distinct, every step's roles are the workflow's, each
// template's roles all find someone, the payments fit the org's limits, and
// not every step is optional. Pure: the Worker hands in what it read (the
// templates' roles, the org's payment limits).
import type { WorkflowDefinition } from '../contract/workflows';
import { AGENT_ROLE } from './document-definition';
import { amountProblem, type PaymentLimits } from './payment';

/** A workflow is a short journey for a customer, not a process engine. */
export const MAX_WORKFLOW_STEPS = 20;

export interface WorkflowProblem {
  /** Where, as the request body names it: "steps.2.roles.Cosigner". */
  path: string;
  message: string;
}

/** Who acts in a template step: each of the template's roles, as the workflow's role or the agent. */
export function templateRoleMap(templateRoles: readonly string[], explicit: Readonly<Record<string, string>> = {}): Record<string, string> {
  return Object.fromEntries(templateRoles.map((r) => [r, explicit[r] ?? r]));
}

/**
 * Everything wrong with a definition, each at its path; empty when it can be
 * saved. `templates`: the roles of each template a step names (absent: no
 * such template in the org). `payments`: the org's limits, null when Stripe
 * is not connected.
 */
export function workflowProblems(def: WorkflowDefinition, templates: ReadonlyMap<string, readonly string[]>, payments: PaymentLimits | null): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const roles = def.roles.map((r) => r.name);
  const acting = new Set<string>();
  def.roles.forEach((r, i) => {
    if (roles.indexOf(r.name) !== i) problems.push({ path: `roles.${i}.name`, message: `duplicate role "${r.name}"` });
    if (r.name === AGENT_ROLE) problems.push({ path: `roles.${i}.name`, message: `"${AGENT_ROLE}" is the agent, not a participant: name the customer's roles only` });
  });
  const isRole = (name: string) => roles.includes(name);
  const known = [...new Set(roles)].join(', ');

  def.steps.forEach((step, i) => {
    const at = `steps.${i}`;
    if (step.kind === 'template') {
      const own = templates.get(step.templateId);
      if (!own) return problems.push({ path: `${at}.templateId`, message: `no template ${step.templateId} in Assets` });
      for (const key of Object.keys(step.roles ?? {})) {
        if (!own.includes(key)) problems.push({ path: `${at}.roles.${key}`, message: `the template has no role "${key}" (its roles: ${own.join(', ')})` });
      }
      for (const [templateRole, role] of Object.entries(templateRoleMap(own, step.roles))) {
        if (role === AGENT_ROLE) continue;
        if (isRole(role)) acting.add(role);
        else problems.push({ path: `${at}.roles.${templateRole}`, message: `the template's role "${templateRole}" needs one of the workflow's roles (${known}) or "${AGENT_ROLE}"` });
      }
      return;
    }
    const role = step.role ?? roles[0]!;
    if (isRole(role)) acting.add(role);
    else problems.push({ path: `${at}.role`, message: `no role "${role}" in this workflow (${known})` });
    if (step.kind === 'payment') {
      if (!payments) problems.push({ path: at, message: 'payments are not set up: an admin must connect Stripe first (PUT /api/v1/payments/stripe)' });
      else {
        const problem = amountProblem(step.amount, step.currency, payments);
        if (problem) problems.push({ path: `${at}.${problem.split(':')[0]}`, message: problem.slice(problem.indexOf(':') + 2) });
      }
    }
  });

  if (def.steps.every((s) => s.optional)) problems.push({ path: 'steps', message: 'at least one step must not be optional' });
  def.roles.forEach((r, i) => {
    if (!acting.has(r.name) && roles.indexOf(r.name) === i) problems.push({ path: `roles.${i}`, message: `"${r.name}" acts in no step` });
  });
  return problems;
}
