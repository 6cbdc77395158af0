// Rows of the SessionRoom's tables and the shapes shown to agents and participants.
import type { Access } from '../domain/access';
import type { ItemKind, ItemStatus } from '../domain/item-status';
import type { SessionStatus } from '../domain/access';

export type SessionRow = {
  id: string;
  org_id: string;
  agent_id: string;
  team_id: string | null;
  customer_id: string;
  status: SessionStatus;
  crm_system: string | null;
  crm_object: string | null;
  crm_record_id: string | null;
  created_at: number;
  invited_at: number | null;
  ended_at: number | null;
  closed_at: number | null;
  last_customer_activity_at: number | null;
  invite_round: number;
}

export type ParticipantRow = {
  id: string;
  is_primary: number;
  role_name: string;
  name: string;
  email: string | null;
  phone: string | null;
  invite_channel: 'sms' | 'email';
  created_at: number;
  invited_at: number | null;
  invite_count: number;
  first_entered_at: number | null;
  window_started_at: number | null;
  last_seen_at: number | null;
  consent_at: number | null;
  auth_status: string;
  completed_at: number | null;
}

export type ItemRow = {
  id: string;
  kind: ItemKind;
  name: string;
  status: ItemStatus;
  assignees: string;
  thread_id: string | null;
  reason: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export type MessageRow = {
  id: string;
  thread_id: string | null;
  author_kind: 'agent' | 'participant';
  author_id: string;
  text: string | null;
  file_id: string | null;
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
  created_at: number;
}

export type ThreadRow = {
  id: string;
  participant_id: string;
  created_at: number;
}

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function sessionView(s: SessionRow, version: number) {
  return {
    id: s.id,
    status: s.status,
    agentId: s.agent_id,
    teamId: s.team_id,
    customerId: s.customer_id,
    crmRecord: s.crm_record_id ? { system: s.crm_system, objectType: s.crm_object, recordId: s.crm_record_id } : null,
    createdAt: iso(s.created_at),
    invitedAt: iso(s.invited_at),
    endedAt: iso(s.ended_at),
    closedAt: iso(s.closed_at),
    version,
  };
}
export type SessionView = ReturnType<typeof sessionView>;

export interface Presence {
  online: boolean;
  lastSeenAt: number | null;
}

/** A participant as the agent sees them: contact details included. */
export function participantView(p: ParticipantRow, presence: Presence, access: Access) {
  return {
    ...participantPublicView(p, presence),
    email: p.email,
    phone: p.phone,
    inviteChannel: p.invite_channel,
    invitedAt: iso(p.invited_at),
    inviteCount: p.invite_count,
    windowStartedAt: iso(p.window_started_at),
    access: { level: access.level, reason: access.reason, until: iso(access.until) },
  };
}
export type ParticipantView = ReturnType<typeof participantView>;

/** A participant as other participants see them: status, never contact details. */
export function participantPublicView(p: ParticipantRow, presence: Presence) {
  return {
    id: p.id,
    primary: p.is_primary === 1,
    roleName: p.role_name,
    name: p.name,
    online: presence.online,
    lastSeenAt: iso(presence.lastSeenAt),
    enteredAt: iso(p.first_entered_at),
    consentedAt: iso(p.consent_at),
    authStatus: p.auth_status,
    completed: p.completed_at !== null,
    completedAt: iso(p.completed_at),
  };
}

export function itemView(i: ItemRow) {
  return {
    id: i.id,
    kind: i.kind,
    name: i.name,
    status: i.status,
    assignees: JSON.parse(i.assignees) as string[],
    threadId: i.thread_id,
    reason: i.reason,
    createdAt: iso(i.created_at),
    updatedAt: iso(i.updated_at),
  };
}
export type ItemView = ReturnType<typeof itemView>;

export function messageView(m: MessageRow) {
  return {
    id: m.id,
    threadId: m.thread_id,
    author: { kind: m.author_kind, id: m.author_id },
    text: m.text,
    file: m.file_id ? { id: m.file_id, name: m.file_name, type: m.file_type, size: m.file_size } : null,
    createdAt: iso(m.created_at),
  };
}
export type MessageView = ReturnType<typeof messageView>;
