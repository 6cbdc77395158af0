// The vocabulary every client shares: the kinds and statuses of sessions and
// items with the words people see for them, and each setting with its label,
// bounds and help. The Worker's pages and scripts import it; Salesforce gets
// the same words from force-app/…/lwc/parleyCatalogue, which
// scripts/emit-catalogue.mjs writes from this file (a test keeps it current),
// and the Salesforce picklists hold exactly these statuses and kinds. Pure.

export const SESSION_STATUSES = ['planned', 'active', 'ended', 'closed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

// task: a plain to-do the customer marks done themselves ("confirm your address");
// every other kind is an app with its own flow (domain/item-rules.ts).
export const ITEM_KINDS = ['template_document', 'adhoc_document', 'workflow', 'document_request', 'payment', 'shared_review', 'batch', 'task'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_STATUSES = [
  'draft',
  'awaiting_agent',
  'sent',
  'opened',
  'in_progress',
  'completed',
  'declined',
  'rejected',
  'expired',
  'cancelled',
  'pending_approval',
  'approved',
  'approval_declined',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** How a session's participant stands, as CRM records show it (crm/changes.ts derives it). */
export const PARTICIPANT_STATUSES = ['added', 'invited', 'entered', 'completed', 'access_expired'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** What agents read for a session's status. */
export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  planned: 'Pre-planned',
  active: 'Active',
  ended: 'Ended',
  closed: 'Closed',
};

export const PARTICIPANT_STATUS_LABELS: Record<ParticipantStatus, string> = {
  added: 'Not invited yet',
  invited: 'Invited',
  entered: 'Entered',
  completed: 'Completed',
  access_expired: 'Access expired',
};

/**
 * Where a participant's last message stands (notify/outbox.ts). `sending` and
 * `unknown` are the outbox's own (a try under way; a try that got no answer,
 * checked with the provider before any retry); the rest are what the
 * provider reported.
 */
export const DELIVERY_STATUSES = ['queued', 'held', 'sending', 'unknown', 'retrying', 'sent', 'delivered', 'failed', 'opted_out', 'expired'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  queued: 'Queued',
  held: 'Not sent: no provider',
  sending: 'Sending',
  unknown: 'Checking with the provider',
  retrying: 'Retrying',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
  opted_out: 'Opted out',
  expired: 'Expired unsent',
};

/** Statuses after which nothing more will happen to the message. */
export const FINAL_DELIVERY_STATUSES: ReadonlySet<DeliveryStatus> = new Set(['delivered', 'failed', 'opted_out', 'expired']);
/** A message that did not arrive and will not on its own: agents are told why and may send the invitation again. */
export const UNDELIVERED_STATUSES: ReadonlySet<DeliveryStatus> = new Set(['failed', 'opted_out', 'held', 'expired']);

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  template_document: 'Document',
  adhoc_document: 'Ad hoc document',
  workflow: 'Workflow',
  document_request: 'Document request',
  payment: 'Payment',
  shared_review: 'Shared review',
  batch: 'Batch',
  task: 'Task',
};

/** What agents read for an item's status. */
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  draft: 'Draft',
  awaiting_agent: 'Waiting for you',
  sent: 'Sent',
  opened: 'Opened',
  in_progress: 'In progress',
  completed: 'Completed',
  declined: 'Declined',
  rejected: 'Rejected',
  expired: 'Expired',
  cancelled: 'Cancelled',
  pending_approval: 'Pending approval',
  approved: 'Approved',
  approval_declined: 'Approval declined',
};

/** Statuses in which the assignee has nothing left to do. */
export const DONE_STATUSES: ReadonlySet<ItemStatus> = new Set(['completed', 'pending_approval', 'approved', 'approval_declined']);
/** Statuses waiting for a participant. */
export const WAITING_STATUSES: ReadonlySet<ItemStatus> = new Set(['sent', 'opened', 'in_progress']);
/** Statuses that end an item without completing it. */
export const CLOSED_STATUSES: ReadonlySet<ItemStatus> = new Set(['declined', 'rejected', 'expired', 'cancelled']);
/** Statuses of an item the agent is still preparing. */
export const PREPARING_STATUSES: ReadonlySet<ItemStatus> = new Set(['draft', 'awaiting_agent']);
/** Item kinds that are documents: they open on a document page. */
export const DOCUMENT_KINDS: ReadonlySet<ItemKind> = new Set(['template_document', 'adhoc_document']);

/** What a document request can ask for (one slot each; an ID card is asked as its front and back). */
export const REQUEST_CATEGORIES = ['id_card_front', 'id_card_back', 'passport', 'drivers_licence', 'proof_of_address', 'bank_statement', 'other'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];
export const REQUEST_CATEGORY_LABELS: Record<RequestCategory, string> = {
  id_card_front: 'ID card (front)',
  id_card_back: 'ID card (back)',
  passport: 'Passport',
  drivers_licence: "Driver's licence",
  proof_of_address: 'Proof of address',
  bank_statement: 'Bank statement',
  other: 'Other document',
};

/** Where one requested document stands: asked for, given by the customer, accepted or rejected (and asked again) by the agent. */
export const SLOT_STATUSES = ['pending', 'submitted', 'accepted', 'rejected'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];
export const SLOT_STATUS_LABELS: Record<SlotStatus, string> = {
  pending: 'Waiting for the customer',
  submitted: 'To review',
  accepted: 'Accepted',
  rejected: 'Rejected, asked again',
};

/** Where a payment stands, as Stripe reports it (only Stripe's webhook moves it past processing). */
export const PAYMENT_STATES = ['requested', 'awaiting_payment', 'requires_action', 'processing', 'failed', 'succeeded', 'partially_refunded', 'refunded', 'cancelled'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];
export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = {
  requested: 'Requested',
  awaiting_payment: 'Waiting for payment',
  requires_action: 'Waiting for the bank',
  processing: 'Processing',
  failed: 'Failed, can be tried again',
  succeeded: 'Paid',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
  cancelled: 'Cancelled',
};

export const SEARCH_SPACES = ['mine', 'team', 'all'] as const;
export type SearchSpace = (typeof SEARCH_SPACES)[number];
export const SEARCH_SPACE_LABELS: Record<SearchSpace, string> = {
  mine: 'Mine: their own sessions',
  team: "Team: their team's sessions",
  all: 'All: every session in the org',
};

export const MAX_AFTER_END_HOURS = 168;
export const MAX_ACCESS_WINDOW_HOURS = 2160; // 90 days
export const MAX_URL_LENGTH = 2048;
/** The parts of the inactivity auto-close duration and their ranges. */
export const DURATION_PARTS = [
  { unit: 'days', label: 'Days', max: 30 },
  { unit: 'hours', label: 'Hours', max: 23 },
  { unit: 'minutes', label: 'Minutes', max: 59 },
] as const;
/** The longest auto-close duration in words: "30 days, 23 hours and 59 minutes". */
const LONGEST_DURATION = DURATION_PARTS.map((p) => `${p.max} ${p.unit}`)
  .join(', ')
  .replace(/, ([^,]*)$/, ' and $1');

export const SETTING_GROUPS = [
  { name: 'session', title: 'During a session' },
  { name: 'afterEnd', title: 'After the session ends' },
] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number]['name'];

