// Words and SLDS classes for what the Worker reports: session, participant and
// item statuses, presence, what became of each participant's last message
// (and whether it may be sent again or its contact changed). The words are Parley's (c/parleyCatalogue); the
// badges are Salesforce's. The template can only bind to properties, so the
// panel shapes the Worker's JSON into rows here.
import {
    CLOSED_STATUSES,
    DELIVERY_STATUS_LABELS,
    DONE_STATUSES,
    ITEM_KIND_LABELS,
    ITEM_STATUS_LABELS,
    PARTICIPANT_STATUS_LABELS,
    PREPARING_STATUSES,
    SESSION_STATUS_LABELS,
    UNDELIVERED_STATUSES
} from 'c/parleyCatalogue';
import { appLines, stepRows } from './appLines';

const SESSION_BADGE = {
    planned: 'slds-badge_lightest',
    active: 'slds-theme_success',
    ended: 'slds-badge_inverse',
    closed: ''
};

// The statuses the write-back uses for Parley_Participant__c, derived the same way.
const PARTICIPANT_BADGE = {
    added: 'slds-badge_lightest',
    invited: '',
    entered: 'slds-theme_info',
    completed: 'slds-theme_success',
    access_expired: 'slds-theme_warning'
};

// What an agent is told about a participant's last message. One that did not
// arrive (UNDELIVERED_STATUSES) says why, and offers to send the invitation
// again (or to another address).
const UNDELIVERED = new Set(UNDELIVERED_STATUSES);
const CHANNEL_NAMES = { sms: 'SMS', email: 'email' };
const MESSAGE_KINDS = {
    invitation_primary: 'Invitation',
    invitation_additional: 'Invitation',
    reminder: 'Reminder',
    new_activity: 'New-activity notice',
    otp: 'One-time code'
};

// As the Worker groups them: done (the customer's part is finished), closed
// without completion, still being prepared by the agent, or waiting for the customer.
const DONE = new Set(DONE_STATUSES);
const CLOSED = new Set(CLOSED_STATUSES);
const PREPARING = new Set(PREPARING_STATUSES);

const humanize = (value) => String(value || '').replace(/_/g, ' ');

export function sessionStatusLabel(status) {
    return SESSION_STATUS_LABELS[status] || humanize(status);
}

export function sessionStatusBadge(status) {
    return SESSION_BADGE[status] || '';
}

export function itemStatusLabel(status) {
    return ITEM_STATUS_LABELS[status] || humanize(status);
}

export function isOpenSession(status) {
    return status === 'planned' || status === 'active';
}

/** invited / entered / completed, as Salesforce's Parley_Participant__c.Status__c has it. */
export function participantStatus(p) {
    if (p.completed) return 'completed';
    if (p.access && p.access.level === 'none' && p.access.reason === 'window_expired') return 'access_expired';
    if (p.enteredAt) return 'entered';
    if (p.invitedAt) return 'invited';
    return 'added';
}

export function participantStatusLabel(p) {
    return PARTICIPANT_STATUS_LABELS[participantStatus(p)];
}

/** The customer the session is for: its primary participant. */
export function customerOf(view) {
    const participants = (view && view.participants) || [];
    return participants.find((p) => p.primary) || participants[0] || null;
}

function presenceText(p) {
    if (p.online) return 'Online';
    if (p.enteredAt) return 'Offline';
    return 'Has not opened the invitation yet';
}

function presenceOf(p) {
    return {
        online: Boolean(p.online),
        presenceText: presenceText(p),
        // Offline since when: only meaningful once they have been in the room.
        lastSeenAt: !p.online && p.enteredAt ? p.lastSeenAt || null : null,
        dotClass: p.online ? 'presence-dot presence-dot_online' : 'presence-dot'
    };
}

export function sessionHeading(view) {
    const customer = customerOf(view);
    const status = view.session.status;
    return {
        customerName: customer ? customer.name : 'Session',
        contactLine: customer ? [customer.email, customer.phone].filter(Boolean).join(' · ') : '',
        statusLabel: sessionStatusLabel(status),
        statusBadge: sessionStatusBadge(status),
        createdAt: view.session.createdAt,
        ...(customer ? presenceOf(customer) : { online: false, presenceText: '', lastSeenAt: null, dotClass: 'presence-dot' })
    };
}

