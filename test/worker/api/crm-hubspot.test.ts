// HubSpot's way in: calls signed with X-HubSpot-Signature-v3 act as the
// HubSpot user's Parley agent (portal → org, user → agent by HubSpot user
// id); the admin routes of the connection; the modal frame the card opens.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveHubSpotConnection } from '../../../worker/src/directory/hubspot-connections';
import { hubspotCall, withIdentity, type HubSpotUser } from '../../helpers/hubspot-calls';
import { call, makeOrg, type Org } from '../../helpers/world';

let org: Org;
let portalId: string;
let installer: HubSpotUser;
let agent: HubSpotUser;

async function connect(orgId: string, portal: string, installedBy: string) {
  const saved = await saveHubSpotConnection(
    env,
    { orgId, portalId: portal, hubDomain: `p${portal}.hubspot.example`, scopes: ['crm.objects.contacts.write'], installedByUserId: installedBy, refreshToken: 'rt-test', accessToken: 'at-test', accessExpiresAt: Date.now() + 1_800_000 },
    Date.now(),
  );
  if (saved.kind !== 'saved') throw new Error('portal taken');
  return saved;
}

beforeEach(async () => {
  org = await makeOrg();
  portalId = String(10_000_000 + Math.floor(Math.random() * 80_000_000));
  installer = { portalId, userId: '7001', userEmail: `installer-${portalId}@acme.example` };
  agent = { portalId, userId: '7002', userEmail: `agent-${portalId}@acme.example` };
  await connect(org.id, portalId, installer.userId);
});

