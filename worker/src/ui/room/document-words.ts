// What the customer's document page says about the document, in their
// language: the one status line under the title, and, once they have signed,
// what happens next. The server page (room-document-page.tsx) and the page's
// script (client/room/document/*) share these, so the page reads the same
// before and after a live update. Limited access is said in the status line
// only (with its end as a <time>, drawn by each side), never twice.
import type { DocumentItemView } from '../../contract/documents';
import type { ParticipantFrame } from '../../contract/frames';
import { DONE_STATUSES } from '../../domain/catalogue';
import type { Translate } from '../../i18n/translate';

/** Statuses in which a signer still fills and signs. */
export const OPEN_STATUSES: ReadonlySet<string> = new Set(['sent', 'opened', 'in_progress']);

export interface PageState {
  /** False in limited access (after the session ended): view and download only. */
  mayAct: boolean;
  /** The Assign step is showing: signing waits for it. */
  assigning: boolean;
  /** Known only to the script (GET /room/api/consent); the server page says nothing of it. */
  consented: boolean | null;
  /** Required fields of mine still empty, in my turn. */
  missing: number;
}

/** Whether I hold roles on the document and every one of them is done: the page shows what happens next. */
export function iHaveSigned(view: DocumentItemView): boolean {
  const mine = view.document.roles.filter((r) => view.document.myRoles.includes(r.name));
  return mine.length > 0 && mine.every((r) => r.done);
}

/** Whether this customer can fill and sign now (before consent, too). */
export function mayFillNow(view: DocumentItemView, state: Pick<PageState, 'mayAct' | 'assigning'>): boolean {
  return state.mayAct && !state.assigning && view.document.myTurn && OPEN_STATUSES.has(view.item.status);
}

/**
 * The status line: one sentence for where the document stands for this
 * customer. For limited access it is the key `document.status.limited_until`
 * with {time} (the caller puts a <time> there) or `document.status.limited`.
 */
export function statusKey(view: DocumentItemView, state: PageState, until: string | null): { key: string; count?: number; vars?: Record<string, string> } {
  const { item, document: doc } = view;
  if (item.status === 'declined') return { key: 'document.status.declined' };
  if (!state.mayAct) return { key: until ? 'document.status.limited_until' : 'document.status.limited' };
  if (doc.sealed || DONE_STATUSES.has(item.status)) return { key: 'document.status.completed' };
  if (state.assigning) return { key: 'document.status.assign_first' };
  if (mayFillNow(view, state)) {
    if (state.consented === false) return { key: 'document.status.consent_first' };
    return state.missing > 0 ? { key: 'document.status.fields_left', count: state.missing } : { key: 'document.status.ready' };
  }
  const acting = doc.roles.filter((r) => r.actingNow && !r.done).map((r) => r.name);
  if (doc.myRoles.length && acting.length) return { key: 'document.status.waiting_for', vars: { names: acting.join(', ') } };
  return { key: 'document.status.for_info' };
}

/** The status line as text; {time} left in place for the caller to fill with a <time>. */
export function statusText(t: Translate, view: DocumentItemView, state: PageState, until: string | null): string {
  const s = statusKey(view, state, until);
  return s.count === undefined ? t(s.key, { ...s.vars, time: '{time}' }) : t.count(s.key, s.count, s.vars);
}

/** After I signed: what happens next, one sentence each, and whether the signed copy is ready. */
export function whatHappensNext(t: Translate, view: DocumentItemView): { lines: string[]; sealed: boolean } {
  const { document: doc } = view;
  if (doc.sealed) return { lines: [t('document.done.ready')], sealed: true };
  const waiting = doc.roles.filter((r) => !r.done && (r.assigned !== null || r.pending));
  const lines: string[] = [];
  if (waiting.some((r) => r.assigned !== 'agent')) lines.push(t('document.done.others'));
  if (waiting.some((r) => r.assigned === 'agent')) lines.push(t('document.done.agent'));
  lines.push(waiting.length ? t('document.done.copy') : t('document.done.sealing'));
  return { lines, sealed: false };
}

/** The required fields of mine still empty while I may fill (a date filled on signing is not asked for). */
export function missingFields(view: DocumentItemView, state: Pick<PageState, 'mayAct' | 'assigning'>): DocumentItemView['document']['fields'] {
  if (!mayFillNow(view, state)) return [];
  return view.document.fields.filter((f) => f.mine && f.required && !f.value && f.type !== 'date_signed');
}

/**
 * Whether a live frame is about this document, so the page loads it again:
 * any event whose data carries the item (a signer's or the agent's
 * signature, a status change, the seal landing).
 */
export function frameConcernsItem(frame: ParticipantFrame, itemId: string): boolean {
  if (frame.type !== 'event') return false;
  const data = frame.event.data as { item?: { id?: string } };
  return data.item?.id === itemId;
}
