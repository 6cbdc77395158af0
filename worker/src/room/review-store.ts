// A shared review's own rows (schema v9: reviews, annotations): the
// document reviewed, who leads and on which page, and what either side marked.
import type { ReviewSummary } from '../contract/apps';
import type { Annotation, ReviewRect } from '../contract/reviews';
import { iso } from '../contract/time';

export type ReviewRow = {
  item_id: string;
  pdf_key: string;
  source_item_id: string | null;
  pages: number;
  /** "agent" or "participant:<id>": never which agent, so participants may read it. */
  leader: string | null;
  page: number;
  ended_at: number | null;
};

type AnnotationRow = {
  id: string;
  item_id: string;
  page: number;
  kind: Annotation['kind'];
  rects: string;
  text: string | null;
  colour: string | null;
  author: string;
  created_at: number;
  removed_at: number | null;
};

export function reviewRow(sql: SqlStorage, itemId: string): ReviewRow | null {
  return sql.exec<ReviewRow>('SELECT * FROM reviews WHERE item_id = ?', itemId).toArray()[0] ?? null;
}

export function insertReview(sql: SqlStorage, row: Pick<ReviewRow, 'item_id' | 'pdf_key' | 'source_item_id' | 'pages'>): void {
  sql.exec('INSERT INTO reviews (item_id, pdf_key, source_item_id, pages) VALUES (?, ?, ?, ?)', row.item_id, row.pdf_key, row.source_item_id, row.pages);
}

export function moveReview(sql: SqlStorage, itemId: string, page: number, leader: string): void {
  sql.exec('UPDATE reviews SET page = ?, leader = ? WHERE item_id = ?', page, leader, itemId);
}

export function endReview(sql: SqlStorage, itemId: string, at: number): void {
  sql.exec('UPDATE reviews SET ended_at = ? WHERE item_id = ?', at, itemId);
}

/** The marks still on the review, in the order they were made. */
export function annotations(sql: SqlStorage, itemId: string): Annotation[] {
  return sql.exec<AnnotationRow>('SELECT * FROM annotations WHERE item_id = ? AND removed_at IS NULL ORDER BY created_at, rowid', itemId).toArray().map(annotationOf);
}

export function annotation(sql: SqlStorage, itemId: string, id: string): (Annotation & { removed: boolean }) | null {
  const row = sql.exec<AnnotationRow>('SELECT * FROM annotations WHERE item_id = ? AND id = ?', itemId, id).toArray()[0];
  return row ? { ...annotationOf(row), removed: row.removed_at !== null } : null;
}

export function countAnnotations(sql: SqlStorage, itemId: string): number {
  return sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM annotations WHERE item_id = ? AND removed_at IS NULL', itemId).one().n;
}

export function insertAnnotation(sql: SqlStorage, itemId: string, a: { id: string; page: number; kind: Annotation['kind']; rect: ReviewRect; text: string | null; by: string; at: number }): void {
  sql.exec(
    'INSERT INTO annotations (id, item_id, page, kind, rects, text, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    a.id,
    itemId,
    a.page,
    a.kind,
    JSON.stringify([a.rect]),
    a.text,
    a.by,
    a.at,
  );
}

/** A removed mark stays as a row (the event log names it), marked removed. */
export function removeAnnotation(sql: SqlStorage, itemId: string, id: string, at: number): void {
  sql.exec('UPDATE annotations SET removed_at = ? WHERE item_id = ? AND id = ? AND removed_at IS NULL', at, itemId, id);
}

function annotationOf(row: AnnotationRow): Annotation {
  const [rect] = JSON.parse(row.rects) as ReviewRect[];
  return { id: row.id, page: row.page, kind: row.kind, rect: rect!, text: row.text, by: row.author, createdAt: iso(row.created_at)! };
}

/** The review as its bubble shows it; null for an item without a review row. */
export function reviewSummary(sql: SqlStorage, itemId: string): ReviewSummary | null {
  const r = reviewRow(sql, itemId);
  if (!r) return null;
  return { kind: 'shared_review', pages: r.pages, page: r.page, leader: r.leader, annotations: countAnnotations(sql, itemId), endedAt: iso(r.ended_at) };
}
