// The fake's token endpoint: the JWT bearer flow's answer and each refusal
// Salesforce documents, and the certificate form of the app's key.
import { describe, expect, it } from 'vitest';
import { FakeSalesforce } from './fake-salesforce.ts';
import { JWT_BEARER_GRANT } from './jwt-bearer.ts';
import { generateConnectedAppKeys, selfSignedCertificatePem, signAssertion } from './test-connected-app.ts';
import { CLIENT_ID, LOGIN_URL, USERNAME, testOrg } from './test-org.ts';

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function refusal(response: Response): Promise<{ status: number; body: unknown }> {
  return { status: response.status, body: await response.json() };
}

describe('fake Salesforce: OAuth 2.0 JWT bearer flow', () => {
  it('answers a good assertion with a token, the instance and the identity URL, and no refresh token', async () => {
    const org = await testOrg();
    const response = await org.requestToken(await org.assertion());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'id', 'instance_url', 'scope', 'token_type']);
    expect(body.token_type).toBe('Bearer');
    expect(body.instance_url).toBe(org.fake.instanceUrl);
    expect(body.id).toBe(`${LOGIN_URL}/id/${org.fake.orgId}/${org.fake.userId(USERNAME)}`);
    expect(body.access_token).toMatch(new RegExp(`^${org.fake.orgId.slice(0, 15)}!`));
    expect(org.fake.tokenCalls).toBe(1);
    expect(org.fake.apiCalls).toBe(0);
  });

  it('accepts test.salesforce.com and the org’s own domain as audience, and parameters in the query string', async () => {
    const org = await testOrg();
    for (const aud of ['https://test.salesforce.com', org.fake.instanceUrl]) {
      expect((await org.requestToken(await org.assertion({ aud }))).status).toBe(200);
    }
    const query = new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion: await org.assertion() });
    expect((await org.fake.fetch(`${LOGIN_URL}/services/oauth2/token?${query}`, { method: 'POST' })).status).toBe(200);
  });

  it('refuses each broken assertion with the error Salesforce gives', async () => {
    const org = await testOrg();
    const other = await generateConnectedAppKeys();
    const cases: Array<[string, string | Promise<string>, string, string]> = [
      ['not a JWT', 'abc.def', 'invalid_grant', 'invalid assertion'],
      ['unknown consumer key', org.assertion({ iss: '3MVG9someOtherApp' }), 'invalid_client_id', 'client identifier invalid'],
      ['signed with another key', signAssertion(other.privateKey, { iss: CLIENT_ID, sub: USERNAME, aud: LOGIN_URL }), 'invalid_grant', 'invalid assertion'],
      ['wrong audience', org.assertion({ aud: 'https://example.com' }), 'invalid_grant', 'audience is invalid'],
      ['expired', org.assertion({ exp: nowSeconds() - 1 }), 'invalid_grant', 'expired authorization code'],
      ['exp more than 3 minutes ahead', org.assertion({ exp: nowSeconds() + 600 }), 'invalid_grant', 'invalid assertion'],
      ['user not approved for the app', org.assertion({ sub: 'someone.else@example.com' }), 'invalid_grant', "user hasn't approved this consumer"],
    ];
    for (const [why, assertion, error, description] of cases) {
      expect(await refusal(await org.requestToken(await assertion)), why).toEqual({ status: 400, body: { error, error_description: description } });
    }
    // An HS256 token with the right claims is still not an RS256 assertion.
    const [, claims, signature] = (await org.assertion()).split('.');
    const hs256 = `${btoa(JSON.stringify({ alg: 'HS256' })).replace(/=+$/, '')}.${claims}.${signature}`;
    expect(await refusal(await org.requestToken(hs256))).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'invalid assertion' } });
    expect(org.fake.tokenRequests.map((r) => r.status)).toEqual(Array(cases.length + 1).fill(400));
  });

  it('refuses another grant type, and a user the admin has not pre-approved', async () => {
    const org = await testOrg();
    const password = await org.fake.fetch(`${LOGIN_URL}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', username: USERNAME, password: 'x' }),
    });
    expect(await refusal(password)).toEqual({ status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } });

    org.fake.registerConnectedApp({ clientId: CLIENT_ID, publicKey: org.keys.publicKey, username: USERNAME, approved: false });
    expect(await refusal(await org.requestToken(await org.assertion()))).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: "user hasn't approved this consumer" },
    });
  });

  it('verifies with the certificate uploaded to the connected app', async () => {
    const keys = await generateConnectedAppKeys();
    const fake = new FakeSalesforce();
    fake.registerConnectedApp({ clientId: 'cert-app', publicKeyPem: await selfSignedCertificatePem(keys), username: USERNAME });
    const token = (assertion: string) =>
      fake.fetch(`${LOGIN_URL}/services/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }) });
    expect((await token(await signAssertion(keys.privateKey, { iss: 'cert-app', sub: USERNAME, aud: LOGIN_URL }))).status).toBe(200);
    const stranger = await generateConnectedAppKeys();
    expect((await token(await signAssertion(stranger.privateKey, { iss: 'cert-app', sub: USERNAME, aud: LOGIN_URL }))).status).toBe(400);
  });
});
