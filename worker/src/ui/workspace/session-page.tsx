// GET /app/sessions/:id: one session as its agent works it. The parts that
// change (head, actions, bubbles, participants, chat, private conversations)
// are rendered by SessionLive, which is also served alone as
// /app/sessions/:id/live: on every live event the workspace script fetches
// it again and swaps the parts in, so there is one renderer and user text
// is always escaped by hono/jsx.
import type { Child } from 'hono/jsx';
import type { AgentRecord } from '../../directory/agents';
import { CLOSED_STATUSES, DOCUMENT_KINDS, DONE_STATUSES, ITEM_KIND_LABELS, ITEM_STATUS_LABELS, SESSION_STATUS_LABELS, type ItemStatus } from '../../domain/catalogue';
import type { DocumentItemView } from '../../contract/documents';
import type { AgentRoomView } from '../../contract/session';
import type { SessionPageData } from './data';
import { Time, WsLayout, humanStatus } from './layout';
import { LastMessage, MessageActions, deliverySentence, lastDelivery } from './participant-message';
import { OtpReveal } from './otp-reveal';
import { CoSigners, SignerCount } from './co-signers';
import { Presence } from './presence';
import { ChatLine } from './chat-line';
import { PrivateButton, PrivateSessions } from './private-session';
import { BatchDialog } from './batch-dialog';
import { LanguageField } from './language-field';
import { RejectDialog, RequestDialog, RequestSlots } from './request-parts';
import { PaymentDialog, PaymentFacts } from './payment-parts';
import { ReviewFacts } from './review-parts';

type Participant = AgentRoomView['participants'][number];
type Item = AgentRoomView['items'][number];
type Message = AgentRoomView['messages'][number];

export function customerOf(view: AgentRoomView): Participant | undefined {
  return view.participants.find((p) => p.primary) ?? view.participants[0];
}

export function SessionPage({ agent, data }: { agent: AgentRecord; data: SessionPageData }) {
  const { view } = data;
  const customer = customerOf(view);
  return (
    <WsLayout title={customer?.name ?? 'Session'} agent={agent} page="session" sessionId={view.session.id}>
      <p class="ws-back">
        <a href="/app">← All sessions</a>
      </p>
      {/* On a phone the chat is far down the page: this tab, sticky at the top, goes straight to it. */}
      <nav class="ws-jump" aria-label="On this page">
        <a href="#chat">Chat</a>
      </nav>
      <Head data={data} />
      <Actions data={data} />
      <p id="ws-conn" class="muted ws-conn">Live updates: connecting…</p>
      <p id="ws-notice" class="ws-notice-line" role="status" aria-live="polite" />
      <p id="ws-error" class="ws-err ws-notice-line" role="alert" />
      <div class="ws-columns">
        <div class="ws-grow">
          <section aria-labelledby="items-h" class="ws-panel">
            <h2 id="items-h" tabindex={-1}>
              Interactions
            </h2>
            <Items data={data} agent={agent} />
            <SendForm kind="template" label="Send a template from Assets" channels={data.channels} />
            <SendForm kind="workflow" label="Send a workflow" channels={data.channels} />
            <p class="ws-row">
              <a class="ws-btn ws-btn-quiet" href={`/app/sessions/${view.session.id}/documents/new`}>Upload a PDF and place fields</a>
              <button type="button" class="ws-btn ws-btn-quiet" id="batch-open" data-batch="1">
                Send a batch
              </button>
              <button type="button" class="ws-btn ws-btn-quiet" id="request-open" data-request-open="1">
                Ask for documents
              </button>
              {data.payments ? (
                <button type="button" class="ws-btn ws-btn-quiet" id="payment-open" data-payment-open="1">
                  Request a payment
                </button>
              ) : null}
            </p>
          </section>
          <section aria-labelledby="chat-h" class="ws-panel" id="chat">
            <h2 id="chat-h">Chat</h2>
            {/* The log announces new messages; the script only ever appends to it. */}
            <div role="log" aria-labelledby="chat-h">
              <Messages agent={agent} view={view} />
            </div>
            <form id="chat-form" class="ws-form ws-chat-form" novalidate>
              <div class="ws-field ws-grow">
                <label for="chat-text">Message</label>
                <input id="chat-text" type="text" maxlength={4000} autocomplete="off" aria-describedby="chat-err" />
              </div>
              <div class="ws-field">
                <label for="chat-file">Attach a file (PDF or image)</label>
                <input id="chat-file" type="file" accept="application/pdf,image/*" aria-describedby="chat-err" />
              </div>
              <button type="submit" class="ws-btn">
                Send
              </button>
              <p class="ws-err ws-full" id="chat-err" data-field="" />
            </form>
          </section>
          <PrivateSessions agent={agent} view={view} threads={data.privateThreads} />
        </div>
        <Participants data={data} />
      </div>
      <ContactDialog id="forward" title="Forward for approval" note="forward-doc" nameLabel="Approver's name" fields="body.approver." submit="Forward" phone={data.channels.smsEnabled} />
      {/* Re-engage: opened from a participant's "Change contact" (client/workspace/participants.ts). */}
      <ContactDialog id="reengage" title="Change contact details" note="reengage-who" nameLabel="Name" fields="body." submit="Save" phone={data.channels.smsEnabled} />
      {/* Add participant: opened from the session actions (client/workspace/participants.ts). */}
      <ContactDialog id="add" title="Add a participant" note="add-note" nameLabel="Name" fields="body.contact." submit="Add participant" phone={data.channels.smsEnabled}>
        <FieldRow id="add-role" label="Role (e.g. Co-signer, Approver)" field="body.roleName" />
        <LanguageField id="add-language" field="body.contact.language" />
      </ContactDialog>
      <BatchDialog channels={data.channels} />
      <RequestDialog />
      <RejectDialog />
      {data.payments ? <PaymentDialog limits={data.payments} /> : null}
    </WsLayout>
  );
}

