// The messages on the crm-writeback queue. Each says "session S of org O
// changed at event V" (or "write all of it again"); the consumer reads the
// changed records from the session itself (changes.ts), so a message never
// carries state that could be stale by the time it is delivered.
import type { SessionEvent } from '../contract/events';

export const CRM_SYSTEMS = ['salesforce', 'hubspot'] as const;
export type CrmSystem = (typeof CRM_SYSTEMS)[number];

/** The CRM record a session is linked to. */
export interface CrmLink {
  system: string;
  objectType: string | null;
  recordId: string;
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

/** Events that change no CRM record: chat and private threads. */
export const NO_RECORD_EVENTS: ReadonlySet<CrmMessage['type']> = new Set(['message.posted', 'private_session.opened']);
