// The Messaging tab's form rules without the page: where the Worker's
// messages go, what a change sends, and when a form has changes.
import { changeOf, draftFrom, isDirty, issueLines, issuesIn, missingValues } from '../messagingForm';

const own = require('./data/getMessagingProvidersOwn.json').messaging;
const service = require('./data/getMessagingProviders.json').messaging;

describe('issuesIn', () => {
    it('splits validation issues (body.…) and a later rule (sms.…) by input', () => {
        expect(issuesIn('body.sms.accountSid: must be AC and 32 hex digits; body.sms.messagingServiceSid: must be MG and 32 hex digits')).toEqual({
            fields: { 'sms.accountSid': 'must be AC and 32 hex digits', 'sms.messagingServiceSid': 'must be MG and 32 hex digits' },
            others: []
        });
        expect(issuesIn('email.apiKey: give the API key of the email provider account')).toEqual({
            fields: { 'email.apiKey': 'give the API key of the email provider account' },
            others: []
        });
    });

    it('keeps a colon or a semicolon that is part of one message inside it', () => {
        const message = 'body.sms.fromNumber: give a fromNumber or a messagingServiceSid: countries that take no sender name need one; see below';
        expect(issuesIn(message).fields).toEqual({
            'sms.fromNumber': 'give a fromNumber or a messagingServiceSid: countries that take no sender name need one; see below'
        });
    });

    it('leaves what names no input to the form: a whole account, the body, or no field', () => {
        expect(issuesIn('body: must be a JSON object; body.email: Unrecognized key: "replyTo"')).toEqual({
            fields: {},
            others: ['body: must be a JSON object', 'email: Unrecognized key: "replyTo"']
        });
        expect(issuesIn('Parley did not answer in time.')).toEqual({ fields: {}, others: ['Parley did not answer in time.'] });
        expect(issuesIn('body.sms.region: not allowed')).toEqual({ fields: {}, others: ['sms.region: not allowed'] });
        expect(issuesIn('')).toEqual({ fields: {}, others: [] });
    });

    it('names the inputs by their labels for the admin', () => {
        expect(issueLines({ 'sms.authToken': 'give the auth token of this account' }, ['email: Unrecognized key'])).toEqual([
            'Auth token: give the auth token of this account',
            'email: Unrecognized key'
        ]);
    });
});

describe('drafts and changes', () => {
    it("starts from the org's own account, never from Parley's, and never with a secret", () => {
        expect(draftFrom(own, 'sms')).toEqual({
            accountSid: own.sms.accountSid,
            authToken: '',
            fromNumber: own.sms.fromNumber,
            messagingServiceSid: own.sms.messagingServiceSid
        });
        expect(draftFrom(service, 'sms')).toEqual({ accountSid: '', authToken: '', fromNumber: '', messagingServiceSid: '' });
        expect(draftFrom(own, 'email')).toEqual({ apiKey: '', fromAddress: 'support@acme.example', webhookSecret: '' });
    });

    it('has changes when a value differs or any secret is typed, not for spaces around a value', () => {
        const draft = draftFrom(own, 'sms');
        expect(isDirty(own, 'sms', draft)).toBe(false);
        expect(isDirty(own, 'sms', { ...draft, accountSid: ` ${own.sms.accountSid} ` })).toBe(false);
        expect(isDirty(own, 'sms', { ...draft, authToken: 'x' })).toBe(true);
        expect(isDirty(own, 'email', { ...draftFrom(own, 'email'), webhookSecret: 'whsec_x' })).toBe(true);
    });

    it('sends the whole account, empty senders as null and empty secrets left out', () => {
        expect(changeOf('sms', { accountSid: ' AC1 ', authToken: '', fromNumber: '', messagingServiceSid: 'MG1' })).toEqual({
            sms: { accountSid: 'AC1', fromNumber: null, messagingServiceSid: 'MG1' }
        });
        expect(changeOf('email', { apiKey: 're_1', fromAddress: 'a@b.example', webhookSecret: '' })).toEqual({
            email: { apiKey: 're_1', fromAddress: 'a@b.example' }
        });
    });

    it('asks for nothing in an untouched form, and for the token of any account but the stored one', () => {
        expect(missingValues(service, 'sms', draftFrom(service, 'sms'))).toEqual([]);
        const stored = { ...draftFrom(own, 'sms'), fromNumber: '' };
        expect(missingValues(own, 'sms', stored)).toEqual([]);
        expect(missingValues(own, 'sms', { ...stored, accountSid: 'AC2' }).map((p) => p.field)).toEqual(['sms.authToken']);
        expect(missingValues(own, 'sms', { ...stored, messagingServiceSid: '' }).map((p) => p.field)).toEqual(['sms.fromNumber']);
        expect(missingValues(own, 'email', { ...draftFrom(own, 'email'), fromAddress: '' }).map((p) => p.field)).toEqual(['email.fromAddress']);
    });
});