export function deliveryStatusLabel(status) {
    return DELIVERY_STATUS_LABELS[status] || humanize(status);
}

/** The participant's last message on any channel (the Worker lists them newest first), or null before any was sent. */
export function lastDelivery(p) {
    return (p.deliveries && p.deliveries[0]) || null;
}

/** Whether the participant's last message did not arrive and will not on its own. */
export function isUndelivered(delivery) {
    return Boolean(delivery) && UNDELIVERED.has(delivery.status);
}

/** "Invitation by SMS: Failed", with the reason when it did not arrive. */
export function lastMessageOf(p) {
    const d = lastDelivery(p);
    if (!d) return null;
    const undelivered = isUndelivered(d);
    return {
        status: d.status,
        text: `${MESSAGE_KINDS[d.kind] || 'Message'} by ${CHANNEL_NAMES[d.channel] || d.channel}: ${deliveryStatusLabel(d.status)}`,
        reason: undelivered ? d.reason || null : null,
        undelivered,
        className: undelivered ? 'participant__message participant__message_undelivered slds-text-body_small' : 'participant__message slds-text-body_small'
    };
}

/**
 * The channels an invitation may go again by (the Worker's resend): only
 * while the session is active, after a last message that did not arrive, on
 * the channels the participant has an address for, their own channel first.
 * With one channel the button just says Resend.
 */
export function resendOptions(p, sessionStatus) {
    if (sessionStatus !== 'active' || !isUndelivered(lastDelivery(p))) return [];
    const channels = [p.email ? 'email' : null, p.phone ? 'sms' : null].filter(Boolean);
    channels.sort((a, b) => (a === p.inviteChannel ? -1 : b === p.inviteChannel ? 1 : 0));
    return channels.map((channel) => ({
        key: `resend-${channel}`,
        channel,
        label: channels.length > 1 ? `Resend by ${CHANNEL_NAMES[channel]}` : 'Resend',
        title: `Send ${p.name} a new invitation by ${CHANNEL_NAMES[channel]} (${channel === 'email' ? p.email : p.phone})`
    }));
}

/** Re-engage (new email or phone, new invitation): the Worker allows it in an open session, until the participant has entered. */
export function canChangeContact(p, sessionStatus) {
    return isOpenSession(sessionStatus) && !p.enteredAt;
}

export function participantRows(view) {
    const sessionStatus = view.session && view.session.status;
    return (view.participants || []).map((p) => {
        const status = participantStatus(p);
        const resend = resendOptions(p, sessionStatus);
        const changeContact = canChangeContact(p, sessionStatus);
        return {
            id: p.id,
            name: p.name,
            roleName: p.roleName,
            email: p.email || '',
            phone: p.phone || '',
            statusLabel: PARTICIPANT_STATUS_LABELS[status],
            statusBadge: PARTICIPANT_BADGE[status],
            completed: status === 'completed',
            contactLine: [p.email, p.phone].filter(Boolean).join(' · '),
            message: lastMessageOf(p),
            resendOptions: resend,
            canChangeContact: changeContact,
            hasActions: resend.length > 0 || changeContact,
            ...presenceOf(p)
        };
    });
}

/** "1/3": a document's signers done out of its signers (its own count, not the session's). */
export function signedCount(signers) {
    return `${signers.filter((s) => s.done).length}/${signers.length}`;
}

/**
 * A document's signers (the item's `signers`, in the document's role order)
 * joined with the session's participants: name, role, done or not, and
 * whether they are online now. The agent's own role says "You"; a role the
 * customer has still to assign says so.
 */
export function signerRows(item, participants) {
    const byId = new Map((participants || []).map((p) => [p.id, p]));
    return (item.signers || []).map((s, index) => {
        const person = s.participantId ? byId.get(s.participantId) : null;
        const name = s.pending ? 'Not assigned yet' : s.participantId === null ? 'You' : person ? person.name : 'Participant';
        let stateText = 'Not signed yet';
        if (s.done) stateText = 'Signed';
        else if (s.pending) stateText = 'Waiting for the customer to assign';
        return {
            key: `${item.id}-signer-${index}`,
            name,
            roleName: s.role,
            done: Boolean(s.done),
            doneAt: s.doneAt || null,
            stateText,
            // Presence only for a participant the view knows (not the agent, nor a role nobody holds yet).
            showPresence: Boolean(person),
            online: Boolean(person && person.online),
            presenceText: person ? presenceText(person) : '',
            dotClass: person && person.online ? 'presence-dot presence-dot_online' : 'presence-dot',
            className: s.done ? 'bubble__signer bubble__signer_done' : 'bubble__signer'
        };
    });
}