describe('a signed call from HubSpot', () => {
  it('acts as the HubSpot user: made an agent on the first call, found again by HubSpot user id', async () => {
    const first = await hubspotCall('GET', '/api/v1/me', agent);
    expect(first.status).toBe(200);
    expect(first.json.agent).toMatchObject({ email: agent.userEmail, role: 'agent' });
    const again = await hubspotCall('GET', '/api/v1/me', agent);
    expect(again.json.agent.id).toBe(first.json.agent.id);
  });

  it('makes the user who installed the app an admin; others are agents', async () => {
    expect((await hubspotCall('GET', '/api/v1/crm/hubspot', installer)).status).toBe(200);
    const refused = await hubspotCall('GET', '/api/v1/crm/hubspot', agent);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('admin_only');
  });

  it('starts a session linked to the HubSpot record, and lists the record\'s sessions', async () => {
    const crmRecord = { system: 'hubspot', objectType: 'contacts', recordId: '5101' };
    const started = await hubspotCall('POST', '/api/v1/sessions', agent, { body: { customer: { name: 'Cora Customer', email: 'cora@example.com' }, crmRecord, invite: false } });
    expect(started.status).toBe(201);
    // Stored by HubSpot's API name however it was spelled: found, written and forgotten by one name.
    const singular = await hubspotCall('POST', '/api/v1/sessions', agent, { body: { customer: { name: 'Dee Deal', email: 'dee@example.com' }, crmRecord: { system: 'hubspot', objectType: 'Deal', recordId: '5102' }, invite: false } });
    expect(singular.json.session.crmRecord).toEqual({ system: 'hubspot', objectType: 'deals', recordId: '5102' });
    const listed = await hubspotCall('GET', '/api/v1/sessions?crmRecordId=5101', agent);
    expect(listed.status).toBe(200);
    expect(listed.json.sessions.map((s: { id: string }) => s.id)).toContain(started.json.session.id);
  });

  it("lists a record's sessions by object too: deal 55 is not contact 55", async () => {
    const start = (objectType: string, name: string) =>
      hubspotCall('POST', '/api/v1/sessions', agent, { body: { customer: { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` }, crmRecord: { system: 'hubspot', objectType, recordId: '55' }, invite: false } });
    const deal = await start('deals', 'Dee Deal');
    const contact = await start('contacts', 'Cory Contact');
    const onDeal = await hubspotCall('GET', '/api/v1/sessions?crmSystem=hubspot&crmObject=deals&crmRecordId=55', agent);
    expect(onDeal.json.sessions.map((s: { id: string }) => s.id)).toEqual([deal.json.session.id]);
    const onContact = await hubspotCall('GET', '/api/v1/sessions?crmSystem=hubspot&crmObject=CONTACTS&crmRecordId=55', agent);
    expect(onContact.json.sessions.map((s: { id: string }) => s.id)).toEqual([contact.json.session.id]);
    const bad = await hubspotCall('GET', '/api/v1/sessions?crmObject=0-3', agent);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error)).toContain('crmObject');
  });

  it('refuses a replay of a valid request', async () => {
    const first = await hubspotCall('GET', '/api/v1/me', agent);
    expect(first.status).toBe(200);
    const replay = await call('GET', withIdentity('/api/v1/me', agent), { headers: first.sent });
    expect(replay.status).toBe(401);
    expect(replay.json.error.code).toBe('replayed_request');
  });

  it('refuses a body changed on the way, and creates nothing', async () => {
    const body = { customer: { name: 'Cora Customer', email: 'cora@example.com' }, invite: false };
    const res = await hubspotCall('POST', '/api/v1/sessions', agent, { body, tamper: { body: JSON.stringify({ ...body, customer: { name: 'Mallory', email: 'm@example.com' } }) } });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('invalid_hubspot_signature');
    const mine = await hubspotCall('GET', '/api/v1/sessions', agent);
    expect(mine.json.sessions).toHaveLength(0);
  });

  it('refuses identity parameters changed after signing: another user, another portal', async () => {
    const other = withIdentity('/api/v1/me', installer);
    const res = await hubspotCall('GET', '/api/v1/me', agent, { tamper: { path: other } });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('invalid_hubspot_signature');
  });

  it('refuses a stale timestamp and another secret', async () => {
    const stale = await hubspotCall('GET', '/api/v1/me', agent, { timestamp: Date.now() - 6 * 60_000 });
    expect(stale.status).toBe(401);
    expect(stale.json.error.message).toMatch(/more than 5 minutes/);
    const forged = await hubspotCall('GET', '/api/v1/me', agent, { secret: 'not-parleys-secret' });
    expect(forged.status).toBe(401);
  });

  it('says which portal is not connected, and what is missing from the identity', async () => {
    const stranger = await hubspotCall('GET', '/api/v1/me', { portalId: '999', userId: '1', userEmail: 'x@example.com' });
    expect(stranger.status).toBe(403);
    expect(stranger.json.error).toMatchObject({ code: 'hubspot_not_connected' });
    expect(stranger.json.error.message).toContain('999');
    const noEmail = await hubspotCall('GET', `/api/v1/me?portalId=${portalId}&userId=7002`, null);
    expect(noEmail.status).toBe(400);
    expect(noEmail.json.error.code).toBe('bad_user');
  });

  it('keeps a portal to one org', async () => {
    const other = await makeOrg('Other');
    const taken = await saveHubSpotConnection(
      env,
      { orgId: other.id, portalId, hubDomain: null, scopes: [], installedByUserId: null, refreshToken: 'x', accessToken: null, accessExpiresAt: null },
      Date.now(),
    );
    expect(taken.kind).toBe('portal_taken');
  });
});

describe('the connection, for admins', () => {
  it('shows the portal, the write-back state and an install link bound to the org', async () => {
    const res = await call('GET', '/api/v1/crm/hubspot', { token: org.admin.token });
    expect(res.status).toBe(200);
    expect(res.json.connection).toMatchObject({ portalId, hubDomain: `p${portalId}.hubspot.example`, broken: null });
    expect(res.json.writeback).toEqual({ lastSyncAt: null, failures: [] });
    const url = new URL(res.json.installUrl);
    expect(url.origin).toBe('https://app.hubspot.com');
    expect(url.searchParams.get('client_id')).toBe('parley-test-client-id');
    expect(url.searchParams.get('redirect_uri')).toBe(new URL('/hooks/hubspot/oauth', env.PUBLIC_URL).toString());
    expect(url.searchParams.get('scope')).toContain('crm.objects.contacts.write');
    expect(url.searchParams.get('state')).toMatch(/^sb1\./);
  });

  it('queues a resync of the HubSpot-linked sessions', async () => {
    await hubspotCall('POST', '/api/v1/sessions', agent, { body: { customer: { name: 'Cora Customer', email: 'cora@example.com' }, crmRecord: { system: 'hubspot', objectType: 'deals', recordId: '42' }, invite: false } });
    const res = await call('POST', '/api/v1/crm/hubspot/resync', { token: org.admin.token });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ queued: 1, truncated: false });
  });

  it('disconnects: the portal\'s cards are refused afterwards', async () => {
    expect((await hubspotCall('GET', '/api/v1/me', agent)).status).toBe(200);
    expect((await call('DELETE', '/api/v1/crm/hubspot', { token: org.admin.token })).status).toBe(200);
    expect((await call('GET', '/api/v1/crm/hubspot', { token: org.admin.token })).json.connection).toBeNull();
    const after = await hubspotCall('GET', '/api/v1/me', { ...agent, userId: '7003', userEmail: `late-${portalId}@acme.example` });
    expect(after.status).toBe(403);
    expect((await call('DELETE', '/api/v1/crm/hubspot', { token: org.admin.token })).status).toBe(404);
    expect((await call('POST', '/api/v1/crm/hubspot/resync', { token: org.admin.token })).status).toBe(409);
  });
});

describe('the live session in HubSpot\'s modal frame', () => {
  async function embedLink() {
    const started = await hubspotCall('POST', '/api/v1/sessions', agent, { body: { customer: { name: 'Cora Customer', email: 'cora@example.com' }, invite: false } });
    const link = await hubspotCall('POST', '/api/v1/workspace-link', agent, { body: { sessionId: started.json.session.id, embed: 'hubspot' } });
    expect(link.status).toBe(201);
    return { sessionId: started.json.session.id as string, url: new URL(link.json.url) };
  }

  it('signs in with a partitioned cookie and lets HubSpot, and only HubSpot, frame that one page', async () => {
    const { sessionId, url } = await embedLink();
    expect(url.searchParams.get('next')).toBe(`/app/hubspot/sessions/${sessionId}`);
    const signIn = await call('GET', `${url.pathname}${url.search}`);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('Location')).toBe(`/app/hubspot/sessions/${sessionId}`);
    const cookie = signIn.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/SameSite=None/i);
    expect(cookie).toMatch(/Partitioned/i);
    expect(signIn.headers.get('Content-Security-Policy')).toContain('frame-ancestors https://app.hubspot.com https://*.hubspot.com');

    const jar = cookie.split(';')[0]!;
    const page = await call('GET', `/app/hubspot/sessions/${sessionId}`, { headers: { Cookie: jar } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Cora Customer');
    expect(page.headers.get('Content-Security-Policy')).toContain('frame-ancestors https://app.hubspot.com https://*.hubspot.com');
    expect(page.headers.get('X-Frame-Options')).toBeNull();

    const elsewhere = await call('GET', `/app/sessions/${sessionId}`, { headers: { Cookie: jar } });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(elsewhere.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
  });

  it('keeps the ordinary sign-in cookie first-party', async () => {
    const started = await hubspotCall('POST', '/api/v1/sessions', agent, { body: { customer: { name: 'Cora Customer', email: 'cora@example.com' }, invite: false } });
    const link = await hubspotCall('POST', '/api/v1/workspace-link', agent, { body: { sessionId: started.json.session.id } });
    const url = new URL(link.json.url);
    const signIn = await call('GET', `${url.pathname}${url.search}`);
    expect(signIn.headers.get('Set-Cookie')).toMatch(/SameSite=Lax/i);
    expect(signIn.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  });

  it('needs a session to embed', async () => {
    const res = await hubspotCall('POST', '/api/v1/workspace-link', agent, { body: { embed: 'hubspot' } });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.json.error)).toContain('embed needs sessionId');
  });
});