/**
 * Sends one of the org's templates or workflows: a choice, the participant
 * list its roles ask for (drawn by client/workspace/participant-list.ts) and
 * Send. The script fills the choice, so it starts disabled.
 */
function SendForm(props: { kind: 'template' | 'workflow'; label: string; channels: SessionPageData['channels'] }) {
  const k = props.kind;
  return (
    <form id={`${k}-form`} class="ws-form ws-inline" novalidate data-sms-enabled={String(props.channels.smsEnabled)} data-otp-required={String(props.channels.otpRequired)}>
      <div class="ws-field">
        <label for={`${k}-select`}>{props.label}</label>
        <select id={`${k}-select`} name={`${k}Id`} aria-describedby={`${k}-err`} disabled>
          <option value="">Loading {k}s…</option>
        </select>
        <p class="ws-err" id={`${k}-err`} data-field="" />
      </div>
      <div id={`${k}-roles`} />
      <button type="submit" class="ws-btn" id={`${k}-send`} disabled>
        Send
      </button>
    </form>
  );
}

function FieldRow(props: { id: string; label: string; field: string; type?: string }) {
  return (
    <div class="ws-field">
      <label for={props.id}>{props.label}</label>
      <input id={props.id} type={props.type ?? 'text'} autocomplete="off" aria-describedby={`${props.id}-err`} data-field={props.field} />
      <p class="ws-err" id={`${props.id}-err`} data-field={props.field} />
    </div>
  );
}

/** The parts of the page that change, for the live refresh. */
export function SessionLive({ agent, data }: { agent: AgentRecord; data: SessionPageData }) {
  return (
    <div>
      <Head data={data} />
      <Actions data={data} />
      <Items data={data} agent={agent} />
      <Messages agent={agent} view={data.view} />
      <Participants data={data} />
      <PrivateSessions agent={agent} view={data.view} threads={data.privateThreads} />
    </div>
  );
}

function Head({ data }: { data: SessionPageData }) {
  const { view } = data;
  const customer = customerOf(view);
  return (
    <div id="ws-head" class="ws-head" data-version={view.session.version}>
      <h1 tabindex={-1}>{customer?.name ?? 'Session'}</h1>
      <p class="ws-meta">
        <span class={`status ws-s-${view.session.status}`}>Session {SESSION_STATUS_LABELS[view.session.status].toLowerCase()}</span>
        {customer ? <Presence p={customer} long /> : null}
        {customer?.email || customer?.phone ? <span class="muted">{[customer.email, customer.phone].filter(Boolean).join(' · ')}</span> : null}
        {view.session.crmRecord ? (
          <span class="muted">
            {view.session.crmRecord.system} {view.session.crmRecord.objectType ?? ''} {view.session.crmRecord.recordId}
          </span>
        ) : null}
      </p>
    </div>
  );
}

