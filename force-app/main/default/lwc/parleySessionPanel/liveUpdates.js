// Applies what the session's live socket sends to the agent's view of the
// session (the JSON of GET /sessions/{id}), without asking the Worker again
// whenever the frame carries enough. The socket sends:
//   { type: 'hello', version, at }                   on connect: the session's version now
//   { type: 'presence', who, id, online, at }        a participant (or agent) came or went
//   { type: 'event', event: { version, type, data } } every change, numbered 1, 2, 3… per session
// Events are numbered without gaps, so a skipped number means a missed change:
// then (and for anything unknown) the panel fetches the whole view again.
import { itemStatusLabel, lastDelivery, lastMessageOf, sessionStatusLabel, signedCount } from './presentation';

/** The view as the panel keeps it: every list present, even where Apex dropped an empty one. */
export function normalizeView(view) {
    if (!view || !view.session) return null;
    return {
        ...view,
        participants: view.participants || [],
        items: view.items || [],
        messages: view.messages || [],
        privateSessions: view.privateSessions || []
    };
}

const unchanged = (view) => ({ view, resync: false });
const resync = (view) => ({ view, resync: true });

/**
 * @param {object} view the session view now shown
 * @param {object} frame one parsed socket message
 * @returns {{ view: object, resync: boolean }} the view to show, and whether to fetch it again
 */
export function applyFrame(view, frame) {
    if (!view || !frame || typeof frame !== 'object') return unchanged(view);
    if (frame.type === 'hello') {
        return typeof frame.version === 'number' && frame.version !== view.session.version ? resync(view) : unchanged(view);
    }
    if (frame.type === 'presence') return applyPresence(view, frame);
    if (frame.type === 'event') return applyEvent(view, frame.event);
    return unchanged(view);
}

function applyPresence(view, frame) {
    // The agents' own comings and goings are not shown in the panel.
    if (frame.who !== 'participant') return unchanged(view);
    if (!view.participants.some((p) => p.id === frame.id)) return resync(view);
    const participants = view.participants.map((p) => (
        p.id === frame.id ? { ...p, online: Boolean(frame.online), lastSeenAt: frame.at || p.lastSeenAt } : p
    ));
    return unchanged({ ...view, participants });
}

function applyEvent(view, event) {
    if (!event || typeof event.version !== 'number') return unchanged(view);
    const current = view.session.version;
    if (event.version <= current) return unchanged(view); // already in the view (a fetch overtook the socket)
    if (event.version > current + 1) return resync(view);
    const next = applyChange(view, event.type, event.data || {});
    if (!next) return resync(view);
    // The event's number is the session's version now (the session inside
    // data was copied before the event was numbered, so it is one behind).
    return unchanged({ ...next, session: { ...next.session, version: event.version } });
}

/** The view with one change applied, or null when the event does not carry enough. */
function applyChange(view, type, data) {
    // A person forgotten (a CRM privacy deletion) changes their chat messages and others' too: fetch the whole view again.
    if (type === 'participant.forgotten') return null;
    if (type === 'private_session.opened') {
        if (!data.threadId) return null;
        const privateSessions = (view.privateSessions || []).filter((t) => t.threadId !== data.threadId);
        return { ...view, privateSessions: [...privateSessions, { threadId: data.threadId, participantId: data.participantId }] };
    }
    if (type === 'message.posted') {
        const message = data.message;
        if (!message || !message.id) return null;
        return withMessage(view, message);
    }
    if (type.startsWith('session.') && data.session) {
        return { ...view, session: { ...view.session, ...data.session } };
    }
    // participant.message_status (agents only) carries the participant with their deliveries as they are now.
    if (type.startsWith('participant.') && data.participant) {
        return { ...view, participants: upsertParticipant(view.participants, data.participant) };
    }
    // A document's events (signed, roles assigned by the customer, seal failed) carry the item as it is now, signers included.
    if ((type.startsWith('item.') || type.startsWith('document.')) && data.item) {
        return { ...view, items: upsertById(view.items, data.item) };
    }
    return null;
}

/**
 * The view with one more chat message. The agent's own message arrives twice
 * (the answer to sending it, then its message.posted event), so a message
 * already shown, known by its id, is not added again.
 */
export function withMessage(view, message) {
    // Private-session messages belong to the workspace; the view holds the main chat only.
    if (message.threadId || view.messages.some((m) => m.id === message.id)) return view;
    return { ...view, messages: [...view.messages, message] };
}

function upsertById(list, row) {
    return list.some((x) => x.id === row.id) ? list.map((x) => (x.id === row.id ? row : x)) : [...list, row];
}

// An event's participant was copied when the change happened; presence frames
// arrive on their own and are newer, so the online flag already shown stays.
function upsertParticipant(list, participant) {
    const known = list.find((p) => p.id === participant.id);
    const row = known ? { ...participant, online: known.online, lastSeenAt: known.lastSeenAt || participant.lastSeenAt } : participant;
    return upsertById(list, row);
}

/**
 * What a screen-reader user should hear about the change from one view to
 * the next: session status, presence, participant progress, item statuses,
 * a document's signers.
 */
export function describeChanges(before, after) {
    if (!before || !after || before.session.id !== after.session.id) return '';
    const said = [];
    if (before.session.status !== after.session.status) said.push(`Session ${sessionStatusLabel(after.session.status).toLowerCase()}.`);
    const earlier = new Map(before.participants.map((p) => [p.id, p]));
    for (const p of after.participants) {
        const old = earlier.get(p.id);
        if (!old) {
            said.push(`${p.name} added as ${p.roleName}.`);
            continue;
        }
        if (!old.enteredAt && p.enteredAt) said.push(`${p.name} opened the invitation.`);
        if (!old.completed && p.completed) said.push(`${p.name} completed everything.`);
        if (Boolean(old.online) !== Boolean(p.online)) said.push(`${p.name} is ${p.online ? 'online' : 'offline'}.`);
        const message = messageNews(old, p);
        if (message) said.push(message);
    }
    const items = new Map(before.items.map((i) => [i.id, i]));
    for (const item of after.items) {
        const old = items.get(item.id);
        if (!old) said.push(`${item.name} added: ${itemStatusLabel(item.status)}.`);
        else if (old.status !== item.status) said.push(`${item.name}: ${itemStatusLabel(item.status)}.`);
        // A co-signer finished while the document stayed in progress: its own count moved.
        else if (item.signers && old.signers && signedCount(item.signers) !== signedCount(old.signers)) said.push(`${item.name}: ${signedCount(item.signers)} signed.`);
    }
    // New chat messages are read out by the chat's own log region.
    return said.join(' ');
}

/** "Cora Lane: Invitation by SMS: Failed (reason)." when the participant's last message moved on. */
function messageNews(before, after) {
    const was = lastDelivery(before);
    const now = lastDelivery(after);
    if (!now || (was && was.messageId === now.messageId && was.status === now.status)) return '';
    const message = lastMessageOf(after);
    return `${after.name}: ${message.text}${message.reason ? ` (${message.reason})` : ''}.`;
}
