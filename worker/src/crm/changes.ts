// What a CRM must learn about a session since a given event version: the
// current state of every record (the session, its participants, its items)
// that an event from that version on touched, each stamped with the version
// of the last event that touched it.
//
// Write-back reads this instead of replaying events: a retried queue message
// always writes the latest state, never an older one, so a late retry cannot
// undo a newer write, and records only move forward in version.
import { DONE_STATUSES, type DeliveryStatus, type ItemKind, type ItemStatus, type ParticipantStatus, type PaymentState, type RequestCategory, type SessionStatus } from '../domain/catalogue';
import { slotLabel } from '../domain/document-request';
import type { EventType } from '../contract/events';
import { crmLinkOf, type CrmColumns, type CrmLink } from './messages';

export interface CrmChanges {
  orgId: string;
  sessionId: string;
  /** The session's latest event version. */
  version: number;
  crm: CrmLink | null;
  session: {
    version: number;
    status: SessionStatus;
    agentId: string;
    customerName: string;
    customerEmail: string | null;
    customerPhone: string | null;
    createdAt: number;
    invitedAt: number | null;
    endedAt: number | null;
    closedAt: number | null;
    itemsTotal: number;
    itemsCompleted: number;
  } | null;
  participants: Array<{
    id: string;
    version: number;
    name: string;
    roleName: string;
    primary: boolean;
    email: string | null;
    phone: string | null;
    status: ParticipantStatus;
    invitedAt: number | null;
    enteredAt: number | null;
    consentedAt: number | null;
    completedAt: number | null;
    authStatus: string;
    /** What became of the participant's last message (room/deliveries.ts); null before any was sent. */
    message: { channel: 'sms' | 'email'; status: DeliveryStatus; reason: string | null; at: number } | null;
  }>;
  items: Array<{
    id: string;
    version: number;
    kind: ItemKind;
    name: string;
    status: ItemStatus;
    reason: string | null;
    createdAt: number;
    statusChangedAt: number;
    completedAt: number | null;
    /** The sealed PDF in R2, once the document is complete. */
    sealed: { key: string; sha256: string } | null;
    /** Parley gave up sealing the signed document (an admin can retry it): why, after how many tries, since when. */
    sealFailure: { reason: string; attempts: number; failedAt: number } | null;
    /** A payment's amount (minor units), currency, Stripe's state, the amount refunded, when it was paid and last changed; null for other kinds. */
    payment: { amount: number; currency: string; state: PaymentState; amountRefunded: number; paidAt: number | null; updatedAt: number } | null;
    /** A document request's files the agent accepted, each with the document it is ("ID card (front)"). */
    accepted: Array<{ slotId: string; label: string; key: string; sha256: string; fileName: string; acceptedAt: number }>;
    /** A workflow's steps as they stand, in order (each is also an item of its own); empty for other kinds. */
    steps: Array<{ position: number; kind: ItemKind; name: string; status: ItemStatus; optional: boolean }>;
  }>;
}

/** What the reader needs of a session's storage (the SessionRoom's RoomStore). */
export interface CrmChangeSource {
  session(): (CrmColumns & { id: string; org_id: string; agent_id: string; status: SessionStatus; created_at: number; invited_at: number | null; ended_at: number | null; closed_at: number | null }) | null;
  eventsSince(since: number): { version: number; type: EventType; data: string }[];
  version(): number;
  /** Null for a session without one: its record is still written, with an empty customer. */
  findPrimary(): { name: string; email: string | null; phone: string | null } | null;
  participant(id: string): {
    name: string;
    role_name: string;
    is_primary: number;
    email: string | null;
    phone: string | null;
    invited_at: number | null;
    first_entered_at: number | null;
    consent_at: number | null;
    completed_at: number | null;
    auth_status: string;
  } | null;
  /** The participant's newest message on any channel. */
  lastDelivery(participantId: string): { channel: 'sms' | 'email'; status: DeliveryStatus; reason: string | null; updated_at: number } | null;
  item(id: string): { kind: ItemKind; name: string; status: ItemStatus; reason: string | null; created_at: number; updated_at: number } | null;
  itemCountsByStatus(): { status: ItemStatus; n: number }[];
  sealedFile(itemId: string): { key: string; sha256: string } | null;
  sealFailure(itemId: string): { reason: string; attempts: number; failed_at: number } | null;
  lastCompletedAt(itemId: string): number | null;
  /** A payment's row, for its amount and state. */
  payment(itemId: string): { amount: number; currency: string; state: PaymentState; amount_refunded: number; paid_at: number | null; updated_at: number } | null;
  /** A workflow's steps, in order. */
  workflowSteps(itemId: string): { position: number | null; kind: ItemKind; name: string; status: ItemStatus; optional: number }[];
  /** A document request's accepted files, in the order the documents were asked for. */
  acceptedFiles(itemId: string): { slot_id: string; category: RequestCategory; label: string | null; file_key: string; sha256: string; file_name: string; decided_at: number }[];
}

/** Items that do not count toward the session's progress at all. */
const NOT_COUNTED: ReadonlySet<ItemStatus> = new Set(['cancelled', 'draft']);

/** Where an item counts in the session's progress: not at all, to do, or done. */
const progressClass = (status: ItemStatus) => (NOT_COUNTED.has(status) ? 0 : DONE_STATUSES.has(status) ? 2 : 1);

type Touched = { session: boolean; participant?: string | undefined; item?: string | undefined };

/**
 * Which records an event touches. Chat and private threads change no record;
 * an item's change touches the session only when it moves the session's
 * progress counts, so a busy item costs no session write.
 */
