// The address book in D1: customers an agent has contacted, matched by email or phone.
import type { Contact } from '../domain/contact';
import type { Scope } from '../domain/search-space';
import { Where } from './where';

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

/** A customer contacted for the first time, owned by the agent who did. */
export async function insertCustomer(db: D1Database, c: { id: string; orgId: string; ownerAgentId: string; sessionId: string; at: number } & Contact): Promise<void> {
  await db
    .prepare('INSERT INTO customers (id, org_id, name, email, phone, owner_agent_id, last_session_id, last_contact_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(c.id, c.orgId, c.name, c.email ?? null, c.phone ?? null, c.ownerAgentId, c.sessionId, c.at, c.at)
    .run();
}

/** An address book entry with its owner, as lists show it. */
export type BookEntry = CustomerRow & { owner_name: string; owner_team_id: string | null };

const BOOK = 'SELECT c.*, a.name AS owner_name, a.team_id AS owner_team_id FROM customers c JOIN agents a ON a.id = c.owner_agent_id';

/** The address book within a scope (already checked against the search space), most recently contacted first. */
export async function searchCustomers(db: D1Database, agent: { id: string; orgId: string; teamId: string | null }, f: { scope: Scope; q?: string | undefined; limit: number }): Promise<BookEntry[]> {
  const where = new Where().and('c.org_id = ?', agent.orgId);
  if (f.scope === 'mine') where.and('c.owner_agent_id = ?', agent.id);
  if (f.scope === 'team') where.and('(c.owner_agent_id = ? OR a.team_id = ?)', agent.id, agent.teamId);
  // instr, not LIKE: D1 caps LIKE patterns at 50 bytes, and nothing needs escaping.
  if (f.q) where.and('(instr(lower(c.name), lower(?)) > 0 OR instr(c.email, lower(?)) > 0 OR instr(c.phone, ?) > 0)', f.q, f.q, f.q);
  const { results } = await db.prepare(`${BOOK} ${where} ORDER BY c.last_contact_at DESC LIMIT ?`).bind(...where.values, f.limit).all<BookEntry>();
  return results;
}

export function findBookEntry(db: D1Database, orgId: string, customerId: string): Promise<BookEntry | null> {
  return db.prepare(`${BOOK} WHERE c.id = ? AND c.org_id = ?`).bind(customerId, orgId).first<BookEntry>();
}

export async function setCustomerOwner(db: D1Database, orgId: string, customerId: string, agentId: string): Promise<void> {
  await db.prepare('UPDATE customers SET owner_agent_id = ? WHERE id = ? AND org_id = ?').bind(agentId, customerId, orgId).run();
}
