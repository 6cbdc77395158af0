// The participant list's rules without the card: which roles are asked
// about, the `roles` body each choice becomes, the card's checks under each
// channel rule, and Parley's refusals (in either of the Worker's two forms)
// put back on the role and field they name.
import { describe, expect, it } from 'vitest';
import { ParleyError } from '@parley/hubspot-shared/parley-api';
import { firstEntry, participantListBody, rolesToAsk, type ChannelRules, type RoleEntry } from '../src/app/cards/participant-list';
import { checkParticipantList, problemsFromRefusal } from '../src/app/cards/participant-list-problems';
import { recorded } from './support/recorded';

const SMS_ON: ChannelRules = { smsEnabled: true, otpRequired: false };
const SMS_OFF: ChannelRules = { smsEnabled: false, otpRequired: false };
const OTP: ChannelRules = { smsEnabled: true, otpRequired: true };
const OTP_SMS_OFF: ChannelRules = { smsEnabled: false, otpRequired: true };

const COSIGNER = { name: 'Cosigner', required: true };
const WITNESS = { name: 'Witness', required: false };

function entry(role: { name: string; required: boolean }, change: Partial<RoleEntry> = {}): RoleEntry {
  return { ...firstEntry(role), ...change };
}
const colin = (contact: Partial<RoleEntry['contact']> = {}) => ({ name: 'Colin Reed', email: 'colin@example.com', phone: '+447700900789', ...contact });

describe('the roles asked about', () => {
  it("are the template's roles but the customer's and the agent's, in order", () => {
    expect(rolesToAsk(recorded('getTemplateWithRoles').roles)).toEqual([COSIGNER, WITNESS]);
    expect(rolesToAsk(recorded('getTemplateCustomerOnly').roles)).toEqual([]);
    expect(rolesToAsk([{ name: 'Agent', required: true }, { name: 'Approver', required: false }])).toEqual([{ name: 'Approver', required: false }]);
  });
});

describe('the roles body', () => {
  it('leaves an optional role out by not naming it, and is absent when nothing is said', () => {
    expect(participantListBody([entry(WITNESS)], SMS_ON)).toBeUndefined();
    expect(participantListBody([entry(COSIGNER, { taker: 'agent' }), entry(WITNESS)], SMS_ON)).toEqual({ Cosigner: 'agent' });
  });

  it('sends someone new trimmed, without empty fields, and without a phone where SMS is off', () => {
    const typed = { name: ' Colin Reed ', email: ' colin@example.com ', phone: '+447700900789' };
    expect(participantListBody([entry(COSIGNER, { contact: typed })], SMS_ON)).toEqual({ Cosigner: { contact: { name: 'Colin Reed', email: 'colin@example.com', phone: '+447700900789' } } });
    expect(participantListBody([entry(COSIGNER, { contact: typed })], SMS_OFF)).toEqual({ Cosigner: { contact: { name: 'Colin Reed', email: 'colin@example.com' } } });
    expect(participantListBody([entry(COSIGNER, { contact: { ...typed, email: '  ' } })], SMS_ON)).toEqual({ Cosigner: { contact: { name: 'Colin Reed', phone: '+447700900789' } } });
  });

  it('makes only an optional role mandatory, and only for someone new or the customer to assign', () => {
    expect(participantListBody([entry(WITNESS, { taker: 'customer', mandatory: true })], SMS_ON)).toEqual({ Witness: { assign: 'customer', required: true } });
    expect(participantListBody([entry(WITNESS, { taker: 'customer' })], SMS_ON)).toEqual({ Witness: { assign: 'customer' } });
    expect(participantListBody([entry(WITNESS, { taker: 'new', contact: colin(), mandatory: true })], SMS_ON)).toMatchObject({ Witness: { required: true } });
    // A required role is mandatory already; a role left out, to the agent or to a participant, has nothing to make mandatory.
    expect(participantListBody([entry(COSIGNER, { taker: 'customer', mandatory: true })], SMS_ON)).toEqual({ Cosigner: { assign: 'customer' } });
    expect(participantListBody([entry(WITNESS, { taker: 'leave-out', mandatory: true })], SMS_ON)).toBeUndefined();
    expect(participantListBody([entry(WITNESS, { taker: 'par_Gu4rAntor9Xy2Lm', mandatory: true })], SMS_ON)).toEqual({ Witness: 'par_Gu4rAntor9Xy2Lm' });
  });
});

