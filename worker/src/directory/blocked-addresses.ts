// Addresses an org must not message (notify/address-key.ts keys them): a
// number that replied STOP, an email address that bounced for good or whose
// owner complained. The outbox checks here before every send; a START reply
// lifts an opt-out.
import type { Channel } from './outbox';

export type BlockReason = 'opted_out' | 'bounced' | 'complained';

export interface BlockedAddress {
  org_id: string;
  address_key: string;
  channel: Channel;
  reason: BlockReason;
  detail: string | null;
  created_at: number;
}

export function findBlock(db: D1Database, orgId: string, addressKey: string): Promise<BlockedAddress | null> {
  return db.prepare('SELECT * FROM blocked_addresses WHERE org_id = ? AND address_key = ?').bind(orgId, addressKey).first<BlockedAddress>();
}

/** Block an address; the first reason stays (a bounce is not forgotten because the address also complained). */
export async function blockAddress(db: D1Database, block: Omit<BlockedAddress, 'created_at'>, at: number): Promise<void> {
  await db
    .prepare('INSERT OR IGNORE INTO blocked_addresses (org_id, address_key, channel, reason, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(block.org_id, block.address_key, block.channel, block.reason, block.detail, at)
    .run();
}

/** Lift an opt-out (the number replied START). A bounce or complaint stays: only a new address gets round those. */
export async function liftOptOut(db: D1Database, orgId: string, addressKey: string): Promise<boolean> {
  const r = await db.prepare(`DELETE FROM blocked_addresses WHERE org_id = ? AND address_key = ? AND reason = 'opted_out'`).bind(orgId, addressKey).run();
  return r.meta.changes > 0;
}
