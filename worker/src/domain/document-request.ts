// The rules of a document request (issue 16): what the agent may ask for,
// how each requested document (a slot) moves between the customer and the
// agent, when the request is done, and which pictures are too poor to send
// on. Pure.
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, type RequestCategory, type SlotStatus } from './catalogue';
import type { ImageSize } from './image-size';

export const MAX_SLOTS = 10;
export const MAX_LABEL_LENGTH = 60;
export const MAX_NOTE_LENGTH = 500;
export const MAX_REASON_LENGTH = 500;

/** What the agent can pick: every category, and "ID card", which asks for its front and its back. */
export const ASKABLE_CATEGORIES = ['id_card', ...REQUEST_CATEGORIES.filter((c) => c !== 'id_card_front' && c !== 'id_card_back')] as const;
export type AskableCategory = (typeof ASKABLE_CATEGORIES)[number];

/** What the agent and the admin read for each category they may ask for. */
export const ASKABLE_LABELS: Record<AskableCategory, string> = {
  id_card: 'ID card (front and back)',
  passport: REQUEST_CATEGORY_LABELS.passport,
  drivers_licence: REQUEST_CATEGORY_LABELS.drivers_licence,
  proof_of_address: REQUEST_CATEGORY_LABELS.proof_of_address,
  bank_statement: REQUEST_CATEGORY_LABELS.bank_statement,
  other: 'Other document',
};

export interface AskedDocument {
  category: AskableCategory;
  /** The agent's own name for the document; required for "other". */
  label?: string | undefined;
  note?: string | undefined;
  required?: boolean | undefined;
}

export interface SlotPlan {
  category: RequestCategory;
  label: string | null;
  note: string | null;
  required: boolean;
}

/** The slots a request asks for, in order (an ID card as two), or what is wrong with the list, naming the entry. */
export function planSlots(asked: readonly AskedDocument[]): SlotPlan[] | string {
  if (asked.length === 0) return 'documents: ask for at least one document';
  const slots: SlotPlan[] = [];
  for (const [i, a] of asked.entries()) {
    const label = a.label?.trim() || null;
    const note = a.note?.trim() || null;
    if (a.category === 'other' && !label) return `documents[${i}].label: name the document you ask for`;
    if (label && label.length > MAX_LABEL_LENGTH) return `documents[${i}].label: at most ${MAX_LABEL_LENGTH} characters`;
    if (note && note.length > MAX_NOTE_LENGTH) return `documents[${i}].note: at most ${MAX_NOTE_LENGTH} characters`;
    const required = a.required ?? true;
    const categories: RequestCategory[] = a.category === 'id_card' ? ['id_card_front', 'id_card_back'] : [a.category];
    for (const category of categories) slots.push({ category, label, note, required });
  }
  if (slots.length > MAX_SLOTS) return `documents: at most ${MAX_SLOTS} documents in one request (an ID card counts as two)`;
  if (!slots.some((s) => s.required)) return 'documents: at least one document must be required';
  return slots;
}

/** A requested document's name for agents and CRM records: the category's, with the agent's own label ("other" is only its label). */
export function slotLabel(slot: { category: RequestCategory; label: string | null }): string {
  if (slot.category === 'other') return slot.label ?? REQUEST_CATEGORY_LABELS.other;
  return slot.label ? `${REQUEST_CATEGORY_LABELS[slot.category]} · ${slot.label}` : REQUEST_CATEGORY_LABELS[slot.category];
}

export type SlotAction = 'submit' | 'accept' | 'reject';

/** Who does what: the customer gives (or replaces) a file until it is accepted; the agent decides on a file given. */
const MOVES: Record<SlotAction, { from: readonly SlotStatus[]; to: SlotStatus }> = {
  submit: { from: ['pending', 'submitted', 'rejected'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted' },
  reject: { from: ['submitted'], to: 'rejected' },
};

export type SlotMove = { ok: true; to: SlotStatus } | { ok: false; message: string };

export function moveSlot(from: SlotStatus, action: SlotAction): SlotMove {
  const move = MOVES[action];
  if (move.from.includes(from)) return { ok: true, to: move.to };
  if (from === 'accepted') return { ok: false, message: 'this document was already accepted; it cannot be changed' };
  return { ok: false, message: from === 'rejected' ? 'this document was rejected; wait for a new file' : 'no file has been given for this document yet' };
}

/** Where the whole request stands: nothing given yet, under way, or done (every required document accepted). */
export function requestProgress(slots: readonly { status: SlotStatus; required: boolean }[]): 'waiting' | 'in_progress' | 'complete' {
  if (slots.length > 0 && slots.every((s) => !s.required || s.status === 'accepted') && !slots.some((s) => s.status === 'submitted')) return 'complete';
  return slots.some((s) => s.status !== 'pending') ? 'in_progress' : 'waiting';
}

/** Why a picture cannot be used (unreadable, or too small to read a document on), or null when it can. */
export function imageProblem(size: ImageSize | null, minShortSide: number): string | null {
  if (!size) return 'the picture cannot be read: it may be damaged; take it again';
  const shortSide = Math.min(size.width, size.height);
  if (shortSide < minShortSide) return `the picture is too small to read (${size.width}×${size.height} px); take it again closer, at least ${minShortSide} px on its short side`;
  return null;
}

/** The longest side a photo is sent at: sharp enough to read any document, small enough to send on a phone's connection. */
export const MAX_PICTURE_SIDE = 2400;

/**
 * The size the room sends a photo at: never enlarged, its longest side at
 * most MAX_PICTURE_SIDE, but not shrunk below minShortSide on its short side
 * (a long thin receipt stays readable); null when the photo is already too
 * small to read, so the customer is told before anything is sent.
 */
export function sendingSize(width: number, height: number, minShortSide: number): { width: number; height: number } | null {
  const short = Math.min(width, height);
  if (!(short >= minShortSide)) return null;
  const scale = Math.min(1, Math.max(MAX_PICTURE_SIDE / Math.max(width, height), minShortSide / short));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
