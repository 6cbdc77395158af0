// The session page's private conversations: one panel per private thread
// (POST …/participants/{id}/private opens one), each with its own messages
// and reply box, apart from the main chat. Only the agent and that
// participant see a thread (room/access.ts canSeeThread), so its messages
// are read through their own call (data.ts), never mixed into the main chat's
// list. The panels sit in the live region #ws-private: the workspace script
// (client/workspace/private-sessions.ts) adds new panels and new messages on
// every live refresh without touching what the agent is typing.
import type { AgentRecord } from '../../directory/agents';
import type { AgentRoomView } from '../../contract/session';
import type { SessionStatus } from '../../domain/catalogue';
import type { PrivateThread } from './data';
import { ChatLine } from './chat-line';
import { Time } from './layout';

type Participant = AgentRoomView['participants'][number];

/** A private conversation can be started while the session is open, with any participant (the customer too); an open one can always be shown. */
const mayOpen = (status: SessionStatus) => status === 'planned' || status === 'active';

/** On a participant's card: start the private conversation, or go to the one already open. */
export function PrivateButton({ p, view }: { p: Participant; view: AgentRoomView }) {
  const open = view.privateSessions.some((t) => t.participantId === p.id);
  if (!open && !mayOpen(view.session.status)) return null;
  return (
    <button type="button" class="ws-tool" id={`private-open-${p.id}`} data-private={p.id} data-name={p.name}>
      {open ? 'Go to private conversation' : 'Private conversation'}
      <span class="ws-sr"> with {p.name}</span>
    </button>
  );
}

export function PrivateSessions({ agent, view, threads }: { agent: AgentRecord; view: AgentRoomView; threads: PrivateThread[] }) {
  return (
    <div id="ws-private">
      {threads.map((t) => {
        const p = view.participants.find((x) => x.id === t.participantId);
        return p ? <PrivatePanel agent={agent} view={view} thread={t} p={p} /> : null;
      })}
    </div>
  );
}

function PrivatePanel({ agent, view, thread, p }: { agent: AgentRecord; view: AgentRoomView; thread: PrivateThread; p: Participant }) {
  const id = `private-${thread.threadId}`;
  const writable = mayOpen(view.session.status);
  return (
    <section id={id} class="ws-panel ws-private" aria-labelledby={`${id}-h`} data-thread={thread.threadId} data-participant={p.id} data-name={p.name}>
      <h2 id={`${id}-h`} tabindex={-1}>
        Private with {p.name} <span class="muted">({p.roleName})</span>
      </h2>
      <InvitationNote id={`${id}-note`} p={p} status={view.session.status} />
      <div role="log" aria-labelledby={`${id}-h`}>
        <ul id={`${id}-messages`} class="plain chat ws-chat" aria-label={`Private messages with ${p.name}`} tabindex={0}>
          {thread.messages.length === 0 ? (
            <li class="muted" data-empty="1">
              No private messages yet.
            </li>
          ) : null}
          {thread.messages.map((m) => (
            <ChatLine m={m} who={m.author.kind === 'agent' ? (m.author.id === agent.id ? 'You' : 'Agent') : p.name} sessionId={view.session.id} />
          ))}
        </ul>
      </div>
      {writable ? (
        <form id={`${id}-form`} class="ws-form ws-chat-form" data-private-form={thread.threadId} novalidate>
          <div class="ws-field ws-grow">
            <label for={`${id}-text`}>Private message to {p.name}</label>
            <input id={`${id}-text`} type="text" maxlength={4000} autocomplete="off" aria-describedby={`${id}-err`} data-field="body.text" />
          </div>
          <button type="submit" class="ws-btn">
            Send privately
          </button>
          <p class="ws-err ws-full" id={`${id}-err`} data-field="" />
        </form>
      ) : null}
    </section>
  );
}

/** Whether the participant can open their room to read it: invited (and when), or invited with everyone once the session starts. */
function InvitationNote({ id, p, status }: { id: string; p: Participant; status: SessionStatus }) {
  const seen = `Only agents and ${p.name} see this conversation; it is not in the main chat.`;
  const state = p.enteredAt ? 'entered' : p.invitedAt ? 'invited' : status === 'planned' ? 'planned' : 'not_invited';
  return (
    <p class="muted" id={id} data-state={state}>
      {seen}{' '}
      {p.enteredAt ? (
        <>They have entered the room and see it there.</>
      ) : p.invitedAt ? (
        <>
          Their invitation went out <Time at={p.invitedAt} />; they see this conversation once they open it.
        </>
      ) : status === 'planned' ? (
        'They get their invitation when you invite the session.'
      ) : (
        'They have not been invited.'
      )}
    </p>
  );
}
