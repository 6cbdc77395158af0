// SessionRoom: one Durable Object per session, the single writer of its
// state. This class is only the runtime's shell: it builds the room (its
// storage, event log, timers and feature modules) once per instance, and
// forwards each RPC call, socket event and alarm to the module that owns it.
import { DurableObject } from 'cloudflare:workers';
import { now } from '../clock';
import type { AssignStepView, AuditTrail, DocumentItemView } from '../contract/documents';
import type { DocumentRequestView, NewDocumentRequest } from '../contract/document-requests';
import type { SessionEvent } from '../contract/events';
import type { AgentRoomView, ItemView, MessageView, MyContactView, ParticipantRoomView, ParticipantView } from '../contract/session';
import { readCrmChanges, type CrmChanges } from '../crm/changes';
import { CrmWriteHold } from './crm-write-hold';
import type { FieldValue } from '../domain/fields';
import type { ItemStatus } from '../domain/item-status';
import type { Settings } from '../domain/settings';
import type { Env } from '../env';
import type { RoomForgetOutcome, RoomForgetRequest } from '../contract/privacy';
import type { MessageDelivery } from '../notify/delivery-reports';
import { ok, type Result } from '../errors';
import { RoomAccess } from './access';
import type { Actor, AgentActor, ParticipantActor } from './actors';
import { Chat, type UploadInput } from './chat';
import { ChatReads } from './chat-reads';
import { Consent, type Disclosure } from './consent';
import { Deliveries } from './deliveries';
import type { RoomContext } from './context';
import { DirectoryCache } from './directory-cache';
import { DocumentDesk, type Evidence } from './document-desk';
import { Payments, type PaymentIntentTarget, type StripeIntentSnapshot } from './payments';
import type { NewPayment, PaymentView } from '../contract/payments';
import type { PaymentState } from '../domain/catalogue';
import { DocumentRequests, type RequestFileInput } from './document-requests';
import { SharedReviews } from './shared-review';
import { Workflows, type WorkflowSend } from './workflows';
import type { NewAnnotation, NewReview, ReviewPointer, ReviewView } from '../contract/reviews';
import { Documents, type AddDocumentInput, type DocumentFile } from './documents';
import { EventLog } from './event-log';
import { Forgetting } from './forgetting';
import { Invitations } from './invitations';
import { Items, type NewItemInput } from './items';
import { Lifecycle, type CreateSessionInput } from './lifecycle';
import { Notices } from './notices';
import { Otp, type OtpAgentView } from './otp';
import { Participants, type ContactInput, type EnterInput, type EnterOutcome } from './participants';
import { Presence } from './presence';
import { Publisher } from './publisher';
import { hasSchema, migrate } from './schema';
import { Sealing } from './sealing';
import type { RoleAnswer } from './role-requests';
import type { Locale } from '../i18n/locales';
import { Languages } from './language';
import { RoomStore } from './store';
import { Timers } from './timers';
import { Typing } from './typing';
import { RoomViews } from './views';

export type { Actor, AgentActor, ParticipantActor } from './actors';

