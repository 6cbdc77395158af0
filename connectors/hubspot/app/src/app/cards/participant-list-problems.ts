// What is wrong with the participant list, role by role: the card's own
// checks before sending (a new person needs a name and a way to be reached,
// both channels when a one-time code is required), and Parley's refusal of a
// send put back on the role it names. Parley names a role's problem as
// `roles.<Role>…: …`, in the message (the room's checks) or in the issues
// (the request's schema, as `body.roles.<Role>…`); the card shows it at that
// role, on the field when it names one, else on the role's "who" choice.
import type { FieldIssue } from '@parley/hubspot-shared/parley-api';
import { FIELD_LABELS, validateContact, type ContactField } from './contact-validation';
import { NEW_PERSON, type ChannelRules, type RoleEntry } from './participant-list';

/** Where a problem shows in a role's block: one of the new person's fields, or the role itself. */
export type RoleSpot = ContactField | 'role';

/** Problems by role name, then by spot. */
export type RoleProblems = Record<string, Partial<Record<RoleSpot, string>>>;

/** The role's own label for the name field ("Customer name" is the start form's). */
const LABELS: Record<ContactField, string> = { ...FIELD_LABELS, name: 'Name' };

/** The card's checks, the Worker's rules caught before sending; empty when the list can go. */
export function checkParticipantList(entries: readonly RoleEntry[], rules: ChannelRules): RoleProblems {
  const problems: RoleProblems = {};
  for (const entry of entries) {
    if (entry.taker !== NEW_PERSON) continue;
    const found = contactProblems(entry, rules);
    if (Object.keys(found).length) problems[entry.role.name] = found;
  }
  return problems;
}

function contactProblems({ role, contact }: RoleEntry, rules: ChannelRules): Partial<Record<RoleSpot, string>> {
  const email = contact.email.trim();
  const phone = rules.smsEnabled ? contact.phone.trim() : '';
  // The address formats are the start form's; the "who is missing" messages name this role instead of the customer.
  const formats = validateContact({ name: 'x', email, phone });
  const found: Partial<Record<RoleSpot, string>> = {};
  if (!contact.name.trim()) found.name = `${LABELS.name}: enter the name of who takes the ${role.name} role.`;
  if (email && formats.email) found.email = formats.email;
  if (phone && formats.phone) found.phone = formats.phone;
  if (!rules.smsEnabled) {
    if (!email) found.email = `${LABELS.email}: enter one; text messages are turned off, so the invitation goes by email.`;
  } else if (rules.otpRequired) {
    const why = 'a one-time code is required, so both are needed (the code goes by the other channel than the invitation).';
    if (!email) found.email = `${LABELS.email}: ${why}`;
    if (!phone) found.phone = `${LABELS.phone}: ${why}`;
  } else if (!email && !phone) {
    const message = `${LABELS.email} or ${LABELS.phone}: enter at least one, so the invitation can reach them.`;
    found.email = message;
    found.phone = message;
  }
  return found;
}

/**
 * Parley's refusal of a send, on the roles it names; empty when it names none
 * of them (the card then shows it as a whole). `roleNames` are the template's:
 * a role's name may hold dots, so each is matched whole, longest first.
 */
export function problemsFromRefusal(refusal: { message: string; issues: readonly FieldIssue[] }, roleNames: readonly string[]): RoleProblems {
  // A schema refusal lists its issues (fields prefixed "body."); a room refusal names the field at the head of its message.
  const lines = refusal.issues.length ? refusal.issues.map((issue) => `${issue.field.replace(/^body\./, '')}: ${issue.message}`) : [refusal.message];
  const byLength = [...roleNames].sort((a, b) => b.length - a.length);
  const problems: RoleProblems = {};
  for (const line of lines) {
    const role = byLength.find((name) => line.startsWith(`roles.${name}: `) || line.startsWith(`roles.${name}.`));
    if (role === undefined) continue;
    // What follows the role: ".contact.phone: Colin: …" → the field, then what Parley says.
    const rest = line.slice(`roles.${role}`.length);
    const at = rest.indexOf(': ');
    const field = at < 0 ? undefined : (/^\.contact\.(name|email|phone)$/.exec(rest.slice(0, at))?.[1] as ContactField | undefined);
    const message = at < 0 ? line : rest.slice(at + 2);
    const spot: RoleSpot = field ?? 'role';
    problems[role] ??= {};
    problems[role][spot] ??= field ? `${LABELS[field]}: ${message}` : sentence(message);
  }
  return problems;
}

function sentence(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}
