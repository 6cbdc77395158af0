// The participant list an agent gives when sending: one fieldset per role
// beyond Customer and Agent, saying who takes it (a participant already in
// the session, the agent, someone new with their contact, or the customer in
// their Assign step), and for an optional role, left out or made mandatory.
// Used by the single-template send (#template-form, session.ts) and by the
// batch dialog (batch.ts), which asks once for all its documents. The API's
// rules behind it are in room/participant-list.ts; this only draws the
// fields, reads them into the request's "roles", and puts the API's
// refusals ("roles.Cosigner.contact.phone: …") at the field they name.
import type { ApiError } from './common';
import { $, el, option, valueOf } from './common';

/** A role as GET /templates/{id} describes it. */
export interface TemplateRole {
  name: string;
  required: boolean;
}

/** What the list sends for one role (the API's RoleChoice). */
export type RoleChoiceInput = string | { contact: { name: string; email?: string; phone?: string }; required?: true } | { assign: 'customer'; required?: true };

/** Role name → choice: the request's "roles". */
export type ParticipantList = Record<string, RoleChoiceInput>;

/** The org's channel rules the fields follow, carried by the form as data-sms-enabled / data-otp-required. */
export interface ChannelRules {
  smsEnabled: boolean;
  otpRequired: boolean;
}

/** Customer and Agent default to the session's customer and the sending agent: the list never asks for them. */
export const rolesToAsk = (roles: TemplateRole[]): TemplateRole[] => roles.filter((r) => r.name !== 'Customer' && r.name !== 'Agent');

/** The channel rules a form was rendered with (an absent attribute keeps the permissive default). */
export function channelRulesOf(form: HTMLElement): ChannelRules {
  return { smsEnabled: form.dataset.smsEnabled !== 'false', otpRequired: form.dataset.otpRequired === 'true' };
}

/**
 * The role fields inside one container. Each role keeps its fieldset (and
 * what was typed in it) while it stays shown, so a batch can change its
 * templates without the agent typing a co-signer's contact again.
 */
export class ParticipantListFields {
  private readonly shown = new Map<string, { role: TemplateRole; box: HTMLElement; key: string }>();
  private counter = 0;

  constructor(
    private readonly container: HTMLElement,
    /**
     * peopleOnly: offer only a participant or someone new, as a workflow's
     * roles take (the customer's Assign step and "Me (the agent)" belong to
     * one document, and POST /sessions/{id}/workflows refuses them).
     */
    private readonly opts: { idPrefix: string; rules: ChannelRules; peopleOnly?: boolean },
  ) {}

  /** The roles now asked for, in order. */
  roles(): TemplateRole[] {
    return Array.from(this.shown.values(), (s) => s.role);
  }

  /** Shows these roles (Customer and Agent already left out), keeping the fieldsets of roles that stay the same. */
  show(roles: TemplateRole[]): void {
    const next = new Map<string, { role: TemplateRole; box: HTMLElement; key: string }>();
    for (const role of roles) {
      const kept = this.shown.get(role.name);
      if (kept && kept.role.required === role.required) next.set(role.name, kept);
      else {
        const key = `${this.opts.idPrefix}-${this.counter++}`;
        next.set(role.name, { role, key, box: this.fieldset(role, key) });
      }
    }
    this.shown.clear();
    for (const [name, s] of next) this.shown.set(name, s);
    this.container.replaceChildren(...Array.from(next.values(), (s) => s.box));
  }

  /** The fields as the API's participant list ("roles"); an optional role left out is not named. */
  list(): ParticipantList {
    const list: ParticipantList = {};
    for (const { role, key } of this.shown.values()) {
      const who = $<HTMLSelectElement>(`${key}-who`)!.value;
      const mandatory = !role.required && $<HTMLInputElement>(`${key}-mandatory`)?.checked ? { required: true as const } : {};
      if (who === 'new') {
        list[role.name] = { contact: { name: $<HTMLInputElement>(`${key}-name`)!.value.trim(), ...optional('email', valueOf(`${key}-email`)), ...optional('phone', valueOf(`${key}-phone`)) }, ...mandatory };
      } else if (who === 'customer') list[role.name] = { assign: 'customer', ...mandatory };
      else if (who) list[role.name] = who;
    }
    return list;
  }

