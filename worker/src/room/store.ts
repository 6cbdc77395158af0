// The session's storage: every SQL statement of the SessionRoom's core
// tables (its schema is in schema.ts, its row types in rows.ts; each app's
// own tables are in its <app>-store.ts). Feature modules read and write
// through these methods only, so what a session keeps, and how, is in one
// place per feature. Writes run inside EventLog.commit(), which wraps
// them in one transaction with the events they emit.
import type { ItemStatus } from '../domain/catalogue';
import type { AuditRow, ContactFields, DeliveryRow, DocumentRow, EventRow, FieldValueRow, ItemPlacement, ItemRow, MessageRow, NoticeRow, OtpRow, ParticipantRow, RoleRequestRow, SealAttemptsRow, SessionRow, ThreadRow } from './rows';
import { acceptedRequestFiles } from './request-store';
import { paymentRow } from './payment-store';
import { workflowSteps } from './workflow-store';

export type * from './rows';

export class RoomStore {
  constructor(
    /** The apps' own tables (schema v9) are read and written by their store files (request-store.ts, payment-store.ts, …) through this, so this file stays the core's. */
    readonly sql: SqlStorage,
    /** False until the session is created: an object nobody created has no tables, and holds no session. */
    private created: boolean,
  ) {}

  /** The tables exist now (schema.ts migrated them). */
  markCreated(): void {
    this.created = true;
  }

  /**
   * The session row as last read: nearly every request reads it, several
   * times, and only the methods below write it, so each write drops it. A
   * transaction that rolls back drops it too (EventLog.commit), since it may
   * have been read inside the transaction, changed.
   */
  private sessionRow: SessionRow | null | undefined;
  /** The newest event's version, kept like the session row: every change reads it, only insertEvent writes it. */
  private lastVersion: number | undefined;

  /** Forget rows kept in memory (after a rolled-back transaction). */
  forgetCached(): void {
    this.sessionRow = undefined;
    this.lastVersion = undefined;
  }

  private one<T extends Record<string, SqlStorageValue>>(query: string, ...args: unknown[]): T | null {
    return this.sql.exec<T>(query, ...args).toArray()[0] ?? null;
  }
  private all<T extends Record<string, SqlStorageValue>>(query: string, ...args: unknown[]): T[] {
    return this.sql.exec<T>(query, ...args).toArray();
  }
  private run(query: string, ...args: unknown[]): void {
    this.sql.exec(query, ...args);
  }

  // ─────────────────────────────── the session ───────────────────────────────

  session(): SessionRow | null {
    if (!this.created) return null;
    // Frozen: a caller that changed it would change every later caller's copy.
    if (this.sessionRow === undefined) this.sessionRow = Object.freeze(this.one<SessionRow>('SELECT * FROM session LIMIT 1'));
    return this.sessionRow;
  }
  /** Runs a statement that writes the session row, and drops the row kept in memory. */
  private writeSession(query: string, ...args: unknown[]): void {
    this.sessionRow = undefined;
    this.run(query, ...args);
  }
  insertSession(s: Pick<SessionRow, 'id' | 'org_id' | 'agent_id' | 'team_id' | 'customer_id' | 'crm_system' | 'crm_object' | 'crm_record_id' | 'created_at'>): void {
    this.writeSession(
      `INSERT INTO session (id, org_id, agent_id, team_id, customer_id, status, crm_system, crm_object, crm_record_id, created_at)
       VALUES (?, ?, ?, ?, ?, 'planned', ?, ?, ?, ?)`,
      s.id, s.org_id, s.agent_id, s.team_id, s.customer_id, s.crm_system, s.crm_object, s.crm_record_id, s.created_at,
    );
  }
  /** Invited (again): active, ended or closed no more, one more invitation round. */
  activateSession(at: number): void {
    this.writeSession(`UPDATE session SET status = 'active', invited_at = COALESCE(invited_at, ?), ended_at = NULL, closed_at = NULL, invite_round = invite_round + 1`, at);
  }
  endSession(at: number): void {
    this.writeSession(`UPDATE session SET status = 'ended', ended_at = ?`, at);
  }
  closeSession(at: number): void {
    this.writeSession(`UPDATE session SET status = 'closed', closed_at = ?`, at);
  }
  reassignSession(agentId: string, teamId: string | null): void {
    this.writeSession('UPDATE session SET agent_id = ?, team_id = ?', agentId, teamId);
  }
  touchCustomerActivity(at: number): void {
    this.writeSession('UPDATE session SET last_customer_activity_at = ?', at);
  }

