// A document request's own rows (schema v9: request_slots, request_files):
// the documents asked for and the files given for them.
import type { DocumentRequestSummary } from '../contract/apps';
import type { RequestCategory, SlotStatus } from '../domain/catalogue';

export type RequestSlotRow = {
  item_id: string;
  slot_id: string;
  position: number;
  category: RequestCategory;
  label: string | null;
  note: string | null;
  required: number;
  status: SlotStatus;
  file_key: string | null;
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
  sha256: string | null;
  width: number | null;
  height: number | null;
  reason: string | null;
  submitted_by: string | null;
  submitted_at: number | null;
  decided_by: string | null;
  decided_at: number | null;
};

export function requestSlots(sql: SqlStorage, itemId: string): RequestSlotRow[] {
  return sql.exec<RequestSlotRow>('SELECT * FROM request_slots WHERE item_id = ? ORDER BY position', itemId).toArray();
}

/** The request as its bubble shows it; null for an item without request rows. */
export function requestSummary(sql: SqlStorage, itemId: string): DocumentRequestSummary | null {
  const slots = requestSlots(sql, itemId);
  if (slots.length === 0) return null;
  return {
    kind: 'document_request',
    slots: slots.map((s) => ({ id: s.slot_id, category: s.category, label: s.label, required: s.required === 1, status: s.status, reason: s.reason, fileType: s.file_type })),
  };
}

/** The files the agent accepted, for the CRM (crm/changes.ts). */
export function acceptedRequestFiles(sql: SqlStorage, itemId: string) {
  return sql
    .exec<Pick<RequestSlotRow, 'slot_id' | 'category' | 'label'> & { file_key: string; sha256: string; file_name: string; decided_at: number }>(
      "SELECT slot_id, category, label, file_key, sha256, file_name, decided_at FROM request_slots WHERE item_id = ? AND status = 'accepted' AND file_key IS NOT NULL ORDER BY position",
      itemId,
    )
    .toArray();
}

export function requestSlot(sql: SqlStorage, itemId: string, slotId: string): RequestSlotRow | null {
  return sql.exec<RequestSlotRow>('SELECT * FROM request_slots WHERE item_id = ? AND slot_id = ?', itemId, slotId).toArray()[0] ?? null;
}

export function insertSlot(sql: SqlStorage, s: Pick<RequestSlotRow, 'item_id' | 'slot_id' | 'position' | 'category' | 'label' | 'note'> & { required: boolean }): void {
  sql.exec(
    'INSERT INTO request_slots (item_id, slot_id, position, category, label, note, required) VALUES (?, ?, ?, ?, ?, ?, ?)',
    s.item_id, s.slot_id, s.position, s.category, s.label, s.note, s.required ? 1 : 0,
  );
}

export type GivenFile = { key: string; name: string; type: string; size: number; sha256: string; width: number | null; height: number | null; by: string; at: number };

/** A file given for a slot: it becomes the slot's file (waiting for the agent), and joins the slot's history. */
export function giveSlotFile(sql: SqlStorage, itemId: string, slotId: string, f: GivenFile): void {
  sql.exec(
    `UPDATE request_slots SET status = 'submitted', file_key = ?, file_name = ?, file_type = ?, file_size = ?, sha256 = ?, width = ?, height = ?,
       reason = NULL, submitted_by = ?, submitted_at = ?, decided_by = NULL, decided_at = NULL WHERE item_id = ? AND slot_id = ?`,
    f.key, f.name, f.type, f.size, f.sha256, f.width, f.height, f.by, f.at, itemId, slotId,
  );
  const { seq } = sql.exec<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM request_files WHERE item_id = ? AND slot_id = ?', itemId, slotId).one();
  // A file replaced before the agent decided on it is kept, marked so.
  sql.exec(`UPDATE request_files SET outcome = 'replaced' WHERE item_id = ? AND slot_id = ? AND outcome IS NULL`, itemId, slotId);
  sql.exec(
    'INSERT INTO request_files (item_id, slot_id, seq, file_key, file_name, file_type, file_size, sha256, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    itemId, slotId, seq, f.key, f.name, f.type, f.size, f.sha256, f.by, f.at,
  );
}

/** The agent's decision on the slot's file, on the slot and on the file's history row. */
export function decideSlot(sql: SqlStorage, itemId: string, slotId: string, d: { status: 'accepted' | 'rejected'; reason: string | null; by: string; at: number }): void {
  sql.exec('UPDATE request_slots SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE item_id = ? AND slot_id = ?', d.status, d.reason, d.by, d.at, itemId, slotId);
  sql.exec('UPDATE request_files SET outcome = ? WHERE item_id = ? AND slot_id = ? AND outcome IS NULL', d.status, itemId, slotId);
}


/** The keys of every file these people (actor keys) gave for requested documents: what erasure deletes. */
export function requestFileKeysBy(sql: SqlStorage, by: readonly string[]): string[] {
  return by.flatMap((b) => sql.exec<{ file_key: string }>('SELECT file_key FROM request_files WHERE submitted_by = ?', b).toArray().map((r) => r.file_key));
}

/**
 * Erasure: the files these people gave are gone. Their history rows go; a
 * slot that held one keeps the agent's decision if it was accepted (the
 * request stays done) and is asked again otherwise.
 */
export function forgetRequestFiles(sql: SqlStorage, by: readonly string[]): void {
  for (const b of by) {
    sql.exec('DELETE FROM request_files WHERE submitted_by = ?', b);
    sql.exec(
      `UPDATE request_slots SET status = CASE status WHEN 'accepted' THEN 'accepted' ELSE 'pending' END, file_key = NULL, file_name = NULL, file_type = NULL,
         file_size = NULL, sha256 = NULL, width = NULL, height = NULL, submitted_by = NULL WHERE submitted_by = ?`,
      b,
    );
  }
}