function Actions({ data }: { data: SessionPageData }) {
  const { view } = data;
  const status = view.session.status;
  const customer = customerOf(view);
  const contacted = Boolean(customer?.enteredAt);
  return (
    <div id="ws-actions" class="ws-row ws-actions" role="group" aria-label="Session actions">
      {status === 'planned' ? (
        <button type="button" class="ws-btn" id="act-invite" data-action="invite">
          Invite
        </button>
      ) : (
        <>
          <button type="button" class="ws-btn" id="act-renew" data-action="renew" disabled={!contacted} aria-describedby={contacted ? undefined : 'renew-help'}>
            Renew
          </button>
          {contacted ? null : (
            <span class="muted" id="renew-help">
              Renew is available once the customer has opened the invitation.
            </span>
          )}
        </>
      )}
      {status === 'planned' || status === 'active' ? (
        <button type="button" class="ws-btn" id="act-add-participant" data-add-participant="1" data-sends={status === 'active' ? '1' : '0'}>
          Add participant
        </button>
      ) : null}
      {status === 'planned' || status === 'active' ? (
        <button type="button" class="ws-btn ws-btn-danger" id="act-end" data-action="end">
          End session
        </button>
      ) : null}
    </div>
  );
}

function Items({ data, agent }: { data: SessionPageData; agent: AgentRecord }) {
  const { view } = data;
  return (
    <ul id="ws-items" class="plain ws-bubbles">
      {view.items.length === 0 ? <li class="muted">Nothing sent yet.</li> : null}
      {/* A workflow is one bubble: its steps are drawn inside it, not beside it. */}
      {view.items
        .filter((item) => !item.parentId)
        .map((item) => (
          <Bubble item={item} data={data} agent={agent} />
        ))}
    </ul>
  );
}

function Bubble({ item, data, agent }: { item: Item; data: SessionPageData; agent: AgentRecord }) {
  const { view } = data;
  const doc = data.documents.get(item.id);
  const sessionId = view.session.id;
  const done = DONE_STATUSES.has(item.status as ItemStatus);
  const closed = CLOSED_STATUSES.has(item.status);
  const isDoc = DOCUMENT_KINDS.has(item.kind);
  const base = `/app/sessions/${sessionId}/documents/${item.id}`;
  const actors = whoMustAct(item, doc, view);
  const agentTurn = Boolean(doc?.document.myTurn) && !done && !closed;
  const headingId = `item-${item.id}-name`;
  const sealing = doc?.document.sealing ?? null;
  return (
    <li
      class={`ws-bubble${done ? ' done' : ''}`}
      id={`item-${item.id}`}
      data-status={item.status}
      data-sealing={sealing?.state}
      data-name={item.name}
      aria-labelledby={headingId}
    >
      <span class="ws-mark" aria-hidden="true">
        {done ? '✓' : closed ? '✕' : '✎'}
      </span>
      <div class="ws-bubble-body">
        <p class="ws-bubble-title">
          <span id={headingId} class="ws-bubble-name">
            {item.name}
          </span>{' '}
          {item.signers ? <SignerCount item={item} signers={item.signers} /> : null}
          <span class="ws-sr">{done ? '(done)' : closed ? '(closed)' : '(waiting)'}</span>
          <span class={`status${done ? ' done' : ''}`}>{ITEM_STATUS_LABELS[item.status]}</span>
        </p>
        <p class="muted ws-bubble-meta">
          {ITEM_KIND_LABELS[item.kind]}
          {item.status === 'pending_approval' ? <> · waiting for {actors.join(', ')}</> : null}
          {done || closed ? null : <> · {actors.length ? `waiting for ${actors.join(', ')}` : 'waiting'}</>}
          {item.reason ? <> · reason: {item.reason}</> : null}
        </p>
        {sealing ? <Sealing item={item} sealing={sealing} admin={agent.role === 'admin'} /> : null}
        {item.app?.kind === 'document_request' ? <RequestSlots item={item} app={item.app} sessionId={sessionId} /> : null}
        {item.app?.kind === 'payment' ? <PaymentFacts item={item} app={item.app} admin={agent.role === 'admin'} /> : null}
        {item.app?.kind === 'shared_review' ? <ReviewFacts item={item} app={item.app} sessionId={sessionId} names={view.participants} /> : null}
        {isDoc ? (
          <div class="ws-toolbar" role="group" aria-label={`Actions for ${item.name}`}>
            <a class="ws-tool" id={`tool-${item.id}-preview`} href={`${base}/pdf`} target="_blank" rel="noopener">
              Preview<span class="ws-sr"> {item.name} (opens in a new tab)</span>
            </a>
            <a class="ws-tool" id={`tool-${item.id}-download`} href={`${base}/pdf?download=1`} download>
              Download<span class="ws-sr"> {item.name}</span>
            </a>
            {agentTurn ? (
              <a class="ws-tool ws-tool-main" id={`tool-${item.id}-sign`} href={base}>
                {item.status === 'awaiting_agent' ? 'Agent details' : 'Sign as agent'}
                <span class="ws-sr"> for {item.name}</span>
              </a>
            ) : null}
            {closed ? null : (
              <button type="button" class="ws-tool" id={`tool-${item.id}-review`} data-review={item.id}>
                Review together<span class="ws-sr"> {item.name} with the customer</span>
              </button>
            )}
            {item.status === 'completed' ? (
              <button type="button" class="ws-tool" id={`tool-${item.id}-forward`} data-forward={item.id} data-name={item.name}>
                Forward for approval<span class="ws-sr"> {item.name}</span>
              </button>
            ) : null}
          </div>
        ) : null}
        {item.signers?.length ? <CoSigners item={item} signers={item.signers} view={view} /> : null}
        {item.app?.kind === 'workflow' ? (
          <>
            <p class="muted" id={`item-${item.id}-progress`}>
              {item.app.current ? `Step ${item.app.current} of ${item.app.steps}` : `${item.app.done} of ${item.app.steps} steps done`}
            </p>
            <ol class="plain ws-bubbles ws-steps" aria-label={`Steps of ${item.name}`}>
              {view.items
                .filter((step) => step.parentId === item.id)
                .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
                .map((step) => (
                  <Bubble item={step} data={data} agent={agent} />
                ))}
            </ol>
          </>
        ) : null}
      </div>
    </li>
  );
}

