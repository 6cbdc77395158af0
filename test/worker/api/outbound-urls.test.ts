// Addresses Parley calls on an org's behalf must be https outside local
// development: the timestamp authority (PUT /api/v1/settings/sealing/tsa) and
// the Salesforce login (PUT /api/v1/crm/salesforce), at the setting and at use.
// Local development (DEV_ROUTES=true, as in these tests) may use plain http to
// 127.0.0.1 or localhost, where its fake services run; a deployed Worker may not.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { app } from '../../../worker/src/app';
import { call, makeOrg, type Org } from '../../helpers/world';
import { testConnectedAppKeys } from '../../helpers/salesforce';

const production = { ...env, DEV_ROUTES: undefined };

/** A call as a deployed Worker (DEV_ROUTES unset) answers it. */
async function callDeployed(method: string, path: string, token: string, body?: unknown) {
  const res = await app.fetch(
    new Request(`https://parley.test${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    production,
    { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} } as unknown as ExecutionContext,
  );
  return { status: res.status, json: (await res.json()) as any };
}

describe('the timestamp authority URL', () => {
  let org: Org;
  beforeEach(async () => {
    org = await makeOrg();
  });
  const put = (tsaUrl: string | null) => call('PUT', '/api/v1/settings/sealing/tsa', { token: org.admin.token, body: { tsaUrl } });

  it('must be https: plain http elsewhere than this machine is a 422 naming the field', async () => {
    const plain = await put('http://tsa.example/rfc3161');
    expect(plain.status).toBe(422);
    expect(plain.json.error.message).toBe('body.tsaUrl: must be an https URL');
    expect((await put('ftp://tsa.example')).status).toBe(422);
    const secure = await put('https://tsa.example/rfc3161');
    expect(secure.status).toBe(200);
    expect(secure.json.tsaUrl).toBe('https://tsa.example/rfc3161');
    expect((await put(null)).json.tsaUrl).toBeNull();
  });

  it('plain http to 127.0.0.1 or localhost is for local development only', async () => {
    expect((await put('http://127.0.0.1:9999/tsa')).status).toBe(200);
    expect((await put('http://localhost:9999/tsa')).status).toBe(200);
    const deployed = await callDeployed('PUT', '/api/v1/settings/sealing/tsa', org.admin.token, { tsaUrl: 'http://127.0.0.1:9999/tsa' });
    expect(deployed.status).toBe(422);
    expect(deployed.json.error.message).toBe('body.tsaUrl: must be an https URL (plain http only to 127.0.0.1 or localhost, in local development)');
    expect((await callDeployed('PUT', '/api/v1/settings/sealing/tsa', org.admin.token, { tsaUrl: 'https://tsa.example/x' })).status).toBe(200);
  });
});

describe('the Salesforce login URL', () => {
  let org: Org;
  beforeEach(async () => {
    org = await makeOrg();
  });
  const connection = async (loginUrl: string) => ({
    loginUrl,
    instanceUrl: 'https://acme.my.salesforce.com',
    sfOrgId: '00D000000000001EAA',
    clientId: '3MVG9-connected-app',
    username: 'parley-integration@acme.example',
    privateKey: (await testConnectedAppKeys()).privateKeyPem,
  });

  it('must be https when connecting from a deployed Worker, even to 127.0.0.1', async () => {
    const deployed = await callDeployed('PUT', '/api/v1/crm/salesforce', org.admin.token, await connection('http://127.0.0.1:8443'));
    expect(deployed.status).toBe(422);
    expect(deployed.json.error.message).toBe('body.loginUrl: must be an https URL (plain http only to 127.0.0.1 or localhost, in local development)');
    const instance = await callDeployed('PUT', '/api/v1/crm/salesforce', org.admin.token, { ...(await connection('https://login.salesforce.com')), instanceUrl: 'http://localhost:8443' });
    expect(instance.status).toBe(422);
    expect(instance.json.error.message).toContain('body.instanceUrl: must be an https URL');
    expect((await callDeployed('GET', '/api/v1/crm/salesforce', org.admin.token)).json.connection).toBeNull();
  });

  it('may be http://127.0.0.1 in local development (the fake Salesforce), never http elsewhere', async () => {
    expect((await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: await connection('http://example.com') })).status).toBe(422);
    const local = await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: await connection('http://127.0.0.1:8443') });
    expect(local.status).toBe(200);
  });

  it('is checked again at use: a stored plain-http login is not signed in to by a deployed Worker', async () => {
    expect((await call('PUT', '/api/v1/crm/salesforce', { token: org.admin.token, body: await connection('http://127.0.0.1:9') })).status).toBe(200);
    const check = await callDeployed('POST', '/api/v1/crm/salesforce/check', org.admin.token);
    expect(check.status).toBe(200);
    expect(check.json).toEqual({
      ok: false,
      error: 'the Salesforce login URL http://127.0.0.1:9 must be an https URL (plain http only to 127.0.0.1 or localhost, in local development): connect again with an https login URL',
    });
  });
});
