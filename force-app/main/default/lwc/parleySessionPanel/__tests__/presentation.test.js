import { itemBubbles, lastMessageOf, participantRows, resendOptions, signedCount, signerRows } from '../presentation';

const view = require('./data/getSessionActive.json');
const frames = require('./data/liveFrames.json');

// The co-signer whose invitation by SMS failed (a recorded frame), and the same person with other outcomes.
const cosigner = frames.cosignerMessageFailed.event.data.participant;
const failed = cosigner.deliveries[0];
const withLast = (status, reason, extra = {}) => ({ ...cosigner, ...extra, deliveries: [{ ...failed, status, reason }] });

describe('lastMessageOf', () => {
    it("reads the newest delivery in Parley's words, with the reason only when it did not arrive", () => {
        expect(lastMessageOf(withLast('held', 'no SMS provider is connected'))).toEqual(
            expect.objectContaining({ text: 'Invitation by SMS: Not sent: no provider', reason: 'no SMS provider is connected', undelivered: true })
        );
        expect(lastMessageOf(withLast('opted_out', 'The recipient replied STOP (Twilio 21610)'))).toEqual(
            expect.objectContaining({ text: 'Invitation by SMS: Opted out', reason: 'The recipient replied STOP (Twilio 21610)', undelivered: true })
        );
        expect(lastMessageOf(withLast('expired', null))).toEqual(expect.objectContaining({ text: 'Invitation by SMS: Expired unsent', reason: null, undelivered: true }));
        // Still being retried: said, but not yet a failure to act on.
        expect(lastMessageOf(withLast('retrying', 'Twilio is busy (HTTP 429)'))).toEqual(expect.objectContaining({ text: 'Invitation by SMS: Retrying', reason: null, undelivered: false }));
        expect(lastMessageOf({ ...cosigner, deliveries: [] })).toBeNull();
    });
});

describe('resendOptions', () => {
    it('offers a resend only in an active session, after a message that did not arrive', () => {
        expect(resendOptions(withLast('failed', 'x'), 'active').map((o) => o.channel)).toEqual(['sms', 'email']);
        expect(resendOptions(withLast('failed', 'x', { inviteChannel: 'email' }), 'active').map((o) => o.channel)).toEqual(['email', 'sms']);
        expect(resendOptions(withLast('delivered', null), 'active')).toEqual([]);
        expect(resendOptions(withLast('sent', null), 'active')).toEqual([]);
        expect(resendOptions(withLast('failed', 'x'), 'planned')).toEqual([]);
        expect(resendOptions(withLast('failed', 'x'), 'ended')).toEqual([]);
    });
});

describe('participantRows', () => {
    it('offers Change contact only to someone not yet in the room, in an open session', () => {
        const rows = participantRows({ ...view, participants: [...view.participants, cosigner] });
        expect(rows.map((r) => [r.name, r.canChangeContact, r.resendOptions.length])).toEqual([
            ['Cora Lane', false, 0],
            ['Sam Ortiz', true, 2]
        ]);
        const ended = participantRows({ ...view, session: { ...view.session, status: 'ended' }, participants: [cosigner] });
        expect(ended[0]).toEqual(expect.objectContaining({ canChangeContact: false, hasActions: false }));
    });
});

describe('itemBubbles: a document and its signers', () => {
    // Sam Ortiz (the co-signer) has signed the Guarantee; Cora Lane (the customer, online) has not.
    const guarantee = frames.guaranteeCosignerSigned.event.data.item;
    const withGuarantee = { ...view, participants: [...view.participants, cosigner], items: [...view.items, guarantee] };

    it("gives each document its own count and each signer's name, role, state and presence", () => {
        const bubble = itemBubbles(withGuarantee).find((b) => b.id === guarantee.id);
        expect(bubble).toEqual(expect.objectContaining({ hasSigners: true, signedCount: '1/2', signersLabel: 'Signers of Guarantee' }));
        expect(bubble.signers.map((s) => [s.name, s.roleName, s.stateText, s.showPresence, s.online])).toEqual([
            ['Cora Lane', 'Customer', 'Not signed yet', true, true],
            ['Sam Ortiz', 'Cosigner', 'Signed', true, false]
        ]);
        expect(bubble.signers[1]).toEqual(expect.objectContaining({ done: true, doneAt: guarantee.signers[1].doneAt, className: 'bubble__signer bubble__signer_done' }));
        // The loan agreement counts only its own signer.
        expect(itemBubbles(withGuarantee)[0].signedCount).toBe('0/1');
    });

    it('names the agent "You" and a role the customer has still to assign, without presence', () => {
        const item = { ...guarantee, signers: [{ role: 'Agent', participantId: null, pending: false, done: true, doneAt: guarantee.updatedAt }, { role: 'Witness', participantId: null, pending: true, done: false, doneAt: null }] };
        expect(signerRows(item, view.participants).map((s) => [s.name, s.roleName, s.stateText, s.showPresence])).toEqual([
            ['You', 'Agent', 'Signed', false],
            ['Not assigned yet', 'Witness', 'Waiting for the customer to assign', false]
        ]);
        expect(signedCount(item.signers)).toBe('1/2');
    });

    it('shows no count for an item that is not a document', () => {
        const payment = { ...view.items[0], id: 'itm_payment', kind: 'payment', signers: null };
        expect(itemBubbles({ ...view, items: [payment] })[0]).toEqual(expect.objectContaining({ hasSigners: false, signedCount: null, signers: [] }));
    });
});
