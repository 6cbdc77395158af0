// The workflow builder (workspace/admin-workflows.tsx): the roles and the
// ordered steps drawn from one model, redrawn when their shape changes (a
// step added, moved, removed, its template changed) and read back from the
// fields when saved. Saved with POST /api/v1/workflows (or …/{id}/versions);
// a refusal's issues land at their fields (body.steps.2.amount…).
import type { WorkflowStep, WorkflowView } from '../../../contract/workflows';
import { currencyExponent, majorAmount, minorUnits } from '../../../domain/payment';
import { $, api, type ApiError } from './common';

type Offer = { templates: { id: string; name: string; roles: string[] }[]; currencies: string[] | null };
type Role = { name: string; required: boolean };
/** A step as the form holds it: a payment's amount as typed. */
type Draft =
  | { kind: 'template'; name: string; optional: boolean; templateId: string; roles: Record<string, string> }
  | { kind: 'document_request'; name: string; optional: boolean; documents: string[]; role: string }
  | { kind: 'payment'; name: string; optional: boolean; amount: string; currency: string; description: string; role: string };

const AGENT = 'Agent';

export function workflowBuilder(showIssues: (root: HTMLElement, error: ApiError) => void, clear: (root: ParentNode) => void): void {
  const form = $<HTMLFormElement>('wf-form');
  if (!form) return;
  const offer = JSON.parse(form.dataset.offer!) as Offer;
  const categories = JSON.parse(form.dataset.categories!) as Record<string, string>;
  const existing = form.dataset.workflow ? (JSON.parse(form.dataset.workflow) as WorkflowView) : null;
  const roles: Role[] = existing ? existing.roles.map((r) => ({ ...r })) : [{ name: 'Customer', required: true }];
  const steps: Draft[] = existing ? existing.steps.map(draftOf) : [];

  function draftOf(s: WorkflowStep): Draft {
    const base = { name: s.name ?? '', optional: s.optional };
    if (s.kind === 'template') return { ...base, kind: 'template', templateId: s.templateId, roles: { ...(s.roles ?? {}) } };
    if (s.kind === 'document_request') return { ...base, kind: 'document_request', documents: s.documents.map((d) => d.category), role: s.role ?? '' };
    return { ...base, kind: 'payment', amount: majorAmount(s.amount, s.currency), currency: s.currency, description: s.description, role: s.role ?? '' };
  }

  // ───────────── drawing ─────────────

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  /** A labelled control with its error line at `field`. */
  const field = (id: string, label: string, control: HTMLElement, errorField: string) => {
    const wrap = el('div', { class: 'ws-field' });
    control.id = id;
    control.dataset.field = errorField;
    control.setAttribute('aria-describedby', `${id}-err`);
    wrap.append(el('label', { for: id }, label), control, el('p', { class: 'ws-err', id: `${id}-err`, 'data-field': errorField }));
    return wrap;
  };
  const select = (options: [string, string][], value: string) => {
    const s = el('select');
    for (const [v, label] of options) s.append(el('option', { value: v }, label));
    s.value = value;
    return s;
  };
  const button = (label: string, onClick: () => void, disabled = false) => {
    const b = el('button', { type: 'button', class: 'ws-btn ws-btn-quiet' }, label) as HTMLButtonElement;
    b.disabled = disabled;
    b.addEventListener('click', onClick);
    return b;
  };
  const roleOptions = (withAgent: boolean): [string, string][] => [...roles.filter((r) => r.name.trim()).map((r): [string, string] => [r.name.trim(), r.name.trim()]), ...(withAgent ? [[AGENT, 'The agent'] as [string, string]] : [])];

  function drawRoles(): void {
    const list = $('wf-roles')!;
    list.replaceChildren(
      ...roles.map((r, i) => {
        const li = el('li', { class: 'ws-panel wf-item' });
        const name = el('input', { type: 'text', maxlength: '60', autocomplete: 'off' }) as HTMLInputElement;
        name.value = r.name;
        name.addEventListener('change', () => {
          r.name = name.value;
          drawSteps();
        });
        const optional = el('input', { type: 'checkbox', id: `wf-role-${i}-optional` }) as HTMLInputElement;
        optional.checked = !r.required;
        optional.addEventListener('change', () => (r.required = !optional.checked));
        const check = el('div', { class: 'ws-check' });
        check.append(optional, el('label', { for: `wf-role-${i}-optional` }, 'Optional: the agent may leave it out'));
        li.append(field(`wf-role-${i}`, `Role ${i + 1}`, name, `body.roles.${i}.name`), check, el('p', { class: 'ws-err', 'data-field': `body.roles.${i}` }));
        li.append(button(`Remove role ${i + 1}`, () => (roles.splice(i, 1), drawRoles(), drawSteps()), roles.length === 1));
        return li;
      }),
    );
  }

  function drawSteps(): void {
    const list = $('wf-steps')!;
    list.replaceChildren(...steps.map(stepItem));
  }

  function stepItem(s: Draft, i: number): HTMLElement {
    const li = el('li', { class: 'ws-panel wf-item', 'data-step': String(i) });
    const at = `body.steps.${i}`;
    const title = s.kind === 'template' ? 'Template to sign' : s.kind === 'document_request' ? 'Documents to send' : 'Payment';
    li.append(el('h3', {}, `Step ${i + 1}: ${title}`));
    if (s.kind === 'template') {
      const which = select(
        offer.templates.map((t) => [t.id, t.name]),
        s.templateId,
      );
      which.addEventListener('change', () => {
        s.templateId = which.value;
        s.roles = {};
        drawSteps();
      });
      li.append(field(`wf-step-${i}-template`, 'Template', which, `${at}.templateId`));
      for (const templateRole of offer.templates.find((t) => t.id === s.templateId)?.roles ?? []) {
        if (templateRole === AGENT) continue;
        const options = roleOptions(true);
        const chosen = s.roles[templateRole] ?? (options.some(([v]) => v === templateRole) ? templateRole : (options[0]?.[0] ?? ''));
        s.roles[templateRole] = chosen;
        const who = select(options, chosen);
        who.addEventListener('change', () => (s.roles[templateRole] = who.value));
        li.append(field(`wf-step-${i}-role-${templateRole.replace(/\W+/g, '-')}`, `Who signs as “${templateRole}”`, who, `${at}.roles.${templateRole}`));
      }
    } else if (s.kind === 'document_request') {
      const box = el('fieldset', { class: 'ws-fieldset' });
      box.append(el('legend', {}, 'Documents to ask for'));
      for (const [c, label] of Object.entries(categories)) {
        if (c === 'other') continue; // "Other" needs its own name: asked from the session, not built in
        const id = `wf-step-${i}-doc-${c}`;
        const cb = el('input', { type: 'checkbox', id, value: c }) as HTMLInputElement;
        cb.checked = s.documents.includes(c);
        cb.addEventListener('change', () => (s.documents = cb.checked ? [...s.documents, c] : s.documents.filter((d) => d !== c)));
        const row = el('div', { class: 'ws-check' });
        row.append(cb, el('label', { for: id }, label));
        box.append(row);
      }
      box.append(el('p', { class: 'ws-err', 'data-field': `${at}.documents` }));
      li.append(box, roleField(s, i));
    } else {
      const amount = el('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off' }) as HTMLInputElement;
      amount.value = s.amount;
      amount.addEventListener('input', () => (s.amount = amount.value));
      const currency = select(
        (offer.currencies ?? []).map((c) => [c, c.toUpperCase()]),
        s.currency,
      );
      currency.addEventListener('change', () => (s.currency = currency.value));
      const description = el('input', { type: 'text', maxlength: '200', autocomplete: 'off' }) as HTMLInputElement;
      description.value = s.description;
      description.addEventListener('input', () => (s.description = description.value));
      li.append(
        field(`wf-step-${i}-amount`, 'Amount', amount, `${at}.amount`),
        field(`wf-step-${i}-currency`, 'Currency', currency, `${at}.currency`),
        field(`wf-step-${i}-description`, 'What it is for (the customer reads it)', description, `${at}.description`),
        roleField(s, i),
      );
    }
    const name = el('input', { type: 'text', maxlength: '200', autocomplete: 'off' }) as HTMLInputElement;
    name.value = s.name;
    name.placeholder = s.kind === 'template' ? 'The template’s name' : s.kind === 'document_request' ? 'Documents to send' : 'The payment’s description';
    name.addEventListener('input', () => (s.name = name.value));
    li.append(field(`wf-step-${i}-name`, 'Title the customer sees (optional)', name, `${at}.name`));
    const optional = el('input', { type: 'checkbox', id: `wf-step-${i}-optional` }) as HTMLInputElement;
    optional.checked = s.optional;
    optional.addEventListener('change', () => (s.optional = optional.checked));
    const check = el('div', { class: 'ws-check' });
    check.append(optional, el('label', { for: `wf-step-${i}-optional` }, 'Optional: the agent may skip it'));
    const moves = el('div', { class: 'ws-row' });
    moves.append(
      button(`Move step ${i + 1} up`, () => move(i, -1), i === 0),
      button(`Move step ${i + 1} down`, () => move(i, 1), i === steps.length - 1),
      button(`Remove step ${i + 1}`, () => (steps.splice(i, 1), drawSteps())),
    );
    li.append(check, el('p', { class: 'ws-err', 'data-field': at }), moves);
    return li;
  }

  function roleField(s: Extract<Draft, { role: string }>, i: number): HTMLElement {
    const options = roleOptions(false);
    if (!options.some(([v]) => v === s.role)) s.role = options[0]?.[0] ?? '';
    const who = select(options, s.role);
    who.addEventListener('change', () => (s.role = who.value));
    return field(`wf-step-${i}-role`, s.kind === 'payment' ? 'Who pays' : 'Who sends them', who, `body.steps.${i}.role`);
  }

  function move(i: number, by: number): void {
    const [s] = steps.splice(i, 1);
    steps.splice(i + by, 0, s!);
    drawSteps();
    (document.querySelector<HTMLElement>(`[data-step="${i + by}"] h3`) ?? form)?.scrollIntoView({ block: 'nearest' });
  }

  function add(s: Draft): void {
    steps.push(s);
    drawSteps();
    document.querySelector<HTMLElement>(`[data-step="${steps.length - 1}"] select, [data-step="${steps.length - 1}"] input`)?.focus();
  }

  $('wf-add-role')?.addEventListener('click', () => {
    roles.push({ name: '', required: true });
    drawRoles();
    drawSteps();
    document.querySelector<HTMLInputElement>(`#wf-role-${roles.length - 1}`)?.focus();
  });
  $('wf-add-template')?.addEventListener('click', () => add({ kind: 'template', name: '', optional: false, templateId: offer.templates[0]!.id, roles: {} }));
  $('wf-add-request')?.addEventListener('click', () => add({ kind: 'document_request', name: '', optional: false, documents: [], role: '' }));
  $('wf-add-payment')?.addEventListener('click', () => add({ kind: 'payment', name: '', optional: false, amount: '', currency: offer.currencies?.[0] ?? 'usd', description: '', role: '' }));

  // ───────────── saving ─────────────

  /** The definition as the API takes it; a payment amount that is not a number is refused here, at its field. */
  function definition(): { body: unknown } | { issues: { field: string; message: string }[] } {
    const issues: { field: string; message: string }[] = [];
    const out = steps.map((s, i) => {
      const common = { ...(s.name.trim() ? { name: s.name.trim() } : {}), optional: s.optional };
      if (s.kind === 'template') return { kind: s.kind, templateId: s.templateId, ...common, roles: s.roles };
      if (s.kind === 'document_request') return { kind: s.kind, ...common, documents: s.documents.map((category) => ({ category })), role: s.role };
      const amount = minorUnits(s.amount, s.currency);
      if (amount === null || amount <= 0) {
        issues.push({ field: `body.steps.${i}.amount`, message: `type the amount in ${s.currency.toUpperCase()}, such as ${majorAmount(125 * 10 ** currencyExponent(s.currency), s.currency)}` });
      }
      return { kind: s.kind, ...common, amount, currency: s.currency, description: s.description.trim(), role: s.role };
    });
    if (issues.length) return { issues };
    return { body: { name: $<HTMLInputElement>('wf-name')!.value.trim(), roles: roles.map((r) => ({ name: r.name.trim(), required: r.required })), steps: out } };
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(form);
    const def = definition();
    if ('issues' in def) return showIssues(form, { code: 'invalid_request', message: def.issues[0]!.message, issues: def.issues });
    const save = $<HTMLButtonElement>('wf-save')!;
    save.setAttribute('aria-busy', 'true');
    const r = await api('POST', existing ? `/workflows/${existing.id}/versions` : '/workflows', def.body);
    save.removeAttribute('aria-busy');
    if (!r.ok) return showIssues(form, r.error);
    location.href = '/app/admin/workflows';
  });

  drawRoles();
  drawSteps();
}