  // ────────────────────────────── participants ──────────────────────────────

  participant(id: string): ParticipantRow | null {
    return this.one<ParticipantRow>('SELECT * FROM participants WHERE id = ?', id);
  }
  participants(): ParticipantRow[] {
    return this.all<ParticipantRow>('SELECT * FROM participants ORDER BY is_primary DESC, created_at, id');
  }
  /** The primary participant; throws when there is none (every session is created with one). */
  primary(): ParticipantRow {
    return this.sql.exec<ParticipantRow>('SELECT * FROM participants WHERE is_primary = 1').one();
  }
  /** The primary participant, or null: for readers such as write-back that must not fail a whole batch over one odd session. */
  findPrimary(): ParticipantRow | null {
    return this.one<ParticipantRow>('SELECT * FROM participants WHERE is_primary = 1 LIMIT 1');
  }
  insertParticipant(p: { id: string; primary: boolean; roleName: string; at: number } & ContactFields): void {
    this.run(
      'INSERT INTO participants (id, is_primary, role_name, name, email, phone, invite_channel, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      p.id, p.primary ? 1 : 0, p.roleName, p.name, p.email, p.phone, p.channel, p.at,
    );
  }
  /** The participant's language (i18n/locales.ts): given at invitation, chosen in the room, or the browser's at first entry; null: the browser's each time. */
  setLanguage(id: string, language: string | null): void {
    this.run('UPDATE participants SET language = ? WHERE id = ?', language, id);
  }
  updateContact(id: string, c: ContactFields): void {
    this.run('UPDATE participants SET name = ?, email = ?, phone = ?, invite_channel = ? WHERE id = ?', c.name, c.email, c.phone, c.channel, id);
  }
  /** A new invitation: the access window restarts from the next open. */
  markInvited(id: string, at: number): void {
    this.run('UPDATE participants SET invited_at = ?, invite_count = invite_count + 1, window_started_at = NULL WHERE id = ?', at, id);
  }
  markEntered(id: string, at: number): void {
    this.run(
      'UPDATE participants SET first_entered_at = COALESCE(first_entered_at, ?), window_started_at = COALESCE(window_started_at, ?), last_seen_at = ? WHERE id = ?',
      at, at, at, id,
    );
  }
  markSeen(id: string, at: number): void {
    this.run('UPDATE participants SET last_seen_at = ? WHERE id = ?', at, id);
  }
  markConsented(id: string, at: number): void {
    this.run('UPDATE participants SET consent_at = ? WHERE id = ?', at, id);
  }
  setCompleted(id: string, at: number | null): void {
    this.run('UPDATE participants SET completed_at = ? WHERE id = ?', at, id);
  }
  /**
   * Erase a participant's personal data: a neutral name, no email or phone,
   * and nothing left that let a device or a reminder reach them (their
   * devices, notices and delivery records).
   */
  forgetParticipant(id: string, name: string, at: number): void {
    this.run('UPDATE participants SET name = ?, email = NULL, phone = NULL, forgotten_at = ? WHERE id = ?', name, at, id);
    this.run('DELETE FROM devices WHERE participant_id = ?', id);
    this.run('DELETE FROM notices WHERE participant_id = ?', id);
    this.run('DELETE FROM deliveries WHERE participant_id = ?', id);
    // A code is as personal as an address: the sealed copy an agent could read goes too.
    this.run('DELETE FROM otp_codes WHERE participant_id = ?', id);
  }

