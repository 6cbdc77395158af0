// The checks the card makes before asking Parley to start a session: the same
// rules the Worker applies (a name, and an email or a phone to send the
// invitation to), caught early with a message that names the field, as the
// Salesforce panel does. Parley still has the last word (it knows the org's
// phone prefix): its 422 issues land on the same fields.
import type { FieldIssue } from '@parley/hubspot-shared/parley-api';

export type ContactField = 'name' | 'email' | 'phone';

export interface ContactDraft {
  name: string;
  email: string;
  phone: string;
}

export type ContactErrors = Partial<Record<ContactField, string>>;

export const FIELD_LABELS: Record<ContactField, string> = { name: 'Customer name', email: 'Email', phone: 'Phone' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARACTERS = /^[+]?[\d\s().-]+$/;
const MIN_PHONE_DIGITS = 6;

export function validateContact(contact: ContactDraft): ContactErrors {
  const name = contact.name.trim();
  const email = contact.email.trim();
  const phone = contact.phone.trim();
  const errors: ContactErrors = {};
  if (!name) errors.name = `${FIELD_LABELS.name}: enter the customer's name.`;
  if (!email && !phone) {
    const message = `${FIELD_LABELS.email} or ${FIELD_LABELS.phone}: enter at least one, so the invitation can reach the customer.`;
    return { ...errors, email: message, phone: message };
  }
  if (email && !EMAIL.test(email)) errors.email = `${FIELD_LABELS.email}: enter an address like name@example.com.`;
  if (phone && (!PHONE_CHARACTERS.test(phone) || phone.replace(/\D/g, '').length < MIN_PHONE_DIGITS)) {
    errors.phone = `${FIELD_LABELS.phone}: enter a number like +1 415 555 0123.`;
  }
  return errors;
}

/** The customer as Parley takes it: trimmed, without the fields left empty. */
export function cleanContact(contact: ContactDraft): { name: string; email?: string; phone?: string } {
  const email = contact.email.trim();
  const phone = contact.phone.trim();
  return { name: contact.name.trim(), ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}

/** Parley's refusal of the customer (body.customer.email: …) on the form's fields; what names no field stays out. */
export function contactErrorsFromIssues(issues: FieldIssue[]): ContactErrors {
  const errors: ContactErrors = {};
  for (const issue of issues) {
    const field = /^body\.customer\.(name|email|phone)$/.exec(issue.field)?.[1] as ContactField | undefined;
    if (field && !errors[field]) errors[field] = `${FIELD_LABELS[field]}: ${issue.message}`;
  }
  return errors;
}
