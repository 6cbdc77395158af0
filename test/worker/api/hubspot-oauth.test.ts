// Installing Parley's HubSpot app: HubSpot sends the admin back to
// /hooks/hubspot/oauth with a code; Parley trades it (the fake HubSpot's
// token endpoint), asks which portal and user installed it, stores the
// tokens sealed, makes its properties and queues the sessions linked before.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetHubSpotTokens, hubspotAccessToken } from '../../../connectors/hubspot/oauth/tokens';
import { findHubSpotTokens } from '../../../worker/src/directory/hubspot-connections';
import { FakeHubSpot } from '../../fakes/hubspot/fake-hubspot';
import { hubspotCall } from '../../helpers/hubspot-calls';
import { call, makeOrg, startSession, type Org } from '../../helpers/world';

const REDIRECT = new URL('/hooks/hubspot/oauth', env.PUBLIC_URL).toString();

let fake: FakeHubSpot;
let org: Org;
let portalId: string;

beforeEach(async () => {
  fake = new FakeHubSpot();
  vi.stubGlobal('fetch', fake.fetch);
  forgetHubSpotTokens();
  org = await makeOrg();
  portalId = String(30_000_000 + Math.floor(Math.random() * 60_000_000));
});
afterEach(() => vi.unstubAllGlobals());

/** The state of the install link an admin of `who` gets from Parley. */
async function stateFor(who: Org): Promise<string> {
  const status = await call('GET', '/api/v1/crm/hubspot', { token: who.admin.token });
  return new URL(status.json.installUrl).searchParams.get('state')!;
}

function install(opts: { state?: string; userId?: string } = {}) {
  const code = fake.authorize({ portalId, userId: opts.userId ?? '501', userEmail: 'hub-admin@acme.example', hubDomain: 'acme.hubspot.com' }, REDIRECT);
  const q = new URLSearchParams({ code, ...(opts.state ? { state: opts.state } : {}) });
  return call('GET', `/hooks/hubspot/oauth?${q}`);
}

describe('GET /hooks/hubspot/oauth', () => {
  it('connects the org that made the link: tokens sealed, properties made, earlier sessions queued', async () => {
    await startSession(org.alice, { name: 'Cora Customer', email: 'cora@example.com' }, { crmRecord: { system: 'hubspot', objectType: 'contacts', recordId: '77' }, invite: false });
    const res = await install({ state: await stateFor(org) });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Parley is connected to HubSpot');
    expect(res.text).toContain('1 earlier session is being written now');

    const status = await call('GET', '/api/v1/crm/hubspot', { token: org.admin.token });
    expect(status.json.connection).toMatchObject({ portalId, hubDomain: 'acme.hubspot.com', broken: null });
    expect(status.json.connection.scopes).toContain('crm.objects.contacts.write');
    // Sealed where D1 keeps them; opened, they are the fake's.
    const row = await env.DB.prepare('SELECT refresh_token, access_token FROM hubspot_connections WHERE org_id = ?').bind(org.id).first<{ refresh_token: string; access_token: string }>();
    expect(row!.refresh_token).toMatch(/^sb1\./);
    expect(row!.access_token).toMatch(/^sb1\./);
    expect((await findHubSpotTokens(env, org.id))!.accessToken).toBeTruthy();
    // Parley's properties on every record object.
    for (const object of ['contacts', 'companies', 'deals', 'tickets'] as const) {
      expect([...(fake.portal(portalId).properties.get(object)?.keys() ?? [])]).toEqual(expect.arrayContaining(['parley_session_status', 'parley_session_link', 'parley_last_activity']));
    }
    // The installer is this portal's admin in Parley.
    const me = await hubspotCall('GET', '/api/v1/crm/hubspot', { portalId, userId: '501', userEmail: 'hub-admin@acme.example' });
    expect(me.status).toBe(200);
  });

  it('gives a portal new to Parley, installed from HubSpot without a link, an org of its own', async () => {
    const res = await install();
    expect(res.status).toBe(200);
    const installer = { portalId, userId: '501', userEmail: 'hub-admin@acme.example' };
    const me = await hubspotCall('GET', '/api/v1/me', installer);
    expect(me.json.agent.role).toBe('admin');
    expect(me.json.agent.orgId).not.toBe(org.id);
    // Reinstalled later, still without a link: the same org, not another.
    const again = await install({ userId: '502' });
    expect(again.status).toBe(200);
    expect((await hubspotCall('GET', '/api/v1/me', installer)).json.agent.orgId).toBe(me.json.agent.orgId);
  });

  it('mends a broken connection on reinstall, keeping the org', async () => {
    await install({ state: await stateFor(org) });
    fake.revoke(portalId);
    fake.expireAccessTokens();
    forgetHubSpotTokens();
    const check = await call('POST', '/api/v1/crm/hubspot/check', { token: org.admin.token });
    expect(check.json.ok).toBe(false);
    const broken = await call('GET', '/api/v1/crm/hubspot', { token: org.admin.token });
    expect(broken.json.connection.broken.reason).toMatch(/refresh token/);

    expect((await install()).status).toBe(200);
    const mended = await call('GET', '/api/v1/crm/hubspot', { token: org.admin.token });
    expect(mended.json.connection.broken).toBeNull();
  });

  it('refreshes the access token before it expires, and keeps one refresh for parallel callers', async () => {
    await install({ state: await stateFor(org) });
    let clock = Date.now() + 26 * 60_000; // 4 minutes before the 30-minute token expires: inside the margin
    const tokens = await Promise.all([1, 2, 3].map(() => hubspotAccessToken(env, org.id, () => clock)));
    expect(new Set(tokens).size).toBe(1);
    expect(fake.tokenRequests.filter((t) => t.grantType === 'refresh_token')).toHaveLength(1);
    clock += 60_000;
    expect(await hubspotAccessToken(env, org.id, () => clock)).toBe(tokens[0]);
  });

  it('says why nothing was installed: refused, expired link, another org\'s portal, HubSpot down', async () => {
    const denied = await call('GET', '/hooks/hubspot/oauth?error=access_denied&error_description=The+user+declined');
    expect(denied.status).toBe(400);
    expect(denied.text).toContain('The user declined');

    expect((await call('GET', '/hooks/hubspot/oauth')).status).toBe(400);

    const forged = await install({ state: 'sb1.forged.state.value' });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('This install link has expired');

    const badCode = await call('GET', `/hooks/hubspot/oauth?code=not-a-code&state=${encodeURIComponent(await stateFor(org))}`);
    expect(badCode.status).toBe(400);
    expect(badCode.text).toContain('HubSpot refused the install');

    await install({ state: await stateFor(org) });
    const other = await makeOrg('Other');
    const taken = await install({ state: await stateFor(other) });
    expect(taken.status).toBe(409);
    expect((await call('GET', '/api/v1/crm/hubspot', { token: other.admin.token })).json.connection).toBeNull();

    fake.failNext(1, { status: 503, on: 'token' });
    const down = await install({ state: await stateFor(other) });
    expect(down.status).toBe(502);
    expect(down.text).toContain('Nothing was changed');
  });
});