  /** One role: who takes it, a newcomer's contact (as the channel rules allow), and "Make mandatory" for an optional role. */
  private fieldset(role: TemplateRole, key: string): HTMLElement {
    const { smsEnabled, otpRequired } = this.opts.rules;
    const field = (part: string) => `body.roles.${role.name}${part}`;
    const box = el('fieldset', { class: 'ws-fieldset', id: key });
    box.append(el('legend', {}, `${role.name} (${role.required ? 'required' : 'optional'})`));
    const who = el('select', { id: `${key}-who`, 'aria-describedby': `${key}-who-err` }) as HTMLSelectElement;
    if (!role.required) who.append(option('', 'Leave out'));
    for (const p of document.querySelectorAll<HTMLElement>('#ws-participants li[data-name]')) who.append(option(p.id.replace(/^person-/, ''), `${p.dataset.name} (${p.dataset.role})`));
    who.append(option('new', 'Someone new…'));
    if (!this.opts.peopleOnly) who.append(option('customer', 'Let the customer assign'), option('agent', 'Me (the agent)'));
    who.value = role.required ? 'new' : '';
    who.addEventListener('change', () => sync(box, key));
    const whoBox = labelled(`${key}-who`, 'Who takes this role', who);
    whoBox.append(el('p', { class: 'ws-err', id: `${key}-who-err`, 'data-field': field('') }));
    box.append(whoBox);
    const fresh = el('div', { id: `${key}-new`, class: 'ws-new' });
    fresh.append(input(`${key}-name`, 'Name', 'text', field('.contact.name')), input(`${key}-email`, 'Email', 'email', field('.contact.email')));
    // With text messages off, a phone is neither asked for nor accepted.
    if (smsEnabled) fresh.append(input(`${key}-phone`, 'Phone (e.g. +14155550123)', 'tel', field('.contact.phone')));
    if (otpRequired) {
      fresh.append(
        el('p', { class: 'muted', id: `${key}-otp` }, smsEnabled ? 'A one-time code is required to enter: give both an email and a phone (the code goes by the other channel than the invitation).' : 'A one-time code is required to enter: it goes to the email address.'),
      );
    }
    fresh.append(el('p', { class: 'ws-err', 'data-field': field('.contact') }));
    box.append(fresh);
    if (!role.required) {
      const line = el('div', { class: 'ws-field ws-check', id: `${key}-mandatory-box` });
      line.append(el('input', { type: 'checkbox', id: `${key}-mandatory`, 'data-field': field('.required'), 'aria-describedby': `${key}-mandatory-err` }), el('label', { for: `${key}-mandatory` }, 'Make mandatory'));
      line.append(el('p', { class: 'ws-err', id: `${key}-mandatory-err`, 'data-field': field('.required') }));
      box.append(line);
    }
    sync(box, key);
    return box;
  }
}

/** Contact fields for someone new only; "Make mandatory" only when someone is to take the optional role. */
function sync(box: HTMLElement, key: string): void {
  const value = box.querySelector<HTMLSelectElement>(`#${key}-who`)?.value;
  const fresh = box.querySelector<HTMLElement>(`#${key}-new`);
  if (fresh) fresh.hidden = value !== 'new';
  const mandatory = box.querySelector<HTMLElement>(`#${key}-mandatory-box`);
  if (mandatory) mandatory.hidden = value !== 'new' && value !== 'customer';
}

/**
 * A refusal that names a role ("roles.Co-signer.contact.phone: Colin: …", or
 * in a batch "documents.1.roles.…", the same fields for every document) as an
 * issue at that role's field, so showError puts it there. Role names may hold
 * spaces and dashes, so they are matched against the roles shown, longest
 * first. Other errors pass through unchanged.
 */
export function atRoleFields(error: ApiError, roleNames: string[]): ApiError {
  const byLength = [...roleNames].sort((a, b) => b.length - a.length);
  const roleField = (path: string): string | null => {
    const m = /^(?:body\.)?(?:documents\.\d+\.)?roles\.(.*)$/s.exec(path);
    if (!m) return null;
    const name = byLength.find((n) => m[1] === n || m[1]!.startsWith(`${n}.`));
    return name === undefined ? null : `body.roles.${m[1]}`;
  };
  if (error.issues?.length) {
    return { ...error, issues: error.issues.map((i) => ({ ...i, field: roleField(i.field) ?? i.field })) };
  }
  const colon = error.message.indexOf(': ');
  const field = colon > 0 ? roleField(error.message.slice(0, colon)) : null;
  return field ? { ...error, issues: [{ field, message: error.message.slice(colon + 2) }] } : error;
}

const optional = <K extends string>(k: K, v: string | undefined): { [P in K]?: string } => (v === undefined ? {} : ({ [k]: v } as { [P in K]: string }));

function labelled(id: string, label: string, control: HTMLElement): HTMLElement {
  const box = el('div', { class: 'ws-field' });
  box.append(el('label', { for: id }, label), control);
  return box;
}
function input(id: string, label: string, type: string, field: string): HTMLElement {
  const box = el('div', { class: 'ws-field' });
  box.append(
    el('label', { for: id }, label),
    el('input', { id, type, autocomplete: 'off', 'data-field': field, 'aria-describedby': `${id}-err` }),
    el('p', { class: 'ws-err', id: `${id}-err`, 'data-field': field }),
  );
  return box;
}
