// The directory's part in forgetting a person (privacy/forget-person.ts):
// finding the sessions and address book entries that hold their data, and
// erasing it from D1 — the address book, the session index's customer name,
// the outbox's messages to them and the links that opened their room.
// Every statement changes only rows that still hold something to erase, so
// running it twice changes nothing the second time, and the counts it returns
// say what this run erased.

/** D1 binds at most 100 values per statement: long lists go in slices. */
const SLICE = 50;

function slices<T>(values: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += SLICE) out.push(values.slice(i, i + SLICE));
  return out;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Statuses the outbox sets itself before a provider has the message: such a message has not gone yet, and now never will. */
const NOT_SENT = `('queued', 'held', 'sending', 'unknown', 'retrying')`;
const CANCELLED = 'cancelled: the recipient was forgotten at their request';

export interface LinkedSession {
  id: string;
  customer_id: string;
}

/** The org's sessions linked to one CRM record (of one object type, when given). */
export async function sessionsLinkedToRecord(db: D1Database, orgId: string, crm: { system: string; recordId: string; objectType?: string | undefined }): Promise<LinkedSession[]> {
  const typed = crm.objectType === undefined ? '' : ' AND crm_object = ?';
  const { results } = await db
    .prepare(`SELECT id, customer_id FROM sessions WHERE org_id = ? AND crm_system = ? AND crm_record_id = ?${typed}`)
    .bind(orgId, crm.system, crm.recordId, ...(crm.objectType === undefined ? [] : [crm.objectType]))
    .all<LinkedSession>();
  return results;
}

export interface ForgettableCustomer {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

/** Address book entries of the org: those with any of these emails or phones, and those with these ids. */
export async function customersToForget(db: D1Database, orgId: string, f: { ids: string[]; emails: string[]; phones: string[] }): Promise<ForgettableCustomer[]> {
  const found = new Map<string, ForgettableCustomer>();
  const read = async (column: 'id' | 'email' | 'phone', values: string[]) => {
    for (const slice of slices(values)) {
      const { results } = await db
        .prepare(`SELECT id, name, email, phone FROM customers WHERE org_id = ? AND ${column} IN (${marks(slice.length)})`)
        .bind(orgId, ...slice)
        .all<ForgettableCustomer>();
      for (const c of results) found.set(c.id, c);
    }
  };
  await read('id', f.ids);
  await read('email', f.emails);
  await read('phone', f.phones);
  return [...found.values()];
}

/** The org's sessions started for these address book entries. */
export async function sessionsOfCustomers(db: D1Database, orgId: string, customerIds: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const slice of slices(customerIds)) {
    const { results } = await db
      .prepare(`SELECT id FROM sessions WHERE org_id = ? AND customer_id IN (${marks(slice.length)})`)
      .bind(orgId, ...slice)
      .all<{ id: string }>();
    ids.push(...results.map((r) => r.id));
  }
  return ids;
}

/** The org's sessions that messaged any of these addresses (by outbox.recipient_key): where the person was a participant, primary or not. */
export async function sessionsThatMessaged(db: D1Database, orgId: string, addressKeys: string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const slice of slices(addressKeys)) {
    const { results } = await db
      .prepare(`SELECT DISTINCT session_id FROM outbox WHERE recipient_key IN (${marks(slice.length)}) AND org_id = ?`)
      .bind(...slice, orgId)
      .all<{ session_id: string }>();
    for (const r of results) ids.add(r.session_id);
  }
  return [...ids];
}

/** Every link that opens these participants' room stops working. Returns how many were still live. */
export async function revokeLinksOf(db: D1Database, orgId: string, sessionId: string, participantIds: string[], at: number): Promise<number> {
  let revoked = 0;
  for (const slice of slices(participantIds)) {
    const r = await db
      .prepare(`UPDATE participant_links SET revoked_at = ? WHERE org_id = ? AND session_id = ? AND participant_id IN (${marks(slice.length)}) AND revoked_at IS NULL`)
      .bind(at, orgId, sessionId, ...slice)
      .run();
    revoked += r.meta.changes;
  }
  return revoked;
}

/**
 * The session's messages to these participants: what a delivery needs (the
 * sealed recipient, text and link) and the address key go; a message not yet
 * with a provider is cancelled, saying why. The rest of the row stays as the
 * record that a message went out, and when. Returns the rows changed.
 */
export async function eraseOutboxOf(db: D1Database, orgId: string, sessionId: string, participantIds: string[], at: number): Promise<number> {
  let changed = 0;
  for (const slice of slices(participantIds)) {
    const r = await eraseOutbox(db, `org_id = ? AND session_id = ? AND participant_id IN (${marks(slice.length)})`, [orgId, sessionId, ...slice], at).run();
    changed += r.meta.changes;
  }
  return changed;
}

/** As eraseOutboxOf, for every message of the org to these addresses (by their keys), whichever session sent it. */
export async function eraseOutboxTo(db: D1Database, orgId: string, addressKeys: string[], at: number): Promise<number> {
  let changed = 0;
  for (const slice of slices(addressKeys)) {
    const r = await eraseOutbox(db, `recipient_key IN (${marks(slice.length)}) AND org_id = ?`, [...slice, orgId], at).run();
    changed += r.meta.changes;
  }
  return changed;
}

function eraseOutbox(db: D1Database, where: string, values: unknown[], at: number): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE outbox SET sealed = NULL, recipient_key = NULL, tried_at = NULL, updated_at = ?,
         last_error = CASE WHEN status IN ${NOT_SENT} THEN ? ELSE last_error END,
         status = CASE WHEN status IN ${NOT_SENT} THEN 'expired' ELSE status END
       WHERE ${where} AND (sealed IS NOT NULL OR recipient_key IS NOT NULL)`,
    )
    .bind(at, CANCELLED, ...values);
}

/**
 * Address book entries lose the person's name, email and phone. The row
 * stays (the org's sessions name it as their customer) but no search, and no
 * new session for the same address, finds it again. Returns the rows changed.
 */
export async function anonymiseCustomers(db: D1Database, orgId: string, customerIds: string[], name: string): Promise<number> {
  let changed = 0;
  for (const slice of slices(customerIds)) {
    const r = await db
      .prepare(
        `UPDATE customers SET name = ?, email = NULL, phone = NULL WHERE org_id = ? AND id IN (${marks(slice.length)})
         AND (name <> ? OR email IS NOT NULL OR phone IS NOT NULL)`,
      )
      .bind(name, orgId, ...slice, name)
      .run();
    changed += r.meta.changes;
  }
  return changed;
}

/** The session index's copy of these customers' name, for lists and search, follows. */
export async function anonymiseIndexedCustomers(db: D1Database, orgId: string, customerIds: string[], name: string): Promise<void> {
  for (const slice of slices(customerIds)) {
    await db
      .prepare(`UPDATE sessions SET customer_name = ? WHERE org_id = ? AND customer_id IN (${marks(slice.length)}) AND customer_name <> ?`)
      .bind(name, orgId, ...slice, name)
      .run();
  }
}
