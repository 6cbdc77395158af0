import { WHO, canMakeMandatory, initialChoice, participantList, placeRefusal, rolesToAsk, whoOptions } from '../participantChoices';

const COSIGNER = { name: 'Cosigner', required: true };
const WITNESS = { name: 'Witness', required: false };

const choice = (role, changes) => ({ ...initialChoice(role), ...changes });
const contact = (name, email = '', phone = '') => ({ name, email, phone });

describe('participantChoices', () => {
    it('asks about every role but Customer and Agent, in the template order', () => {
        const roles = [{ name: 'Customer', required: true }, COSIGNER, { name: 'Agent', required: true }, WITNESS];
        expect(rolesToAsk(roles)).toEqual([COSIGNER, WITNESS]);
        expect(rolesToAsk(undefined)).toEqual([]);
    });

    it('starts a required role with someone new and an optional one left out', () => {
        expect(initialChoice(COSIGNER)).toEqual(expect.objectContaining({ who: WHO.NEW, mandatory: false, errors: [] }));
        expect(initialChoice(WITNESS).who).toBe(WHO.LEAVE_OUT);
    });

    it('offers leaving out and making mandatory for an optional role only, the latter only for someone new or the customer', () => {
        const people = [{ id: 'par_Nq0RtJDIe4K6BPuG', name: 'Cora Lane', roleName: 'Customer' }];
        expect(whoOptions(COSIGNER, people).map((o) => o.value)).toEqual([WHO.NEW, WHO.CUSTOMER, 'par_Nq0RtJDIe4K6BPuG', WHO.AGENT]);
        expect(whoOptions(WITNESS, []).map((o) => o.value)).toEqual([WHO.NEW, WHO.CUSTOMER, WHO.AGENT, WHO.LEAVE_OUT]);
        expect(canMakeMandatory(choice(COSIGNER, { who: WHO.NEW }))).toBe(false);
        expect(canMakeMandatory(choice(WITNESS, { who: WHO.NEW }))).toBe(true);
        expect(canMakeMandatory(choice(WITNESS, { who: WHO.CUSTOMER }))).toBe(true);
        expect(canMakeMandatory(choice(WITNESS, { who: WHO.AGENT }))).toBe(false);
        expect(canMakeMandatory(choice(WITNESS, { who: WHO.LEAVE_OUT }))).toBe(false);
    });

    it('writes the list as the Worker takes it: trimmed contacts without empty fields, required only where asked for', () => {
        const choices = [
            choice(COSIGNER, { contact: contact(' Colin Park ', ' colin@example.com ', '') }),
            choice(WITNESS, { who: WHO.CUSTOMER, mandatory: true }),
            choice({ name: 'Guarantor', required: false }, { who: 'par_Nq0RtJDIe4K6BPuG', mandatory: true }),
            choice({ name: 'Notary', required: false })
        ];
        expect(participantList(choices, { smsEnabled: true })).toEqual({
            Cosigner: { contact: { name: 'Colin Park', email: 'colin@example.com' } },
            Witness: { assign: 'customer', required: true },
            Guarantor: 'par_Nq0RtJDIe4K6BPuG'
        });
        // A required role's "mandatory" (never offered) is not sent; the customer assigns it as the template says.
        expect(participantList([choice(COSIGNER, { who: WHO.CUSTOMER, mandatory: true })], { smsEnabled: true })).toEqual({ Cosigner: { assign: 'customer' } });
    });

    it('never sends a phone with SMS off', () => {
        const choices = [choice(COSIGNER, { contact: contact('Colin Park', 'colin@example.com', '+14155550188') })];
        expect(participantList(choices, { smsEnabled: true }).Cosigner.contact.phone).toBe('+14155550188');
        expect(participantList(choices, { smsEnabled: false })).toEqual({ Cosigner: { contact: { name: 'Colin Park', email: 'colin@example.com' } } });
    });

    it("places each part of the Worker's refusal at the role and field it names", () => {
        const roles = ['Cosigner', 'Cosigner 2', 'Witness'];
        expect(placeRefusal('roles.Cosigner.contact: Colin Park needs a phone number for the one-time code (the invitation goes by email)', roles)).toEqual({
            byRole: { Cosigner: [{ field: null, message: 'Colin Park needs a phone number for the one-time code (the invitation goes by email)' }] },
            unplaced: []
        });
        expect(
            placeRefusal(
                'body.roles.Cosigner 2.contact.email: must be an email address; body.roles.Witness.contact.name: must not be empty; body.roles.Witness.contact.phone: must be a phone number',
                roles
            ).byRole
        ).toEqual({
            'Cosigner 2': [{ field: 'email', message: 'Email: must be an email address' }],
            Witness: [
                { field: 'name', message: 'Name: must not be empty' },
                { field: 'phone', message: 'Phone: must be a phone number' }
            ]
        });
        // A "; " inside one message does not split it.
        expect(placeRefusal('roles.Cosigner: this role is required; assign a participant (or "agent")', roles).byRole.Cosigner).toEqual([
            { field: null, message: 'this role is required; assign a participant (or "agent")' }
        ]);
        expect(placeRefusal('roles.Witness.required: the template requires this role; it cannot be made optional', roles).byRole.Witness[0].field).toBeNull();
        expect(placeRefusal('roles.Notary: the document has no such role', roles)).toEqual({ byRole: {}, unplaced: ['roles.Notary: the document has no such role'] });
        expect(placeRefusal('The session has ended', roles)).toEqual({ byRole: {}, unplaced: ['The session has ended'] });
    });
});
