// The address book in D1: customers an agent has contacted, matched by email or phone.
import type { Contact } from '../domain/contact';

export interface CustomerRow {
  id: string;
  org_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  owner_agent_id: string;
  last_session_id: string | null;
  last_contact_at: number;
}

/** The book's entry for this contact: by email first, then by phone. */
export async function findCustomerByContact(db: D1Database, orgId: string, c: Contact): Promise<CustomerRow | null> {
  if (c.email) {
    const byEmail = await db.prepare('SELECT * FROM customers WHERE org_id = ? AND email = ?').bind(orgId, c.email).first<CustomerRow>();
    if (byEmail) return byEmail;
  }
  if (c.phone) return db.prepare('SELECT * FROM customers WHERE org_id = ? AND phone = ?').bind(orgId, c.phone).first<CustomerRow>();
  return null;
}

/** Note a new contact with a known customer: name, time, session, and any channel the book lacked. */
export async function recordContact(db: D1Database, id: string, c: Contact, at: number, sessionId: string) {
  // Fill in a channel the book did not have yet, unless another customer holds it.
  await db
    .prepare(
      `UPDATE customers AS me SET name = ?1, last_contact_at = ?2, last_session_id = ?3,
         email = COALESCE(me.email, (SELECT ?4 WHERE NOT EXISTS (SELECT 1 FROM customers o WHERE o.org_id = me.org_id AND o.email = ?4))),
         phone = COALESCE(me.phone, (SELECT ?5 WHERE NOT EXISTS (SELECT 1 FROM customers o WHERE o.org_id = me.org_id AND o.phone = ?5)))
       WHERE me.id = ?6`,
    )
    .bind(c.name, at, sessionId, c.email ?? null, c.phone ?? null, id)
    .run();
}
