// Words and marks for what Parley reports, shaped for HubSpot's components:
// the session's status and its tag colour, each item as ✓ (done), ✗ (closed
// without completion) or ✎ (still to do), progress as "1/3", and each
// participant's presence; a document's own signers and their count. The words are Parley's (shared/catalogue.ts), as in
// Parley's own pages and the Salesforce panel.
import {
  CLOSED_STATUSES,
  DONE_STATUSES,
  ITEM_KIND_LABELS,
  ITEM_STATUS_LABELS,
  PARTICIPANT_STATUS_LABELS,
  SESSION_STATUS_LABELS,
  type ItemStatus,
  type ParticipantStatus,
  type SessionStatus,
} from '@parley/hubspot-shared/catalogue';
import type { AgentRoomView, ItemView, ParticipantView, SessionListEntry } from '@parley/hubspot-shared/parley-types';
import { shortTime } from '@parley/hubspot-shared/short-time';

export type TagVariant = 'default' | 'success' | 'warning' | 'info' | 'danger';

const STATUS_TAGS: Record<SessionStatus, TagVariant> = { planned: 'info', active: 'success', ended: 'warning', closed: 'default' };

export function sessionStatusLabel(status: SessionStatus): string {
  return SESSION_STATUS_LABELS[status] ?? status;
}

export function sessionStatusTag(status: SessionStatus): TagVariant {
  return STATUS_TAGS[status] ?? 'default';
}

/** Planned or active: the agent's part is not over, and the card keeps the session fresh. */
export function isOpenSession(status: SessionStatus): boolean {
  return status === 'planned' || status === 'active';
}

const DONE = new Set<ItemStatus>(DONE_STATUSES);
const CLOSED = new Set<ItemStatus>(CLOSED_STATUSES);

export function itemMark(status: ItemStatus): '✓' | '✗' | '✎' {
  if (DONE.has(status)) return '✓';
  if (CLOSED.has(status)) return '✗';
  return '✎';
}

/** "✓ Consent form (Template document): Completed" */
export function itemLine(item: ItemView): string {
  const kind = ITEM_KIND_LABELS[item.kind] ?? item.kind;
  const reason = item.reason ? ` (${item.reason})` : '';
  return `${itemMark(item.status)} ${item.name} (${kind}): ${ITEM_STATUS_LABELS[item.status] ?? item.status}${reason}`;
}

/** Items done out of all the session's items: "1/3". */
export function itemProgress(items: ItemView[]): string {
  return `${items.filter((i) => DONE.has(i.status)).length}/${items.length}`;
}

type Signer = NonNullable<ItemView['signers']>[number];

/** A document's own count, "1/2": its signers done out of its signers (not the session's items). */
export function signedCount(signers: Signer[]): string {
  return `${signers.filter((s) => s.done).length}/${signers.length}`;
}

/**
 * One line per signer of a document, in its role order, joined with the
 * session's participants: "✓ Glen Lane (Guarantor): Signed 21 Nov, 11:30 UTC · Offline".
 * The agent's own role reads "You"; a role the customer has still to assign says so.
 */
export function signerLine(signer: Signer, participants: ParticipantView[]): string {
  const person = signer.participantId ? participants.find((p) => p.id === signer.participantId) : undefined;
  const name = signer.pending ? 'Not assigned yet' : signer.participantId === null ? 'You' : (person?.name ?? 'Participant');
  const state = signer.done ? `Signed${signer.doneAt ? ` ${shortTime(signer.doneAt)}` : ''}` : signer.pending ? 'Waiting for the customer to assign' : 'Not signed yet';
  return `${signer.done ? '✓' : '✎'} ${name} (${signer.role}): ${state}${person ? ` · ${presenceText(person)}` : ''}`;
}

/** The customer the session is for: its primary participant. */
export function customerOf(view: AgentRoomView): ParticipantView | null {
  return view.participants.find((p) => p.primary) ?? view.participants[0] ?? null;
}

/** added / invited / entered / completed / access expired, as the write-back reports them. */
export function participantStatus(p: ParticipantView): ParticipantStatus {
  if (p.completed) return 'completed';
  if (p.access.level === 'none' && p.access.reason === 'window_expired') return 'access_expired';
  if (p.enteredAt) return 'entered';
  if (p.invitedAt) return 'invited';
  return 'added';
}

export function presenceText(p: ParticipantView): string {
  if (p.online) return 'Online now';
  if (p.enteredAt) return p.lastSeenAt ? `Offline (last seen ${shortTime(p.lastSeenAt)})` : 'Offline';
  return 'Has not opened the invitation yet';
}

/** "✓ Cora Customer (Customer): Completed · Online now" */
export function participantLine(p: ParticipantView): string {
  const mark = p.completed ? '✓' : '✎';
  return `${mark} ${p.name} (${p.roleName}): ${PARTICIPANT_STATUS_LABELS[participantStatus(p)]} · ${presenceText(p)}`;
}

/** Newest first by creation (Parley lists by last update). ISO times sort as text. */
export function newestFirst(sessions: SessionListEntry[]): SessionListEntry[] {
  return [...sessions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