describe("the card's checks", () => {
  it('ask someone new for a name and a way to reach them, and nothing of the other choices', () => {
    expect(checkParticipantList([entry(COSIGNER, { contact: colin({ email: '', phone: '' }) })], SMS_ON)).toEqual({
      Cosigner: {
        email: 'Email or Phone: enter at least one, so the invitation can reach them.',
        phone: 'Email or Phone: enter at least one, so the invitation can reach them.',
      },
    });
    expect(checkParticipantList([entry(COSIGNER, { contact: colin({ name: ' ' }) })], SMS_ON)).toEqual({ Cosigner: { name: 'Name: enter the name of who takes the Cosigner role.' } });
    expect(checkParticipantList([entry(COSIGNER, { contact: colin({ email: 'colin@' }) })], SMS_ON)).toEqual({ Cosigner: { email: 'Email: enter an address like name@example.com.' } });
    expect(checkParticipantList([entry(COSIGNER, { taker: 'customer' }), entry(WITNESS)], OTP)).toEqual({});
  });

  it('want an email where SMS is off, whatever phone was typed before', () => {
    expect(checkParticipantList([entry(COSIGNER, { contact: colin({ email: '', phone: 'not a phone' }) })], SMS_OFF)).toEqual({
      Cosigner: { email: 'Email: enter one; text messages are turned off, so the invitation goes by email.' },
    });
    expect(checkParticipantList([entry(COSIGNER, { contact: colin({ phone: '' }) })], OTP_SMS_OFF)).toEqual({});
  });

  it('want both channels when a one-time code is required', () => {
    const found = checkParticipantList([entry(COSIGNER, { contact: colin({ phone: '' }) })], OTP);
    expect(Object.keys(found.Cosigner ?? {})).toEqual(['phone']);
    expect(found.Cosigner?.phone).toMatch(/^Phone: a one-time code is required, so both are needed/);
    expect(checkParticipantList([entry(COSIGNER, { contact: colin() })], OTP)).toEqual({});
  });
});

describe("Parley's refusal, role by role", () => {
  const roles = ['Cosigner', 'Witness'];
  const refusal = (status: number, body: { error: { code: string; message: string; issues?: { field: string; message: string }[] } }) =>
    new ParleyError(status, body.error.code, body.error.message, body.error.issues ?? []);

  it("a room refusal naming the role's contact lands on the role", () => {
    expect(problemsFromRefusal(refusal(422, recorded('sendTemplateRefused')), roles)).toEqual({
      Cosigner: { role: 'Colin Reed needs a phone number for the one-time code (the invitation goes by email)' },
    });
  });

  it("one naming a field of the contact lands on that field, the Worker's words kept", () => {
    const smsOff = refusal(422, { error: { code: 'invalid_request', message: 'roles.Witness.contact.phone: Wendy: text messages are turned off for this org; give an email address' } });
    expect(problemsFromRefusal(smsOff, roles)).toEqual({ Witness: { phone: 'Phone: Wendy: text messages are turned off for this org; give an email address' } });
    const schema = refusal(422, {
      error: {
        code: 'invalid_request',
        message: 'body.roles.Cosigner.contact.email: give an email or a phone number',
        issues: [{ field: 'body.roles.Cosigner.contact.email', message: 'give an email or a phone number' }],
      },
    });
    expect(problemsFromRefusal(schema, roles)).toEqual({ Cosigner: { email: 'Email: give an email or a phone number' } });
  });

  it('a required role left out, or made optional, lands on the role', () => {
    const leftOut = refusal(422, { error: { code: 'role_unassigned', message: 'roles.Cosigner: this role is required; assign a participant (or "agent"), give a contact, or leave it for the customer to assign' } });
    expect(problemsFromRefusal(leftOut, roles).Cosigner?.role).toMatch(/^This role is required;/);
    const optional = refusal(422, { error: { code: 'invalid_assignment', message: 'roles.Cosigner.required: the template requires this role; it cannot be made optional' } });
    expect(problemsFromRefusal(optional, roles)).toEqual({ Cosigner: { role: 'The template requires this role; it cannot be made optional' } });
  });

  it('matches a role whole, even when one name starts another or holds a dot', () => {
    const names = ['Co', 'Co.signer'];
    const refused = refusal(422, { error: { code: 'otp_channel_missing', message: 'roles.Co.signer.contact: Colin needs an email address for the one-time code (the invitation goes by SMS)' } });
    expect(problemsFromRefusal(refused, names)).toEqual({ 'Co.signer': { role: 'Colin needs an email address for the one-time code (the invitation goes by SMS)' } });
  });

  it('names no role for a refusal about something else', () => {
    expect(problemsFromRefusal(refusal(409, { error: { code: 'session_ended', message: 'the session has ended' } }), roles)).toEqual({});
    expect(problemsFromRefusal(refusal(422, { error: { code: 'invalid_request', message: 'roles.Notary: the document has no such role' } }), roles)).toEqual({});
  });
});
