// HubSpot's webhooks: signed like every HubSpot call; a deleted contact or a
// privacy deletion makes Parley forget that person in the portal's org (found
// by the contact record a session is linked to, and by the email write-back
// matched to that contact); an uninstall breaks the connection.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { FORGOTTEN_NAME } from '../../../worker/src/contract/privacy';
import { saveHubSpotConnection } from '../../../worker/src/directory/hubspot-connections';
import { rememberContacts } from '../../../worker/src/directory/hubspot-contacts';
import { hubspotCall } from '../../helpers/hubspot-calls';
import { call, makeOrg, startSession, type Org } from '../../helpers/world';

let org: Org;
let portalId: string;

beforeEach(async () => {
  org = await makeOrg();
  portalId = String(20_000_000 + Math.floor(Math.random() * 70_000_000));
  const saved = await saveHubSpotConnection(
    env,
    { orgId: org.id, portalId, hubDomain: null, scopes: [], installedByUserId: '1', refreshToken: 'rt', accessToken: null, accessExpiresAt: null },
    Date.now(),
  );
  expect(saved.kind).toBe('saved');
});

const event = (subscriptionType: string, objectId: number, extra: Record<string, unknown> = {}) => ({
  eventId: Math.floor(Math.random() * 1e9),
  subscriptionId: 4242,
  portalId: Number(portalId),
  appId: 77,
  occurredAt: Date.now(),
  subscriptionType,
  attemptNumber: 0,
  objectId,
  changeSource: 'CRM',
  ...extra,
});

const participants = async (sessionId: string) => (await call('GET', `/api/v1/sessions/${sessionId}`, { token: org.alice.token })).json.participants as Array<{ name: string; email: string | null }>;

describe('POST /hooks/hubspot/webhooks', () => {
  it('forgets the person of a privacy deletion: the session linked to the contact, and another found by the email HubSpot matched', async () => {
    const email = `cora-${crypto.randomUUID().slice(0, 6)}@example.com`;
    const linked = await startSession(org.alice, { name: 'Cora Vance', email }, { crmRecord: { system: 'hubspot', objectType: 'contacts', recordId: '901' }, invite: false });
    const other = await startSession(org.bob, { name: 'Cora Vance', email }, { invite: false });
    const bystander = await startSession(org.carol, { name: 'Dan Other', email: `dan-${crypto.randomUUID().slice(0, 6)}@example.com` }, { invite: false });
    await rememberContacts(env.DB, org.id, [{ email, contactId: '901' }]);

    const res = await hubspotCall('POST', '/hooks/hubspot/webhooks', null, { body: [event('contact.privacyDeletion', 901)] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: 1, forgotten: 1, ignored: 0 });
    expect((await participants(linked.session.id))[0]).toMatchObject({ name: FORGOTTEN_NAME, email: null });
    expect((await call('GET', `/api/v1/sessions/${other.session.id}`, { token: org.bob.token })).json.participants[0]).toMatchObject({ name: FORGOTTEN_NAME, email: null });
    expect((await call('GET', `/api/v1/sessions/${bystander.session.id}`, { token: org.carol.token })).json.participants[0].name).toBe('Dan Other');

    // HubSpot delivers again whatever it thinks was missed: nothing more changes, nothing fails.
    const again = await hubspotCall('POST', '/hooks/hubspot/webhooks', null, { body: [event('contact.deletion', 901)] });
    expect(again.status).toBe(200);
    expect((await participants(linked.session.id))[0]!.name).toBe(FORGOTTEN_NAME);
  });

  it('takes the 2025.2 object deletion of a contact, and leaves a deal with the same id alone', async () => {
    const contact = await startSession(org.alice, { name: 'Cora Vance', email: 'cv@example.com' }, { crmRecord: { system: 'hubspot', objectType: 'contacts', recordId: '55' }, invite: false });
    const deal = await startSession(org.bob, { name: 'Erin Deal', email: 'erin@example.com' }, { crmRecord: { system: 'hubspot', objectType: 'deals', recordId: '55' }, invite: false });
    const res = await hubspotCall('POST', '/hooks/hubspot/webhooks', null, { body: [event('object.deletion', 55, { objectTypeId: '0-1' }), event('object.deletion', 55, { objectTypeId: '0-3' })] });
    expect(res.json).toEqual({ received: 2, forgotten: 1, ignored: 1 });
    expect((await participants(contact.session.id))[0]!.name).toBe(FORGOTTEN_NAME);
    expect((await call('GET', `/api/v1/sessions/${deal.session.id}`, { token: org.bob.token })).json.participants[0].name).toBe('Erin Deal');
  });

  it('breaks the connection on an uninstall: admins see why and how to mend it', async () => {
    const res = await hubspotCall('POST', '/hooks/hubspot/webhooks', null, { body: [event('app.uninstall', 0)] });
    expect(res.status).toBe(200);
    const status = await call('GET', '/api/v1/crm/hubspot', { token: org.admin.token });
    expect(status.json.connection.broken.reason).toMatch(/uninstalled/);
    expect((await call('POST', '/api/v1/crm/hubspot/resync', { token: org.admin.token })).json.error.code).toBe('connection_broken');
  });

  it('ignores a portal that is not connected', async () => {
    const res = await hubspotCall('POST', '/hooks/hubspot/webhooks', null, { body: [{ ...event('contact.deletion', 1), portalId: 1 }] });
    expect(res.json).toEqual({ received: 1, forgotten: 0, ignored: 1 });
  });

  it('refuses what HubSpot did not sign, and says what is wrong with what it did', async () => {
    const email = `kept-${crypto.randomUUID().slice(0, 6)}@example.com`;
    const s = await startSession(org.alice, { name: 'Kept Person', email }, { crmRecord: { system: 'hubspot', objectType: 'contacts', recordId: '77' }, invite: false });
    const unsigned = await call('POST', '/hooks/hubspot/webhooks', { body: [event('contact.deletion', 77)] });
    expect(unsigned.status).toBe(401);
    const tampered = await hubspotCall('POST', '/hooks/hubspot/webhooks', null, { body: [event('contact.deletion', 78)], tamper: { body: JSON.stringify([event('contact.deletion', 77)]) } });
    expect(tampered.status).toBe(401);
    expect((await participants(s.session.id))[0]!.name).toBe('Kept Person');

    const notJson = await hubspotCall('POST', '/hooks/hubspot/webhooks', null, { body: 'not json' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.message).toContain('not valid JSON');
    const notEvents = await hubspotCall('POST', '/hooks/hubspot/webhooks', null, { body: { hello: 'world' } });
    expect(notEvents.status).toBe(400);
    expect(notEvents.json.error.message).toContain('array of webhook events');
  });
});
