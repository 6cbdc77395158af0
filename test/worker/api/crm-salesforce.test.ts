import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, makeOrg, type Org } from '../../helpers/world';
import { testConnectedAppKeys } from '../../helpers/salesforce';

/** Maria's Salesforce User Id: what the Worker knows her by (auth/crm-caller.ts; test/worker/auth/crm-caller.test.ts has the rules). */
const MARIA = '005Hs00000AbCdEIAV';

/** A call as a Salesforce Named Credential makes it: the org key plus the user it acts for. */
function fromSalesforce(key: string, user: Record<string, string> = { 'X-Parley-User': 'maria@acme.example', 'X-Parley-User-Name': 'Maria Lopez' }) {
  return { headers: { 'X-Parley-Key': key, 'X-Parley-Crm-User': MARIA, ...user } };
}

describe('the org key (Salesforce Named Credential callouts)', () => {
  let org: Org;
  let key: string;
  beforeEach(async () => {
    org = await makeOrg();
    const made = await call('POST', '/api/v1/crm/salesforce/key', { token: org.admin.token });
    expect(made.status).toBe(201);
    key = made.json.key;
  });

  it('is shown once and only its hash is stored', async () => {
    expect(key).toMatch(new RegExp(`^pk\\.${org.id}\\.[A-Za-z0-9_-]{43}$`));
    const row = await env.DB.prepare('SELECT crm_key_hash FROM orgs WHERE id = ?').bind(org.id).first<{ crm_key_hash: string }>();
    expect(row!.crm_key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.crm_key_hash).not.toContain(key.split('.')[2]);
  });

  it('makes a Salesforce user an agent on their first call, and follows their name and role', async () => {
    const me = await call('GET', '/api/v1/me', fromSalesforce(key));
    expect(me.status).toBe(200);
    expect(me.json.agent).toMatchObject({ email: 'maria@acme.example', name: 'Maria Lopez', role: 'agent' });

    // Same person, made a Parley admin in Salesforce, in an org whose admin lets the CRM make admins: one agent, now an admin.
    await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body: { crmMayPromoteAdmins: true } });
    const again = await call('GET', '/api/v1/me', fromSalesforce(key, { 'X-Parley-User': 'Maria@Acme.example', 'X-Parley-User-Name': 'Maria+L%C3%B3pez', 'X-Parley-Role': 'admin' }));
    expect(again.json.agent).toMatchObject({ id: me.json.agent.id, name: 'Maria López', role: 'admin' });
    const settings = await call('GET', '/api/v1/crm/salesforce', fromSalesforce(key, { 'X-Parley-User': 'maria@acme.example', 'X-Parley-User-Name': 'Maria+L%C3%B3pez', 'X-Parley-Role': 'admin' }));
    expect(settings.status).toBe(200);
  });

  it('refuses a wrong, malformed or replaced key with 401, and a missing user with 400', async () => {
    expect((await call('GET', '/api/v1/me', fromSalesforce(key.slice(0, -2) + 'xx'))).status).toBe(401);
    expect((await call('GET', '/api/v1/me', fromSalesforce('nonsense'))).json.error.code).toBe('invalid_key');
    const nobody = await call('GET', '/api/v1/me', { headers: { 'X-Parley-Key': key } });
    expect(nobody.status).toBe(400);
    expect(nobody.json.error.message).toContain('X-Parley-Crm-User');
    const noEmail = await call('GET', '/api/v1/me', { headers: { 'X-Parley-Key': key, 'X-Parley-Crm-User': MARIA } });
    expect(noEmail.status).toBe(400);
    expect(noEmail.json.error.message).toContain('X-Parley-User');
    const badRole = await call('GET', '/api/v1/me', fromSalesforce(key, { 'X-Parley-User': 'a@b.example', 'X-Parley-Role': 'root' }));
    expect(badRole.status).toBe(400);

    const replaced = await call('POST', '/api/v1/crm/salesforce/key', { token: org.admin.token });
    expect((await call('GET', '/api/v1/me', fromSalesforce(key))).status).toBe(401);
    expect((await call('GET', '/api/v1/me', fromSalesforce(replaced.json.key))).status).toBe(200);
  });

  it("never opens another org: a key names its org and only that org's hash matches", async () => {
    const other = await makeOrg('Other');
    const forged = key.replace(org.id, other.id);
    expect((await call('GET', '/api/v1/me', fromSalesforce(forged))).status).toBe(401);
    const session = await call('POST', '/api/v1/sessions', { token: other.alice.token, body: { customer: { name: 'Zed', email: 'zed@example.com' } } });
    expect((await call('GET', `/api/v1/sessions/${session.json.session.id}`, fromSalesforce(key))).status).toBe(404);
  });

  it('lets an agent from Salesforce start a session on a record and mint the live socket URL', async () => {
    const started = await call('POST', '/api/v1/sessions', {
      ...fromSalesforce(key),
      body: { customer: { name: 'Ada', email: 'ada@example.com' }, crmRecord: { system: 'salesforce', objectType: 'Contact', recordId: '003000000000001AAA' } },
    });
    expect(started.status, started.text).toBe(201);
    const live = await call('POST', `/api/v1/sessions/${started.json.session.id}/live-token`, fromSalesforce(key));
    expect(live.status).toBe(201);
    const url = new URL(live.json.socketUrl);
    expect(url.protocol).toMatch(/^wss?:$/);
    expect(url.pathname).toBe(`/api/v1/sessions/${started.json.session.id}/ws`);
    expect(url.searchParams.get('token')).toBe(live.json.token);
  });

  it('is made by admins only', async () => {
    expect((await call('POST', '/api/v1/crm/salesforce/key', { token: org.alice.token })).status).toBe(403);
    expect((await call('PUT', '/api/v1/crm/salesforce', { token: org.alice.token, body: {} })).status).toBe(403);
  });
});