export type SettingKind = 'toggle' | 'hours' | 'space' | 'duration' | 'url';

export interface SettingDef {
  group: SettingGroup;
  key: string;
  kind: SettingKind;
  label: string;
  help?: string;
  min?: number;
  max?: number;
}

/** Every org and team setting of SPEC §6, in the order the setup pages show them. */
export const SETTINGS: readonly SettingDef[] = [
  { group: 'session', key: 'customerAttachments', kind: 'toggle', label: 'Customers may send attachments' },
  { group: 'session', key: 'customerChat', kind: 'toggle', label: 'Customers may chat' },
  {
    group: 'session',
    key: 'accessWindowHours',
    kind: 'hours',
    label: 'Access window after first open (hours)',
    min: 1,
    max: MAX_ACCESS_WINDOW_HOURS,
    help: `How long an invitation link works after the customer first opens it: 1 to ${MAX_ACCESS_WINDOW_HOURS} hours.`,
  },
  {
    group: 'session',
    key: 'inactiveAutoClose',
    kind: 'duration',
    label: 'Close inactive sessions automatically',
    help: `Off, or after this long without activity (up to ${LONGEST_DURATION}).`,
  },
  { group: 'session', key: 'reusableSessions', kind: 'toggle', label: 'Reusable sessions', help: 'Starting a session for a customer who already has an open one reuses it.' },
  { group: 'session', key: 'searchSpace', kind: 'space', label: 'Search space', help: 'Which sessions agents can find.' },
  { group: 'session', key: 'singleActiveSession', kind: 'toggle', label: 'Single active session per agent' },
  { group: 'session', key: 'singleDeviceAccess', kind: 'toggle', label: 'Single device access for customers' },
  { group: 'session', key: 'otpRequired', kind: 'toggle', label: 'One-time code required to enter' },
  { group: 'session', key: 'agentMaySeeOtp', kind: 'toggle', label: "Agents may see participants' one-time codes" },
  {
    group: 'session',
    key: 'smsEnabled',
    kind: 'toggle',
    label: 'Text messages (SMS) to participants',
    help: 'Off: invitations, codes and notices go by email only, and phone numbers are neither asked for nor accepted.',
  },
  { group: 'afterEnd', key: 'attachmentsAllowed', kind: 'toggle', label: 'Customers may still send attachments' },
  { group: 'afterEnd', key: 'chatAllowed', kind: 'toggle', label: 'Customers may still chat' },
  {
    group: 'afterEnd',
    key: 'fullAccessHours',
    kind: 'hours',
    label: 'Full access (hours)',
    min: 0,
    max: MAX_AFTER_END_HOURS,
    help: `Hours after the end during which the customer can still complete everything: 0 to ${MAX_AFTER_END_HOURS}.`,
  },
  {
    group: 'afterEnd',
    key: 'limitedAccessHours',
    kind: 'hours',
    label: 'Limited access (hours)',
    min: 0,
    max: MAX_AFTER_END_HOURS,
    help: `Further hours during which the customer can only view and download: 0 to ${MAX_AFTER_END_HOURS}.`,
  },
  {
    group: 'afterEnd',
    key: 'preventAccess',
    kind: 'toggle',
    label: 'Prevent access after the end',
    help: 'No access at all once the session ends; the customer is told the session has expired.',
  },
  {
    group: 'afterEnd',
    key: 'redirectUrl',
    kind: 'url',
    label: 'Redirect URL for denied customers',
    help: 'Where a customer who is denied access is sent for help (http or https). Leave empty for none.',
  },
];

export function settingsIn(group: SettingGroup): SettingDef[] {
  return SETTINGS.filter((def) => def.group === group);
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A setting's value in words, for "Inherit from org (currently: …)". */
export function describeSettingValue(def: Pick<SettingDef, 'kind'>, value: unknown): string {
  switch (def.kind) {
    case 'toggle':
      return value ? 'on' : 'off';
    case 'hours':
      return plural(Number(value), 'hour');
    case 'space':
      return String(value);
    case 'url':
      return value ? String(value) : 'none';
    case 'duration': {
      const d = value as { days: number; hours: number; minutes: number } | null;
      if (!d) return 'off';
      const parts = (
        [
          [d.days, 'day'],
          [d.hours, 'hour'],
          [d.minutes, 'minute'],
        ] as const
      )
        .filter(([n]) => n > 0)
        .map(([n, unit]) => plural(n, unit));
      return `after ${parts.join(' ')}`;
    }
  }
}
