// A document request's own rows (schema v9: request_slots, request_files):
// the documents asked for and the files given for them.
import type { DocumentRequestSummary } from '../contract/document-requests';
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
    slots: slots.map((s) => ({ id: s.slot_id, category: s.category, label: s.label, required: s.required === 1, status: s.status, reason: s.reason })),
  };
}
