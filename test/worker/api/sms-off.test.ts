// Text messages turned off by the admin (settings.session.smsEnabled): a
// phone is refused wherever a participant's contact enters, a contact with
// only a phone too, and nothing is sent by SMS.
import { describe, expect, it } from 'vitest';
import { call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';
import { smsOffProblem } from '../../../worker/src/domain/contact';

const email = (who = 'p') => `${who}-${crypto.randomUUID()}@example.com`;
const SMS_OFF = 'text messages are turned off for this org; give an email address';

async function smsOffOrg(): Promise<Org> {
  const org = await makeOrg();
  expect((await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { smsEnabled: false } } })).status).toBe(200);
  return org;
}

describe('SMS off', () => {
  it('refuses a phone, and a phone alone, when a session starts', async () => {
    const org = await smsOffOrg();
    const start = (customer: Record<string, unknown>) => call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer } });
    const both = await start({ name: 'Cora', email: email(), phone: '+442079460001' });
    expect(both.status).toBe(422);
    expect(both.json.error.message).toBe(`body.customer.phone: ${SMS_OFF}`);
    expect((await start({ name: 'Cora', phone: '+442079460001' })).status).toBe(422);
    expect((await start({ name: 'Cora', email: email() })).status).toBe(201);
  });

  it('refuses a phone when a participant is added or re-engaged, and an invitation by SMS', async () => {
    const org = await smsOffOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: email() });
    const id = s.session.id as string;
    const add = (contact: Record<string, unknown>) => call('POST', `/api/v1/sessions/${id}/participants`, { token: org.alice.token, body: { roleName: 'Cosigner', contact } });
    const phone = await add({ name: 'Colin', phone: '+442079460001' });
    expect(phone.status).toBe(422);
    expect(phone.json.error.message).toBe(`body.contact.phone: ${SMS_OFF}`);
    const colin = await add({ name: 'Colin', email: email() });
    expect(colin.status).toBe(201);
    const reengage = await call('PATCH', `/api/v1/sessions/${id}/participants/${colin.json.id}`, { token: org.alice.token, body: { phone: '+442079460001' } });
    expect(reengage.status).toBe(422);
    expect(reengage.json.error.message).toBe(`body.phone: ${SMS_OFF}`);
    const resend = await call('POST', `/api/v1/sessions/${id}/participants/${colin.json.id}/resend`, { token: org.alice.token, body: { channel: 'sms' } });
    expect(resend.status).toBe(422);
    expect(resend.json.error.message).toBe(`channel: ${SMS_OFF}`);
    expect((await outboxFor(id)).every((m) => m.channel === 'email')).toBe(true);
  });

  it('says which field is wrong', () => {
    expect(smsOffProblem({ email: 'a@example.com', phone: '+442079460001' })).toEqual({ field: 'phone', message: SMS_OFF });
    expect(smsOffProblem({ phone: '+442079460001' })).toEqual({ field: 'phone', message: SMS_OFF });
    expect(smsOffProblem({})).toEqual({ field: 'email', message: SMS_OFF });
    expect(smsOffProblem({ email: 'a@example.com' })).toBeNull();
  });
});