export function itemBubbles(view) {
    const items = view.items || [];
    // A workflow's steps are shown under their workflow, not again on their own.
    return items.filter((item) => !item.parentId).map((item) => {
        const done = DONE.has(item.status);
        const closed = CLOSED.has(item.status);
        const preparing = PREPARING.has(item.status);
        let modifier = 'bubble_waiting';
        let icon = 'utility:clock';
        let state = 'waiting for the customer';
        if (done) {
            modifier = 'bubble_done';
            icon = 'utility:success';
            state = 'done';
        } else if (closed) {
            modifier = 'bubble_closed';
            icon = 'utility:close';
            state = 'closed';
        } else if (preparing) {
            modifier = 'bubble_preparing';
            icon = 'utility:edit';
            state = 'waiting for you';
        }
        return {
            id: item.id,
            name: item.name,
            kindLabel: ITEM_KIND_LABELS[item.kind] || humanize(item.kind),
            status: item.status,
            statusLabel: itemStatusLabel(item.status),
            className: `bubble ${modifier}`,
            icon,
            // Said by screen readers after the name, since the icon is decorative.
            stateText: `(${state})`,
            reason: item.reason || null,
            updatedAt: item.updatedAt,
            // Documents only: their own count and each signer.
            hasSigners: Boolean(item.signers && item.signers.length),
            signedCount: item.signers ? signedCount(item.signers) : null,
            signersLabel: `Signers of ${item.name}`,
            signers: signerRows(item, view.participants),
            // An app's state (documents asked for, a payment, a review, a workflow), and a workflow's steps.
            appLines: appLines(item).map((text, i) => ({ key: `${item.id}-app-${i}`, text })),
            steps: item.kind === 'workflow' ? stepRows(items, item.id) : [],
            hasSteps: item.kind === 'workflow' && items.some((i) => i.parentId === item.id),
            stepsLabel: `Steps of ${item.name}`
        };
    });
}

/**
 * The main chat (private sessions stay in the workspace), oldest first, at
 * most `limit` of the newest. The view names participants but not agents:
 * the agent's own messages say "You" once their agent id is known
 * (`currentAgentId`, from the answer to a message they sent), others "Agent".
 */
export function messageRows(view, limit, currentAgentId = null) {
    const byId = new Map((view.participants || []).map((p) => [p.id, p.name]));
    const main = (view.messages || []).filter((m) => !m.threadId);
    return main.slice(Math.max(0, main.length - limit)).map((m) => {
        const fromAgent = m.author && m.author.kind === 'agent';
        const own = fromAgent && Boolean(currentAgentId) && m.author.id === currentAgentId;
        return {
            id: m.id,
            author: fromAgent ? (own ? 'You' : 'Agent') : byId.get(m.author && m.author.id) || 'Participant',
            text: m.text || '',
            fileName: m.file ? m.file.name : null,
            createdAt: m.createdAt,
            className: fromAgent ? 'slds-chat-listitem slds-chat-listitem_outbound' : 'slds-chat-listitem slds-chat-listitem_inbound',
            messageClass: fromAgent ? 'slds-chat-message__text slds-chat-message__text_outbound' : 'slds-chat-message__text slds-chat-message__text_inbound'
        };
    });
}

/** Newest first by creation (the Worker lists by last update). ISO times sort as text. */
export function newestFirst(sessions) {
    return [...(sessions || [])].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
}

/** The record's sessions as listed; the open one shows its live status. */
export function sessionListRows(sessions, openView) {
    return (sessions || []).map((s) => {
        const status = openView && openView.session.id === s.id ? openView.session.status : s.status;
        return {
            id: s.id,
            customerName: (s.customer && s.customer.name) || 'Customer',
            statusLabel: sessionStatusLabel(status),
            statusBadge: sessionStatusBadge(status),
            createdAt: s.createdAt,
            updatedAt: s.updatedAt
        };
    });
}
