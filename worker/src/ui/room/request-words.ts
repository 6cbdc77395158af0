// What the customer's request page shows, worked out once from the request:
// each document asked for in the customer's words (its name, the agent's
// note, where it stands, why it was sent back), whether it can still be
// sent, and one line on the whole request. The server page
// (room-request-page.tsx) and the script that redraws it live
// (client/room-request.ts) both draw from this. Pure: no DOM, no JSX.
import type { DocumentRequestView } from '../../contract/document-requests';
import { CLOSED_STATUSES, DONE_STATUSES, type SlotStatus } from '../../domain/catalogue';
import type { Translate } from '../../i18n/translate';

type Slot = DocumentRequestView['slots'][number];

export interface SlotLine {
  id: string;
  title: string;
  note: string | null;
  status: SlotStatus;
  statusText: string;
  /** The agent's reason, in a sentence, when the last file was sent back. */
  reason: string | null;
  optional: boolean;
  /** What the customer sent for it now, and where their browser can fetch it. */
  file: { name: string; url: string; image: boolean; text: string } | null;
  /** Whether a photo or file can be sent for it now (again, until accepted). */
  canSend: boolean;
}

export interface RequestModel {
  slots: SlotLine[];
  /** "1 of 3 accepted", over the documents the request needs. */
  progress: string;
  /** Where the whole request stands, when there is something to say: all sent, all accepted, closed, view only. */
  banner: string | null;
}

export function requestModel(t: Translate, view: DocumentRequestView, mayAct: boolean): RequestModel {
  const { item } = view;
  const open = mayAct && !DONE_STATUSES.has(item.status) && !CLOSED_STATUSES.has(item.status) && item.status !== 'draft' && item.status !== 'awaiting_agent';
  const slots = view.slots.map((s) => slotLine(t, item.id, s, open));
  const needed = view.slots.filter((s) => s.required);
  const accepted = needed.filter((s) => s.status === 'accepted').length;
  return { slots, progress: t.count('request.progress', accepted, { total: needed.length }), banner: bannerOf(t, view, mayAct, open) };
}

/** A document's name: the category's, with the agent's own label ("Other" is only its label). */
export function slotTitle(t: Translate, slot: Pick<Slot, 'category' | 'label'>): string {
  const category = t(`request.category.${slot.category}`);
  if (!slot.label) return category;
  return slot.category === 'other' ? slot.label : `${category} · ${slot.label}`;
}

function slotLine(t: Translate, itemId: string, s: Slot, open: boolean): SlotLine {
  // The file's fingerprint in its address: a replaced photo is never shown from the browser's cache.
  const url = s.file ? `/room/api/requests/${itemId}/slots/${s.id}/file?v=${s.file.sha256.slice(0, 16)}` : null;
  return {
    id: s.id,
    title: slotTitle(t, s),
    note: s.note,
    status: s.status,
    statusText: t(`request.slot.${s.status}`),
    reason: s.status === 'rejected' && s.reason ? t('request.slot.reason', { reason: s.reason }) : null,
    optional: !s.required,
    file: s.file && url ? { name: s.file.name, url, image: s.file.type.startsWith('image/'), text: t('request.your_file', { name: s.file.name }) } : null,
    canSend: open && s.status !== 'accepted',
  };
}

function bannerOf(t: Translate, view: DocumentRequestView, mayAct: boolean, open: boolean): string | null {
  if (!mayAct) return t('request.limited');
  if (view.item.status === 'completed') return t('request.all_accepted');
  if (!open) return t('request.closed');
  const waiting = view.slots.some((s) => s.required && (s.status === 'pending' || s.status === 'rejected'));
  return waiting ? null : t('request.all_sent');
}