  // ───────────────────────────────── devices ─────────────────────────────────

  insertDevice(hash: string, participantId: string, at: number): void {
    this.run('INSERT INTO devices (hash, participant_id, created_at) VALUES (?, ?, ?)', hash, participantId, at);
  }
  deviceOwner(hash: string): string | null {
    return this.one<{ participant_id: string }>('SELECT participant_id FROM devices WHERE hash = ?', hash)?.participant_id ?? null;
  }
  hasDevice(participantId: string): boolean {
    return this.one('SELECT 1 AS bound FROM devices WHERE participant_id = ? LIMIT 1', participantId) !== null;
  }

  // ────────────────────────────────── items ──────────────────────────────────

  item(id: string): ItemRow | null {
    return this.one<ItemRow>('SELECT * FROM items WHERE id = ?', id);
  }
  items(): ItemRow[] {
    return this.all<ItemRow>('SELECT * FROM items ORDER BY created_at, id');
  }
  insertItem(i: Pick<ItemRow, 'id' | 'kind' | 'name' | 'status' | 'thread_id' | 'created_by' | 'created_at'> & { assignees: string[]; placement?: ItemPlacement | null }): void {
    const p = i.placement ?? null;
    this.run(
      'INSERT INTO items (id, kind, name, status, assignees, thread_id, created_by, created_at, updated_at, parent_id, position, optional) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      i.id, i.kind, i.name, i.status, JSON.stringify([...new Set(i.assignees)]), i.thread_id, i.created_by, i.created_at, i.created_at,
      p?.parentId ?? null, p?.position ?? null, p?.optional ? 1 : 0,
    );
  }
  setItemStatus(id: string, status: ItemStatus, at: number): void {
    this.run('UPDATE items SET status = ?, updated_at = ? WHERE id = ?', status, at, id);
  }
  /** A move that also records (or clears) its reason. */
  setItemStatusWithReason(id: string, status: ItemStatus, reason: string | null, at: number): void {
    this.run('UPDATE items SET status = ?, reason = ?, updated_at = ? WHERE id = ?', status, reason, at, id);
  }
  setItemReason(id: string, reason: string): void {
    this.run('UPDATE items SET reason = ? WHERE id = ?', reason, id);
  }
  setItemAssignees(id: string, assignees: string[]): void {
    this.run('UPDATE items SET assignees = ? WHERE id = ?', JSON.stringify(assignees), id);
  }
  draftItemIds(): string[] {
    return this.all<{ id: string }>(`SELECT id FROM items WHERE status = 'draft' ORDER BY created_at, id`).map((r) => r.id);
  }
  /** Items counted by status, batches left out (their documents count instead). */
  itemCountsByStatus(): { status: ItemStatus; n: number }[] {
    return this.all<{ status: ItemStatus; n: number }>(`SELECT status, COUNT(*) AS n FROM items WHERE kind <> 'batch' GROUP BY status`);
  }

  // ───────────────────────────── chat and threads ─────────────────────────────

