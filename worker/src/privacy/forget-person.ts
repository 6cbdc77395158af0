// Forgetting a person in one org: what runs when a CRM deletes a contact or
// asks for a privacy deletion (HubSpot's webhooks give only the contact's id,
// api/hooks/hubspot-webhooks.ts), and for any caller that knows the person
// only by an email or a phone number.
//
// Whom: the sessions linked to that CRM record are theirs, and so is the
// address book entry each was started for; that entry's email and phone, with
// any the caller gave, are the person's addresses. Where: those sessions, the
// entry's other sessions, and any session that messaged one of the addresses
// (where they may have been a co-signer). What: each session forgets the
// participants who are the person (room/forgetting.ts: their data, links and
// messages); then the address book entries lose their name and addresses, and
// so does the session index's copy of the name. Last, any message of the org
// still holding one of the addresses is cleared.
//
// Each step changes only what still holds the person's data, so a webhook
// delivered again changes nothing more, and one that failed half-way is
// finished by its retry: the address book, which the search starts from, is
// erased only after every session was.
import { FORGOTTEN_NAME, personToForgetSchema, type PersonToForget } from '../contract/privacy';
import { anonymiseCustomers, anonymiseIndexedCustomers, customersToForget, eraseOutboxTo, sessionsLinkedToRecord, sessionsOfCustomers, sessionsThatMessaged } from '../directory/erasure';
import type { Env } from '../env';
import { addressKey } from '../notify/address-key';
import { sessionRoom } from '../room/address';

export interface ForgetOutcome {
  /** Sessions where someone was forgotten this time. */
  sessions: number;
  /** Address book entries erased this time. */
  customers: number;
  /** Outbox rows whose message and address key were cleared this time. */
  outbox: number;
}

/** Sessions asked at once: enough to finish a person with many sessions quickly, few enough to spare the Worker's connections. */
const PARALLEL_ROOMS = 6;

/**
 * Forget a person in an org. Throws a ZodError naming the field when `who`
 * says nothing usable (no email, phone or CRM record, or a malformed one).
 */
export async function forgetPerson(env: Env, orgId: string, who: PersonToForget, now: number): Promise<ForgetOutcome> {
  const person = personToForgetSchema.parse(who);
  const linked = person.crm ? await sessionsLinkedToRecord(env.DB, orgId, person.crm) : [];
  const customers = await customersToForget(env.DB, orgId, {
    ids: [...new Set(linked.map((s) => s.customer_id))],
    emails: person.email ? [person.email] : [],
    phones: person.phone ? [person.phone] : [],
  });
  const emails = unique([person.email, ...customers.map((c) => c.email)]);
  const phones = unique([person.phone ?? null, ...customers.map((c) => c.phone)]);
  const keys = await Promise.all([...emails.map((e) => addressKey('email', e)), ...phones.map((p) => addressKey('sms', p))]);

  // Sessions that are the person's: their primary participant is them, whatever address it holds now.
  const theirs = new Set([...linked.map((s) => s.id), ...(await sessionsOfCustomers(env.DB, orgId, customers.map((c) => c.id)))]);
  const messaged = await sessionsThatMessaged(env.DB, orgId, keys);
  const sessionIds = [...new Set([...theirs, ...messaged])];
  const names = unique(customers.map((c) => (c.name === FORGOTTEN_NAME ? null : c.name)));

  let sessions = 0;
  let outbox = 0;
  await inBatches(sessionIds, PARALLEL_ROOMS, async (id) => {
    const forgotten = await sessionRoom(env, id).forgetPerson({ orgId, emails, phones, names, primary: theirs.has(id), at: now });
    if (forgotten.participants.length > 0) sessions++;
    outbox += forgotten.outbox;
  });

  const customerIds = customers.map((c) => c.id);
  const erasedCustomers = await anonymiseCustomers(env.DB, orgId, customerIds, FORGOTTEN_NAME);
  await anonymiseIndexedCustomers(env.DB, orgId, customerIds, FORGOTTEN_NAME);
  outbox += await eraseOutboxTo(env.DB, orgId, keys, now);
  return { sessions, customers: erasedCustomers, outbox };
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ''))];
}

/** Runs `work` on every value, at most `width` at a time; the first failure fails the whole (the others still finish). */
async function inBatches<T>(values: T[], width: number, work: (value: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < values.length; i += width) {
    const results = await Promise.allSettled(values.slice(i, i + width).map(work));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