describe('the Salesforce connection', () => {
  let org: Org;
  beforeEach(async () => {
    org = await makeOrg();
  });

  const valid = async () => ({
    loginUrl: 'https://login.salesforce.com/',
    instanceUrl: 'https://acme.my.salesforce.com',
    sfOrgId: '00D000000000001EAA',
    clientId: '3MVG9-connected-app',
    username: 'parley-integration@acme.example',
    privateKey: (await testConnectedAppKeys()).privateKeyPem,
  });

  it('is saved, described without its key, and removed', async () => {
    expect((await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token })).json).toEqual({ connection: null, writeback: { lastSyncAt: null, failures: [] } });
    const put = await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: await valid() });
    expect(put.status).toBe(200);
    expect(put.json.connection).toMatchObject({ loginUrl: 'https://login.salesforce.com', sfOrgId: '00D000000000001EAA', username: 'parley-integration@acme.example' });
    expect(JSON.stringify(put.json)).not.toContain('PRIVATE KEY');
    expect(JSON.stringify((await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token })).json)).not.toContain('PRIVATE KEY');
    // Nor is the key readable where D1 keeps it.
    const stored = await env.DB.prepare('SELECT private_key FROM crm_connections WHERE org_id = ?').bind(org.id).first<{ private_key: string }>();
    expect(stored!.private_key).toMatch(/^sb1\./);
    expect(stored!.private_key).not.toContain('PRIVATE KEY');
    expect((await call('DELETE', '/api/v1/crm/salesforce', { token: org.admin.token })).status).toBe(200);
    expect((await call('DELETE', '/api/v1/crm/salesforce', { token: org.admin.token })).status).toBe(404);
  });

  it('accepts the PKCS#1 key openssl makes for Salesforce, and names what is wrong otherwise', async () => {
    const pkcs1 = await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: { ...(await valid()), privateKey: (await testConnectedAppKeys()).pkcs1Pem } });
    expect(pkcs1.status).toBe(200);

    const badKey = await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: { ...(await valid()), privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' } });
    expect(badKey.status).toBe(422);
    expect(badKey.json.error.message).toContain('body.privateKey');
    const badOrg = await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: { ...(await valid()), sfOrgId: '001000000000001' } });
    expect(badOrg.status).toBe(422);
    expect(badOrg.json.error.message).toContain('body.sfOrgId');
    const plainHttp = await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: { ...(await valid()), loginUrl: 'http://login.salesforce.com' } });
    expect(plainHttp.status).toBe(422);
    expect(plainHttp.json.error.message).toContain('body.loginUrl: must be an https URL');
  });

  it("keeps the namespace of the org's Parley package: none unless given, shown, changed on reconnection, and checked", async () => {
    const put = await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: await valid() });
    expect(put.json.connection.namespace).toBe('');
    const namespaced = await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: { ...(await valid()), namespace: ' acme ' } });
    expect(namespaced.status).toBe(200);
    expect(namespaced.json.connection.namespace).toBe('acme');
    expect((await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token })).json.connection.namespace).toBe('acme');
    const stored = await env.DB.prepare('SELECT namespace FROM crm_connections WHERE org_id = ?').bind(org.id).first<{ namespace: string }>();
    expect(stored!.namespace).toBe('acme');
    const cleared = await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: { ...(await valid()), namespace: '' } });
    expect(cleared.json.connection.namespace).toBe('');

    // Salesforce's rule: a letter first, at most 15 letters, digits or single underscores.
    for (const bad of ['1acme', 'ac__me', 'acme_', 'abcdefghijklmnop', 'ac-me']) {
      const refused = await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: { ...(await valid()), namespace: bad } });
      expect(refused.status, bad).toBe(422);
      expect(refused.json.error.message, bad).toContain('body.namespace');
    }
    expect((await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token })).json.connection.namespace).toBe('');
  });

  it('cannot be checked before it exists', async () => {
    const check = await call('POST', '/api/v1/crm/salesforce/check', { token: org.admin.token });
    expect(check.status).toBe(409);
    expect(check.json.error.message).toContain('sf parley org connect');
  });
});
