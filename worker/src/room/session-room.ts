// SessionRoom: one Durable Object per session, the single writer of its state.
// Participants, presence (hibernating WebSockets), items, chat, the event log
// and timers all live in this object's SQLite storage. Every change is written
// first, then pushed to sockets, then published (CRM queue, D1 index).
import { DurableObject } from 'cloudflare:workers';
import { computeAccess, customerMay, afterEndBoundaries, windowEnd, type Access } from '../domain/access';
import { checkTransition, DONE_STATUSES, WAITING_STATUSES, type ItemKind, type ItemStatus } from '../domain/item-status';
import { canSee } from '../domain/search-space';
import { resolveSettings, durationToMs, type Settings, type StoredOverrides } from '../domain/settings';
import { sniffFileType, cleanFileName, MAX_ATTACHMENT_BYTES, ACCEPTED_TYPES } from '../domain/file-type';
import { base64url, newId, randomBytes, sha256Hex, sha256HexBytes } from '../auth/crypto';
import type { SealSigner } from '../documents/seal';
import { linkRows, mintParticipantLink, fullLink, shortLink } from '../auth/participant-link';
import { invitationText } from '../notify/invitation';
import { orgNotificationSettings } from '../directory/notification-settings-store';
import { orgDisclosure } from '../directory/settings-store';
import { findOrgSealing } from '../directory/org-sealing';
import { enqueueMessages, outboxMessage, type NewOutboxRow } from '../notify/outbox';
import { fail, notFound, ok, type Result } from '../errors';
import { now } from '../clock';
import { sendInBatches } from '../queues';
import type { Env } from '../env';
import { hasSchema, migrate } from './schema';
import { DocumentDesk, type DocumentSource, type Evidence, type LoadedDocument, type Signer } from './document-desk';
import type { FieldValue } from '../domain/fields';
import type { Audience, CrmEvent, EventType, SessionEvent } from './events';
import { crmChanges, type CrmChanges } from './crm-changes';
import { CustomerNotices, NOTICES_TIMER } from './customer-notices';
import {
  itemView,
  messageView,
  participantPublicView,
  participantView,
  sessionView,
  type ItemRow,
  type MessageRow,
  type ParticipantRow,
  type SessionRow,
  type ThreadRow,
} from './views';

export interface AgentActor {
  kind: 'agent';
  orgId: string;
  agentId: string;
  teamId: string | null;
  admin: boolean;
}
export interface ParticipantActor {
  kind: 'participant';
  participantId: string;
  deviceToken: string;
}
export type Actor = AgentActor | ParticipantActor;

export interface ContactInput {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
}

export interface CreateSessionInput {
  sessionId: string;
  orgId: string;
  orgName: string;
  agentId: string;
  agentName: string;
  teamId: string | null;
  customerId: string;
  customer: ContactInput;
  crm: { system: string; objectType: string | null; recordId: string } | null;
  invite: boolean;
}

export interface EnterInput {
  participantId: string;
  deviceToken: string | null;
  ip: string | null;
  userAgent: string | null;
}

export type EnterOutcome =
  | { outcome: 'ok'; deviceToken: string; access: Access }
  | { outcome: 'denied'; access: Access }
  | { outcome: 'device_refused' };

export interface NewItemInput {
  kind: ItemKind;
  name: string;
  assigneeIds?: string[] | undefined;
  threadId?: string | undefined;
  draft?: boolean | undefined;
}

export interface UploadInput {
  bytes: ArrayBuffer;
  fileName?: string | undefined;
  threadId?: string | undefined;
  text?: string | undefined;
}

export interface AddDocumentInput extends DocumentSource {
  /** Role name → participant id or "agent"; Customer and Agent default to the customer and the agent. */
  roles?: Record<string, string> | undefined;
  /** Values the document starts with (defaults and CRM merge values), already checked. */
  prefill?: Record<string, FieldValue> | undefined;
}

export type DocumentItemView = { item: ReturnType<typeof itemView>; document: ReturnType<DocumentDesk['view']> };

interface Socket {
  kind: 'agent' | 'participant';
  id: string;
}

const SETTINGS_TTL_MS = 10_000;
const PUBLISH_RETRY_MS = 30_000;
/** How long changes gather before they are published together. */
const FLUSH_DELAY_MS = 100;
const SEAL_RETRY_MS = 60_000;
const MESSAGE_PAGE = 200;
export const MAX_PARTICIPANTS = 50;
const IGNORED_FOR_COMPLETION: ReadonlySet<ItemStatus> = new Set(['cancelled', 'draft', 'awaiting_agent']);

