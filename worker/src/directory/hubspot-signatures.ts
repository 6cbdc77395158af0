// Signatures of HubSpot's signed requests seen within their window. A valid
// signature is accepted once: whoever captured a request (a log, a proxy)
// cannot send it again while its timestamp is still fresh.
import { SIGNATURE_MAX_AGE_MS } from '../auth/hubspot-signature';

/**
 * Notes the signature; false when it was seen before (a replay). Entries
 * older than two windows are swept in the same round trip: the table holds
 * minutes of traffic, never more.
 */
export async function firstSightOfSignature(db: D1Database, signature: string, now: number): Promise<boolean> {
  const [, inserted] = await db.batch([
    db.prepare('DELETE FROM hubspot_signatures WHERE seen_at < ?').bind(now - 2 * SIGNATURE_MAX_AGE_MS),
    db.prepare('INSERT INTO hubspot_signatures (signature, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING').bind(signature, now),
  ]);
  return inserted!.meta.changes === 1;
}
