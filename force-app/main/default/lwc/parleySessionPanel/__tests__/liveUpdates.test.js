import { applyFrame, describeChanges, normalizeView, withMessage } from '../liveUpdates';

const view = require('./data/getSessionActive.json');
const frames = require('./data/liveFrames.json');
const posted = require('./data/postMessage.json');

const customer = view.participants[0];
const item = view.items[0];

describe('applyFrame', () => {
    it('takes an event numbered one past the view, and the event number as the new version', () => {
        const { view: next, resync } = applyFrame(view, frames.itemOpened);

        expect(resync).toBe(false);
        expect(next.items[0].status).toBe('opened');
        expect(next.session.version).toBe(10);
        // The view it came from is left alone.
        expect(view.items[0].status).toBe('sent');
    });

    it("uses the event's number, not the older version copied into its session", () => {
        const at13 = { ...view, session: { ...view.session, version: 13 } };
        const { view: next } = applyFrame(at13, frames.sessionEnded);

        expect(next.session.status).toBe('ended');
        expect(next.session.endedAt).toBe(frames.sessionEnded.event.data.session.endedAt);
        expect(next.session.version).toBe(14);
    });

    it('ignores an event already in the view', () => {
        const at10 = { ...view, session: { ...view.session, version: 10 } };
        const result = applyFrame(at10, frames.itemOpened);

        expect(result).toEqual({ view: at10, resync: false });
    });

    it('asks for the whole view after a skipped event number', () => {
        expect(applyFrame(view, frames.itemCompleted)).toEqual({ view, resync: true });
    });

    it('asks for the whole view for an event it cannot apply', () => {
        const unknown = { type: 'event', event: { version: 10, type: 'session.something_new', at: 1, actor: 'system', audience: 'all', data: {} } };
        expect(applyFrame(view, unknown).resync).toBe(true);
    });

    it('asks for the whole view when a person is forgotten: their messages changed too', () => {
        const forgotten = { ...customer, name: 'Deleted contact', email: null, phone: null };
        const frame = { type: 'event', event: { version: 10, type: 'participant.forgotten', at: 1, actor: 'system', audience: 'all', data: { participant: forgotten } } };
        expect(applyFrame(view, frame)).toEqual({ view, resync: true });
    });

    it('keeps the presence already shown when a participant event carries an older copy', () => {
        const at12 = { ...view, session: { ...view.session, version: 12 } };
        const { view: next } = applyFrame(at12, frames.participantCompleted);

        expect(next.participants[0].completed).toBe(true);
        expect(next.participants[0].online).toBe(true);
    });

    it('adds a participant it did not know, as the event has them', () => {
        const added = { ...customer, id: 'par_Approver000001', primary: false, roleName: 'Approver', name: 'Abe Approver', online: false };
        const frame = { type: 'event', event: { version: 10, type: 'participant.added', at: 1, actor: 'agent:x', audience: 'all', data: { participant: added } } };
        const { view: next } = applyFrame(view, frame);

        expect(next.participants.map((p) => p.name)).toEqual(['Cora Lane', 'Abe Approver']);
    });

    it('appends a main-chat message once, and leaves private-session messages to the workspace', () => {
        const nextMessage = { ...frames.messagePosted, event: { ...frames.messagePosted.event, version: 10 } };
        const { view: next } = applyFrame(view, nextMessage);
        expect(next.messages.map((m) => m.text)).toEqual(['Hi, I have opened it', 'Great, please sign the loan agreement', 'Signed, have a look']);

        const privateMessage = {
            type: 'event',
            event: {
                ...frames.messagePosted.event,
                version: 10,
                audience: `participant:${customer.id}`,
                data: { message: { ...frames.messagePosted.event.data.message, id: 'msg_private', threadId: 'thr_1' } }
            }
        };
        const { view: unchangedChat, resync } = applyFrame(view, privateMessage);
        expect(resync).toBe(false);
        expect(unchangedChat.messages).toHaveLength(2);
        expect(unchangedChat.session.version).toBe(10);
    });

    it('updates presence from presence frames, and ignores the agents', () => {
        const offline = applyFrame(view, frames.customerOffline).view;
        expect(offline.participants[0]).toEqual(expect.objectContaining({ online: false, lastSeenAt: frames.customerOffline.at }));
        expect(offline.session.version).toBe(view.session.version);

        expect(applyFrame(view, frames.agentOnline)).toEqual({ view, resync: false });
        expect(applyFrame(view, { ...frames.customerOnline, id: 'par_Unknown0000000' }).resync).toBe(true);
    });

    it('compares the hello version with the view', () => {
        expect(applyFrame(view, frames.hello).resync).toBe(false);
        expect(applyFrame(view, frames.helloAhead).resync).toBe(true);
    });
});