export class SessionRoom extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  /** False until create(): an object nobody created has no tables and answers "not found". */
  private stored: boolean;
  private readonly settingsCache = new Map<string, { at: number; value: Settings }>();
  private flushing: Promise<void> = Promise.resolve();
  private flushTimer: Promise<void> | null = null;
  /** Events committed in the current change, pushed to sockets once it commits. */
  private outgoing: SessionEvent[] = [];
  /** What the D1 index last heard from us (status, agent, team); null after a wake-up. */
  private indexed: string | null = null;
  /** The document rules, working on this object's storage and events. */
  private readonly desk = new DocumentDesk({
    sql: this.ctx.storage.sql,
    session: () => this.sessionRow()!,
    participant: (id) => this.participant(id),
    item: (id) => this.item(id),
    commit: (change) => this.commit(change),
    emit: (type, actor, audience, data) => this.emit(type, actor, audience, data),
    itemAudience: (threadId) => this.itemAudience(threadId),
    refreshCompletion: (actor) => this.refreshCompletion(actor),
    fileName: (fileId) => this.sql.exec<{ file_name: string }>('SELECT file_name FROM messages WHERE file_id = ?', fileId).toArray()[0]?.file_name ?? null,
  });
  /** Names the invitation needs; held in memory, reloaded from D1 after eviction. */
  private names: { orgName: string; agentName: string } | null = null;
  /** Reminders and new-activity notices for customers who are away. */
  private readonly notices = new CustomerNotices({
    env: this.env,
    sql: this.ctx.storage.sql,
    session: () => this.sessionRow()!,
    participants: () => this.participants(),
    online: (id) => this.participantOnline(id),
    access: (p) => this.cachedAccessOf(p),
    names: () => this.inviteNames(),
    commit: (change) => this.commit(change),
    emit: (type, actor, audience, data) => this.emit(type, actor, audience, data),
    participantData: (id) => this.participantData(id),
    setTimer: (key, dueAt) => {
      // Planned after every change: write only when the plan moved.
      const current = this.sql.exec<{ due_at: number }>('SELECT due_at FROM timers WHERE key = ?', key).toArray()[0]?.due_at ?? null;
      if (current === dueAt) return;
      if (dueAt === null) this.sql.exec('DELETE FROM timers WHERE key = ?', key);
      else this.setTimer(key, dueAt);
    },
    armAlarm: () => this.armAlarm(),
  });
  private noticesScheduled: Promise<void> | null = null;
  /** Set by an event of the current change that may move the reminders and notices plan. */
  private noticesMoved = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.stored = hasSchema(ctx.storage);
    if (this.stored) migrate(ctx.storage);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  // ───────────────────────────── agent operations ─────────────────────────────

  async create(input: CreateSessionInput): Promise<Result<AgentRoomView>> {
    const existing = this.sessionRow();
    if (existing) {
      return existing.org_id === input.orgId ? ok(await this.agentView()) : notFound('session');
    }
    if (!this.stored) {
      migrate(this.ctx.storage);
      this.stored = true;
    }
    const at = now();
    this.names = { orgName: input.orgName, agentName: input.agentName };
    const primaryId = newId('par');
    this.commit(() => {
      this.sql.exec(
        `INSERT INTO session (id, org_id, agent_id, team_id, customer_id, status, crm_system, crm_object, crm_record_id, created_at)
         VALUES (?, ?, ?, ?, ?, 'planned', ?, ?, ?, ?)`,
        input.sessionId,
        input.orgId,
        input.agentId,
        input.teamId,
        input.customerId,
        input.crm?.system ?? null,
        input.crm?.objectType ?? null,
        input.crm?.recordId ?? null,
        at,
      );
      this.insertParticipant(primaryId, true, 'Customer', input.customer, at);
      this.emit('session.created', `agent:${input.agentId}`, 'all', { session: this.sessionData() });
      this.emit('participant.added', `agent:${input.agentId}`, 'all', { participant: this.participantData(primaryId) });
    });
    if (input.invite) {
      const invited = await this.inviteAll(`agent:${input.agentId}`, 'session.invited');
      if (!invited.ok) return invited;
    }
    await this.flush();
    return ok(await this.agentView());
  }

  async view(actor: AgentActor): Promise<Result<AgentRoomView>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    return ok(await this.agentView());
  }

  /** Pre-planned session: send the invitations now; the session begins. */
  async invite(actor: AgentActor): Promise<Result<AgentRoomView>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status !== 'planned') return fail(409, 'already_invited', `the session is ${s.value.status}; the invitation has already gone out (use renew to send it again)`);
    const r = await this.inviteAll(`agent:${actor.agentId}`, 'session.invited');
    if (!r.ok) return r;
    await this.flush();
    return ok(await this.agentView());
  }

  /** Send the invitation again; each participant's access window restarts from their next open. */
  async renew(actor: AgentActor): Promise<Result<AgentRoomView>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'planned') return fail(409, 'not_invited', 'the session has not been invited yet; invite it first');
    if (this.primary().first_entered_at === null) {
      return fail(409, 'no_contact_yet', 'renew is available once the customer has opened the invitation; change the contact details and resend instead');
    }
    const r = await this.inviteAll(`agent:${actor.agentId}`, 'session.renewed');
    if (!r.ok) return r;
    await this.flush();
    return ok(await this.agentView());
  }

  /**
   * A returning customer (reusable sessions): the same session comes back.
   * Planned: invite if asked. Ended or closed: reopened and invited again.
   * Active: as it is; the customer already holds a working link.
   */
  async resume(actor: AgentActor, invite: boolean): Promise<Result<AgentRoomView>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    const status = s.value.status;
    if ((status === 'planned' && invite) || status === 'ended' || status === 'closed') {
      const r = await this.inviteAll(`agent:${actor.agentId}`, status === 'planned' ? 'session.invited' : 'session.renewed');
      if (!r.ok) return r;
      await this.flush();
    }
    return ok(await this.agentView());
  }

  async end(actor: AgentActor): Promise<Result<AgentRoomView>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'ended' || s.value.status === 'closed') return fail(409, 'already_ended', `the session is already ${s.value.status}`);
    const at = now();
    const settings = await this.settings();
    this.commit(() => {
      this.sql.exec(`UPDATE session SET status = 'ended', ended_at = ? WHERE id = ?`, at, s.value.id);
      this.sql.exec(`DELETE FROM timers WHERE key = 'autoclose'`);
      if (!settings.afterEnd.preventAccess) {
        const { fullUntil, limitedUntil } = afterEndBoundaries(at, settings);
        if (limitedUntil > fullUntil) this.setTimer('full_access_end', fullUntil);
        this.setTimer('limited_access_end', limitedUntil);
      }
      this.emit('session.ended', `agent:${actor.agentId}`, 'all', { session: this.sessionData() });
    });
    await this.armAlarm();
    await this.flush();
    return ok(await this.agentView());
  }

  /** Hand the session to another agent (take-over from the address book). */
  async reassign(actor: AgentActor, agentId: string, teamId: string | null): Promise<Result<AgentRoomView>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.agent_id !== agentId) {
      this.names = null;
      this.commit(() => {
        this.sql.exec('UPDATE session SET agent_id = ?, team_id = ? WHERE id = ?', agentId, teamId, s.value.id);
        this.emit('session.reassigned', `agent:${actor.agentId}`, 'all', { session: this.sessionData(), from: s.value.agent_id });
      });
      await this.flush();
    }
    return ok(await this.agentView());
  }

  async addParticipant(actor: AgentActor, input: { roleName: string } & ContactInput): Promise<Result<AgentRoomView['participants'][number]>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'ended' || s.value.status === 'closed') return fail(409, 'session_over', `the session is ${s.value.status}; renew it before adding participants`);
    if (this.participants().length >= MAX_PARTICIPANTS) return fail(409, 'too_many_participants', `a session can have at most ${MAX_PARTICIPANTS} participants`);
    const id = newId('par');
    this.commit(() => {
      this.insertParticipant(id, false, input.roleName, input, now());
      this.emit('participant.added', `agent:${actor.agentId}`, 'all', { participant: this.participantData(id) });
    });
    if (s.value.status === 'active') {
      const r = await this.sendInvitations([this.participant(id)!], `agent:${actor.agentId}`, { revokeOld: false });
      if (!r.ok) return r;
    }
    await this.flush();
    return ok(await this.participantForAgent(id));
  }

  /** Re-engage: change a participant's contact details and resend, until they have entered. */
  async reengage(actor: AgentActor, participantId: string, contact: Partial<ContactInput>): Promise<Result<AgentRoomView['participants'][number]>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    const p = this.participant(participantId);
    if (!p) return notFound('participant');
    if (p.first_entered_at !== null) return fail(409, 'already_entered', `${p.name} has already entered the room; their contact details can no longer change`);
    const email = contact.email !== undefined ? contact.email : p.email;
    const phone = contact.phone !== undefined ? contact.phone : p.phone;
    this.commit(() => {
      this.sql.exec(
        'UPDATE participants SET name = ?, email = ?, phone = ?, invite_channel = ? WHERE id = ?',
        contact.name ?? p.name,
        email,
        phone,
        preferredChannel({ email, phone }),
        p.id,
      );
      this.emit('participant.reengaged', `agent:${actor.agentId}`, 'all', { participant: this.participantData(p.id) });
    });
    if (s.value.status !== 'planned') {
      // The old link may have gone to the wrong person: it stops working.
      const r = await this.sendInvitations([this.participant(p.id)!], `agent:${actor.agentId}`, { revokeOld: true });
      if (!r.ok) return r;
    }
    await this.flush();
    return ok(await this.participantForAgent(p.id));
  }

  async openPrivateSession(actor: AgentActor, participantId: string): Promise<Result<{ threadId: string; participantId: string }>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    if (!this.participant(participantId)) return notFound('participant');
    const existing = this.sql.exec<ThreadRow>('SELECT * FROM threads WHERE participant_id = ?', participantId).toArray()[0];
    if (existing) return ok({ threadId: existing.id, participantId });
    const id = newId('thr');
    this.commit(() => {
      this.sql.exec('INSERT INTO threads (id, participant_id, created_at) VALUES (?, ?, ?)', id, participantId, now());
      this.emit('private_session.opened', `agent:${actor.agentId}`, `participant:${participantId}`, { threadId: id, participantId });
    });
    await this.flush();
    return ok({ threadId: id, participantId });
  }

  async addItem(actor: AgentActor, input: NewItemInput): Promise<Result<AgentRoomView['items'][number]>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'ended' || s.value.status === 'closed') return fail(409, 'session_over', `the session is ${s.value.status}; renew it before sending items`);
    let assignees = input.assigneeIds ?? [];
    if (input.threadId) {
      const thread = this.thread(input.threadId);
      if (!thread) return notFound('private session');
      if (assignees.length === 0) assignees = [thread.participant_id];
      if (assignees.some((a) => a !== thread.participant_id)) return fail(422, 'invalid_assignees', 'items in a private session can only be assigned to its participant');
    }
    if (assignees.length === 0) assignees = [this.primary().id];
    const unknown = assignees.filter((a) => !this.participant(a));
    if (unknown.length) return fail(422, 'invalid_assignees', `assigneeIds: no participant ${unknown.join(', ')} in this session`);
    const id = newId('itm');
    const at = now();
    const status: ItemStatus = input.draft || s.value.status === 'planned' ? 'draft' : 'sent';
    this.commit(() => {
      this.sql.exec(
        'INSERT INTO items (id, kind, name, status, assignees, thread_id, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        id,
        input.kind,
        input.name,
        status,
        JSON.stringify([...new Set(assignees)]),
        input.threadId ?? null,
        `agent:${actor.agentId}`,
        at,
        at,
      );
      this.emit('item.created', `agent:${actor.agentId}`, this.itemAudience(input.threadId ?? null), { item: itemView(this.item(id)!) });
      this.refreshCompletion(`agent:${actor.agentId}`);
    });
    await this.flush();
    return ok(itemView(this.item(id)!));
  }

  /** Move an item along its status machine, as the agent or as a participant. */
  async setItemStatus(actor: Actor, itemId: string, to: ItemStatus, reason?: string): Promise<Result<AgentRoomView['items'][number]>> {
    const who = await this.authorize(actor);
    if (!who.ok) return who;
    const item = this.item(itemId);
    if (!item || !this.canSeeItem(actor, item)) return notFound('item');
    if (actor.kind === 'participant') {
      if (!(JSON.parse(item.assignees) as string[]).includes(actor.participantId)) return fail(403, 'not_assignee', 'this item is addressed to another participant');
      const denied = this.requireFullAccess(who.value.access!);
      if (denied) return denied;
    }
    if (this.desk.isDocument(item) && to !== 'opened' && to !== 'cancelled') {
      return fail(409, 'use_document_actions', 'a document is completed by signing it and declined with a reason, through its own actions');
    }
    const check = checkTransition(item.status, to, actor.kind);
    if (!check.ok) return fail(409, 'illegal_transition', check.message);
    if ((to === 'declined' || to === 'rejected') && !reason) return fail(422, 'reason_required', `reason: a reason is required to mark an item ${to}`);
    const at = now();
    const actorKey = actorKeyOf(actor);
    this.commit(() => {
      this.sql.exec('UPDATE items SET status = ?, reason = ?, updated_at = ? WHERE id = ?', to, reason ?? null, at, item.id);
      this.emit('item.status_changed', actorKey, this.itemAudience(item.thread_id), { item: itemView(this.item(item.id)!), from: item.status });
      this.refreshCompletion(actorKey);
      if (actor.kind === 'participant') this.touchCustomerActivity(at, who.value.settings);
    });
    await this.armAlarm();
    this.flushSoon();
    return ok(itemView(this.item(item.id)!));
  }

  async postMessage(actor: Actor, input: { text: string; threadId?: string | undefined }): Promise<Result<AgentRoomView['messages'][number]>> {
    const pre = await this.messagePrecheck(actor, input.threadId, 'chat');
    if (!pre.ok) return pre;
    return ok(this.addMessage(actor, pre.value.settings, { text: input.text, threadId: input.threadId, file: null }));
  }

  /** A chat attachment: size-limited, typed from its bytes, stored under a random key. */
  async uploadAttachment(actor: Actor, input: UploadInput): Promise<Result<AgentRoomView['messages'][number]>> {
    if (input.bytes.byteLength === 0) return fail(422, 'empty_file', 'file: the file is empty');
    if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) {
      return fail(413, 'file_too_large', `file: ${input.bytes.byteLength} bytes is over the ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB limit`);
    }
    const bytes = new Uint8Array(input.bytes);
    const type = sniffFileType(bytes);
    if (!type) return fail(415, 'unsupported_type', `file: the content is not a ${ACCEPTED_TYPES} file`);
    const precheck = await this.messagePrecheck(actor, input.threadId, 'attach');
    if (!precheck.ok) return precheck;
    const session = this.sessionRow()!;
    const fileId = newId('fil');
    await this.env.FILES.put(fileKey(session, fileId), bytes, {
      httpMetadata: { contentType: type.mime },
      customMetadata: { sessionId: session.id, uploadedBy: actorKeyOf(actor) },
    });
    return ok(this.addMessage(actor, precheck.value.settings, {
      text: input.text?.trim() || null,
      threadId: input.threadId,
      file: { id: fileId, name: cleanFileName(input.fileName, type.ext), type: type.mime, size: bytes.byteLength },
    }));
  }

  /** A file this actor may see: returns where it is stored. Limited access may still download. */
  async file(actor: Actor, fileId: string): Promise<Result<{ key: string; name: string; type: string; size: number }>> {
    const who = await this.authorize(actor);
    if (!who.ok) return who;
    const m = this.sql.exec<MessageRow>('SELECT * FROM messages WHERE file_id = ?', fileId).toArray()[0];
    if (!m || !this.canSeeThread(actor, m.thread_id)) return notFound('file');
    return ok({ key: fileKey(this.sessionRow()!, fileId), name: m.file_name!, type: m.file_type!, size: m.file_size! });
  }

  async events(actor: AgentActor, after: number, limit: number): Promise<Result<SessionEvent[]>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    const rows = this.sql
      .exec<EventRow>('SELECT * FROM events WHERE version > ? ORDER BY version LIMIT ?', after, limit)
      .toArray();
    return ok(rows.map(eventFromRow));
  }

  /**
   * For CRM write-back (a queue consumer, not an agent): the records changed
   * from event `since` on, at their current state. Null for an id nobody created.
   */
  crmChanges(since: number): CrmChanges | null {
    if (!this.stored) return null;
    return crmChanges(this.sql, since);
  }

  // ──────────────────────────────── documents ────────────────────────────────

  /** Send a document (from a template or uploaded ad hoc) as an item. */
  async addDocument(actor: AgentActor, input: AddDocumentInput): Promise<Result<DocumentItemView>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'ended' || s.value.status === 'closed') return fail(409, 'session_over', `the session is ${s.value.status}; renew it before sending documents`);
    const assignments = this.desk.resolveAssignments(input.definition, input.roles, this.primary().id);
    if (!assignments.ok) return assignments;
    const id = newId('itm');
    const actorKey = `agent:${actor.agentId}`;
    this.commit(() => this.insertDocument(id, input, assignments.value, actorKey, { release: s.value.status !== 'planned' }));
    this.flushSoon();
    return ok({ item: itemView(this.item(id)!), document: this.desk.view(this.desk.load(id)!, { kind: 'agent', agentId: actor.agentId }) });
  }

  /** A batch: several documents as one item, completed in the given order, each unlocking when the one before is done. */
  async addBatch(actor: AgentActor, name: string, documents: AddDocumentInput[]): Promise<Result<{ batch: ReturnType<typeof itemView>; documents: ReturnType<typeof itemView>[] }>> {
    const s = await this.agentSession(actor);
    if (!s.ok) return s;
    if (s.value.status === 'ended' || s.value.status === 'closed') return fail(409, 'session_over', `the session is ${s.value.status}; renew it before sending documents`);
    const resolved: Record<string, string>[] = [];
    for (const [i, d] of documents.entries()) {
      const a = this.desk.resolveAssignments(d.definition, d.roles, this.primary().id);
      if (!a.ok) return { ...a, message: `documents.${i}.${a.message}` };
      resolved.push(a.value);
    }
    const batchId = newId('itm');
    const ids = documents.map(() => newId('itm'));
    const actorKey = `agent:${actor.agentId}`;
    const at = now();
    const planned = s.value.status === 'planned';
    this.commit(() => {
      const assignees = [...new Set(resolved.flatMap((a) => Object.values(a)).filter((who) => who !== 'agent'))];
      this.sql.exec(
        'INSERT INTO items (id, kind, name, status, assignees, thread_id, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)',
        batchId,
        'batch',
        name,
        planned ? 'draft' : 'sent',
        JSON.stringify(assignees),
        actorKey,
        at,
        at,
      );
      this.emit('item.created', actorKey, 'all', { item: itemView(this.item(batchId)!) });
      documents.forEach((d, i) => this.insertDocument(ids[i]!, { ...d, batch: { id: batchId, position: i + 1 } }, resolved[i]!, actorKey, { release: !planned && i === 0 }));
    });
    this.flushSoon();
    return ok({ batch: itemView(this.item(batchId)!), documents: ids.map((id) => itemView(this.item(id)!)) });
  }

  /**
   * Insert a document item; runs inside commit(). Released, it goes out at
   * once; otherwise it waits as a draft (a pre-planned session, or a batch
   * document before its turn).
   */
  private insertDocument(
    id: string,
    input: AddDocumentInput & { batch?: { id: string; position: number } },
    assignments: Record<string, string>,
    actorKey: string,
    opts: { release: boolean },
  ): void {
    const at = now();
    const assignees = [...new Set(Object.values(assignments).filter((who) => who !== 'agent'))];
    this.sql.exec(
      'INSERT INTO items (id, kind, name, status, assignees, thread_id, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)',
      id,
      input.source === 'template' ? 'template_document' : 'adhoc_document',
      input.name,
      'draft',
      JSON.stringify(assignees),
      actorKey,
      at,
      at,
    );
    this.desk.insert({ ...input, itemId: id, assignments });
    this.desk.prefill(id, input.prefill ?? {}, actorKey);
    this.emit('item.created', actorKey, 'all', { item: itemView(this.item(id)!) });
    if (opts.release) this.desk.release(id, actorKey, { batchTurn: true });
    this.refreshCompletion(actorKey);
  }

  /** A document as this actor sees it. A signer's first look is recorded: the item is opened, the trail says viewed. */
  async document(actor: Actor, itemId: string, evidence?: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.documentFor(actor, itemId);
    if (!found.ok) return found;
    let { doc } = found.value;
    const { signer } = found.value;
    if (evidence && signer.kind === 'participant' && doc.item.status === 'sent' && this.desk.rolesOf(doc, signer).length > 0) {
      this.desk.markViewed(doc, signer, evidence);
      doc = this.desk.load(itemId)!;
      this.flushSoon();
    }
    return ok({ item: itemView(doc.item), document: this.desk.view(doc, signer) });
  }

  async fillField(actor: Actor, itemId: string, fieldId: string, value: FieldValue, evidence: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.documentFor(actor, itemId, { act: true });
    if (!found.ok) return found;
    const r = this.desk.fill(found.value.doc, found.value.signer, fieldId, value, evidence, this.hasConsented(actor));
    if (!r.ok) return r;
    this.flushSoon();
    return this.document(actor, itemId);
  }

  /** The signer (customer, co-signer, or the agent signing as agent) finishes their part; the last one seals it. */
  async completeDocument(actor: Actor, itemId: string, evidence: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.documentFor(actor, itemId, { act: true });
    if (!found.ok) return found;
    const r = this.desk.complete(found.value.doc, found.value.signer, evidence, this.hasConsented(actor));
    if (!r.ok) return r;
    if (r.value.allDone) await this.sealDocument(itemId);
    this.flushSoon();
    return this.document(actor, itemId);
  }

  async declineDocument(actor: ParticipantActor, itemId: string, reason: string, evidence: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.documentFor(actor, itemId, { act: true });
    if (!found.ok) return found;
    const r = this.desk.decline(found.value.doc, { kind: 'participant', participantId: actor.participantId }, reason, evidence);
    if (!r.ok) return r;
    this.flushSoon();
    return this.document(actor, itemId);
  }

  /** Forward for approval: after completion, a third party (their own link) approves or declines. */
  async forwardDocument(actor: AgentActor, itemId: string, approver: ContactInput): Promise<Result<DocumentItemView>> {
    const found = await this.documentFor(actor, itemId);
    if (!found.ok) return found;
    const forwardable = this.desk.forwardable(found.value.doc);
    if (!forwardable.ok) return forwardable;
    const added = await this.addParticipant(actor, { roleName: 'Approver', ...approver });
    if (!added.ok) return added;
    this.desk.forward(this.desk.load(itemId)!, added.value.id, actor.agentId);
    this.flushSoon();
    return this.document(actor, itemId);
  }

  async decideApproval(actor: ParticipantActor, itemId: string, decision: 'approve' | 'decline', reason: string | undefined, evidence: Evidence): Promise<Result<DocumentItemView>> {
    const found = await this.documentFor(actor, itemId, { act: true });
    if (!found.ok) return found;
    const r = this.desk.decideApproval(found.value.doc, actor.participantId, decision, reason, evidence);
    if (!r.ok) return r;
    this.flushSoon();
    return this.document(actor, itemId);
  }

  /**
   * The document's PDF: the sealed file once complete; before that, the
   * current state, with the values given so far drawn in (a preview, not
   * signed). Downloads are audited; limited access may still download.
   */
  async documentPdf(actor: Actor, itemId: string, evidence: Evidence): Promise<Result<{ name: string } & ({ key: string } | { bytes: Uint8Array })>> {
    const found = await this.documentFor(actor, itemId);
    if (!found.ok) return found;
    const { doc, signer } = found.value;
    const base = doc.item.name.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 100) || 'document';
    const actorKey = signer.kind === 'agent' ? `agent:${signer.agentId}` : `participant:${signer.participantId}`;
    if (doc.row.sealed_key) {
      this.commit(() => this.desk.audit(itemId, { actor: actorKey, event: 'downloaded', detail: 'sealed', evidence, authMethod: null }));
      return ok({ key: doc.row.sealed_key, name: `${base} (sealed).pdf` });
    }
    const original = await this.env.FILES.get(doc.row.pdf_key);
    if (!original) return notFound('document file');
    const { flattenDocument } = await import('../documents/flatten');
    const { values, attachmentNames } = this.desk.valuesOf(doc);
    const bytes = await flattenDocument(new Uint8Array(await original.arrayBuffer()), doc.fields, values, { attachmentNames });
    this.commit(() => this.desk.audit(itemId, { actor: actorKey, event: 'downloaded', detail: 'current state', evidence, authMethod: null }));
    return ok({ bytes, name: `${base} (in progress).pdf` });
  }

  /** The original PDF, to render pages under the field overlays (the look is recorded as "viewed", not as a download). */
  async documentOriginal(actor: Actor, itemId: string): Promise<Result<{ key: string; name: string }>> {
    const found = await this.documentFor(actor, itemId);
    if (!found.ok) return found;
    return ok({ key: found.value.doc.row.pdf_key, name: `${found.value.doc.item.name}.pdf` });
  }

  async documentAudit(actor: AgentActor, itemId: string) {
    const found = await this.documentFor(actor, itemId);
    if (!found.ok) return found;
    return ok(this.desk.auditTrail(itemId));
  }

  /**
   * Seal a document whose every role is done: flatten, certificate page,
   * digital signature; store it, register its hash for public verification,
   * and complete the item. A failure (e.g. no sealing certificate) leaves
   * the signatures safe and retries from a timer.
   */
  private async sealDocument(itemId: string): Promise<void> {
    const doc = this.desk.load(itemId);
    if (!doc || doc.row.sealed_key) return;
    const s = this.sessionRow()!;
    try {
      const original = await this.env.FILES.get(doc.row.pdf_key);
      if (!original) throw new Error(`original PDF missing at ${doc.row.pdf_key}`);
      const signer = await this.sealSigner();
      const trail = this.desk.auditTrail(itemId).entries;
      const names = await this.inviteNames();
      // Loaded on demand: the PDF libraries and fonts stay off every other request's path.
      const { finalizeDocument } = await import('../documents/finalize');
      const { sealed, finalContentSha256 } = await finalizeDocument({
        original: new Uint8Array(await original.arrayBuffer()),
        fields: doc.fields,
        ...this.desk.valuesOf(doc),
        certificate: {
          documentName: doc.item.name,
          documentId: doc.item.id,
          participants: Object.entries(doc.assignments).map(([role, who]) => {
            if (who === 'agent') return { name: names.agentName, role, authMethod: 'agent sign-in' };
            const p = this.participant(who)!;
            return {
              name: p.name,
              role,
              ...(p.email ? { email: p.email } : {}),
              ...(p.phone ? { phone: p.phone } : {}),
              authMethod: 'personal invitation link',
              ...(p.consent_at ? { consentedAt: new Date(p.consent_at).toISOString() } : {}),
            };
          }),
          events: trail.map((e) => ({
            at: new Date(e.at).toISOString(),
            actor: this.actorName(e.actor, names.agentName),
            event: e.event,
            ...(e.ip ? { ip: e.ip } : {}),
            ...(e.userAgent ? { userAgent: e.userAgent } : {}),
            ...(e.authMethod ? { authMethod: e.authMethod } : {}),
          })),
          originalSha256: doc.row.original_sha256,
        },
        signer,
      });
      const sha256 = await sha256HexBytes(sealed);
      const key = `orgs/${s.org_id}/sessions/${s.id}/documents/${itemId}/sealed.pdf`;
      await this.env.FILES.put(key, sealed, { httpMetadata: { contentType: 'application/pdf' }, customMetadata: { sha256 } });
      await this.env.DB.prepare('INSERT OR IGNORE INTO sealed_documents (sha256, org_id, session_id, item_id, name, sealed_at) VALUES (?, ?, ?, ?, ?, ?)')
        .bind(sha256, s.org_id, s.id, itemId, doc.item.name, now())
        .run();
      this.desk.recordSealed(this.desk.load(itemId)!, { key, sha256 }, finalContentSha256);
    } catch (err) {
      console.error('sealing failed; will retry', itemId, err);
      this.commit(() => this.setTimer(`seal:${itemId}`, now() + SEAL_RETRY_MS));
      await this.armAlarm();
    }
  }

  /** The org's own sealing certificate and timestamp authority when set, else the service's certificate. */
  private async sealSigner(): Promise<SealSigner> {
    const own = await findOrgSealing(this.env, this.sessionRow()!.org_id);
    const p12 = own.certificate?.p12 ?? (this.env.SEAL_P12 ? Uint8Array.from(atob(this.env.SEAL_P12), (ch) => ch.charCodeAt(0)) : undefined);
    const password = own.certificate?.password ?? this.env.SEAL_P12_PASSWORD;
    if (!p12 || password === undefined) throw new Error('no sealing certificate configured (SEAL_P12)');
    return { p12, password, reason: 'Sealed by Parley', location: 'Parley', ...(own.tsaUrl ? { tsaUrl: own.tsaUrl } : {}) };
  }

  private actorName(actor: string, agentName: string): string {
    if (actor === 'system') return 'Parley';
    if (actor.startsWith('agent:')) return `${agentName} (agent)`;
    const p = this.participant(actor.slice('participant:'.length));
    return p ? `${p.name} (${p.role_name})` : actor;
  }

  private async documentFor(actor: Actor, itemId: string, opts: { act?: boolean } = {}): Promise<Result<{ doc: LoadedDocument; signer: Signer }>> {
    const who = await this.authorize(actor);
    if (!who.ok) return who;
    const doc = this.desk.load(itemId);
    if (!doc) return notFound('document');
    if (actor.kind === 'participant') {
      if (!this.canSeeItem(actor, doc.item) || doc.item.status === 'draft' || doc.item.status === 'awaiting_agent') return notFound('document');
      if (opts.act) {
        const denied = this.requireFullAccess(who.value.access!);
        if (denied) return denied;
      }
      return ok({ doc, signer: { kind: 'participant', participantId: actor.participantId } });
    }
    return ok({ doc, signer: { kind: 'agent', agentId: actor.agentId } });
  }

  private hasConsented(actor: Actor): boolean {
    return actor.kind === 'agent' || this.participant(actor.participantId)?.consent_at != null;
  }

  // ─────────────────────────── participant operations ───────────────────────────

  /** Opening the link: access rules, the access window, single device, the room cookie. */
  async enter(input: EnterInput): Promise<Result<EnterOutcome>> {
    const s = this.sessionRow();
    const p = s && this.participant(input.participantId);
    if (!s || !p) return notFound('session');
    const settings = await this.settings();
    const at = now();
    const knownDevice = input.deviceToken ? await this.deviceOf(input.deviceToken) : null;
    const sameParticipantDevice = knownDevice === p.id;

    if (settings.session.singleDeviceAccess && !sameParticipantDevice) {
      const bound = this.sql.exec('SELECT 1 FROM devices WHERE participant_id = ? LIMIT 1', p.id).toArray().length > 0;
      if (bound) return ok({ outcome: 'device_refused' });
    }

    const access = computeAccess({
      status: s.status,
      endedAt: s.ended_at,
      windowStartedAt: p.window_started_at ?? at,
      settings,
      now: at,
    });
    if (access.level === 'none') return ok({ outcome: 'denied', access });

    const deviceToken = sameParticipantDevice ? input.deviceToken! : base64url(randomBytes(32));
    const deviceHash = sameParticipantDevice ? null : await hashDevice(deviceToken);
    this.commit(() => {
      if (deviceHash) this.sql.exec('INSERT INTO devices (hash, participant_id, created_at) VALUES (?, ?, ?)', deviceHash, p.id, at);
      this.sql.exec(
        'UPDATE participants SET first_entered_at = COALESCE(first_entered_at, ?), window_started_at = COALESCE(window_started_at, ?), last_seen_at = ? WHERE id = ?',
        at,
        at,
        at,
        p.id,
      );
      if (p.window_started_at === null) {
        this.setTimer(`window:${p.id}`, windowEnd(at, settings)!);
        this.emit('participant.entered', `participant:${p.id}`, 'all', {
          participant: this.participantData(p.id),
          ip: input.ip,
          userAgent: input.userAgent,
        });
      }
      this.touchCustomerActivity(at, settings);
      this.notices.seen(p.id);
    });
    await this.armAlarm();
    this.flushSoon();
    return ok({ outcome: 'ok', deviceToken, access: computeAccess({ status: s.status, endedAt: s.ended_at, windowStartedAt: p.window_started_at ?? at, settings, now: at }) });
  }

  /** The room as one participant sees it. */
  async participantRoom(actor: ParticipantActor): Promise<Result<ParticipantRoomView>> {
    const who = await this.authorize(actor);
    if (!who.ok) return who;
    return ok(this.participantView(actor.participantId, who.value.access!, who.value.settings));
  }

  /** Consent to do business electronically, recorded per participant. */
  /** The disclosure a participant consents to before their first signature: the org's text, or Parley's default. */
  async disclosure(actor: ParticipantActor): Promise<Result<{ text: string; sha256: string; consentedAt: string | null }>> {
    const who = await this.authorize(actor);
    if (!who.ok) return who;
    const text = await this.disclosureText();
    const consentAt = this.participant(actor.participantId)!.consent_at;
    return ok({ text, sha256: await sha256Hex(text), consentedAt: consentAt ? new Date(consentAt).toISOString() : null });
  }

  async consent(actor: ParticipantActor, evidence: Evidence): Promise<Result<{ consentedAt: string }>> {
    const who = await this.authorize(actor);
    if (!who.ok) return who;
    const denied = this.requireFullAccess(who.value.access!);
    if (denied) return denied;
    const p = this.participant(actor.participantId)!;
    if (p.consent_at === null) {
      const at = now();
      const disclosureSha256 = await sha256Hex(await this.disclosureText());
      this.commit(() => {
        this.sql.exec('UPDATE participants SET consent_at = ? WHERE id = ?', at, p.id);
        this.emit('participant.consented', `participant:${p.id}`, 'all', { participant: this.participantData(p.id), ...evidence, disclosureSha256 });
        // Every open document of theirs records the consent in its own trail.
        for (const itemId of this.desk.openDocumentsOf(p.id)) {
          this.desk.audit(itemId, { actor: `participant:${p.id}`, event: 'consented', detail: `disclosure ${disclosureSha256}`, evidence, authMethod: 'personal invitation link' });
        }
      });
      this.flushSoon();
    }
    return ok({ consentedAt: new Date(this.participant(p.id)!.consent_at!).toISOString() });
  }

  // ─────────────────────────────── WebSockets ───────────────────────────────

  /**
   * Upgrade requests arrive here from the Worker with the caller in the
   * x-parley-actor header (built by the Worker, never taken from the client):
   * an authenticated agent, or a participant's room cookie parts to check.
   */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return new Response('expected a WebSocket upgrade', { status: 426 });
    const actor = JSON.parse(request.headers.get('x-parley-actor') ?? 'null') as Actor | null;
    if (!actor) return new Response('no identity', { status: 400 });
    const who = await this.authorize(actor);
    if (!who.ok) return new Response(who.message, { status: who.status });
    const socket: Socket = actor.kind === 'agent' ? { kind: 'agent', id: actor.agentId } : { kind: 'participant', id: actor.participantId };
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [`${socket.kind}:${socket.id}`]);
    server.serializeAttachment(socket);
    const wasOnline = this.ctx.getWebSockets(`${socket.kind}:${socket.id}`).length > 1;
    const at = now();
    if (socket.kind === 'participant') {
      this.sql.exec('UPDATE participants SET last_seen_at = ? WHERE id = ?', at, socket.id);
      this.notices.seen(socket.id);
    }
    server.send(JSON.stringify({ type: 'hello', version: this.version(), at }));
    if (!wasOnline) this.broadcastPresence(socket, true, at);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(): Promise<void> {
    // Clients only listen: state changes go through the HTTP API, and "ping"
    // is answered by the auto-response without waking the object.
  }

  override async webSocketClose(ws: WebSocket): Promise<void> {
    this.socketGone(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.socketGone(ws);
  }

  private socketGone(ws: WebSocket): void {
    const socket = ws.deserializeAttachment() as Socket | null;
    if (!socket) return;
    const stillOpen = this.ctx.getWebSockets(`${socket.kind}:${socket.id}`).filter((w) => w !== ws && w.readyState === WebSocket.OPEN);
    const at = now();
    if (socket.kind === 'participant') this.sql.exec('UPDATE participants SET last_seen_at = ? WHERE id = ?', at, socket.id);
    if (stillOpen.length === 0) {
      this.broadcastPresence(socket, false, at, ws);
      // Gone: the offline clock for reminders and notices starts now.
      if (socket.kind === 'participant') this.scheduleNoticesSoon();
    }
  }

  private broadcastPresence(socket: Socket, online: boolean, at: number, except?: WebSocket): void {
    const msg = JSON.stringify({ type: 'presence', who: socket.kind, id: socket.id, online, at: new Date(at).toISOString() });
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except) continue;
      const target = ws.deserializeAttachment() as Socket | null;
      if (!target) continue;
      // Participants in a private session still see who is online; presence carries no content.
      try {
        ws.send(msg);
      } catch {
        /* closing socket */
      }
    }
  }

  // ───────────────────────────────── timers ─────────────────────────────────

  override async alarm(): Promise<void> {
    const at = now();
    // The 'publish' retry timer needs no handler: every alarm ends with a flush.
    const due = this.sql.exec<{ key: string; due_at: number }>(`SELECT key, due_at FROM timers WHERE due_at <= ? AND key != 'publish' ORDER BY due_at`, at).toArray();
    for (const timer of due) {
      if (timer.key.startsWith('seal:')) {
        this.sql.exec('DELETE FROM timers WHERE key = ?', timer.key);
        await this.sealDocument(timer.key.slice('seal:'.length));
        continue;
      }
      if (timer.key === NOTICES_TIMER) {
        await this.notices.sendDue();
        continue;
      }
      const settings = await this.settings();
      // Each timer is deleted in the same transaction that applies it: a
      // second firing finds no row and changes nothing.
      this.commit(() => {
        const still = this.sql.exec('SELECT 1 FROM timers WHERE key = ?', timer.key).toArray().length > 0;
        if (!still) return;
        this.sql.exec('DELETE FROM timers WHERE key = ?', timer.key);
        this.fireTimer(timer.key, settings, at);
      });
    }
    await this.flush();
    await this.armAlarm();
  }

  private fireTimer(key: string, settings: Settings, at: number): void {
    const s = this.sessionRow();
    if (!s) return;
    if (key.startsWith('window:')) {
      const p = this.participant(key.slice('window:'.length));
      const end = p ? windowEnd(p.window_started_at, settings) : null;
      if (p && end !== null && end <= at) this.emit('participant.access_expired', 'system', 'all', { participant: this.participantData(p.id) });
      else if (p && end !== null) this.setTimer(key, end); // the admin lengthened the window
      return;
    }
    if (key === 'autoclose') {
      if (s.status !== 'active' || !settings.session.inactiveAutoClose) return;
      const idleSince = s.last_customer_activity_at ?? s.invited_at ?? s.created_at;
      const closeAt = idleSince + durationToMs(settings.session.inactiveAutoClose);
      if (closeAt > at) return this.setTimer('autoclose', closeAt);
      if (!this.hasWaitingItems()) return;
      this.sql.exec(`UPDATE session SET status = 'closed', closed_at = ? WHERE id = ?`, at, s.id);
      this.emit('session.closed', 'system', 'all', { session: this.sessionData(), reason: 'inactive' });
      return;
    }
    if (key === 'full_access_end' && s.status === 'ended') {
      this.emit('session.access_limited', 'system', 'all', { session: this.sessionData() });
      return;
    }
    if (key === 'limited_access_end' && s.status === 'ended') {
      this.emit('session.access_ended', 'system', 'all', { session: this.sessionData() });
    }
  }

  private setTimer(key: string, dueAt: number): void {
    this.sql.exec('INSERT INTO timers (key, due_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET due_at = excluded.due_at', key, dueAt);
  }

  /** One alarm, set to the earliest timer. */
  private async armAlarm(): Promise<void> {
    const next = this.sql.exec<{ due: number | null }>('SELECT MIN(due_at) AS due FROM timers').one().due;
    if (next === null) await this.ctx.storage.deleteAlarm();
    else if ((await this.ctx.storage.getAlarm()) !== next) await this.ctx.storage.setAlarm(next);
  }

  // ─────────────────────────────── internals ───────────────────────────────

  private sessionRow(): SessionRow | null {
    if (!this.stored) return null;
    return this.sql.exec<SessionRow>('SELECT * FROM session LIMIT 1').toArray()[0] ?? null;
  }
  private participant(id: string): ParticipantRow | null {
    return this.sql.exec<ParticipantRow>('SELECT * FROM participants WHERE id = ?', id).toArray()[0] ?? null;
  }
  private participants(): ParticipantRow[] {
    return this.sql.exec<ParticipantRow>('SELECT * FROM participants ORDER BY is_primary DESC, created_at, id').toArray();
  }
  private primary(): ParticipantRow {
    return this.sql.exec<ParticipantRow>('SELECT * FROM participants WHERE is_primary = 1').one();
  }
  private item(id: string): ItemRow | null {
    return this.sql.exec<ItemRow>('SELECT * FROM items WHERE id = ?', id).toArray()[0] ?? null;
  }
  private thread(id: string): ThreadRow | null {
    return this.sql.exec<ThreadRow>('SELECT * FROM threads WHERE id = ?', id).toArray()[0] ?? null;
  }
  private version(): number {
    return this.sql.exec<{ v: number | null }>('SELECT MAX(version) AS v FROM events').one().v ?? 0;
  }

  /**
   * The session, if this agent may open it: their own, or within their search
   * space (team or all); admins see all of their org's. Anyone else learns
   * nothing, not even that it exists.
   */
  private async agentSession(actor: AgentActor): Promise<Result<SessionRow>> {
    const s = this.sessionRow();
    if (!s || s.org_id !== actor.orgId) return notFound('session');
    if (s.agent_id === actor.agentId) return ok(s);
    // Read fresh, not cached: a narrowed search space must close the door at once.
    const space = (await this.settingsFor(actor.teamId, { fresh: true })).session.searchSpace;
    return canSee(actor, space, { agentId: s.agent_id, teamId: s.team_id }) ? ok(s) : notFound('session');
  }

  /** Who is calling and what they may do now. Participants prove themselves with their device token. */
  private async authorize(actor: Actor): Promise<Result<{ session: SessionRow; settings: Settings; access: Access | null }>> {
    const s = this.sessionRow();
    const notSignedIn = fail(401, 'not_signed_in', 'open the room from your invitation link');
    if (!s) return actor.kind === 'agent' ? notFound('session') : notSignedIn;
    if (actor.kind === 'agent') {
      const visible = await this.agentSession(actor);
      return visible.ok ? ok({ session: s, settings: await this.settings(), access: null }) : visible;
    }
    const p = this.participant(actor.participantId);
    if (!p || (await this.deviceOf(actor.deviceToken)) !== p.id) return notSignedIn;
    const settings = await this.settings();
    const access = computeAccess({ status: s.status, endedAt: s.ended_at, windowStartedAt: p.window_started_at, settings, now: now() });
    if (access.level === 'none') return { ...fail(403, `access_${access.reason}`, accessMessage(access)), redirectUrl: access.redirectUrl };
    return ok({ session: s, settings, access });
  }

  private requireFullAccess(access: Access) {
    if (access.level === 'full') return null;
    const until = access.until ? ` until ${new Date(access.until).toISOString()}` : '';
    return fail(403, 'limited_access', `the session has ended: you can view and download${until}, but not complete anything`);
  }

  private async deviceOf(deviceToken: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(deviceToken)) return null;
    const row = this.sql.exec<{ participant_id: string }>('SELECT participant_id FROM devices WHERE hash = ?', await hashDevice(deviceToken)).toArray()[0];
    return row?.participant_id ?? null;
  }

  /** The settings in force for this session: its team's, over the org's. */
  private settings(): Promise<Settings> {
    return this.settingsFor(this.sessionRow()!.team_id);
  }

  /** Settings for a team of this org, cached briefly: admins' changes apply within SETTINGS_TTL_MS. */
  private async settingsFor(teamId: string | null, opts: { fresh?: boolean } = {}): Promise<Settings> {
    const at = now();
    const key = teamId ?? '';
    const cached = this.settingsCache.get(key);
    if (cached && !opts.fresh && at - cached.at < SETTINGS_TTL_MS) return cached.value;
    const row = await this.env.DB.prepare(
      'SELECT o.settings_json AS org, t.settings_json AS team FROM orgs o LEFT JOIN teams t ON t.id = ? AND t.org_id = o.id WHERE o.id = ?',
    )
      .bind(teamId, this.sessionRow()!.org_id)
      .first<{ org: string; team: string | null }>();
    const value = resolveSettings(parseJson<StoredOverrides>(row?.org), parseJson<StoredOverrides>(row?.team));
    this.settingsCache.set(key, { at, value });
    return value;
  }

  private async disclosureText(): Promise<string> {
    return (await orgDisclosure(this.env.DB, this.sessionRow()!.org_id)).text;
  }

  private async inviteNames(): Promise<{ orgName: string; agentName: string }> {
    if (this.names) return this.names;
    const s = this.sessionRow()!;
    const row = await this.env.DB.prepare('SELECT o.name AS orgName, a.name AS agentName FROM orgs o JOIN agents a ON a.org_id = o.id AND a.id = ? WHERE o.id = ?')
      .bind(s.agent_id, s.org_id)
      .first<{ orgName: string; agentName: string }>();
    this.names = row ?? { orgName: 'Parley', agentName: 'Your agent' };
    return this.names;
  }

  private insertParticipant(id: string, primary: boolean, roleName: string, c: ContactInput, at: number): void {
    this.sql.exec(
      'INSERT INTO participants (id, is_primary, role_name, name, email, phone, invite_channel, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      id,
      primary ? 1 : 0,
      roleName,
      c.name,
      c.email ?? null,
      c.phone ?? null,
      preferredChannel(c),
      at,
    );
  }

  /** First invitation (session.invited) or a renewal (session.renewed) of everyone. */
  private async inviteAll(actor: string, type: 'session.invited' | 'session.renewed'): Promise<Result<null>> {
    const r = await this.sendInvitations(this.participants(), actor, { revokeOld: false, sessionEvent: type });
    return r.ok ? ok(null) : r;
  }

  /**
   * Mint fresh links, record them and the messages in D1, then commit the
   * local state. D1 goes first: if it fails, nothing here changed and the
   * agent gets the error; if the commit after it fails, a link exists that
   * nobody received, which is harmless.
   */
  private async sendInvitations(
    targets: ParticipantRow[],
    actor: string,
    opts: { revokeOld: boolean; sessionEvent?: 'session.invited' | 'session.renewed' },
  ): Promise<Result<null>> {
    const s = this.sessionRow()!;
    const at = now();
    const names = await this.inviteNames();
    // Read on every round, not cached with the names: an admin's new wording applies to the next invitation.
    const notifications = await orgNotificationSettings(this.env.DB, s.org_id);
    const links = await Promise.all(targets.map(() => mintParticipantLink()));
    const statements: D1PreparedStatement[] = [];
    const messages: NewOutboxRow[] = [];
    targets.forEach((p, i) => {
      const link = links[i]!;
      if (opts.revokeOld) {
        statements.push(
          this.env.DB.prepare('UPDATE participant_links SET revoked_at = ? WHERE session_id = ? AND participant_id = ? AND revoked_at IS NULL').bind(at, s.id, p.id),
        );
      }
      statements.push(...linkRows(this.env.DB, { orgId: s.org_id, sessionId: s.id, participantId: p.id }, link, at));
      const longUrl = fullLink(this.env.PUBLIC_URL, link.token);
      const shortUrl = shortLink(this.env.PUBLIC_URL, link.code);
      const kind = p.is_primary ? 'invitation_primary' : 'invitation_additional';
      const text = invitationText({ kind, recipientName: p.name, roleName: p.role_name, agentName: names.agentName, orgName: names.orgName, longUrl, shortUrl, notifications });
      const channel = p.invite_channel;
      messages.push(outboxMessage({ id: `msg_${p.id}_${p.invite_count + 1}_${channel}`, org_id: s.org_id, session_id: s.id, kind }, p, channel, text, longUrl));
    });
    await this.env.DB.batch(statements);
    await enqueueMessages(this.env, messages, at);

    this.commit(() => {
      for (const p of targets) {
        // A new invitation restarts the access window from the next open.
        this.sql.exec(
          'UPDATE participants SET invited_at = ?, invite_count = invite_count + 1, window_started_at = NULL WHERE id = ?',
          at,
          p.id,
        );
        this.sql.exec('DELETE FROM timers WHERE key = ?', `window:${p.id}`);
        this.emit('participant.invited', actor, 'all', { participant: this.participantData(p.id), channel: p.invite_channel });
      }
      if (opts.sessionEvent) {
        const wasPlanned = s.status === 'planned';
        this.sql.exec(
          `UPDATE session SET status = 'active', invited_at = COALESCE(invited_at, ?), ended_at = NULL, closed_at = NULL, invite_round = invite_round + 1 WHERE id = ?`,
          at,
          s.id,
        );
        this.sql.exec(`DELETE FROM timers WHERE key IN ('full_access_end', 'limited_access_end')`);
        this.emit(opts.sessionEvent, actor, 'all', { session: this.sessionData() });
        if (wasPlanned) {
          for (const item of this.sql.exec<{ id: string }>(`SELECT id FROM items WHERE status = 'draft' ORDER BY created_at, id`).toArray()) {
            this.desk.release(item.id, actor);
          }
        }
      }
    });
    await this.armAlarm();
    return ok(null);
  }

  private async messagePrecheck(actor: Actor, threadId: string | undefined, what: 'chat' | 'attach') {
    const who = await this.authorize(actor);
    if (!who.ok) return who;
    if (threadId && (!this.thread(threadId) || !this.canSeeThread(actor, threadId))) return notFound('private session');
    if (actor.kind === 'participant') {
      const access = who.value.access!;
      if (!customerMay(access, who.value.settings, what)) {
        if (access.level !== 'full') return this.requireFullAccess(access)!;
        const off = what === 'chat' ? 'chat is switched off' : 'attachments are switched off';
        return fail(403, `${what}_disabled`, `${off} for this session${access.reason === 'after_end_full' ? ' now that it has ended' : ''}`);
      }
    }
    return ok(who.value);
  }

  /** Store a message the caller was checked for, and announce it. */
  private addMessage(
    actor: Actor,
    settings: Settings,
    input: { text: string | null; threadId: string | undefined; file: { id: string; name: string; type: string; size: number } | null },
  ) {
    const id = newId('msg');
    const at = now();
    let message!: AgentRoomView['messages'][number];
    this.commit(() => {
      this.sql.exec(
        'INSERT INTO messages (id, thread_id, author_kind, author_id, text, file_id, file_name, file_type, file_size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        id,
        input.threadId ?? null,
        actor.kind,
        actor.kind === 'agent' ? actor.agentId : actor.participantId,
        input.text,
        input.file?.id ?? null,
        input.file?.name ?? null,
        input.file?.type ?? null,
        input.file?.size ?? null,
        at,
      );
      message = messageView(this.sql.exec<MessageRow>('SELECT * FROM messages WHERE id = ?', id).one());
      this.emit('message.posted', actorKeyOf(actor), this.itemAudience(input.threadId ?? null), { message });
      if (actor.kind === 'participant') this.touchCustomerActivity(at, settings);
    });
    if (actor.kind === 'participant') this.ctx.waitUntil(this.armAlarm());
    this.flushSoon();
    return message;
  }

  /** Customer activity postpones inactive auto-close. Runs inside a transaction. */
  private touchCustomerActivity(at: number, settings: Settings): void {
    this.sql.exec('UPDATE session SET last_customer_activity_at = ?', at);
    const s = this.sessionRow()!;
    if (s.status === 'active' && settings.session.inactiveAutoClose) this.setTimer('autoclose', at + durationToMs(settings.session.inactiveAutoClose));
  }

  private hasWaitingItems(): boolean {
    return this.sql.exec<{ status: ItemStatus }>('SELECT status FROM items').toArray().some((i) => WAITING_STATUSES.has(i.status));
  }

  /** Set or clear each participant's completed mark from their items. Runs inside a transaction. */
  private refreshCompletion(actor: string): void {
    const items = this.sql.exec<ItemRow>('SELECT * FROM items').toArray();
    const approvals = new Map(this.sql.exec<{ item_id: string; approver_id: string }>('SELECT item_id, approver_id FROM documents WHERE approver_id IS NOT NULL').toArray().map((d) => [d.item_id, d.approver_id]));
    for (const p of this.participants()) {
      // Finished their part: nothing left waiting, and at least one item done (a decline
      // alongside a completed replacement still counts; an expired item does not).
      // For an approver, a document pending approval is still waiting for them.
      const finished = (i: ItemRow) => (approvals.get(i.id) === p.id ? i.status === 'approved' || i.status === 'approval_declined' : DONE_STATUSES.has(i.status));
      const mine = items.filter((i) => (JSON.parse(i.assignees) as string[]).includes(p.id) && !IGNORED_FOR_COMPLETION.has(i.status));
      const done = mine.some(finished) && mine.every((i) => finished(i) || i.status === 'declined');
      if (done && p.completed_at === null) {
        this.sql.exec('UPDATE participants SET completed_at = ? WHERE id = ?', now(), p.id);
        this.emit('participant.completed', actor, 'all', { participant: this.participantData(p.id) });
      } else if (!done && p.completed_at !== null) {
        this.sql.exec('UPDATE participants SET completed_at = NULL WHERE id = ?', p.id);
        this.emit('participant.completed', actor, 'all', { participant: this.participantData(p.id) });
      }
    }
  }

  private canSeeThread(actor: Actor, threadId: string | null): boolean {
    if (threadId === null || actor.kind === 'agent') return true;
    return this.thread(threadId)?.participant_id === actor.participantId;
  }
  private canSeeItem(actor: Actor, item: ItemRow): boolean {
    return this.canSeeThread(actor, item.thread_id);
  }
  private itemAudience(threadId: string | null): Audience {
    if (!threadId) return 'all';
    return `participant:${this.thread(threadId)!.participant_id}`;
  }

  private sessionData() {
    return sessionView(this.sessionRow()!, this.version());
  }
  /** Event payload for a participant: the agent's view without presence/access, which change on their own. */
  private participantData(id: string) {
    const p = this.participant(id)!;
    return participantView(p, this.presenceOf(p), this.cachedAccessOf(p));
  }

  /** A participant's access by the settings last read (no I/O: usable inside a change). */
  private cachedAccessOf(p: ParticipantRow): Access {
    return computeAccessSafe(this.sessionRow()!, p, this.settingsCache.get(this.sessionRow()!.team_id ?? '')?.value);
  }

  /** Online means an open socket: one that is closing no longer counts. */
  private participantOnline(id: string): boolean {
    return this.ctx.getWebSockets(`participant:${id}`).some((ws) => ws.readyState === WebSocket.OPEN);
  }

  private presenceOf(p: ParticipantRow) {
    return { online: this.participantOnline(p.id), lastSeenAt: p.last_seen_at };
  }

  private agentOnline(): boolean {
    return this.ctx.getWebSockets().some((ws) => ws.readyState === WebSocket.OPEN && (ws.deserializeAttachment() as Socket | null)?.kind === 'agent');
  }

  /**
   * Apply a change atomically. Events it emits reach sockets only after the
   * commit, so nobody ever sees a change that was rolled back.
   */
  private commit(change: () => void): void {
    try {
      this.ctx.storage.transactionSync(change);
    } catch (err) {
      this.outgoing = [];
      this.noticesMoved = false;
      throw err;
    }
    const frames = this.outgoing;
    this.outgoing = [];
    for (const event of frames) this.broadcast(event);
    if (this.noticesMoved) {
      this.noticesMoved = false;
      this.scheduleNoticesSoon();
    }
  }

  /**
   * Re-plan reminders and notices after a change: once per burst of changes,
   * after the caller's own work (it reads D1 settings at most once a minute).
   */
  private scheduleNoticesSoon(): void {
    if (this.noticesScheduled || !this.stored) return;
    this.noticesScheduled = Promise.resolve().then(() => {
      this.noticesScheduled = null;
      return this.notices.schedule();
    });
    this.ctx.waitUntil(this.noticesScheduled.catch((err) => console.error('notices: scheduling failed', err)));
  }

  /** Append an event to the log; runs inside commit(), so the event exists iff the change does. */
  private emit(type: EventType, actor: string, audience: Audience, data: Record<string, unknown>): void {
    const version = this.version() + 1;
    const at = now();
    this.sql.exec('INSERT INTO events (version, type, at, actor, audience, data) VALUES (?, ?, ?, ?, ?, ?)', version, type, at, actor, audience, JSON.stringify(data));
    if (this.notices.noteActivity({ type, at, actor, audience, data })) this.noticesMoved = true;
    this.outgoing.push({ version, type, at, actor, audience, data });
  }

  /** Push one event to every socket allowed to see it; participants get the redacted form. */
  private broadcast(event: SessionEvent): void {
    let forParticipants: string | null = null;
    const forAgents = JSON.stringify({ type: 'event', event });
    for (const ws of this.ctx.getWebSockets()) {
      const socket = ws.deserializeAttachment() as Socket | null;
      if (!socket) continue;
      let payload: string;
      if (socket.kind === 'agent') payload = forAgents;
      else if (event.audience === 'all' || event.audience === `participant:${socket.id}`) payload = forParticipants ??= JSON.stringify({ type: 'event', event: redactForParticipants(event) });
      else continue;
      try {
        ws.send(payload);
      } catch {
        /* socket closing; its close handler updates presence */
      }
    }
  }

  /**
   * Publish shortly: a burst of changes (a busy chat) goes out as one queue
   * batch instead of one send per change. The events are already stored, so
   * waiting loses nothing; changes that others must see at once in D1 (the
   * session's status) await flush() directly.
   */
  private flushSoon(): void {
    if (this.flushTimer) return;
    this.flushTimer = new Promise<void>((resolve) => setTimeout(resolve, FLUSH_DELAY_MS)).then(() => {
      this.flushTimer = null;
      return this.flush();
    });
    this.ctx.waitUntil(this.flushTimer);
  }

  /**
   * Publish unpublished events: refresh the D1 session index, then send them
   * to the CRM queue. Serialized so two callers never send the same batch;
   * on failure a timer retries.
   */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.publishPending()).catch(async () => {
      this.setTimer('publish', now() + PUBLISH_RETRY_MS);
      await this.armAlarm();
    });
    return this.flushing;
  }

  private async publishPending(): Promise<void> {
    const rows = this.sql.exec<EventRow>('SELECT * FROM events WHERE published = 0 ORDER BY version LIMIT 100').toArray();
    if (rows.length === 0) return;
    const s = this.sessionRow()!;
    const last = rows[rows.length - 1]!.version;
    const at = now();
    // The D1 index only holds what lists filter on: skip the write when none of it changed.
    const indexed = `${s.status}|${s.agent_id}|${s.team_id}`;
    if (indexed !== this.indexed) {
      await this.refreshIndex(s, last, at);
      this.indexed = indexed;
    }
    const crm = s.crm_record_id ? { system: s.crm_system!, objectType: s.crm_object, recordId: s.crm_record_id } : null;
    await sendInBatches(this.env.CRM_WRITEBACK, rows.map((r): CrmEvent => ({ ...eventFromRow(r), orgId: s.org_id, sessionId: s.id, crm })));
    this.sql.exec('UPDATE events SET published = 1 WHERE published = 0 AND version <= ?', last);
    if (rows.length === 100) return this.publishPending();
    if (this.sql.exec(`DELETE FROM timers WHERE key = 'publish' RETURNING key`).toArray().length) await this.armAlarm();
  }

  /** Refresh this session's row in the D1 index (only ever forward) and release its lock once it is over. */
  private async refreshIndex(s: SessionRow, version: number, at: number): Promise<void> {
    const statements = [
      this.env.DB.prepare('UPDATE sessions SET status = ?, agent_id = ?, team_id = ?, version = ?, updated_at = ? WHERE id = ? AND org_id = ? AND version < ?').bind(
        s.status,
        s.agent_id,
        s.team_id,
        version,
        at,
        s.id,
        s.org_id,
        version,
      ),
    ];
    if (s.status !== 'active' && s.status !== 'planned') {
      statements.push(this.env.DB.prepare('DELETE FROM active_session_locks WHERE session_id = ?').bind(s.id));
    }
    await this.env.DB.batch(statements);
  }

  private async agentView() {
    const s = this.sessionRow()!;
    const settings = await this.settings();
    const at = now();
    return {
      session: sessionView(s, this.version()),
      participants: this.participants().map((p) =>
        participantView(p, this.presenceOf(p), computeAccess({ status: s.status, endedAt: s.ended_at, windowStartedAt: p.window_started_at, settings, now: at })),
      ),
      items: this.sql.exec<ItemRow>('SELECT * FROM items ORDER BY created_at, id').toArray().map(itemView),
      messages: this.recentMessages(null),
      privateSessions: this.sql.exec<ThreadRow>('SELECT * FROM threads ORDER BY created_at').toArray().map((t) => ({ threadId: t.id, participantId: t.participant_id })),
      agentOnline: this.agentOnline(),
    };
  }

  private async participantForAgent(id: string) {
    const view = await this.agentView();
    return view.participants.find((p) => p.id === id)!;
  }

  private participantView(participantId: string, access: Access, settings: Settings) {
    const s = this.sessionRow()!;
    const me = this.participant(participantId)!;
    const myThread = this.sql.exec<ThreadRow>('SELECT * FROM threads WHERE participant_id = ?', participantId).toArray()[0] ?? null;
    const visible = (threadId: string | null) => threadId === null || threadId === myThread?.id;
    return {
      session: { id: s.id, status: s.status, endedAt: s.ended_at ? new Date(s.ended_at).toISOString() : null, version: this.version() },
      access: { level: access.level, reason: access.reason, until: access.until ? new Date(access.until).toISOString() : null },
      may: {
        chat: customerMay(access, settings, 'chat'),
        attach: customerMay(access, settings, 'attach'),
        act: access.level === 'full',
      },
      me: { ...participantPublicView(me, this.presenceOf(me)), email: me.email, phone: me.phone },
      others: this.participants()
        .filter((p) => p.id !== participantId)
        .map((p) => participantPublicView(p, this.presenceOf(p))),
      agentOnline: this.agentOnline(),
      items: this.sql.exec<ItemRow>('SELECT * FROM items ORDER BY created_at, id').toArray().filter((i) => visible(i.thread_id) && i.status !== 'draft' && i.status !== 'awaiting_agent').map(itemView),
      messages: this.recentMessages(null).concat(myThread ? this.recentMessages(myThread.id) : []),
      privateSessionId: myThread?.id ?? null,
    };
  }

  private recentMessages(threadId: string | null) {
    return this.sql
      .exec<MessageRow>(
        `SELECT * FROM (SELECT * FROM messages WHERE thread_id IS ? ORDER BY created_at DESC, id DESC LIMIT ?) ORDER BY created_at, id`,
        threadId,
        MESSAGE_PAGE,
      )
      .toArray()
      .map(messageView);
  }
}

