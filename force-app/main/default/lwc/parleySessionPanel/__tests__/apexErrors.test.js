import { errorMessage } from '../apexErrors';

const auraHandled = require('./data/apexError.json');

describe('errorMessage', () => {
    it("reads the Worker's message from an AuraHandledException", () => {
        expect(errorMessage(auraHandled)).toBe(auraHandled.body.message);
    });

    it('reads the other shapes Apex calls reject with', () => {
        expect(errorMessage({ body: [{ message: 'first' }, { message: 'second' }] })).toBe('first second');
        expect(errorMessage({ body: { pageErrors: [{ message: 'You do not have access to the Apex class' }] } })).toBe('You do not have access to the Apex class');
        expect(errorMessage(new Error('Failed to fetch'))).toBe('Failed to fetch');
        expect(errorMessage({ status: 0, statusText: 'Disconnected' })).toBe('Disconnected');
        expect(errorMessage(undefined)).toBe('Something went wrong. Try again in a moment.');
    });
});
