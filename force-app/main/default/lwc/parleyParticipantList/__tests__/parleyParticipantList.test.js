import ParleyParticipantList from 'c/parleyParticipantList';
import { change, flushPromises, mount, unmountAll } from 'parley-lwc-test';

// The roles as GET /templates/{id} gives them, and the settings in force as GET /me's settings.session.
const ROLES = [
    { name: 'Customer', required: true },
    { name: 'Cosigner', required: true },
    { name: 'Witness', required: false }
];
const OTP_ON = { smsEnabled: true, otpRequired: true };
const CORA = { id: 'par_Nq0RtJDIe4K6BPuG', name: 'Cora Lane', roleName: 'Customer' };

function mountList(props = {}) {
    return mount('c-parley-participant-list', ParleyParticipantList, { roles: ROLES, participants: [CORA], sessionSettings: OTP_ON, ...props });
}

const roleBox = (element, role) => element.shadowRoot.querySelector(`fieldset[data-role="${role}"]`);
const field = (element, role, name) => roleBox(element, role).querySelector(`lightning-input[data-field="${name}"]`);
const note = (element, role) => roleBox(element, role).querySelector('[data-id="contact-note"]').textContent;

describe('c-parley-participant-list', () => {
    afterEach(unmountAll);

    it('renders nothing for a template whose only roles are Customer and Agent', async () => {
        const element = mountList({ roles: [ROLES[0], { name: 'Agent', required: true }] });
        await flushPromises();
        expect(element.shadowRoot.querySelector('[data-id="participant-list"]')).toBeNull();
        expect(element.participantList()).toEqual({});
    });

    it('says what a new person needs under each combination of SMS and OTP', async () => {
        const cases = [
            [{ smsEnabled: true, otpRequired: true }, true, 'give both an email and a phone'],
            [{ smsEnabled: false, otpRequired: true }, false, 'give an email; the invitation and the code both go there'],
            [{ smsEnabled: true, otpRequired: false }, true, 'give at least one'],
            [{ smsEnabled: false, otpRequired: false }, false, 'Text messages are off'],
            // Settings not known (GET /me failed): a phone is offered, and the Worker says what is missing.
            [null, true, 'give at least one']
        ];
        for (const [sessionSettings, phone, said] of cases) {
            const element = mountList({ sessionSettings });
            await flushPromises();
            expect(Boolean(field(element, 'Cosigner', 'phone'))).toBe(phone);
            expect(note(element, 'Cosigner')).toContain(said);
            unmountAll();
        }
    });

    it('starts afresh when the roles change', async () => {
        const element = mountList();
        await flushPromises();
        change(field(element, 'Cosigner', 'name'), { value: 'Colin Park' });
        await flushPromises();
        element.roles = [...ROLES];
        await flushPromises();
        expect(field(element, 'Cosigner', 'name').value).toBe('');
    });

    it('marks the field a refusal names and moves the focus there; a refusal naming none of its roles is left to the panel', async () => {
        const element = mountList();
        await flushPromises();
        change(roleBox(element, 'Witness').querySelector('lightning-radio-group'), { value: 'new' });
        await flushPromises();
        const email = field(element, 'Witness', 'email');
        const setCustomValidity = jest.spyOn(email, 'setCustomValidity');
        const focus = jest.spyOn(email, 'focus');

        expect(element.showRefusal('roles.Notary: the document has no such role')).toBe(false);
        expect(element.showRefusal('body.roles.Witness.contact.email: must be an email address')).toBe(true);
        await flushPromises();

        expect(setCustomValidity).toHaveBeenCalledWith('Email: must be an email address');
        expect(focus).toHaveBeenCalled();
        expect(roleBox(element, 'Witness').querySelector('[data-id="role-errors"]').textContent).toBe('Email: must be an email address');
        await expect(element).toBeAccessible();

        change(email, { value: 'wendy@example.com' });
        await flushPromises();
        expect(setCustomValidity).toHaveBeenLastCalledWith('');
        expect(roleBox(element, 'Witness').querySelector('[data-id="role-errors"]')).toBeNull();
    });

    it('focuses the choice of a role refused as a whole, and keeps a part naming no role beside it', async () => {
        const element = mountList();
        await flushPromises();
        const who = roleBox(element, 'Cosigner').querySelector('lightning-radio-group');
        const focus = jest.spyOn(who, 'focus');

        expect(element.showRefusal('roles.Cosigner: this role is required; roles.Notary: the document has no such role')).toBe(true);
        await flushPromises();

        expect(focus).toHaveBeenCalled();
        expect(Array.from(roleBox(element, 'Cosigner').querySelectorAll('[data-id="role-errors"] p')).map((p) => p.textContent)).toEqual([
            'this role is required',
            'roles.Notary: the document has no such role'
        ]);
        change(who, { value: 'customer' });
        await flushPromises();
        expect(roleBox(element, 'Cosigner').querySelector('[data-id="role-errors"]')).toBeNull();
    });
});
