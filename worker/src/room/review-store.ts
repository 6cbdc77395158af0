// A shared review's own rows (schema v9: reviews, annotations): the
// document reviewed, who leads on which page, and what either side marked.
import type { ReviewSummary } from '../contract/apps';
import { iso } from '../contract/time';

export type ReviewRow = {
  item_id: string;
  pdf_key: string;
  source_item_id: string | null;
  pages: number;
  leader: string | null;
  page: number;
  ended_at: number | null;
};

export function reviewRow(sql: SqlStorage, itemId: string): ReviewRow | null {
  return sql.exec<ReviewRow>('SELECT * FROM reviews WHERE item_id = ?', itemId).toArray()[0] ?? null;
}

/** The review as its bubble shows it; null for an item without a review row. */
export function reviewSummary(sql: SqlStorage, itemId: string): ReviewSummary | null {
  const r = reviewRow(sql, itemId);
  if (!r) return null;
  const { n } = sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM annotations WHERE item_id = ? AND removed_at IS NULL', itemId).one();
  return { kind: 'shared_review', pages: r.pages, page: r.page, leader: r.leader, annotations: n, endedAt: iso(r.ended_at) };
}