/**
 * A signed document not sealed yet after a try: being retried (and when), or
 * failed with the reason. An admin gets the button that tries it again.
 */
function Sealing({ item, sealing, admin }: { item: Item; sealing: NonNullable<DocumentItemView['document']['sealing']>; admin: boolean }) {
  const reason = sealing.reason ? `: ${sealing.reason}` : '';
  if (sealing.state === 'retrying') {
    return (
      <p class="muted ws-sealing" id={`item-${item.id}-sealing`}>
        Sealing did not work yet (try {sealing.attempts} of {sealing.maxAttempts}){reason}.
        {sealing.nextAttemptAt ? (
          <>
            {' '}
            Next try at <Time at={sealing.nextAttemptAt} />.
          </>
        ) : null}
      </p>
    );
  }
  return (
    <div class="ws-sealing">
      <p class="ws-err" id={`item-${item.id}-sealing`}>
        Sealing failed after {sealing.attempts} tries{reason}. {admin ? null : 'An admin can retry it.'}
      </p>
      {admin ? (
        <button type="button" class="ws-tool" id={`tool-${item.id}-reseal`} data-reseal={item.id} data-name={item.name} aria-describedby={`item-${item.id}-sealing`}>
          Retry sealing<span class="ws-sr"> {item.name}</span>
        </button>
      ) : null}
    </div>
  );
}

/** Who must act now: the roles whose turn it is (documents), or the item's assignees. */
function whoMustAct(item: Item, doc: DocumentItemView | undefined, view: AgentRoomView): string[] {
  const nameOf = (id: string) => {
    if (id === 'agent') return 'you';
    const p = view.participants.find((x) => x.id === id);
    return p ? `${p.name} (${p.roleName})` : 'a participant';
  };
  if (doc?.document.approval && item.status === 'pending_approval') {
    return [`approval by ${nameOf(doc.document.approval.approverId)}`];
  }
  if (doc) {
    const acting = doc.document.roles.filter((r) => r.actingNow && !r.done);
    return [...new Set(acting.map((r) => (r.assigned ? nameOf(r.assigned) : `${r.name} (not assigned)`)))];
  }
  if (item.status === 'awaiting_agent') return ['you'];
  return item.assignees.map(nameOf);
}

