// The participant list the card asks for when the agent sends a template
// whose roles go beyond the customer and the agent: for each other role, who
// takes it (someone new, the customer in their Assign step, the agent, a
// participant already in the session) and, for an optional role, whether it
// is left out or made mandatory. This module holds the list's state and turns
// it into the `roles` of POST /sessions/{id}/documents, the same body the
// workspace's template form sends. No React, no I/O: the card renders it
// (ParticipantList.tsx) and the tests read it.
import type { ParticipantView } from '@parley/hubspot-shared/parley-types';
import type { ContactDraft, ContactField } from './contact-validation';

/** A role of a template (GET /templates/{id} "roles"). */
export interface TemplateRole {
  name: string;
  required: boolean;
}

/** The settings in force that shape a new person's contact (GET /me "settings.session"). */
export interface ChannelRules {
  /** Off: a phone is neither offered nor accepted, and every invitation goes by email. */
  smsEnabled: boolean;
  /** On: every participant needs a second channel for the one-time code. */
  otpRequired: boolean;
}

/** Who takes a role: one of these, or the id (par_…) of a participant already in the session. */
export const NEW_PERSON = 'new';
export const CUSTOMER_ASSIGNS = 'customer';
export const THE_AGENT = 'agent';
export const LEAVE_OUT = 'leave-out';

/** What the agent has said about one role so far. */
export interface RoleEntry {
  role: TemplateRole;
  /** NEW_PERSON, CUSTOMER_ASSIGNS, THE_AGENT, LEAVE_OUT or a participant id. */
  taker: string;
  /** The new person's details, used when `taker` is NEW_PERSON. */
  contact: ContactDraft;
  /** An optional role made mandatory (someone new must enter, or the customer must assign it). */
  mandatory: boolean;
}

/** One role's choice as Parley takes it (the API's RoleChoice). */
export type RoleChoice =
  | string
  | { contact: { name: string; email?: string; phone?: string }; required?: true }
  | { assign: 'customer'; required?: true };

// The customer's role is the session's customer and the agent's is the agent: Parley fills both itself.
const FILLED_BY_PARLEY = new Set(['Customer', 'Agent']);

/** The roles the agent is asked about, in the template's order. */
export function rolesToAsk(roles: readonly TemplateRole[]): TemplateRole[] {
  return roles.filter((role) => !FILLED_BY_PARLEY.has(role.name));
}

/** A role as the list first shows it: someone new for a required role; an optional one left out until the agent says otherwise. */
export function firstEntry(role: TemplateRole): RoleEntry {
  return { role, taker: role.required ? NEW_PERSON : LEAVE_OUT, contact: { name: '', email: '', phone: '' }, mandatory: false };
}

/**
 * The choices for one role; "Leave out" only for an optional role, since
 * Parley refuses a required one left out. peopleOnly: a workflow's role,
 * which only a participant or someone new can take (the customer's Assign
 * step and the agent belong to one document).
 */
export function takerOptions(role: TemplateRole, participants: readonly Pick<ParticipantView, 'id' | 'name' | 'roleName'>[], peopleOnly = false): { label: string; value: string }[] {
  return [
    ...(role.required ? [] : [{ label: 'Leave out', value: LEAVE_OUT }]),
    { label: 'Someone new…', value: NEW_PERSON },
    ...(peopleOnly ? [] : [{ label: 'Let the customer assign', value: CUSTOMER_ASSIGNS }, { label: 'Me (the agent)', value: THE_AGENT }]),
    ...participants.map((p) => ({ label: `${p.name} (${p.roleName})`, value: p.id })),
  ];
}

/** The contact fields asked of someone new: no phone where the admin turned text messages off. */
export function contactFields(rules: ChannelRules): ContactField[] {
  return rules.smsEnabled ? ['name', 'email', 'phone'] : ['name', 'email'];
}

/** Said under a new person's fields when a one-time code is required, so the agent gives the second channel up front. */
export function oneTimeCodeNote(rules: ChannelRules): string | null {
  if (!rules.otpRequired) return null;
  return rules.smsEnabled
    ? 'A one-time code is required to enter: give both an email and a phone (the code goes by the other channel than the invitation).'
    : 'A one-time code is required to enter: it goes to the email address.';
}

/** "Make mandatory" is offered for an optional role someone is to take: a new person, or whoever the customer assigns. */
export function canMakeMandatory(entry: RoleEntry): boolean {
  return !entry.role.required && (entry.taker === NEW_PERSON || entry.taker === CUSTOMER_ASSIGNS);
}

/**
 * The `roles` of the send, or undefined when there is nothing to say (every
 * role left out): an optional role left out is not named at all, which is how
 * Parley leaves it out. A phone is not sent where SMS is off (the field is not
 * shown, so nothing typed earlier can slip through).
 */
export function participantListBody(entries: readonly RoleEntry[], rules: ChannelRules): Record<string, RoleChoice> | undefined {
  const roles: Record<string, RoleChoice> = {};
  for (const entry of entries) {
    const required = canMakeMandatory(entry) && entry.mandatory ? { required: true as const } : {};
    if (entry.taker === LEAVE_OUT) continue;
    if (entry.taker === NEW_PERSON) roles[entry.role.name] = { contact: cleanContact(entry.contact, rules), ...required };
    else if (entry.taker === CUSTOMER_ASSIGNS) roles[entry.role.name] = { assign: 'customer', ...required };
    else roles[entry.role.name] = entry.taker;
  }
  return Object.keys(roles).length ? roles : undefined;
}

function cleanContact(contact: ContactDraft, rules: ChannelRules): { name: string; email?: string; phone?: string } {
  const email = contact.email.trim();
  const phone = rules.smsEnabled ? contact.phone.trim() : '';
  return { name: contact.name.trim(), ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}