describe('describeChanges', () => {
    it('says what changed in words', () => {
        const after = {
            ...view,
            session: { ...view.session, status: 'ended' },
            participants: [{ ...customer, online: false, completed: true }],
            items: [{ ...item, status: 'completed' }, { ...item, id: 'itm_2', name: 'Photo ID', status: 'sent' }]
        };

        expect(describeChanges(view, after)).toBe('Session ended. Cora Lane completed everything. Cora Lane is offline. Loan agreement: Completed. Photo ID added: Sent.');
    });

    it("says when a participant's last message moved on, with the reason it did not arrive", () => {
        const added = applyFrame(view, frames.cosignerAdded).view;
        const invited = applyFrame(added, frames.cosignerInvited).view;
        expect(describeChanges(added, invited)).toBe('Sam Ortiz: Invitation by SMS: Queued.');

        const failed = applyFrame(invited, frames.cosignerMessageFailed).view;
        expect(failed.session.version).toBe(12);
        expect(failed.participants[1].deliveries[0]).toEqual(frames.cosignerMessageFailed.event.data.delivery);
        expect(describeChanges(invited, failed)).toBe('Sam Ortiz: Invitation by SMS: Failed (Unreachable destination handset (Twilio 30003)).');
        // The same report again says nothing new.
        expect(describeChanges(failed, failed)).toBe('');
    });

    it("says when a co-signer signed a document: its own count, from the signed event's item", () => {
        const atTwelve = [frames.cosignerAdded, frames.cosignerInvited, frames.cosignerMessageFailed].reduce((v, f) => applyFrame(v, f).view, view);
        const sent = applyFrame(atTwelve, frames.guaranteeSent);
        expect(sent.resync).toBe(false);
        expect(describeChanges(atTwelve, sent.view)).toBe('Guarantee added: Sent.');

        const signed = applyFrame(sent.view, frames.guaranteeCosignerSigned);
        expect(signed.resync).toBe(false);
        expect(signed.view.items.find((i) => i.name === 'Guarantee').signers.map((s) => s.done)).toEqual([false, true]);
        expect(describeChanges(sent.view, signed.view)).toBe('Guarantee: In progress.');
        // The status unchanged, the count alone moved.
        const inProgress = { ...sent.view, items: sent.view.items.map((i) => (i.name === 'Guarantee' ? { ...i, status: 'in_progress' } : i)) };
        expect(describeChanges(inProgress, signed.view)).toBe('Guarantee: 1/2 signed.');
    });

    it('says nothing across different sessions', () => {
        expect(describeChanges(view, { ...view, session: { ...view.session, id: 'ses_other' } })).toBe('');
    });
});

describe('withMessage', () => {
    it("adds the agent's message from the answer to sending it, and its live event then adds nothing", () => {
        const sent = withMessage(view, posted);
        expect(sent.messages.map((m) => m.id)).toEqual([...view.messages.map((m) => m.id), posted.id]);

        const { view: next, resync } = applyFrame(sent, frames.agentMessagePosted);
        expect(resync).toBe(false);
        expect(next.messages).toHaveLength(3);
        expect(next.session.version).toBe(10);
    });

    it('adds nothing when the live event came first', () => {
        const { view: live } = applyFrame(view, frames.agentMessagePosted);
        expect(withMessage(live, posted)).toBe(live);
    });
});

describe('normalizeView', () => {
    it('fills in lists Apex left out', () => {
        const { participants, items, messages, privateSessions } = normalizeView({ session: view.session });
        expect([participants, items, messages, privateSessions]).toEqual([[], [], [], []]);
        expect(normalizeView({})).toBeNull();
    });
});
