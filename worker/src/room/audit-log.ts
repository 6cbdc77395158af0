// An item's hash-chained audit trail (documents/audit-chain.ts says how the
// chain is built and checked): each entry hashes the one before it, so a
// change or a gap is seen when the trail is read. Documents and document
// requests keep theirs here; what an entry says is theirs to choose.
import { now } from '../clock';
import type { ActorKey } from '../contract/events';
import { entryHash, GENESIS_HASH, verifyChain, type AuditEntry, type ChainCheck } from '../documents/audit-chain';
import type { RoomStore } from './store';

export interface Evidence {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditFact {
  actor: ActorKey;
  event: string;
  detail: string | null;
  evidence: Evidence;
  authMethod: string | null;
  /** The content the entry is about: the document's hash, the file's. */
  docHash: string | null;
}

export const NO_EVIDENCE: Evidence = { ip: null, userAgent: null };

/** Append an entry to the item's chain. Call inside the change it records. */
export function appendAudit(store: RoomStore, itemId: string, e: AuditFact): void {
  const last = store.lastAudit(itemId);
  const facts = { itemId, seq: (last?.seq ?? 0) + 1, at: now(), actor: e.actor, event: e.event, detail: e.detail, ip: e.evidence.ip, userAgent: e.evidence.userAgent, authMethod: e.authMethod, docHash: e.docHash };
  const prevHash = last?.hash ?? GENESIS_HASH;
  store.insertAudit({
    item_id: itemId,
    seq: facts.seq,
    at: facts.at,
    actor: facts.actor,
    event: facts.event,
    detail: facts.detail,
    ip: facts.ip,
    user_agent: facts.userAgent,
    auth_method: facts.authMethod,
    doc_hash: facts.docHash,
    prev_hash: prevHash,
    hash: entryHash(prevHash, facts),
  });
}

/** The item's trail, and whether its chain verifies. */
export function auditTrail(store: RoomStore, itemId: string): { entries: AuditEntry[]; verification: ChainCheck } {
  const entries = store.auditRows(itemId).map(
    (r): AuditEntry => ({
      itemId: r.item_id,
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      event: r.event,
      detail: r.detail,
      ip: r.ip,
      userAgent: r.user_agent,
      authMethod: r.auth_method,
      docHash: r.doc_hash,
      prevHash: r.prev_hash,
      hash: r.hash,
    }),
  );
  return { entries, verification: verifyChain(entries) };
}
