// A document's signers as every client shows them (issue 13, "status the
// agent and the customer see"): each role in the document's order, who holds
// it, and whether and when they completed it. The workspace, the room, the
// Salesforce panel and the HubSpot card all count "1/3" from this list, so
// it is worked out here once, from the store, and carried on the item itself
// (contract/session.ts itemSchema.signers) and on every item event.
import type { ItemSignerView } from '../contract/session';
import { iso } from '../contract/time';
import { DOCUMENT_KINDS } from '../domain/catalogue';
import { rolesThatMayAct, type RoleDef } from '../domain/document-definition';
import type { ItemRow, RoomStore } from './store';

/** Who holds each role ("agent" or a participant id), which are done, and the audit's signings. */
export interface SignerFacts {
  roles: readonly Pick<RoleDef, 'name'>[];
  assignments: Readonly<Record<string, string>>;
  done: ReadonlySet<string>;
  /** The document's "signed" audit entries, oldest first: when, and the roles completed ("A, B"). */
  signings: readonly { at: number; detail: string | null }[];
  /** Roles the customer has still to assign in their Assign step. */
  pending: ReadonlySet<string>;
  /** Roles that may act now (domain/document-definition.ts rolesThatMayAct): in a sequential document, only the first open one. */
  acting: ReadonlySet<string>;
}

/**
 * The signers, in the document's role order. A role nobody holds is left
 * out unless the customer still has to assign it (then it is listed as
 * pending, so the count says someone is still to come); an optional role the
 * agent left out, or the customer skipped, does not count.
 */
export function signerList(facts: SignerFacts): ItemSignerView[] {
  const signers: ItemSignerView[] = [];
  for (const { name } of facts.roles) {
    const who = facts.assignments[name];
    if (who === undefined) {
      if (facts.pending.has(name)) signers.push({ role: name, participantId: null, pending: true, done: false, doneAt: null, turn: false });
      continue;
    }
    const done = facts.done.has(name);
    signers.push({ role: name, participantId: who === 'agent' ? null : who, pending: false, done, doneAt: done ? iso(signedAt(name, facts.signings)) : null, turn: !done && facts.acting.has(name) });
  }
  return signers;
}

/**
 * When a role was completed: the first "signed" entry naming it. The desk
 * writes the roles of one completion joined by ", " (document-desk.ts
 * complete()); matching the whole name between separators keeps "Co" from
 * matching "Cosigner".
 */
function signedAt(role: string, signings: SignerFacts['signings']): number | null {
  const entry = signings.find((s) => s.detail !== null && `, ${s.detail}, `.includes(`, ${role}, `));
  return entry?.at ?? null;
}

/** The signers of an item read from the store; null for an item that is not a document (or a batch). */
export function signersOf(store: RoomStore, item: ItemRow): ItemSignerView[] | null {
  if (!DOCUMENT_KINDS.has(item.kind)) return null;
  const row = store.document(item.id);
  if (!row) return null;
  const roles = JSON.parse(row.roles) as RoleDef[];
  const assignments = JSON.parse(row.assignments) as Record<string, string>;
  const done = new Set(JSON.parse(row.roles_done) as string[]);
  return signerList({
    roles,
    assignments,
    done,
    signings: store.signedEntries(item.id),
    pending: new Set(store.pendingRoleRequests(item.id).map((r) => r.role_name)),
    acting: new Set(rolesThatMayAct({ roles, signingOrder: row.signing_order }, Object.keys(assignments), done)),
  });
}
