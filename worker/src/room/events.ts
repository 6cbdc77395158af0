// Session events: every state change, numbered per session. The same record
// is pushed to connected sockets and sent to the crm-writeback queue, where
// (sessionId, version) makes every replay harmless.
export type EventType =
  | 'session.created'
  | 'session.invited'
  | 'session.renewed'
  | 'session.ended'
  | 'session.closed'
  | 'session.access_limited'
  | 'session.access_ended'
  | 'session.reassigned'
  | 'participant.added'
  | 'participant.invited'
  | 'participant.reengaged'
  | 'participant.entered'
  | 'participant.access_expired'
  | 'participant.completed'
  | 'participant.consented'
  | 'participant.notified'
  | 'item.created'
  | 'item.status_changed'
  | 'document.signed'
  | 'message.posted'
  | 'private_session.opened';

/** Who sees an event: everyone, or the agent and one participant (a private session). */
export type Audience = 'all' | `participant:${string}`;

export interface SessionEvent {
  version: number;
  type: EventType;
  at: number;
  /** "agent:<id>", "participant:<id>" or "system". */
  actor: string;
  audience: Audience;
  data: Record<string, unknown>;
}

/** What the CRM write-back consumer receives for each event. */
export interface CrmEvent extends SessionEvent {
  orgId: string;
  sessionId: string;
  crm: { system: string; objectType: string | null; recordId: string } | null;
}

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
  crm: CrmEvent['crm'];
}

/** A message on the crm-writeback queue. */
export type CrmMessage = CrmEvent | CrmResync;
