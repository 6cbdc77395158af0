// The SessionRoom's SQLite schema, versioned in a one-row table so an object
// created by an older build upgrades itself on first wake-up.
const MIGRATIONS: string[] = [
  `
  CREATE TABLE session (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    team_id TEXT,
    customer_id TEXT NOT NULL,
    status TEXT NOT NULL,
    crm_system TEXT,
    crm_object TEXT,
    crm_record_id TEXT,
    created_at INTEGER NOT NULL,
    invited_at INTEGER,
    ended_at INTEGER,
    closed_at INTEGER,
    last_customer_activity_at INTEGER,
    invite_round INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    is_primary INTEGER NOT NULL,
    role_name TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    invite_channel TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    invited_at INTEGER,
    invite_count INTEGER NOT NULL DEFAULT 0,
    first_entered_at INTEGER,
    window_started_at INTEGER,
    last_seen_at INTEGER,
    consent_at INTEGER,
    auth_status TEXT NOT NULL DEFAULT 'none',
    completed_at INTEGER
  );
  -- Devices that opened a participant's link; the room cookie names one.
  CREATE TABLE devices (
    hash TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE items (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    assignees TEXT NOT NULL,
    thread_id TEXT,
    reason TEXT,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    thread_id TEXT,
    author_kind TEXT NOT NULL,
    author_id TEXT NOT NULL,
    text TEXT,
    file_id TEXT,
    file_name TEXT,
    file_type TEXT,
    file_size INTEGER,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE events (
    version INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    audience TEXT NOT NULL,
    data TEXT NOT NULL,
    published INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX events_unpublished ON events (published) WHERE published = 0;
  CREATE TABLE timers (
    key TEXT PRIMARY KEY,
    due_at INTEGER NOT NULL
  );
  `,
  // v2: documents — the PDF behind a document item, its fields and roles, the
  // values signers gave, and a hash-chained audit trail per document.
  `
  CREATE TABLE documents (
    item_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    template_id TEXT,
    template_version INTEGER,
    pdf_key TEXT NOT NULL,
    original_sha256 TEXT NOT NULL,
    pages TEXT NOT NULL,
    fields TEXT NOT NULL,
    roles TEXT NOT NULL,
    signing_order TEXT NOT NULL,
    assignments TEXT NOT NULL,
    roles_done TEXT NOT NULL DEFAULT '[]',
    sealed_key TEXT,
    sealed_sha256 TEXT,
    sealed_at INTEGER,
    approver_id TEXT,
    batch_id TEXT,
    batch_position INTEGER
  );
  CREATE TABLE field_values (
    item_id TEXT NOT NULL,
    field_id TEXT NOT NULL,
    value TEXT NOT NULL,
    filled_by TEXT NOT NULL,
    filled_at INTEGER NOT NULL,
    PRIMARY KEY (item_id, field_id)
  );
  CREATE TABLE audit (
    item_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    event TEXT NOT NULL,
    detail TEXT,
    ip TEXT,
    user_agent TEXT,
    auth_method TEXT,
    doc_hash TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (item_id, seq)
  );
  `,
  // v3: reminders and new-activity notices per participant (room/notices.ts).
  `
  CREATE TABLE notices (
    participant_id TEXT PRIMARY KEY,
    reminders_sent INTEGER NOT NULL DEFAULT 0,
    last_reminder_at INTEGER,
    activity_at INTEGER,
    last_notice_at INTEGER
  );
  `,
  // v4: sealing tries per document (room/sealing.ts): how many since the
  // last reset, why the last one failed, and when Parley gave up. Kept here,
  // not in memory, so a restart in the middle of the waits counts on.
  `
  CREATE TABLE seal_attempts (
    item_id TEXT PRIMARY KEY,
    attempts INTEGER NOT NULL,
    last_attempt_at INTEGER NOT NULL,
    reason TEXT,
    failed_at INTEGER
  );
  `,
  // v5: what became of each participant's last message on each channel
  // (room/deliveries.ts), as the outbox and the providers report it.
  `
  CREATE TABLE deliveries (
    participant_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    message_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (participant_id, channel)
  );
  `,
  // v6: when a participant's personal data was erased at the request of the
  // person or their CRM (room/forgetting.ts). Set once: a forgotten
  // participant is never matched, invited or let in again.
  `
  ALTER TABLE participants ADD COLUMN forgotten_at INTEGER;
  `,
  // v7: several participants end to end (issue 13).
  // - participants.authenticated_at: when the participant last proved
  //   themselves with a one-time code (auth_status names how: otp_sms,
  //   otp_email); assigned_by: the participant who gave this one's contact
  //   details in an Assign step (their "My contacts"), null when the agent did.
  // - otp_codes: a participant's current one-time code (room/otp.ts), as a
  //   hash only; sealed_code only while the admin lets agents see codes.
  //   failures and locked_until outlive the code they were counted on, so
  //   asking for a new code does not buy more guesses.
  // - role_requests: roles of a document the agent left for the customer to
  //   assign (room/role-requests.ts): pending until given or skipped.
  `
  ALTER TABLE participants ADD COLUMN authenticated_at INTEGER;
  ALTER TABLE participants ADD COLUMN assigned_by TEXT;
  CREATE TABLE otp_codes (
    participant_id TEXT PRIMARY KEY,
    code_hash TEXT,
    sealed_code TEXT,
    channel TEXT,
    purpose TEXT,
    sent_at INTEGER,
    expires_at INTEGER,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER
  );
  CREATE TABLE role_requests (
    item_id TEXT NOT NULL,
    role_name TEXT NOT NULL,
    assigner_id TEXT NOT NULL,
    required INTEGER NOT NULL,
    participant_id TEXT,
    skipped_at INTEGER,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (item_id, role_name)
  );
  `,
  // v8: the customer's room in their language, and a chat that says what was read (issue 14).
  // - participants.language: the language the participant's room, messages and
  //   emails speak (i18n/locales.ts); set by the agent or the CRM contact at
  //   invitation, or by the customer's own choice; null: the browser decides.
  // - chat_reads: how far each reader (the agent, or a participant id) has read
  //   the chat, as the time of the newest message they saw, so each side sees
  //   "Read" under its own messages.
  `
  ALTER TABLE participants ADD COLUMN language TEXT;
  CREATE TABLE chat_reads (
    reader TEXT PRIMARY KEY,
    read_until INTEGER NOT NULL
  );
  `,
  // v9: the room's apps (issue 16). Each app keeps its own rows beside the
  // item it belongs to, read and written by its own store file
  // (request-store.ts, payment-store.ts, review-store.ts, workflow-store.ts).
  // - items.parent_id/position/optional: a workflow's steps are ordinary
  //   items under the workflow item, in order, some of them skippable.
  // - request_slots: each document asked for in a document request, with the
  //   file the customer gave for it now and the agent's decision;
  //   request_files: every file ever given for a slot (a replaced or rejected
  //   one included), for the audit.
  // - payments: a payment item's amount and what Stripe says of it;
  //   stripe_events: the webhook events already applied (Stripe redelivers).
  // - reviews/annotations: a document reviewed together, who leads and on
  //   which page, and the highlights and comments either side left on it.
  // - workflow_runs: which workflow (and version) a workflow item runs.
  `
  ALTER TABLE items ADD COLUMN parent_id TEXT;
  ALTER TABLE items ADD COLUMN position INTEGER;
  ALTER TABLE items ADD COLUMN optional INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX items_parent ON items (parent_id, position);
  CREATE TABLE request_slots (
    item_id TEXT NOT NULL,
    slot_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    category TEXT NOT NULL,
    label TEXT,
    note TEXT,
    required INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'pending',
    file_key TEXT,
    file_name TEXT,
    file_type TEXT,
    file_size INTEGER,
    sha256 TEXT,
    width INTEGER,
    height INTEGER,
    reason TEXT,
    submitted_by TEXT,
    submitted_at INTEGER,
    decided_by TEXT,
    decided_at INTEGER,
    PRIMARY KEY (item_id, slot_id)
  );
  CREATE TABLE request_files (
    item_id TEXT NOT NULL,
    slot_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    file_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_type TEXT NOT NULL,
    file_size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    outcome TEXT,
    PRIMARY KEY (item_id, slot_id, seq)
  );
  CREATE TABLE payments (
    item_id TEXT PRIMARY KEY,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    description TEXT NOT NULL,
    intent_id TEXT,
    state TEXT NOT NULL DEFAULT 'requested',
    failure_message TEXT,
    cancel_reason TEXT,
    amount_refunded INTEGER NOT NULL DEFAULT 0,
    card_brand TEXT,
    card_last4 TEXT,
    receipt_url TEXT,
    paid_at INTEGER,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE stripe_events (
    event_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    received_at INTEGER NOT NULL
  );
  CREATE TABLE reviews (
    item_id TEXT PRIMARY KEY,
    pdf_key TEXT NOT NULL,
    source_item_id TEXT,
    pages INTEGER NOT NULL,
    leader TEXT,
    page INTEGER NOT NULL DEFAULT 1,
    ended_at INTEGER
  );
  CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL,
    page INTEGER NOT NULL,
    kind TEXT NOT NULL,
    rects TEXT,
    text TEXT,
    colour TEXT,
    author TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    removed_at INTEGER
  );
  CREATE INDEX annotations_item ON annotations (item_id, page);
  CREATE TABLE workflow_runs (
    item_id TEXT PRIMARY KEY,
    workflow_id TEXT NOT NULL,
    workflow_version INTEGER NOT NULL,
    roles TEXT NOT NULL DEFAULT '{}'
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Whether this object holds a session at all. An id nobody created (a typo,
 * a probe) is answered without ever writing to storage.
 */
export function hasSchema(storage: DurableObjectStorage): boolean {
  return storage.sql.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`).toArray().length > 0;
}

/** Bring storage up to SCHEMA_VERSION (creating it on a new session's first write). */
export function migrate(storage: DurableObjectStorage): void {
  const { sql } = storage;
  sql.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = sql.exec<{ version: number }>('SELECT version FROM schema_version').toArray()[0];
  const current = row?.version ?? 0;
  if (current >= MIGRATIONS.length) return;
  storage.transactionSync(() => {
    for (let v = current; v < MIGRATIONS.length; v++) sql.exec(MIGRATIONS[v]!);
    sql.exec('DELETE FROM schema_version');
    sql.exec('INSERT INTO schema_version (version) VALUES (?)', MIGRATIONS.length);
  });
}
