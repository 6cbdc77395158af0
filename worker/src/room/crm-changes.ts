// What a CRM must learn about a session since a given event version: the
// current state of every record (the session, its participants, its items)
// that an event from that version on touched, each stamped with the version
// of the last event that touched it.
//
// Write-back reads this instead of replaying events: a retried queue message
// always writes the latest state, never an older one, so a late retry cannot
// undo a newer write, and records only move forward in version.
import type { ItemKind, ItemStatus } from '../domain/item-status';
import type { SessionStatus } from '../domain/access';
import { DONE_STATUSES } from '../domain/item-status';
import type { EventType } from './events';
import type { ItemRow, ParticipantRow, SessionRow } from './views';

export type CrmParticipantStatus = 'added' | 'invited' | 'entered' | 'completed' | 'access_expired';

export interface CrmChanges {
  orgId: string;
  sessionId: string;
  /** The session's latest event version. */
  version: number;
  crm: { system: string; objectType: string | null; recordId: string } | null;
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
    status: CrmParticipantStatus;
    invitedAt: number | null;
    enteredAt: number | null;
    consentedAt: number | null;
    completedAt: number | null;
    authStatus: string;
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
  }>;
}

/** Items that do not count toward the session's progress at all. */
const NOT_COUNTED: ReadonlySet<ItemStatus> = new Set(['cancelled', 'draft']);

/** Where an item counts in the session's progress: not at all, to do, or done. */
const progressClass = (status: ItemStatus) => (NOT_COUNTED.has(status) ? 0 : DONE_STATUSES.has(status) ? 2 : 1);

type EventRef = { version: number; type: EventType; data: string };

/**
 * Which records an event touches. Chat and private threads change no record;
 * an item's change touches the session only when it moves the session's
 * progress counts, so a busy item costs no session write.
 */
function touched(type: EventType, data: { participant?: { id: string }; item?: { id: string; kind: ItemKind; status: ItemStatus }; from?: ItemStatus }): { session: boolean; participant?: string; item?: string } {
  if (type.startsWith('session.')) return { session: true };
  if (type.startsWith('participant.')) return { session: false, participant: data.participant?.id };
  const item = data.item;
  if (!item) return { session: false };
  const counted = item.kind !== 'batch';
  if (type === 'item.created') return { session: counted && progressClass(item.status) !== 0, item: item.id };
  if (type === 'item.status_changed') return { session: counted && data.from !== undefined && progressClass(data.from) !== progressClass(item.status), item: item.id };
  return { session: false, item: item.id };
}

export function crmChanges(sql: SqlStorage, since: number): CrmChanges | null {
  const s = sql.exec<SessionRow>('SELECT * FROM session LIMIT 1').toArray()[0];
  if (!s) return null;
  const events = sql.exec<EventRef>('SELECT version, type, data FROM events WHERE version >= ? ORDER BY version', since).toArray();
  let sessionVersion = 0;
  const participantVersions = new Map<string, EventRef>();
  const itemVersions = new Map<string, number>();
  for (const e of events) {
    const t = touched(e.type, JSON.parse(e.data));
    if (t.session) sessionVersion = e.version;
    if (t.participant) participantVersions.set(t.participant, e);
    if (t.item) itemVersions.set(t.item, e.version);
  }
  const version = sql.exec<{ v: number | null }>('SELECT MAX(version) AS v FROM events').one().v ?? 0;
  const primary = sql.exec<ParticipantRow>('SELECT * FROM participants WHERE is_primary = 1 LIMIT 1').toArray()[0];

  let session: CrmChanges['session'] = null;
  if (sessionVersion > 0) {
    const counts = sql.exec<{ status: ItemStatus; n: number }>(`SELECT status, COUNT(*) AS n FROM items WHERE kind <> 'batch' GROUP BY status`).toArray();
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
    const p = sql.exec<ParticipantRow>('SELECT * FROM participants WHERE id = ?', id).toArray()[0];
    if (!p) continue;
    const status: CrmParticipantStatus =
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
    });
  }

  const items: CrmChanges['items'] = [];
  for (const [id, itemVersion] of itemVersions) {
    const i = sql.exec<ItemRow>('SELECT * FROM items WHERE id = ?', id).toArray()[0];
    if (!i) continue;
    const doc = sql.exec<{ sealed_key: string | null; sealed_sha256: string | null }>('SELECT sealed_key, sealed_sha256 FROM documents WHERE item_id = ?', id).toArray()[0];
    // When it was completed: the last change into "completed" (approval comes after it).
    const completed = DONE_STATUSES.has(i.status)
      ? sql
          .exec<{ at: number }>(
            `SELECT at FROM events WHERE type = 'item.status_changed' AND json_extract(data, '$.item.id') = ? AND json_extract(data, '$.item.status') = 'completed' ORDER BY version DESC LIMIT 1`,
            id,
          )
          .toArray()[0]
      : undefined;
    items.push({
      id,
      version: itemVersion,
      kind: i.kind,
      name: i.name,
      status: i.status,
      reason: i.reason,
      createdAt: i.created_at,
      statusChangedAt: i.updated_at,
      completedAt: completed?.at ?? null,
      sealed: doc?.sealed_key && doc.sealed_sha256 ? { key: doc.sealed_key, sha256: doc.sealed_sha256 } : null,
    });
  }

  return {
    orgId: s.org_id,
    sessionId: s.id,
    version,
    crm: s.crm_record_id ? { system: s.crm_system!, objectType: s.crm_object, recordId: s.crm_record_id } : null,
    session,
    participants,
    items,
  };
}
