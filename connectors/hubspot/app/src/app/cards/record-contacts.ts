// Who a session started from this record is for. On a contact, the contact
// itself; on a company, deal or ticket, its associated contacts (the agent
// picks one; with none, the agent types the customer's details). HubSpot keeps
// a mobile number apart from the main one: either reaches the customer. The
// contact's preferred language (hs_language, "es-mx") becomes the language of
// their room and messages when Parley speaks it.
import { localeOf, type Locale } from '@parley/hubspot-shared/locales';
import type { ContactDraft } from './contact-validation';

/** The contact properties the card reads, from the record or its associations. */
export const CONTACT_PROPERTIES = ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'hs_language'];

export interface ContactCandidate extends ContactDraft {
  /** HubSpot's contact id, or null for the record the card is on. */
  id: string | null;
  /** The contact's language when Parley speaks it; null: the customer's browser decides. */
  language: Locale | null;
}

type Properties = Record<string, string | null | undefined>;

export function contactFromProperties(id: string | null, properties: Properties): ContactCandidate {
  const text = (key: string) => (properties[key] ?? '').trim();
  return {
    id,
    name: [text('firstname'), text('lastname')].filter(Boolean).join(' '),
    email: text('email'),
    phone: text('phone') || text('mobilephone'),
    language: localeOf(text('hs_language')),
  };
}

/** The associated contacts that name someone, in HubSpot's order. */
export function contactsFromAssociations(results: { toObjectId: number; properties: Properties }[]): ContactCandidate[] {
  return results.map((r) => contactFromProperties(String(r.toObjectId), r.properties)).filter((c) => c.name || c.email || c.phone);
}

/** How a candidate reads in a list: name, then how to reach them. */
export function candidateLabel(c: ContactCandidate): string {
  const reach = [c.email, c.phone].filter(Boolean).join(' · ');
  return [c.name || 'Unnamed contact', reach].filter(Boolean).join(' — ');
}
