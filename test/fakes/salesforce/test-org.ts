// A fake org with one connected app and its pre-approved integration user,
// and the two ways tests reach it: raw fetch (to see exact bodies) and
// jsforce (to see what the library Parley uses makes of them). jsforce is
// routed by stubbing the global fetch, which its browser build, the one
// workerd loads, calls for every request.

import jsforce, { type Connection } from 'jsforce';
import { vi } from 'vitest';
import { FakeSalesforce, type FakeSalesforceOptions } from './fake-salesforce.ts';
import { JWT_BEARER_GRANT } from './jwt-bearer.ts';
import { generateConnectedAppKeys, signAssertion, type AssertionClaims, type TestKeyPair } from './test-connected-app.ts';

export const LOGIN_URL = 'https://login.salesforce.com';
export const CLIENT_ID = '3MVG9fakeParleyConsumerKey.for.tests';
export const USERNAME = 'parley-integration@example.com';
export const API_VERSION = '64.0';

export interface TestOrg {
  fake: FakeSalesforce;
  keys: TestKeyPair;
  /** A JWT bearer assertion for the integration user; claims overridable. */
  assertion(claims?: Partial<AssertionClaims>): Promise<string>;
  /** POST /services/oauth2/token with an assertion; the raw answer. */
  requestToken(assertion: string): Promise<Response>;
  /** Signs in and returns the access token. */
  signIn(): Promise<string>;
  /** A raw REST API call with a token. */
  call(method: string, path: string, token: string, body?: unknown): Promise<Response>;
  /** A jsforce connection signed in through the JWT bearer flow, which signs in again when its session expires. */
  connect(): Promise<Connection>;
}

let keys: Promise<TestKeyPair> | undefined;

export async function testOrg(options: FakeSalesforceOptions = {}): Promise<TestOrg> {
  // One RSA key pair per test file: generating them is the slow part.
  keys ??= generateConnectedAppKeys();
  const pair = await keys;
  const fake = new FakeSalesforce(options);
  fake.registerConnectedApp({ clientId: CLIENT_ID, publicKeyPem: pair.publicKeyPem, username: USERNAME });

  const assertion = (claims: Partial<AssertionClaims> = {}) =>
    signAssertion(pair.privateKey, { iss: CLIENT_ID, sub: USERNAME, aud: LOGIN_URL, ...claims });
  const requestToken = (signed: string) =>
    fake.fetch(`${LOGIN_URL}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion: signed }),
    });
  const signIn = async () => {
    const response = await requestToken(await assertion());
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const call = (method: string, path: string, token: string, body?: unknown) =>
    fake.fetch(`${fake.instanceUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const connect = async () => {
    vi.stubGlobal('fetch', fake.fetch);
    const oauth2 = new jsforce.OAuth2({ loginUrl: LOGIN_URL });
    const token = await oauth2.requestToken({ grant_type: JWT_BEARER_GRANT, assertion: await assertion() });
    return new jsforce.Connection({
      instanceUrl: token.instance_url,
      accessToken: token.access_token,
      version: API_VERSION,
      // No refresh token in this flow: on 401 jsforce calls this, which signs a new assertion.
      refreshFn: (_conn, callback) => {
        assertion()
          .then((signed) => oauth2.requestToken({ grant_type: JWT_BEARER_GRANT, assertion: signed }))
          .then((fresh) => callback(null, fresh.access_token, fresh), (error: Error) => callback(error));
      },
    });
  };

  return { fake, keys: pair, assertion, requestToken, signIn, call, connect };
}