function Messages({ agent, view }: { agent: AgentRecord; view: AgentRoomView }) {
  const author = (m: Message) => {
    if (m.author.kind === 'agent') return m.author.id === agent.id ? 'You' : 'Agent';
    return view.participants.find((p) => p.id === m.author.id)?.name ?? 'Participant';
  };
  return (
    <ul id="ws-messages" class="plain chat ws-chat" aria-label="Chat messages" tabindex={0}>
      {view.messages.length === 0 ? (
        <li class="muted" data-empty="1">
          No messages yet.
        </li>
      ) : null}
      {view.messages.map((m) => (
        <ChatLine m={m} who={author(m)} sessionId={view.session.id} />
      ))}
    </ul>
  );
}

function Participants({ data }: { data: SessionPageData }) {
  const { view, mayShowOtp } = data;
  const done = view.participants.filter((p) => p.completed).length;
  return (
    <aside id="ws-participants" class="ws-panel ws-side" aria-labelledby="people-h">
      <h2 id="people-h" tabindex={-1}>
        Session participants <span class="ws-count">{`${done}/${view.participants.length}`}</span>
        <span class="ws-sr"> completed everything in this session</span>
      </h2>
      <ul class="plain">
        {view.participants.map((p) => (
          <li class="ws-person" id={`person-${p.id}`} data-name={p.name} data-role={p.roleName} {...deliveryData(p)}>
            <p class="ws-person-name">
              <strong>{p.name}</strong> <span class="muted">({p.roleName})</span>
            </p>
            {/* Named by the customer in their Assign step, not by an agent. */}
            {p.assignedBy ? <p class="muted ws-assigned-by">Assigned by {view.participants.find((x) => x.id === p.assignedBy)?.name ?? 'the customer'}</p> : null}
            <dl class="ws-facts">
              <dt>Online</dt>
              <dd>
                <Presence p={p} />
              </dd>
              <dt>Consent</dt>
              <dd>
                {p.consentedAt ? (
                  <>
                    Given <Time at={p.consentedAt} />
                  </>
                ) : (
                  'Not yet'
                )}
              </dd>
              <dt>Authentication</dt>
              <dd>{p.authStatus === 'none' ? (p.enteredAt ? 'Invitation link' : 'Not yet') : humanStatus(p.authStatus)}</dd>
              <dt>Completed</dt>
              <dd>
                {p.completed ? (
                  <>
                    <span aria-hidden="true">✓ </span>Yes
                  </>
                ) : (
                  'No'
                )}
              </dd>
              {p.access.level !== 'full' ? (
                <>
                  <dt>Access</dt>
                  <dd>{humanStatus(p.access.reason ?? p.access.level)}</dd>
                </>
              ) : null}
              <dt>Last message</dt>
              <dd>
                <LastMessage p={p} />
              </dd>
            </dl>
            <MessageActions p={p} status={view.session.status} smsEnabled={data.channels.smsEnabled} />
            {mayShowOtp ? <OtpReveal p={p} /> : null}
            <PrivateButton p={p} view={view} />
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** The last message, for the script to tell a change on the live refresh: which message and its status, and the words to say. */
function deliveryData(p: Participant): Record<string, string> {
  const d = lastDelivery(p);
  if (!d) return {};
  return { 'data-last-message': `${d.messageId} ${d.status}`, 'data-last-message-said': `${deliverySentence(d)}${d.reason ? ` (${d.reason})` : ''}` };
}

/**
 * A dialog asking for a person's name, email and phone: an approver to forward to, a participant's new contact.
 * Field errors name `fields` + name|email|phone. `phone` false (text messages off): no phone field.
 */
function ContactDialog(props: { id: string; title: string; note: string; nameLabel: string; fields: string; submit: string; phone?: boolean; children?: Child }) {
  const { id, fields } = props;
  return (
    <dialog id={`${id}-dialog`} aria-labelledby={`${id}-h`}>
      <form id={`${id}-form`} class="ws-form" novalidate>
        <h2 id={`${id}-h`}>{props.title}</h2>
        <p class="muted" id={props.note} />
        {props.children ?? null}
        <FieldRow id={`${id}-name`} label={props.nameLabel} field={`${fields}name`} />
        <FieldRow id={`${id}-email`} label="Email" type="email" field={`${fields}email`} />
        {props.phone === false ? null : <FieldRow id={`${id}-phone`} label="Phone (e.g. +14155550123)" type="tel" field={`${fields}phone`} />}
        <p class="ws-err" id={`${id}-err`} data-field="" role="alert" />
        <div class="ws-row">
          <button type="submit" class="ws-btn">
            {props.submit}
          </button>
          <button type="button" class="ws-btn ws-btn-quiet" id={`${id}-cancel`}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
