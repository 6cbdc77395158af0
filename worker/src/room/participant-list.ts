// The participant list an agent gives when sending a document: for each role
// of the template, an existing participant (or "agent"), the contact of a new
// participant, or "let the customer assign" (their Assign step,
// room/role-requests.ts). An optional role may be left out or made
// mandatory. It checks the whole list against the document's roles and
// the org's channel rules and says what to create; documents.ts creates it
// all in one change, so a list with one bad role creates nothing. No I/O.
import { newId } from '../auth/crypto';
import { AGENT_ROLE, CUSTOMER_ROLE, type DocumentDefinition } from '../domain/document-definition';
import type { Settings } from '../domain/settings';
import { fail, ok, type Failure, type Result } from '../errors';
import { otpChannelProblem } from './otp';
import { preferredChannel, smsOffRefusal, type ContactInput, type NewParticipant } from './participants';

/** What the agent says about one role. */
export type RoleChoice =
  /** A participant already in the session (par_…), or "agent". */
  | string
  /** A new participant for this role, with their own link (two roles: two participants). */
  | { contact: ContactInput; required?: true | undefined }
  /** The customer names who takes it; `required` defaults to the template's flag and may only make an optional role mandatory. */
  | { assign: 'customer'; required?: boolean | undefined };

export interface ParticipantListPlan {
  /** Role → participant id or "agent", the newcomers' ids included: for DocumentDesk.resolveAssignments. */
  given: Record<string, string>;
  /** Participants to insert with the document. */
  newcomers: NewParticipant[];
  /** Roles the customer is to assign, and whether they must (else they may skip it). */
  leftToCustomer: { role: string; required: boolean }[];
  /** The document's definition, with each role's required flag as the agent decided it. */
  definition: DocumentDefinition;
}

/**
 * Check a participant list against the document's roles and the channel
 * rules (SMS off, OTP's second channel), naming the role (and the person) at
 * fault; on success, what to create.
 */
export function planParticipantList(def: DocumentDefinition, roles: Record<string, RoleChoice> | undefined, settings: Settings): Result<ParticipantListPlan> {
  const given: Record<string, string> = {};
  const newcomers: NewParticipant[] = [];
  const leftToCustomer: { role: string; required: boolean }[] = [];
  const mandatory = new Set<string>();
  for (const [name, choice] of Object.entries(roles ?? {})) {
    const role = def.roles.find((r) => r.name === name);
    if (!role) return fail(422, 'invalid_assignment', `roles.${name}: the document has no such role (roles: ${def.roles.map((r) => r.name).join(', ')})`);
    if (typeof choice === 'string') {
      given[name] = choice;
      continue;
    }
    if ('contact' in choice) {
      const refused = newContactRefusal(choice.contact, settings, `roles.${name}.contact`);
      if (refused) return refused;
      if (choice.required) mandatory.add(name);
      const id = newId('par');
      newcomers.push({ id, roleName: name, ...choice.contact });
      given[name] = id;
      continue;
    }
    // Left to the customer: who the customer is, and who the agent is, are not theirs to say.
    if (name === CUSTOMER_ROLE || name === AGENT_ROLE) return fail(422, 'invalid_assignment', `roles.${name}: this role cannot be left for the customer to assign`);
    if (choice.required === false && role.required) return fail(422, 'invalid_assignment', `roles.${name}.required: the template requires this role; it cannot be made optional`);
    const required = choice.required ?? role.required;
    if (required) mandatory.add(name);
    leftToCustomer.push({ role: name, required });
  }
  const definition = { ...def, roles: def.roles.map((r) => (mandatory.has(r.name) ? { ...r, required: true } : r)) };
  return ok({ given, newcomers, leftToCustomer, definition });
}

/**
 * The channel rules for a new participant's contact, `field` naming it in the
 * refusal ("roles.Cosigner.contact.phone: Colin: …"): with SMS off no phone,
 * and an email; with OTP required, an address for the code on the other
 * channel than the invitation's (room/otp.ts).
 */
export function newContactRefusal(contact: ContactInput, settings: Settings, field: string): Failure | null {
  const smsOff = smsOffRefusal(contact, settings, field, contact.name);
  if (smsOff) return smsOff;
  const noCode = otpChannelProblem({ ...contact, email: contact.email ?? null, phone: contact.phone ?? null, channel: preferredChannel(contact) }, settings);
  return noCode ? fail(422, 'otp_channel_missing', `${field}: ${noCode}`) : null;
}
