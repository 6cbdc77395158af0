// The version guard's memory: for each HubSpot record Parley writes to, the
// stamp (session, its creation time, version) of the last write. Read once
// per run for the records in it; a write goes out only when its stamp is
// newer (connectors/hubspot/writeback/record-properties.ts isNewer), and
// its stamp is kept once HubSpot took it. The UPDATE's own condition keeps a
// racing older run from replacing a newer stamp.

/**
 * What orders two writes to one record: the newer session wins (a record
 * shows its newest session), then, within a session, the later version.
 * `sessionCreatedAt` is null when the changes do not carry the session.
 */
export interface WriteStamp {
  sessionId: string;
  sessionCreatedAt: number | null;
  version: number;
}

const key = (objectType: string, recordId: string) => `${objectType}/${recordId}`;

export async function lastWrites(db: D1Database, orgId: string, records: Array<{ objectType: string; recordId: string }>): Promise<Map<string, WriteStamp>> {
  const out = new Map<string, WriteStamp>();
  const wanted = [...new Map(records.map((r) => [key(r.objectType, r.recordId), r])).values()];
  for (let i = 0; i < wanted.length; i += 45) {
    const chunk = wanted.slice(i, i + 45);
    const rows = await db
      .prepare(
        `SELECT object_type, record_id, session_id, session_created_at, version FROM hubspot_record_writes
         WHERE org_id = ? AND (${chunk.map(() => '(object_type = ? AND record_id = ?)').join(' OR ')})`,
      )
      .bind(orgId, ...chunk.flatMap((r) => [r.objectType, r.recordId]))
      .all<{ object_type: string; record_id: string; session_id: string; session_created_at: number | null; version: number }>();
    for (const r of rows.results) out.set(key(r.object_type, r.record_id), { sessionId: r.session_id, sessionCreatedAt: r.session_created_at, version: r.version });
  }
  return out;
}

export const guardKey = key;

export async function recordWrites(db: D1Database, orgId: string, writes: Array<{ objectType: string; recordId: string; stamp: WriteStamp }>, at: number): Promise<void> {
  if (writes.length === 0) return;
  await db.batch(
    writes.map((w) =>
      db
        .prepare(
          `INSERT INTO hubspot_record_writes (org_id, object_type, record_id, session_id, session_created_at, version, written_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
           ON CONFLICT (org_id, object_type, record_id) DO UPDATE SET
             session_id = excluded.session_id,
             session_created_at = COALESCE(excluded.session_created_at, CASE WHEN hubspot_record_writes.session_id = excluded.session_id THEN hubspot_record_writes.session_created_at END),
             version = excluded.version, written_at = excluded.written_at
           WHERE (hubspot_record_writes.session_id = excluded.session_id AND excluded.version > hubspot_record_writes.version)
              OR (hubspot_record_writes.session_id <> excluded.session_id AND excluded.session_created_at IS NOT NULL
                  AND excluded.session_created_at >= COALESCE(hubspot_record_writes.session_created_at, 0))`,
        )
        .bind(orgId, w.objectType, w.recordId, w.stamp.sessionId, w.stamp.sessionCreatedAt, w.stamp.version, at),
    ),
  );
}