export class SessionRoom extends DurableObject<Env> {
  private readonly room: RoomContext;
  private readonly presence: Presence;
  private readonly lifecycle: Lifecycle;
  private readonly participants: Participants;
  private readonly otp: Otp;
  private readonly items: Items;
  private readonly chat: Chat;
  private readonly chatReads: ChatReads;
  private readonly typingNow: Typing;
  private readonly documents: Documents;
  private readonly sealing: Sealing;
  private readonly consents: Consent;
  private readonly notices: Notices;
  private readonly deliveries: Deliveries;
  private readonly forgetting: Forgetting;
  private readonly languages: Languages;
  private readonly documentRequests: DocumentRequests;
  private readonly payments: Payments;
  private readonly reviews: SharedReviews;
  private readonly workflows: Workflows;
  private readonly crmHold = new CrmWriteHold();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const created = hasSchema(ctx.storage);
    if (created) migrate(ctx.storage);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));

    const store = new RoomStore(ctx.storage.sql, created);
    const log = new EventLog(store, ctx.storage);
    const timers = new Timers(store, ctx.storage);
    const directory = new DirectoryCache(env, store);
    const access = new RoomAccess(store, directory);
    let notices: Notices | null = null;
    this.presence = new Presence(ctx, store, log, access, timers, {
      arrived: (id) => notices!.seen(id),
      left: () => notices!.scheduleSoon(),
    });
    const views = new RoomViews(store, this.presence, access, directory);
    const room: RoomContext = { env, state: ctx, store, log, timers, publisher: new Publisher(env, ctx, store, timers), directory, access, views };
    this.room = room;
    this.notices = notices = new Notices(room, this.presence);
    // Sockets hear of a change first, then notices re-plan (both only once it committed).
    log.listen(this.presence);
    log.listen(notices);

    let lifecycle: Lifecycle | null = null;
    const customerActive = (at: number, settings: Settings) => lifecycle!.customerActive(at, settings);
    let workflows: Workflows | null = null;
    this.items = new Items(room, { customerActive, moved: (item, by) => workflows!.moved(item, by) });
    this.chat = new Chat(room, { customerActive });
    this.chatReads = new ChatReads(room, this.presence);
    this.typingNow = new Typing(room, this.presence);
    const desk = new DocumentDesk(room, { items: this.items, fileName: (id) => this.chat.fileName(id) });
    const invitations = new Invitations(room, desk);
    this.lifecycle = lifecycle = new Lifecycle(room, invitations);
    this.otp = new Otp(room);
    this.participants = new Participants(
      room,
      invitations,
      {
        entered: (id, at, settings) => {
          customerActive(at, settings);
          notices!.seen(id);
        },
        revoked: (id) => this.presence.closeParticipant(id, 'revoked'),
      },
      this.otp,
    );
    this.sealing = new Sealing(room, desk);
    this.documents = new Documents(room, desk, this.items, this.sealing, this.participants);
    this.consents = new Consent(room, desk);
    this.deliveries = new Deliveries(room);
    this.forgetting = new Forgetting(room, { forgotten: (id) => this.presence.closeParticipant(id, 'revoked') });
    this.languages = new Languages(room);
    this.documentRequests = new DocumentRequests(room, this.items);
    this.payments = new Payments(room, this.items);
    this.reviews = new SharedReviews(room, this.items, this.presence);
    this.workflows = workflows = new Workflows(room, {
      items: this.items,
      desk,
      documents: this.documents,
      requests: this.documentRequests,
      payments: this.payments,
      participants: this.participants,
    });
  }

  // ───────────────────────── messages to participants ─────────────────────────

  /** What became of a participant's message (notify/delivery-reports.ts). */
  messageDelivery(d: MessageDelivery): void {
    this.deliveries.report(d);
  }
  /** A participant's SMS reply, into the chat. */
  smsReply(participantId: string, text: string): Promise<Result<MessageView>> {
    return this.chat.postSmsReply(participantId, text);
  }

  // ─────────────────────────────── the session ───────────────────────────────

  create(input: CreateSessionInput): Promise<Result<AgentRoomView>> {
    return this.lifecycle.create(input);
  }
  async view(actor: AgentActor): Promise<Result<AgentRoomView>> {
    const s = await this.room.access.agentSession(actor);
    return s.ok ? ok(await this.room.views.agentRoom()) : s;
  }
  invite(actor: AgentActor): Promise<Result<AgentRoomView>> {
    return this.lifecycle.invite(actor);
  }
  renew(actor: AgentActor): Promise<Result<AgentRoomView>> {
    return this.lifecycle.renew(actor);
  }
  resume(actor: AgentActor, invite: boolean): Promise<Result<AgentRoomView>> {
    return this.lifecycle.resume(actor, invite);
  }
  end(actor: AgentActor): Promise<Result<AgentRoomView>> {
    return this.lifecycle.end(actor);
  }
  reassign(actor: AgentActor, agentId: string, teamId: string | null): Promise<Result<AgentRoomView>> {
    return this.lifecycle.reassign(actor, agentId, teamId);
  }
  async events(actor: AgentActor, after: number, limit: number): Promise<Result<SessionEvent[]>> {
    const s = await this.room.access.agentSession(actor);
    return s.ok ? ok(this.room.log.read(after, limit)) : s;
  }
  /** For CRM write-back (a queue consumer, not an agent): the records changed from event `since` on. Null for an id nobody created. */
  crmChanges(since: number): CrmChanges | null {
    return readCrmChanges(this.room.store, since);
  }
  /** crmChanges, with the session held for `holder` until it calls crmWritten (crm-write-hold.ts); 'busy' while another run holds it, read for nothing. */
  takeCrmChanges(since: number, holder: string): CrmChanges | null | 'busy' {
    if (!this.room.store.session()) return null;
    return this.crmHold.take(holder, now()) ? this.crmChanges(since) : 'busy';
  }
  /** Write-back is done with what takeCrmChanges gave `holder`: another run may take the session. */
  crmWritten(holder: string): void {
    this.crmHold.release(holder);
  }

  // ─────────────────────────────── participants ───────────────────────────────

  addParticipant(actor: AgentActor, input: { roleName: string } & ContactInput): Promise<Result<ParticipantView>> {
    return this.participants.add(actor, input);
  }
  async reengage(actor: AgentActor, participantId: string, contact: Partial<ContactInput>): Promise<Result<ParticipantView>> {
    const r = await this.participants.reengage(actor, participantId, contact);
    return r.ok ? ok(await this.room.views.participantForAgent(r.value.id)) : r;
  }
  resendInvitation(actor: AgentActor, participantId: string, channel?: 'sms' | 'email'): Promise<Result<ParticipantView>> {
    return this.participants.resend(actor, participantId, channel);
  }
  /** "My contacts": the participants this customer assigned in their Assign steps. */
  myContacts(actor: ParticipantActor): Promise<Result<{ contacts: MyContactView[]; smsEnabled: boolean }>> {
    return this.documents.roleRequests.contacts(actor);
  }
  /** The customer re-engages one of their contacts (until that person enters). */
  reengageMyContact(actor: ParticipantActor, participantId: string, contact: Partial<ContactInput>): Promise<Result<MyContactView>> {
    return this.documents.roleRequests.reengage(actor, participantId, contact);
  }
  openPrivateSession(actor: AgentActor, participantId: string): Promise<Result<{ threadId: string; participantId: string }>> {
    return this.participants.openPrivate(actor, participantId);
  }
  /** A participant's live one-time code, for an agent the admin allows to see it (the viewing is logged). */
  participantOtp(actor: AgentActor, participantId: string): Promise<Result<OtpAgentView>> {
    return this.otp.agentView(actor, participantId);
  }
  /** The private threads with their messages, for the workspace's private conversation panels. */
  async privateThreads(actor: AgentActor): Promise<Result<{ threadId: string; participantId: string; messages: MessageView[] }[]>> {
    const s = await this.room.access.agentSession(actor);
    return s.ok ? ok(this.room.views.privateThreads()) : s;
  }
  /** Opening the link: access rules, the access window, single device, the room cookie. */
  enter(input: EnterInput): Promise<Result<EnterOutcome>> {
    return this.participants.enter(input);
  }
  /** The room as one participant sees it. */
  async participantRoom(actor: ParticipantActor): Promise<Result<ParticipantRoomView>> {
    const who = await this.room.access.authorize(actor);
    if (!who.ok) return who;
    const names = await this.room.directory.names();
    return ok(this.room.views.participantRoom(actor.participantId, who.value.access!, who.value.settings, names, await this.room.directory.brand()));
  }
  /** The customer's pick from the language menu (room/language.ts). */
  chooseLanguage(actor: ParticipantActor, language: Locale): Promise<Result<{ language: Locale }>> {
    return this.languages.choose(actor, language);
  }
  /** The disclosure in the participant's language; `browser`: the page's, for one who has none. */
  disclosure(actor: ParticipantActor, browser: Locale | null = null): Promise<Result<Disclosure & { consentedAt: string | null }>> {
    return this.consents.disclosure(actor, browser);
  }
  consent(actor: ParticipantActor, evidence: Evidence, browser: Locale | null = null): Promise<Result<{ consentedAt: string }>> {
    return this.consents.consent(actor, evidence, browser);
  }

  /**
   * Forget a person here (privacy/forget-person.ts, not an agent): the
   * participants with these addresses, or the primary of a session that is
   * theirs, lose their personal data. Asked again, it forgets nobody more.
   */
  forgetPerson(request: RoomForgetRequest): Promise<RoomForgetOutcome> {
    return this.forgetting.forget(request);
  }

  // ───────────────────────────────── items, chat ─────────────────────────────────

  addItem(actor: AgentActor, input: NewItemInput): Promise<Result<ItemView>> {
    return this.items.add(actor, input);
  }
  setItemStatus(actor: Actor, itemId: string, to: ItemStatus, reason?: string): Promise<Result<ItemView>> {
    return this.items.setStatus(actor, itemId, to, reason);
  }
  postMessage(actor: Actor, input: { text: string; threadId?: string | undefined }): Promise<Result<MessageView>> {
    return this.chat.post(actor, input);
  }
  uploadAttachment(actor: Actor, input: UploadInput): Promise<Result<MessageView>> {
    return this.chat.upload(actor, input);
  }
  file(actor: Actor, fileId: string): Promise<Result<{ key: string; name: string; type: string; size: number }>> {
    return this.chat.file(actor, fileId);
  }
  /** The caller has seen the chat up to its newest message: "Read" for the other side. */
  markChatRead(actor: Actor): Promise<Result<{ readUntil: string | null }>> {
    return this.chatReads.markRead(actor);
  }
  /** The caller is typing: the other side sees it for a moment; nothing is stored. */
  typing(actor: Actor, threadId: string | null): Promise<Result<{ at: string }>> {
    return this.typingNow.typing(actor, threadId);
  }

  // ───────────────────────────── document requests ─────────────────────────────

  addDocumentRequest(actor: AgentActor, input: NewDocumentRequest): Promise<Result<DocumentRequestView>> {
    return this.documentRequests.add(actor, input);
  }
  documentRequest(actor: Actor, itemId: string): Promise<Result<DocumentRequestView>> {
    return this.documentRequests.view(actor, itemId);
  }
  submitRequestedFile(actor: ParticipantActor, itemId: string, slotId: string, input: RequestFileInput): Promise<Result<DocumentRequestView>> {
    return this.documentRequests.submit(actor, itemId, slotId, input);
  }
  decideRequestedFile(actor: AgentActor, itemId: string, slotId: string, action: 'accept' | 'reject', reason?: string, evidence?: Evidence): Promise<Result<DocumentRequestView>> {
    return this.documentRequests.decide(actor, itemId, slotId, action, reason, evidence);
  }
  requestAudit(actor: AgentActor, itemId: string): Promise<Result<AuditTrail>> {
    return this.documentRequests.audit(actor, itemId);
  }

  // ── Payments (room/payments.ts): the Worker talks to Stripe, the room keeps the state ──
  addPayment(actor: AgentActor, input: NewPayment): Promise<Result<PaymentView>> {
    return this.payments.add(actor, input);
  }
  payment(actor: Actor, itemId: string): Promise<Result<PaymentIntentTarget>> {
    return this.payments.intentOf(actor, itemId);
  }
  async attachPaymentIntent(itemId: string, intentId: string): Promise<Result<PaymentView>> {
    return this.payments.attachIntent(itemId, intentId);
  }
  /** Only api/stripe-webhooks.ts calls this, with what a verified Stripe event said. */
  async applyStripeEvent(itemId: string, snapshot: StripeIntentSnapshot): Promise<Result<{ applied: boolean; state: PaymentState }>> {
    return this.payments.applyStripe(itemId, snapshot);
  }
  // ── Workflows (room/workflows.ts): the Worker reads the definition and its templates; the room runs it ──
  addWorkflow(actor: AgentActor, input: WorkflowSend): Promise<Result<{ workflow: ItemView; steps: ItemView[] }>> {
    return this.workflows.add(actor, input);
  }

  // ── Shared review (room/shared-review.ts): pages, lead and marks are events; pointers pass by ──
  addReview(actor: AgentActor, input: NewReview): Promise<Result<ReviewView>> {
    return this.reviews.add(actor, input);
  }
  review(actor: Actor, itemId: string): Promise<Result<ReviewView>> {
    return this.reviews.view(actor, itemId);
  }
  reviewPdf(actor: Actor, itemId: string): Promise<Result<{ key: string; name: string }>> {
    return this.reviews.pdf(actor, itemId);
  }
  /** Take the lead, on `page` when given (a page turn). */
  leadReview(actor: Actor, itemId: string, page?: number): Promise<Result<ReviewView>> {
    return this.reviews.lead(actor, itemId, page);
  }
  pointInReview(actor: Actor, itemId: string, pointer: ReviewPointer): Promise<Result<{ at: string }>> {
    return this.reviews.point(actor, itemId, pointer);
  }
  annotateReview(actor: Actor, itemId: string, input: NewAnnotation): Promise<Result<ReviewView>> {
    return this.reviews.annotate(actor, itemId, input);
  }
  removeReviewAnnotation(actor: Actor, itemId: string, annotationId: string): Promise<Result<ReviewView>> {
    return this.reviews.unannotate(actor, itemId, annotationId);
  }
  endReview(actor: AgentActor, itemId: string): Promise<Result<ReviewView>> {
    return this.reviews.end(actor, itemId);
  }

  requestedFile(actor: Actor, itemId: string, slotId: string): Promise<Result<{ key: string; name: string; type: string }>> {
    return this.documentRequests.file(actor, itemId, slotId);
  }

  // ──────────────────────────────── documents ────────────────────────────────

  addDocument(actor: AgentActor, input: AddDocumentInput): Promise<Result<DocumentItemView>> {
    return this.documents.add(actor, input);
  }
  addBatch(actor: AgentActor, name: string, documents: AddDocumentInput[]): Promise<Result<{ batch: ItemView; documents: ItemView[] }>> {
    return this.documents.addBatch(actor, name, documents);
  }
  /** The Assign step: roles of a document waiting for this participant to name who takes them. */
  assignStep(actor: ParticipantActor, itemId: string): Promise<Result<AssignStepView>> {
    return this.documents.roleRequests.step(actor, itemId);
  }
  assignRoles(actor: ParticipantActor, itemId: string, answers: Record<string, RoleAnswer>): Promise<Result<DocumentItemView>> {
    return this.documents.roleRequests.assign(actor, itemId, answers);
  }
  document(actor: Actor, itemId: string, evidence?: Evidence): Promise<Result<DocumentItemView>> {
    return this.documents.view(actor, itemId, evidence);
  }
  fillField(actor: Actor, itemId: string, fieldId: string, value: FieldValue, evidence: Evidence): Promise<Result<DocumentItemView>> {
    return this.documents.fill(actor, itemId, fieldId, value, evidence);
  }
  completeDocument(actor: Actor, itemId: string, evidence: Evidence): Promise<Result<DocumentItemView>> {
    return this.documents.complete(actor, itemId, evidence);
  }
  declineDocument(actor: ParticipantActor, itemId: string, reason: string, evidence: Evidence): Promise<Result<DocumentItemView>> {
    return this.documents.decline(actor, itemId, reason, evidence);
  }
  forwardDocument(actor: AgentActor, itemId: string, approver: ContactInput): Promise<Result<DocumentItemView>> {
    return this.documents.forward(actor, itemId, approver);
  }
  decideApproval(actor: ParticipantActor, itemId: string, decision: 'approve' | 'decline', reason: string | undefined, evidence: Evidence): Promise<Result<DocumentItemView>> {
    return this.documents.decideApproval(actor, itemId, decision, reason, evidence);
  }
  documentPdf(actor: Actor, itemId: string, evidence: Evidence): Promise<Result<DocumentFile>> {
    return this.documents.pdf(actor, itemId, evidence);
  }
  documentOriginal(actor: Actor, itemId: string): Promise<Result<{ key: string; name: string }>> {
    return this.documents.original(actor, itemId);
  }
  documentFieldImage(actor: Actor, itemId: string, fieldId: string): Promise<Result<Uint8Array>> {
    return this.documents.fieldImage(actor, itemId, fieldId);
  }
  documentAudit(actor: AgentActor, itemId: string): Promise<Result<AuditTrail>> {
    return this.documents.audit(actor, itemId);
  }
  /** An admin tries again a document whose sealing failed; answers the document as it is after the try. */
  async retrySealing(actor: AgentActor, itemId: string): Promise<Result<DocumentItemView>> {
    const r = await this.sealing.retry(actor, itemId);
    if (!r.ok) return r;
    this.room.publisher.soon();
    return this.documents.view(actor, itemId);
  }

  /**
   * An admin changed settings that may apply here (the org's or this
   * session's team's; or, with 'notifications', the org's notification
   * settings): the next action follows them. Resolves once the room has read
   * them again, so the settings API answers only after every open session has
   * the change.
   */
  async settingsChanged(what: 'settings' | 'notifications' = 'settings'): Promise<void> {
    if (what === 'notifications') {
      if (this.room.store.session()) this.notices.settingsChanged({ notifications: true });
      return;
    }
    await this.room.directory.invalidateSettings();
    if (!this.room.store.session()) return;
    // Who may be reminded follows access, which follows these settings: plan again (the notification settings are unchanged).
    this.notices.settingsChanged({ notifications: false });
    // A participant's access may have narrowed or ended with the new settings: their sockets close now.
    this.presence.recheck();
  }

  /** An agent can no longer act (deactivated): their sockets here close now; with none named, every agent's (the org's token key was replaced). */
  closeAgentSockets(agentId?: string): void {
    this.presence.closeAgent(agentId);
  }

  /**
   * Resolves once what this object does after a change, off the caller's
   * path (publishing to D1 and the CRM queue, planning reminders), is done.
   * Nothing in the Worker calls it (the runtime keeps that work alive by
   * waitUntil): it is for tests, which wait on it instead of sleeping.
   */
  async idle(): Promise<void> {
    await this.room.publisher.idle();
    await this.notices.idle();
  }

  // ─────────────────────────── sockets and the alarm ───────────────────────────

  /**
   * Socket upgrades arrive here from the Worker with the caller in the
   * x-parley-actor header (built by the Worker, never taken from the client)
   * and the last event the client has in x-parley-after.
   */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return new Response('expected a WebSocket upgrade', { status: 426 });
    const actor = JSON.parse(request.headers.get('x-parley-actor') ?? 'null') as Actor | null;
    if (!actor) return new Response('no identity', { status: 400 });
    const after = request.headers.get('x-parley-after');
    return this.presence.accept(actor, after === null ? null : Number(after));
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.presence.message(ws, message, (from, frame) => this.reviews.pointFromSocket(from, frame.itemId, frame));
  }

  override async webSocketClose(ws: WebSocket): Promise<void> {
    this.presence.closed(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.presence.closed(ws);
  }

  /** Every due timer to its handler, then whatever they changed is published, then the alarm moves to the next. */
  override async alarm(): Promise<void> {
    const { timers, publisher, directory, store } = this.room;
    // Woken from hibernation, the room knows no settings yet: read them before a timer decides whose socket still has access.
    if (store.session()) await directory.settings().catch(() => undefined);
    await timers.fire(now());
    await publisher.now();
    await timers.arm();
  }
}
