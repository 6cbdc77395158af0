// From stored rows to the contract's views: the session, its participants
// (the agent's view, and the public one other participants get), items and
// messages, and the two whole-room views.
import type { Access } from '../domain/access';
import { customerMay } from '../domain/access';
import type { Settings } from '../domain/settings';
import { PREPARING_STATUSES } from '../domain/catalogue';
import { SEAL_MAX_ATTEMPTS } from '../domain/seal-retries';
import type { SealingStateView } from '../contract/documents';
import { crmLinkOf } from '../crm/messages';
import type {
  AccessView,
  AgentRoomView,
  DeliveryView,
  ItemSignerView,
  ItemView,
  MessageView,
  ParticipantPublicView,
  ParticipantRoomView,
  ParticipantView,
  SessionView,
} from '../contract/session';
import { iso } from '../contract/time';
import { accessOf, type RoomAccess } from './access';
import type { DirectoryCache } from './directory-cache';
import type { Presence } from './presence';
import { participantMessageView, participantSessionView } from './redact';
import { readByOtherSide } from './chat-reads';
import { signersOf } from './signers';
import { appSummaryOf } from './app-summaries';
import type { AppSummary } from '../contract/apps';
import type { DeliveryRow, ItemRow, MessageRow, ParticipantRow, RoomStore, SealAttemptsRow, SessionRow } from './store';
import { localeOf } from '../i18n/locales';
import type { BrandView } from '../contract/branding';
import type { Names } from './directory-cache';

/** Messages of a chat a room view carries: the latest, oldest first. */
const MESSAGE_PAGE = 200;

export function sessionView(s: SessionRow, version: number): SessionView {
  return {
    id: s.id,
    status: s.status,
    agentId: s.agent_id,
    teamId: s.team_id,
    customerId: s.customer_id,
    crmRecord: crmLinkOf(s),
    createdAt: iso(s.created_at)!,
    invitedAt: iso(s.invited_at),
    endedAt: iso(s.ended_at),
    closedAt: iso(s.closed_at),
    version,
  };
}

export function accessView(access: Access): AccessView {
  return { level: access.level, reason: access.reason, until: iso(access.until) };
}

export interface PresenceOf {
  online: boolean;
  lastSeenAt: number | null;
}

/** A participant as other participants see them: status, never contact details. */
export function participantPublicView(p: ParticipantRow, presence: PresenceOf): ParticipantPublicView {
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
    authenticatedAt: iso(p.authenticated_at),
    completed: p.completed_at !== null,
    completedAt: iso(p.completed_at),
  };
}

/** A participant as the agent sees them: contact details and access included. */
export function participantView(p: ParticipantRow, presence: PresenceOf, access: Access, deliveries: DeliveryRow[]): ParticipantView {
  return {
    ...participantPublicView(p, presence),
    email: p.email,
    phone: p.phone,
    inviteChannel: p.invite_channel,
    language: localeOf(p.language),
    invitedAt: iso(p.invited_at),
    inviteCount: p.invite_count,
    windowStartedAt: iso(p.window_started_at),
    access: accessView(access),
    deliveries: deliveries.map(deliveryView),
    assignedBy: p.assigned_by,
  };
}

export function deliveryView(d: DeliveryRow): DeliveryView {
  return { messageId: d.message_id, kind: d.kind as DeliveryView['kind'], channel: d.channel, status: d.status, reason: d.reason, updatedAt: iso(d.updated_at)! };
}

/** An item from its row and its signers (null unless a document): see itemViewOf for the one every caller wants. */
export function itemView(i: ItemRow, signers: ItemSignerView[] | null, app: AppSummary | null = null): ItemView {
  return {
    id: i.id,
    kind: i.kind,
    name: i.name,
    status: i.status,
    assignees: JSON.parse(i.assignees) as string[],
    threadId: i.thread_id,
    reason: i.reason,
    signers,
    createdAt: iso(i.created_at)!,
    updatedAt: iso(i.updated_at)!,
    // Only where they say something, so an item on its own reads as before.
    ...(i.parent_id ? { parentId: i.parent_id, position: i.position, optional: i.optional === 1 } : {}),
    ...(app ? { app } : {}),
  };
}

/** An item as the API and events show it, a document's signers read from the store (no I/O: usable inside a change). */
export function itemViewOf(store: RoomStore, i: ItemRow): ItemView {
  return itemView(i, signersOf(store, i), appSummaryOf(store.sql, i));
}

/** A document's sealing tries as agents see them: retrying (with when next) or failed. */
export function sealingView(tries: SealAttemptsRow, nextAttemptAt: number | null): SealingStateView {
  const failed = tries.failed_at !== null;
  return {
    state: failed ? 'failed' : 'retrying',
    attempts: tries.attempts,
    maxAttempts: SEAL_MAX_ATTEMPTS,
    reason: tries.reason,
    lastAttemptAt: iso(tries.last_attempt_at)!,
    nextAttemptAt: failed ? null : iso(nextAttemptAt),
  };
}