function touched(type: EventType, data: { participant?: { id: string; primary?: boolean }; item?: { id: string; kind: ItemKind; status: ItemStatus }; from?: ItemStatus }): Touched {
  if (type.startsWith('session.')) return { session: true };
  // A forgotten primary participant was the session's customer: the session's record loses their name and addresses too.
  if (type === 'participant.forgotten') return { session: data.participant?.primary === true, participant: data.participant?.id };
  if (type.startsWith('participant.')) return { session: false, participant: data.participant?.id };
  const item = data.item;
  if (!item) return { session: false };
  const counted = item.kind !== 'batch';
  if (type === 'item.created') return { session: counted && progressClass(item.status) !== 0, item: item.id };
  if (type === 'item.status_changed') return { session: counted && data.from !== undefined && progressClass(data.from) !== progressClass(item.status), item: item.id };
  return { session: false, item: item.id };
}

function paymentOf(source: CrmChangeSource, kind: ItemKind, itemId: string): CrmChanges['items'][number]['payment'] {
  const p = kind === 'payment' ? source.payment(itemId) : null;
  return p ? { amount: p.amount, currency: p.currency, state: p.state, amountRefunded: p.amount_refunded, paidAt: p.paid_at, updatedAt: p.updated_at } : null;
}

function stepsOf(source: CrmChangeSource, kind: ItemKind, itemId: string): CrmChanges['items'][number]['steps'] {
  if (kind !== 'workflow') return [];
  return source.workflowSteps(itemId).map((s, i) => ({ position: s.position ?? i + 1, kind: s.kind, name: s.name, status: s.status, optional: s.optional === 1 }));
}

function sealFailureOf(source: CrmChangeSource, itemId: string): CrmChanges['items'][number]['sealFailure'] {
  const f = source.sealFailure(itemId);
  return f ? { reason: f.reason, attempts: f.attempts, failedAt: f.failed_at } : null;
}

/** The changes since `since`, or null for a session nobody created. */
export function readCrmChanges(source: CrmChangeSource, since: number): CrmChanges | null {
  const s = source.session();
  if (!s) return null;
  let sessionVersion = 0;
  const participantVersions = new Map<string, { version: number; type: EventType }>();
  const itemVersions = new Map<string, number>();
  for (const e of source.eventsSince(since)) {
    const t = touched(e.type, JSON.parse(e.data));
    if (t.session) sessionVersion = e.version;
    if (t.participant) participantVersions.set(t.participant, e);
    if (t.item) itemVersions.set(t.item, e.version);
  }

  let session: CrmChanges['session'] = null;
  if (sessionVersion > 0) {
    const primary = source.findPrimary();
    const counts = source.itemCountsByStatus();
    session = {
      version: sessionVersion,
      status: s.status,
      agentId: s.agent_id,
      customerName: primary?.name ?? '',
      customerEmail: primary?.email ?? null,
      customerPhone: primary?.phone ?? null,
      createdAt: s.created_at,
      invitedAt: s.invited_at,
      endedAt: s.ended_at,
      closedAt: s.closed_at,
      itemsTotal: counts.filter((c) => !NOT_COUNTED.has(c.status)).reduce((n, c) => n + c.n, 0),
      itemsCompleted: counts.filter((c) => DONE_STATUSES.has(c.status)).reduce((n, c) => n + c.n, 0),
    };
  }

  const participants: CrmChanges['participants'] = [];
  for (const [id, last] of participantVersions) {
    const p = source.participant(id);
    if (!p) continue;
    const status: ParticipantStatus =
      p.completed_at !== null ? 'completed' : last.type === 'participant.access_expired' ? 'access_expired' : p.first_entered_at !== null ? 'entered' : p.invited_at !== null ? 'invited' : 'added';
    participants.push({
      id,
      version: last.version,
      name: p.name,
      roleName: p.role_name,
      primary: p.is_primary === 1,
      email: p.email,
      phone: p.phone,
      status,
      invitedAt: p.invited_at,
      enteredAt: p.first_entered_at,
      consentedAt: p.consent_at,
      completedAt: p.completed_at,
      authStatus: p.auth_status,
      message: lastMessage(source, id),
    });
  }

  const items: CrmChanges['items'] = [];
  for (const [id, version] of itemVersions) {
    const i = source.item(id);
    if (!i) continue;
    items.push({
      id,
      version,
      kind: i.kind,
      name: i.name,
      status: i.status,
      reason: i.reason,
      createdAt: i.created_at,
      statusChangedAt: i.updated_at,
      // When it was completed: the last change into "completed" (approval comes after it).
      completedAt: DONE_STATUSES.has(i.status) ? source.lastCompletedAt(id) : null,
      sealed: source.sealedFile(id),
      sealFailure: sealFailureOf(source, id),
      payment: paymentOf(source, i.kind, id),
      accepted:
        i.kind === 'document_request'
          ? source.acceptedFiles(id).map((f) => ({ slotId: f.slot_id, label: slotLabel(f), key: f.file_key, sha256: f.sha256, fileName: f.file_name, acceptedAt: f.decided_at }))
          : [],
      steps: stepsOf(source, i.kind, id),
    });
  }

  return {
    orgId: s.org_id,
    sessionId: s.id,
    version: source.version(),
    crm: crmLinkOf(s),
    session,
    participants,
    items,
  };
}

function lastMessage(source: CrmChangeSource, participantId: string): CrmChanges['participants'][number]['message'] {
  const d = source.lastDelivery(participantId);
  return d ? { channel: d.channel, status: d.status, reason: d.reason, at: d.updated_at } : null;
}
