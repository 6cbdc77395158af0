// What participants are sent of the session, cut down from what agents see:
// events (live and replayed), messages and the session itself. Everything is
// rebuilt from a list of what participants may see, never by deleting what
// they may not, so a field added to the agents' views stays with the agents
// until someone decides otherwise (contract/events.ts participantEventSchema
// lists it, strictly).
import type { ParticipantActorKey, ParticipantSessionEvent, SessionEvent } from '../contract/events';
import type { MessageView, ParticipantMessageView, ParticipantPublicView, ParticipantSessionView, ParticipantView, SessionView } from '../contract/session';

/** An event as participants receive it: no agent, customer or CRM ids, contact details, invitations, windows or IPs. */
export function redactForParticipants(event: SessionEvent): ParticipantSessionEvent {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.data)) {
    const seen = SEEN[key]?.(value as never, event.type);
    if (seen !== undefined) data[key] = seen;
  }
  return { version: event.version, type: event.type, at: event.at, actor: redactActor(event.actor), audience: event.audience, data } as ParticipantSessionEvent;
}

/**
 * The data keys participants are sent, and what they see of each (undefined:
 * nothing). Any other key (ip, userAgent, channel, channels) stays with the agents.
 */
const SEEN: Record<string, (value: never, type: SessionEvent['type']) => unknown> = {
  session: (s: SessionView) => participantSessionView(s),
  participant: (p: ParticipantView) => participantPublic(p),
  message: (m: MessageView) => participantMessageView(m),
  item: (i: unknown) => i,
  // An item's previous status, yes; the agent a session was taken from (session.reassigned), no.
  from: (f: unknown, type) => (type === 'item.status_changed' ? f : undefined),
  reason: (r: unknown) => r,
  kind: (k: unknown) => k,
  // A payment's state (payment.updated): the customer's own payment, nothing of Stripe's.
  state: (s: unknown) => s,
  roles: (r: unknown) => r,
  // Role names the customer assigned or skipped (document.roles_assigned): who took them is in the item's signers.
  assigned: (r: unknown) => r,
  skipped: (r: unknown) => r,
  disclosureSha256: (h: unknown) => h,
  // Which requested document a file was given for, or decided on (request.*): the item's summary names it.
  slotId: (s: unknown) => s,
  // A shared review's page, leader ("agent" or "participant:<id>", never which agent) and marks (review.*).
  page: (p: unknown) => p,
  leader: (l: unknown) => l,
  annotation: (a: unknown) => a,
  annotationId: (a: unknown) => a,
  threadId: (t: unknown) => t,
  participantId: (p: unknown) => p,
  // How a participant proved themselves (participant.authenticated); the co-signers see that they did, never a code (no event holds one).
  method: (m: unknown) => m,
  takeover: (t: unknown) => t,
};

function redactActor(actor: SessionEvent['actor']): ParticipantActorKey {
  return actor.startsWith('agent:') ? 'agent' : (actor as ParticipantActorKey);
}

export function participantSessionView(s: Pick<SessionView, 'id' | 'status' | 'endedAt' | 'version'>): ParticipantSessionView {
  return { id: s.id, status: s.status, endedAt: s.endedAt, version: s.version };
}

export function participantPublic(p: ParticipantView): ParticipantPublicView {
  return {
    id: p.id,
    primary: p.primary,
    roleName: p.roleName,
    name: p.name,
    online: p.online,
    lastSeenAt: p.lastSeenAt,
    enteredAt: p.enteredAt,
    consentedAt: p.consentedAt,
    authStatus: p.authStatus,
    authenticatedAt: p.authenticatedAt,
    completed: p.completed,
    completedAt: p.completedAt,
  };
}

/** An agent's message is signed "agent": which agent works the session is the org's business. */
export function participantMessageView(m: MessageView): ParticipantMessageView {
  return {
    id: m.id,
    threadId: m.threadId,
    author: m.author.kind === 'agent' ? { kind: 'agent' } : { kind: 'participant', id: m.author.id },
    text: m.text,
    file: m.file && { id: m.file.id, name: m.file.name, type: m.file.type, size: m.file.size },
    createdAt: m.createdAt,
  };
}