  insertMessage(m: MessageRow): void {
    this.run(
      'INSERT INTO messages (id, thread_id, author_kind, author_id, text, file_id, file_name, file_type, file_size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      m.id, m.thread_id, m.author_kind, m.author_id, m.text, m.file_id, m.file_name, m.file_type, m.file_size, m.created_at,
    );
  }
  /** The latest `limit` messages of the main chat (null) or a private thread, oldest first. */
  recentMessages(threadId: string | null, limit: number): MessageRow[] {
    return this.all<MessageRow>(
      'SELECT * FROM (SELECT * FROM messages WHERE thread_id IS ? ORDER BY created_at DESC, id DESC LIMIT ?) ORDER BY created_at, id',
      threadId,
      limit,
    );
  }
  messageWithFile(fileId: string): MessageRow | null {
    return this.one<MessageRow>('SELECT * FROM messages WHERE file_id = ?', fileId);
  }
  /** Every message of the session, every thread: what erasure reads through. */
  allMessages(): MessageRow[] {
    return this.all<MessageRow>('SELECT * FROM messages ORDER BY created_at, id');
  }
  /** A message's text replaced and its attachment (if any) dropped. */
  rewriteMessage(id: string, text: string | null, keepFile: boolean): void {
    if (keepFile) this.run('UPDATE messages SET text = ? WHERE id = ?', text, id);
    else this.run('UPDATE messages SET text = ?, file_id = NULL, file_name = NULL, file_type = NULL, file_size = NULL WHERE id = ?', text, id);
  }
  thread(id: string): ThreadRow | null {
    return this.one<ThreadRow>('SELECT * FROM threads WHERE id = ?', id);
  }
  threadOf(participantId: string): ThreadRow | null {
    return this.one<ThreadRow>('SELECT * FROM threads WHERE participant_id = ?', participantId);
  }
  threads(): ThreadRow[] {
    return this.all<ThreadRow>('SELECT * FROM threads ORDER BY created_at');
  }
  insertThread(t: ThreadRow): void {
    this.run('INSERT INTO threads (id, participant_id, created_at) VALUES (?, ?, ?)', t.id, t.participant_id, t.created_at);
  }

  // ────────────────────────────────── events ──────────────────────────────────

  version(): number {
    return (this.lastVersion ??= this.sql.exec<{ v: number | null }>('SELECT MAX(version) AS v FROM events').one().v ?? 0);
  }
  insertEvent(e: Omit<EventRow, 'published'>): void {
    this.lastVersion = undefined;
    this.run('INSERT INTO events (version, type, at, actor, audience, data) VALUES (?, ?, ?, ?, ?, ?)', e.version, e.type, e.at, e.actor, e.audience, e.data);
    this.lastVersion = e.version;
  }
  /** Events from version `since` on, for CRM write-back: what changed, not the payloads' full history. */
  eventsSince(since: number): Pick<EventRow, 'version' | 'type' | 'data'>[] {
    return this.all<Pick<EventRow, 'version' | 'type' | 'data'>>('SELECT version, type, data FROM events WHERE version >= ? ORDER BY version', since);
  }
  /** Every event's data, oldest first: what erasure rewrites. */
  allEventData(): Pick<EventRow, 'version' | 'data'>[] {
    return this.all<Pick<EventRow, 'version' | 'data'>>('SELECT version, data FROM events ORDER BY version');
  }
  /** An event's payload rewritten in place (erasure only: every other change appends). */
  rewriteEventData(version: number, data: string): void {
    this.run('UPDATE events SET data = ? WHERE version = ?', data, version);
  }
  eventsAfter(after: number, limit: number): EventRow[] {
    return this.all<EventRow>('SELECT * FROM events WHERE version > ? ORDER BY version LIMIT ?', after, limit);
  }
  unpublishedEvents(limit: number): EventRow[] {
    return this.all<EventRow>('SELECT * FROM events WHERE published = 0 ORDER BY version LIMIT ?', limit);
  }
  markPublished(upTo: number): void {
    this.run('UPDATE events SET published = 1 WHERE published = 0 AND version <= ?', upTo);
  }
  /** When an item last became "completed", or null. */
  lastCompletedAt(itemId: string): number | null {
    return (
      this.one<{ at: number }>(
        `SELECT at FROM events WHERE type = 'item.status_changed' AND json_extract(data, '$.item.id') = ? AND json_extract(data, '$.item.status') = 'completed' ORDER BY version DESC LIMIT 1`,
        itemId,
      )?.at ?? null
    );
  }

  // ────────────────────────────────── timers ──────────────────────────────────

