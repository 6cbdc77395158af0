import { cleanContact, validateContact, validateNewContact } from '../contactValidation';

describe('validateContact', () => {
    it('accepts a name with an email, or with a phone', () => {
        expect(validateContact({ name: 'Cora Lane', email: 'cora@example.com', phone: '' })).toEqual([]);
        expect(validateContact({ name: 'Cora Lane', email: '', phone: '(415) 555-0123' })).toEqual([]);
    });

    it('names each field in its message', () => {
        const errors = validateContact({ name: ' ', email: '', phone: '' });
        expect(errors.map((e) => e.field)).toEqual(['name', 'email', 'phone']);
        expect(errors[0].message).toMatch(/^Customer name: /);
        expect(errors[1].message).toMatch(/^Email or Phone: /);
    });

    it('checks the shape of what is given', () => {
        expect(validateContact({ name: 'C', email: 'not an email', phone: '' })).toEqual([{ field: 'email', message: 'Email: enter an address like name@example.com.' }]);
        expect(validateContact({ name: 'C', email: '', phone: '555' })).toEqual([{ field: 'phone', message: 'Phone: enter a number like +1 415 555 0123.' }]);
        expect(validateContact({ name: 'C', email: '', phone: 'call me' })[0].field).toBe('phone');
    });
});

describe('validateNewContact', () => {
    it('wants at least one new detail, and needs no name', () => {
        expect(validateNewContact({ email: ' ', phone: '' }).map((e) => e.field)).toEqual(['email', 'phone']);
        expect(validateNewContact({ email: '', phone: '' })[0].message).toMatch(/^New email or New phone: enter at least one/);
        expect(validateNewContact({ email: 'sam@example.com', phone: '' })).toEqual([]);
        expect(validateNewContact({ email: '', phone: '+44 20 7946 0958' })).toEqual([]);
    });

    it('checks the shape of each, naming the new field', () => {
        expect(validateNewContact({ email: 'sam@', phone: '12' })).toEqual([
            { field: 'email', message: 'New email: enter an address like name@example.com.' },
            { field: 'phone', message: 'New phone: enter a number like +1 415 555 0123.' }
        ]);
    });
});

describe('cleanContact', () => {
    it('trims, and sends empty fields as null', () => {
        expect(cleanContact({ name: ' Cora ', email: '', phone: '  ' })).toEqual({ name: 'Cora', email: null, phone: null });
    });
});