export function messageView(m: MessageRow): MessageView {
  return {
    id: m.id,
    threadId: m.thread_id,
    author: { kind: m.author_kind, id: m.author_id },
    text: m.text,
    file: m.file_id ? { id: m.file_id, name: m.file_name!, type: m.file_type!, size: m.file_size! } : null,
    createdAt: iso(m.created_at)!,
  };
}

/** The views that need more than a row: presence, access, the room as a whole. */
export class RoomViews {
  constructor(
    private readonly store: RoomStore,
    private readonly presence: Presence,
    private readonly access: RoomAccess,
    private readonly directory: DirectoryCache,
  ) {}

  session(): SessionView {
    return sessionView(this.store.session()!, this.store.version());
  }

  /** A participant for an event's payload (no I/O: usable inside a change). */
  participant(id: string): ParticipantView {
    const p = this.store.participant(id)!;
    return participantView(p, this.presenceOf(p), this.access.cachedAccessOf(p), this.store.deliveries(p.id));
  }

  /** The whole session as its agent sees it. */
  async agentRoom(): Promise<AgentRoomView> {
    const s = this.store.session()!;
    const settings = await this.directory.settings();
    return {
      session: sessionView(s, this.store.version()),
      participants: this.participantsWithDeliveries().map(([p, d]) => participantView(p, this.presenceOf(p), accessOf(s, p, settings), d)),
      items: this.store.items().map((i) => itemViewOf(this.store, i)),
      messages: this.recentMessages(null),
      privateSessions: this.store.threads().map((t) => ({ threadId: t.id, participantId: t.participant_id })),
      agentOnline: this.presence.agentOnline(),
    };
  }

  /** Every participant with their deliveries, read in one query each. */
  private participantsWithDeliveries(): [ParticipantRow, DeliveryRow[]][] {
    const byParticipant = new Map<string, DeliveryRow[]>();
    for (const d of this.store.deliveries()) byParticipant.set(d.participant_id, [...(byParticipant.get(d.participant_id) ?? []), d]);
    return this.store.participants().map((p) => [p, byParticipant.get(p.id) ?? []]);
  }

  /** A participant as anyone in the session may see them (a document's co-signers window). */
  participantPublic(id: string): ParticipantPublicView | null {
    const p = this.store.participant(id);
    return p ? participantPublicView(p, this.presenceOf(p)) : null;
  }

  async participantForAgent(id: string): Promise<ParticipantView> {
    return (await this.agentRoom()).participants.find((p) => p.id === id)!;
  }

  /** The room as one participant sees it. */
  participantRoom(participantId: string, access: Access, settings: Settings, names: Names, brand: BrandView): ParticipantRoomView {
    const s = this.store.session()!;
    const me = this.store.participant(participantId)!;
    const myThread = this.store.threadOf(participantId);
    const visible = (threadId: string | null) => threadId === null || threadId === myThread?.id;
    return {
      session: participantSessionView({ id: s.id, status: s.status, endedAt: iso(s.ended_at), version: this.store.version() }),
      access: accessView(access),
      may: { chat: customerMay(access, settings, 'chat'), attach: customerMay(access, settings, 'attach'), act: access.level === 'full' },
      me: { ...participantPublicView(me, this.presenceOf(me)), email: me.email, phone: me.phone, language: localeOf(me.language) },
      others: this.store
        .participants()
        .filter((p) => p.id !== participantId)
        .map((p) => participantPublicView(p, this.presenceOf(p))),
      agentOnline: this.presence.agentOnline(),
      brand,
      agent: { name: names.agentName, online: this.presence.agentOnline() },
      items: this.store
        .items()
        .filter((i) => visible(i.thread_id) && !PREPARING_STATUSES.has(i.status))
        .map((i) => itemViewOf(this.store, i)),
      // Agents' messages signed "agent", as participants' events are (redact.ts).
      messages: this.recentMessages(null).concat(myThread ? this.recentMessages(myThread.id) : []).map((m) => ({ ...participantMessageView(m), read: m.read ?? false })),
      privateSessionId: myThread?.id ?? null,
    };
  }

  /**
   * The private threads as their agent sees them, each with its latest
   * messages: the workspace shows them apart from the main chat, which
   * agentRoom() keeps to the main chat alone.
   */
  privateThreads(): { threadId: string; participantId: string; messages: MessageView[] }[] {
    return this.store.threads().map((t) => ({ threadId: t.id, participantId: t.participant_id, messages: this.recentMessages(t.id) }));
  }

  private presenceOf(p: ParticipantRow): PresenceOf {
    return { online: this.presence.online(p.id), lastSeenAt: p.last_seen_at };
  }

  /** The latest messages of one chat, each saying whether the other side read it (chat-reads.ts). */
  private recentMessages(threadId: string | null): MessageView[] {
    const reads = this.store.chatReads();
    const owner = (id: string) => this.store.thread(id)?.participant_id ?? null;
    return this.store.recentMessages(threadId, MESSAGE_PAGE).map((row) => {
      const m = messageView(row);
      return { ...m, read: readByOtherSide(m, reads, owner) };
    });
  }
}
