// The rows of the SessionRoom's SQLite tables as RoomStore reads and writes
// them (schema.ts creates the tables): one type per table, column names as
// in SQL, so a row read is a row as stored.
import type { DeliveryStatus, ItemKind, ItemStatus, SessionStatus } from '../domain/catalogue';
import type { Audience, EventType } from '../contract/events';

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
};

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
  /** When the person's data was erased (room/forgetting.ts); null for everyone else. */
  forgotten_at: number | null;
  /** When they last proved themselves with a one-time code (auth_status says how). */
  authenticated_at: number | null;
  /** The participant who assigned this one in an Assign step; null when the agent added them. */
  assigned_by: string | null;
  /** The participant's language (i18n/locales.ts), null: the browser's. */
  language: string | null;
};

/** A participant's current one-time code and the guesses counted against their link (room/otp.ts). */
export type OtpRow = {
  participant_id: string;
  code_hash: string | null;
  sealed_code: string | null;
  channel: 'sms' | 'email' | null;
  purpose: 'enter' | 'takeover' | null;
  sent_at: number | null;
  expires_at: number | null;
  failures: number;
  locked_until: number | null;
};

/** A document role the agent left for the customer to assign (room/role-requests.ts). */
export type RoleRequestRow = {
  item_id: string;
  role_name: string;
  assigner_id: string;
  required: number;
  participant_id: string | null;
  skipped_at: number | null;
  created_at: number;
};

/** Where an item sits inside another (a workflow's step): its parent, its place, whether it may be skipped, and whether it waits as a draft until its turn. */
export interface ItemPlacement {
  parentId: string;
  position: number;
  optional: boolean;
  draft: boolean;
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
  /** A workflow's step: the workflow item, the step's place (from 1), and whether it may be skipped (0/1). */
  parent_id: string | null;
  position: number | null;
  optional: number;
};

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
};

export type ThreadRow = { id: string; participant_id: string; created_at: number };

export type EventRow = { version: number; type: EventType; at: number; actor: string; audience: Audience; data: string; published: number };

export type DocumentRow = {
  item_id: string;
  source: string;
  template_id: string | null;
  template_version: number | null;
  pdf_key: string;
  original_sha256: string;
  pages: string;
  fields: string;
  roles: string;
  signing_order: 'parallel' | 'sequential';
  assignments: string;
  roles_done: string;
  sealed_key: string | null;
  sealed_sha256: string | null;
  sealed_at: number | null;
  approver_id: string | null;
  batch_id: string | null;
  batch_position: number | null;
};

export type FieldValueRow = { item_id: string; field_id: string; value: string; filled_by: string; filled_at: number };

export type AuditRow = {
  item_id: string;
  seq: number;
  at: number;
  actor: string;
  event: string;
  detail: string | null;
  ip: string | null;
  user_agent: string | null;
  auth_method: string | null;
  doc_hash: string | null;
  prev_hash: string;
  hash: string;
};

export type NoticeRow = {
  participant_id: string;
  reminders_sent: number;
  last_reminder_at: number | null;
  activity_at: number | null;
  last_notice_at: number | null;
};

/** A document's sealing tries since the last reset (room/sealing.ts). */
export type SealAttemptsRow = {
  item_id: string;
  attempts: number;
  last_attempt_at: number;
  /** Why the last try failed, as an agent reads it (documents/seal-failure.ts); null while the first is under way. */
  reason: string | null;
  /** Set once the last try failed: no timer tries it again, only an admin. */
  failed_at: number | null;
};

/** A participant's last message on one channel (room/deliveries.ts). */
export type DeliveryRow = {
  participant_id: string;
  channel: 'sms' | 'email';
  message_id: string;
  kind: string;
  status: DeliveryStatus;
  reason: string | null;
  /** When the outbox row was made: a report on an older message than this one is not news. */
  created_at: number;
  updated_at: number;
};

export type ContactFields = { name: string; email: string | null; phone: string | null; channel: 'sms' | 'email' };