  timerDue(key: string): number | null {
    return this.one<{ due_at: number }>('SELECT due_at FROM timers WHERE key = ?', key)?.due_at ?? null;
  }
  setTimer(key: string, dueAt: number): void {
    this.run('INSERT INTO timers (key, due_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET due_at = excluded.due_at', key, dueAt);
  }
  /** Removes a timer; true when there was one. */
  deleteTimer(key: string): boolean {
    return this.all('DELETE FROM timers WHERE key = ? RETURNING key', key).length > 0;
  }
  dueTimers(at: number): { key: string; due_at: number }[] {
    return this.all<{ key: string; due_at: number }>('SELECT key, due_at FROM timers WHERE due_at <= ? ORDER BY due_at, key', at);
  }
  earliestTimer(): number | null {
    return this.sql.exec<{ due: number | null }>('SELECT MIN(due_at) AS due FROM timers').one().due;
  }

  // ──────────────────────────────── documents ────────────────────────────────

  document(itemId: string): DocumentRow | null {
    return this.one<DocumentRow>('SELECT * FROM documents WHERE item_id = ?', itemId);
  }
  insertDocument(d: Omit<DocumentRow, 'roles_done' | 'sealed_key' | 'sealed_sha256' | 'sealed_at' | 'approver_id'>): void {
    this.run(
      `INSERT INTO documents (item_id, source, template_id, template_version, pdf_key, original_sha256, pages, fields, roles, signing_order, assignments, batch_id, batch_position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      d.item_id, d.source, d.template_id, d.template_version, d.pdf_key, d.original_sha256, d.pages, d.fields, d.roles, d.signing_order, d.assignments, d.batch_id, d.batch_position,
    );
  }
  batchDocumentAt(batchId: string, position: number): string | null {
    return this.one<{ item_id: string }>('SELECT item_id FROM documents WHERE batch_id = ? AND batch_position = ?', batchId, position)?.item_id ?? null;
  }
  setRolesDone(itemId: string, roles: string[]): void {
    this.run('UPDATE documents SET roles_done = ? WHERE item_id = ?', JSON.stringify(roles), itemId);
  }
  setApprover(itemId: string, approverId: string): void {
    this.run('UPDATE documents SET approver_id = ? WHERE item_id = ?', approverId, itemId);
  }
  setSealed(itemId: string, sealed: { key: string; sha256: string }, at: number): void {
    this.run('UPDATE documents SET sealed_key = ?, sealed_sha256 = ?, sealed_at = ? WHERE item_id = ?', sealed.key, sealed.sha256, at, itemId);
  }
  /** Approver by item, for documents forwarded for approval. */
  approvers(): Map<string, string> {
    return new Map(this.all<{ item_id: string; approver_id: string }>('SELECT item_id, approver_id FROM documents WHERE approver_id IS NOT NULL').map((d) => [d.item_id, d.approver_id]));
  }
  unsealedAssignments(): { item_id: string; assignments: string }[] {
    return this.all<{ item_id: string; assignments: string }>('SELECT item_id, assignments FROM documents WHERE sealed_key IS NULL');
  }
  acceptedFiles(itemId: string) {
    return acceptedRequestFiles(this.sql, itemId);
  }
  payment(itemId: string) {
    return paymentRow(this.sql, itemId);
  }
  workflowSteps(itemId: string) {
    return workflowSteps(this.sql, itemId);
  }
  sealedFile(itemId: string): { key: string; sha256: string } | null {
    const d = this.one<{ sealed_key: string | null; sealed_sha256: string | null }>('SELECT sealed_key, sealed_sha256 FROM documents WHERE item_id = ?', itemId);
    return d?.sealed_key && d.sealed_sha256 ? { key: d.sealed_key, sha256: d.sealed_sha256 } : null;
  }

  /** Files attached in any document's fields: part of those documents' record. */
  fileIdsInDocuments(): Set<string> {
    const rows = this.all<{ file_id: string | null }>(`SELECT json_extract(value, '$.fileId') AS file_id FROM field_values WHERE json_extract(value, '$.kind') = 'file'`);
    return new Set(rows.flatMap((r) => (r.file_id ? [r.file_id] : [])));
  }
  fieldValues(itemId: string): FieldValueRow[] {
    return this.all<FieldValueRow>('SELECT * FROM field_values WHERE item_id = ?', itemId);
  }
  insertFieldValue(v: FieldValueRow): void {
    this.run('INSERT INTO field_values (item_id, field_id, value, filled_by, filled_at) VALUES (?, ?, ?, ?, ?)', v.item_id, v.field_id, v.value, v.filled_by, v.filled_at);
  }
  /** A field's value, replacing the one before. */
  putFieldValue(v: FieldValueRow): void {
    this.run(
      `INSERT INTO field_values (item_id, field_id, value, filled_by, filled_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (item_id, field_id) DO UPDATE SET value = excluded.value, filled_by = excluded.filled_by, filled_at = excluded.filled_at`,
      v.item_id, v.field_id, v.value, v.filled_by, v.filled_at,
    );
  }

  lastAudit(itemId: string): { seq: number; hash: string } | null {
    return this.one<{ seq: number; hash: string }>('SELECT seq, hash FROM audit WHERE item_id = ? ORDER BY seq DESC LIMIT 1', itemId);
  }
  insertAudit(a: AuditRow): void {
    this.run(
      'INSERT INTO audit (item_id, seq, at, actor, event, detail, ip, user_agent, auth_method, doc_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      a.item_id, a.seq, a.at, a.actor, a.event, a.detail, a.ip, a.user_agent, a.auth_method, a.doc_hash, a.prev_hash, a.hash,
    );
  }
  auditRows(itemId: string): AuditRow[] {
    return this.all<AuditRow>('SELECT * FROM audit WHERE item_id = ? ORDER BY seq', itemId);
  }

  // ───────────────────────────── sealing tries ─────────────────────────────

  sealAttempts(itemId: string): SealAttemptsRow | null {
    return this.one<SealAttemptsRow>('SELECT * FROM seal_attempts WHERE item_id = ?', itemId);
  }
  /** One more try begins: counted before it runs, so a try the Worker never finished still counts. */
  beginSealAttempt(itemId: string, at: number): void {
    this.run(
      `INSERT INTO seal_attempts (item_id, attempts, last_attempt_at) VALUES (?1, 1, ?2)
       ON CONFLICT (item_id) DO UPDATE SET attempts = attempts + 1, last_attempt_at = ?2, failed_at = NULL`,
      itemId,
      at,
    );
  }
  noteSealFailure(itemId: string, reason: string): void {
    this.run('UPDATE seal_attempts SET reason = ? WHERE item_id = ?', reason, itemId);
  }
  markSealFailed(itemId: string, reason: string, at: number): void {
    this.run('UPDATE seal_attempts SET reason = ?, failed_at = ? WHERE item_id = ?', reason, at, itemId);
  }
  /** Sealed, or an admin's retry starts the count over. */
  clearSealAttempts(itemId: string): void {
    this.run('DELETE FROM seal_attempts WHERE item_id = ?', itemId);
  }
  /** Parley gave up sealing this document: why, after how many tries, since when. Null otherwise. */
  sealFailure(itemId: string): { reason: string; attempts: number; failed_at: number } | null {
    return this.one<{ reason: string; attempts: number; failed_at: number }>(
      'SELECT reason, attempts, failed_at FROM seal_attempts WHERE item_id = ? AND failed_at IS NOT NULL AND reason IS NOT NULL',
      itemId,
    );
  }

  // ───────────────────────────── message deliveries ─────────────────────────────

  deliveries(participantId?: string): DeliveryRow[] {
    return participantId === undefined
      ? this.all<DeliveryRow>('SELECT * FROM deliveries ORDER BY created_at DESC, channel')
      : this.all<DeliveryRow>('SELECT * FROM deliveries WHERE participant_id = ? ORDER BY created_at DESC, channel', participantId);
  }
  lastDelivery(participantId: string): DeliveryRow | null {
    return this.one<DeliveryRow>('SELECT * FROM deliveries WHERE participant_id = ? ORDER BY created_at DESC, updated_at DESC LIMIT 1', participantId);
  }
  delivery(participantId: string, channel: string): DeliveryRow | null {
    return this.one<DeliveryRow>('SELECT * FROM deliveries WHERE participant_id = ? AND channel = ?', participantId, channel);
  }
  saveDelivery(d: DeliveryRow): void {
    this.run(
      `INSERT INTO deliveries (participant_id, channel, message_id, kind, status, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (participant_id, channel) DO UPDATE SET message_id = excluded.message_id, kind = excluded.kind, status = excluded.status,
         reason = excluded.reason, created_at = excluded.created_at, updated_at = excluded.updated_at`,
      d.participant_id, d.channel, d.message_id, d.kind, d.status, d.reason, d.created_at, d.updated_at,
    );
  }

  // ────────────────────────── reminders and notices ──────────────────────────

  notices(): NoticeRow[] {
    return this.all<NoticeRow>('SELECT * FROM notices');
  }
  noticeActivity(participantId: string): { activity_at: number | null; last_notice_at: number | null } | null {
    return this.one('SELECT activity_at, last_notice_at FROM notices WHERE participant_id = ?', participantId);
  }
  noteActivity(participantId: string, at: number): void {
    this.run(
      `INSERT INTO notices (participant_id, activity_at) VALUES (?, ?)
       ON CONFLICT (participant_id) DO UPDATE SET activity_at = excluded.activity_at`,
      participantId,
      at,
    );
  }
  clearActivity(participantId: string): void {
    this.run('UPDATE notices SET activity_at = NULL WHERE participant_id = ? AND activity_at IS NOT NULL', participantId);
  }
  recordReminder(participantId: string, at: number): void {
    this.run(
      `INSERT INTO notices (participant_id, reminders_sent, last_reminder_at, last_notice_at) VALUES (?1, 1, ?2, ?2)
       ON CONFLICT (participant_id) DO UPDATE SET reminders_sent = reminders_sent + 1, last_reminder_at = ?2, last_notice_at = ?2`,
      participantId,
      at,
    );
  }
  recordActivityNotice(participantId: string, at: number): void {
    this.run('UPDATE notices SET activity_at = NULL, last_notice_at = ?2 WHERE participant_id = ?1', participantId, at);
  }

  // ───────────── co-signer status per document (room/signers.ts) ─────────────

  /** When each completion of a document was signed, and the roles it completed (the audit detail, "A, B"). */
  signedEntries(itemId: string): { at: number; detail: string | null }[] {
    return this.all<{ at: number; detail: string | null }>("SELECT at, detail FROM audit WHERE item_id = ? AND event = 'signed' ORDER BY seq", itemId);
  }

  // ─────── customer-assigned roles and "My contacts" (room/role-requests.ts) ───────

  insertRoleRequest(r: Pick<RoleRequestRow, 'item_id' | 'role_name' | 'assigner_id' | 'required' | 'created_at'>): void {
    this.run('INSERT INTO role_requests (item_id, role_name, assigner_id, required, created_at) VALUES (?, ?, ?, ?, ?)', r.item_id, r.role_name, r.assigner_id, r.required, r.created_at);
  }
  /** A document's roles left for the customer that are still waiting: neither given nor skipped. */
  pendingRoleRequests(itemId: string): RoleRequestRow[] {
    return this.all<RoleRequestRow>('SELECT * FROM role_requests WHERE item_id = ? AND participant_id IS NULL AND skipped_at IS NULL ORDER BY created_at, role_name', itemId);
  }
  roleGiven(itemId: string, roleName: string, participantId: string): void {
    this.run('UPDATE role_requests SET participant_id = ? WHERE item_id = ? AND role_name = ?', participantId, itemId, roleName);
  }
  roleSkipped(itemId: string, roleName: string, at: number): void {
    this.run('UPDATE role_requests SET skipped_at = ? WHERE item_id = ? AND role_name = ? AND participant_id IS NULL AND skipped_at IS NULL', at, itemId, roleName);
  }
  setAssignments(itemId: string, assignments: Record<string, string>): void {
    this.run('UPDATE documents SET assignments = ? WHERE item_id = ?', JSON.stringify(assignments), itemId);
  }
  setAssignedBy(participantId: string, assignerId: string): void {
    this.run('UPDATE participants SET assigned_by = ? WHERE id = ?', assignerId, participantId);
  }
  /** The participants one customer assigned in their Assign steps: their "My contacts". */
  participantsAssignedBy(assignerId: string): ParticipantRow[] {
    return this.all<ParticipantRow>('SELECT * FROM participants WHERE assigned_by = ? ORDER BY created_at, id', assignerId);
  }

  // ─────────────────────── one-time codes (room/otp.ts) ───────────────────────

  otp(participantId: string): OtpRow | null {
    return this.one<OtpRow>('SELECT * FROM otp_codes WHERE participant_id = ?', participantId);
  }
  /** A new code replaces the one before; the failures and the lock counted against the link stay. */
  saveOtpCode(r: Pick<OtpRow, 'participant_id' | 'code_hash' | 'sealed_code' | 'channel' | 'purpose' | 'sent_at' | 'expires_at'>): void {
    this.run(
      `INSERT INTO otp_codes (participant_id, code_hash, sealed_code, channel, purpose, sent_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (participant_id) DO UPDATE SET code_hash = excluded.code_hash, sealed_code = excluded.sealed_code, channel = excluded.channel,
         purpose = excluded.purpose, sent_at = excluded.sent_at, expires_at = excluded.expires_at`,
      r.participant_id, r.code_hash, r.sealed_code, r.channel, r.purpose, r.sent_at, r.expires_at,
    );
  }
  /** The code is spent (used, expired, or the link locked); when it was sent stays, for the wait before the next. */
  clearOtpCode(participantId: string): void {
    this.run('UPDATE otp_codes SET code_hash = NULL, sealed_code = NULL, expires_at = NULL WHERE participant_id = ?', participantId);
  }
  recordOtpFailure(participantId: string, failures: number, lockedUntil: number | null): void {
    this.run('UPDATE otp_codes SET failures = ?, locked_until = ? WHERE participant_id = ?', failures, lockedUntil, participantId);
  }
  /** Codes sent to a participant since `since`: counted from the event log, which keeps every send (and never the code). */
  otpSendsSince(participantId: string, since: number): number {
    return (
      this.one<{ n: number }>(
        `SELECT COUNT(*) AS n FROM events WHERE type = 'participant.otp_sent' AND at >= ? AND json_extract(data, '$.participant.id') = ?`,
        since,
        participantId,
      )?.n ?? 0
    );
  }
  markAuthenticated(participantId: string, method: 'otp_sms' | 'otp_email', at: number): void {
    this.run('UPDATE participants SET auth_status = ?, authenticated_at = ? WHERE id = ?', method, at, participantId);
  }
  /** A new device took the room over: every device bound before it is let go. */
  removeDevices(participantId: string): void {
    this.run('DELETE FROM devices WHERE participant_id = ?', participantId);
  }

  // ──────────────────────── chat reads (room/chat-reads.ts) ────────────────────────

  /** How far each reader ('agent', or a participant id) has read the chat: the time (ms) up to which they saw it. */
  chatReads(): Map<string, number> {
    return new Map(this.all<{ reader: string; read_until: number }>('SELECT reader, read_until FROM chat_reads').map((r) => [r.reader, r.read_until]));
  }
  /** One upsert moving a reader's mark forward, never back; true when it moved. */
  markChatRead(reader: string, until: number): boolean {
    const cursor = this.sql.exec(
      `INSERT INTO chat_reads (reader, read_until) VALUES (?, ?)
       ON CONFLICT (reader) DO UPDATE SET read_until = excluded.read_until WHERE excluded.read_until > chat_reads.read_until`,
      reader,
      until,
    );
    cursor.toArray(); // run to its end, so the count is final
    return cursor.rowsWritten > 0;
  }
}
