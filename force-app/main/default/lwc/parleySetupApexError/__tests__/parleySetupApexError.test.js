// Reading what Apex says when a call fails, in the shapes Salesforce sends,
// and knowing the refusal that means "you are not a Parley admin".
import { errorMessage, isAdminOnly } from 'c/parleySetupApexError';

describe('Apex errors', () => {
    it('reads the message of an AuraHandledException, a DML error list, or an Error', () => {
        expect(errorMessage({ body: { message: 'body.session.customerChat: must be on or off' } })).toBe(
            'body.session.customerChat: must be on or off'
        );
        expect(errorMessage({ body: [{ message: 'one' }, { message: 'two' }] })).toBe('one; two');
        expect(errorMessage({ body: { pageErrors: [{ message: 'page' }], fieldErrors: { Name: [{ message: 'field' }] } } })).toBe('page; field');
        expect(errorMessage(new Error('plain'))).toBe('plain');
        expect(errorMessage(undefined)).toBe('Something went wrong. Try again.');
    });

    it('knows the admin-only refusal by the permission it names', () => {
        expect(isAdminOnly({ body: { message: 'Parley setup is for Parley admins: ask for the Parley Admin permission set.' } })).toBe(true);
        expect(isAdminOnly({ body: { message: 'Missing custom permission Parley_Admin' } })).toBe(true);
        expect(isAdminOnly({ body: { message: 'Read timed out' } })).toBe(false);
    });
});