export type AgentRoomView = Awaited<ReturnType<SessionRoom['agentView']>>;
export type ParticipantRoomView = ReturnType<SessionRoom['participantView']>;

type EventRow = {
  version: number;
  type: EventType;
  at: number;
  actor: string;
  audience: Audience;
  data: string;
  published: number;
}

function eventFromRow(r: EventRow): SessionEvent {
  return { version: r.version, type: r.type, at: r.at, actor: r.actor, audience: r.audience, data: JSON.parse(r.data) };
}

/** Participants never see each other's contact details, nor where someone connected from. */
function redactForParticipants(event: SessionEvent): SessionEvent {
  const data = { ...event.data };
  delete data['ip'];
  delete data['userAgent'];
  const p = data['participant'] as Record<string, unknown> | undefined;
  if (p) {
    const { email: _e, phone: _p, inviteChannel: _c, access: _a, ...rest } = p;
    data['participant'] = rest;
  }
  return { ...event, data };
}

function preferredChannel(c: { email?: string | null | undefined; phone?: string | null | undefined }): 'sms' | 'email' {
  return c.email ? 'email' : 'sms';
}

function actorKeyOf(actor: Actor): string {
  return actor.kind === 'agent' ? `agent:${actor.agentId}` : `participant:${actor.participantId}`;
}

function fileKey(s: SessionRow, fileId: string): string {
  return `orgs/${s.org_id}/sessions/${s.id}/files/${fileId}`;
}

function hashDevice(token: string): Promise<string> {
  return sha256Hex(`parley-device:${token}`);
}

function parseJson<T>(text: string | null | undefined): T {
  if (!text) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return {} as T;
  }
}

/** Access for event payloads, from cached settings (defaults before the first load). */
function computeAccessSafe(s: SessionRow, p: ParticipantRow, settings: Settings | undefined): Access {
  return computeAccess({ status: s.status, endedAt: s.ended_at, windowStartedAt: p.window_started_at, settings: settings ?? resolveSettings({}), now: now() });
}

export function accessMessage(access: Access): string {
  switch (access.reason) {
    case 'window_expired':
      return 'this session has expired; ask your agent to renew it';
    case 'auto_closed':
      return 'this session was closed after a period of inactivity; ask your agent to renew it';
    case 'not_invited':
      return 'this session has not started yet';
    default:
      return 'this session has ended and can no longer be opened';
  }
}
