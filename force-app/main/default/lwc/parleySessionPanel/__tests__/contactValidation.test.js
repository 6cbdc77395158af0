import { cleanContact, validateContact } from '../contactValidation';

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

describe('cleanContact', () => {
    it('trims, and sends empty fields as null', () => {
        expect(cleanContact({ name: ' Cora ', email: '', phone: '  ' })).toEqual({ name: 'Cora', email: null, phone: null });
    });
});
