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

/** What the CRM write-back consumer receives. */
export interface CrmEvent extends SessionEvent {
  orgId: string;
  sessionId: string;
  crm: { system: string; objectType: string | null; recordId: string } | null;
}
