// The messages on the write-back queues. Each says "session S of org O
// changed from event V on" (the first change of one publish, or "write all of
// it again"); the consumer reads the changed records from the session itself
// (changes.ts), so a message never carries state that could be stale by the
// time it is delivered, and one message stands for every change after it.
import type { SessionEvent } from '../contract/events';

export const CRM_SYSTEMS = ['salesforce', 'hubspot'] as const;
export type CrmSystem = (typeof CRM_SYSTEMS)[number];

/** The CRM record a session is linked to. */
export interface CrmLink {
  system: CrmSystem;
  objectType: string | null;
  recordId: string;
}

/** The CRM columns a session row keeps, in the SessionRoom and in the D1 index alike. */
export interface CrmColumns {
  crm_system: string | null;
  crm_object: string | null;
  crm_record_id: string | null;
}

/**
 * The CRM record a session row is linked to, or null. The system is stored
 * as plain text, but only ever from a validated link (the API's
 * crmRecordSchema, or a resync of a known system), so it is a CrmSystem.
 */
export function crmLinkOf(row: CrmColumns): CrmLink | null {
  return row.crm_record_id ? { system: row.crm_system as CrmSystem, objectType: row.crm_object, recordId: row.crm_record_id } : null;
}

/** One session event, as the queue carries it. */
export type CrmEvent = SessionEvent & {
  orgId: string;
  sessionId: string;
  crm: CrmLink | null;
};

/**
 * Asks write-back for every record of a session as it is now: sent when an
 * org connects its CRM (sessions from before) and when an admin resyncs
 * (after an outage longer than the retries). Version 0: nothing is older.
 */
export interface CrmResync {
  type: 'crm.resync';
  orgId: string;
  sessionId: string;
  version: 0;
  crm: CrmLink | null;
}

export type CrmMessage = CrmEvent | CrmResync;

/** Events that change no CRM record: chat and private threads. The publisher never queues them; the consumer acks any still queued. */
export const NO_RECORD_EVENTS: ReadonlySet<CrmMessage['type']> = new Set(['message.posted', 'private_session.opened']);
