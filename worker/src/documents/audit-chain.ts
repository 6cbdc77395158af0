// The audit trail of a document: every event carries the hash of the one
// before, so a removed, inserted or edited entry breaks the chain.
// Hashing is synchronous (node:crypto) so an entry is appended inside the
// same storage transaction as the change it records.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFacts {
  itemId: string;
  seq: number;
  at: number;
  actor: string;
  event: string;
  detail: string | null;
  ip: string | null;
  userAgent: string | null;
  authMethod: string | null;
  docHash: string | null;
}

export interface AuditEntry extends AuditFacts {
  prevHash: string;
  hash: string;
}

/** The hash of an entry: SHA-256 over the previous hash and the entry's facts in a fixed order. */
export function entryHash(prevHash: string, f: AuditFacts): string {
  const canonical = JSON.stringify([prevHash, f.itemId, f.seq, f.at, f.actor, f.event, f.detail, f.ip, f.userAgent, f.authMethod, f.docHash]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainCheck = { valid: true; entries: number } | { valid: false; brokenAt: number; reason: string };

export function verifyChain(entries: AuditEntry[]): ChainCheck {
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== i + 1) return { valid: false, brokenAt: i + 1, reason: `entry ${i + 1} is missing or out of order` };
    if (e.prevHash !== prev) return { valid: false, brokenAt: e.seq, reason: `entry ${e.seq} does not follow entry ${e.seq - 1}` };
    if (entryHash(prev, e) !== e.hash) return { valid: false, brokenAt: e.seq, reason: `entry ${e.seq} was altered` };
    prev = e.hash;
  }
  return { valid: true, entries: entries.length };
}
