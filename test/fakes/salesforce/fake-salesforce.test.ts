// The fake org as a whole: the version list, sessions that expire, planned
// failures, and the API calls it counts; with jsforce where the point is
// what the library does with those answers inside workerd.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idSuffix, toId18 } from './ids.ts';
import { API_VERSION, testOrg } from './test-org.ts';

const upsertPath = `/services/data/v${API_VERSION}/composite/sobjects/Parley_Session__c/External_Id__c`;
const session = (externalId: string, fields: Record<string, unknown> = {}): Record<string, unknown> => ({ attributes: { type: 'Parley_Session__c' }, External_Id__c: externalId, ...fields });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fake Salesforce: ids', () => {
  it('derives the 18-character suffix as Salesforce does', () => {
    // From the REST API guide's examples.
    expect(toId18('001D000000IqhSL')).toBe('001D000000IqhSLIAZ');
    expect(idSuffix('0016g00000Wqu1E')).toBe('AAR');
  });
});

describe('fake Salesforce: versions and sessions', () => {
  it('lists its API versions without a session, and does not count that call', async () => {
    const org = await testOrg();
    const response = await org.fake.fetch(`${org.fake.instanceUrl}/services/data/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Sforce-Limit-Info')).toBeNull();
    const versions = (await response.json()) as Array<{ label: string; url: string; version: string }>;
    expect(versions[0]).toEqual({ label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
    expect(versions.at(-1)).toEqual({ label: "Summer '25", url: '/services/data/v64.0', version: '64.0' });
    expect(versions.find((v) => v.version === '62.0')!.label).toBe("Winter '25");
    expect(org.fake.apiCalls).toBe(0);
    expect(org.fake.calls).toMatchObject([{ method: 'GET', path: '/services/data/', status: 200, counted: false }]);
  });

  it('answers 401 INVALID_SESSION_ID without a token, with an unknown one, and after expireTokens()', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    const expected = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
    const noToken = await org.fake.fetch(`${org.fake.instanceUrl}/services/data/v${API_VERSION}/`);
    expect([noToken.status, await noToken.json()]).toEqual([401, expected]);
    const unknown = await org.call('GET', `/services/data/v${API_VERSION}/`, 'made-up');
    expect([unknown.status, await unknown.json()]).toEqual([401, expected]);

    expect((await org.call('GET', `/services/data/v${API_VERSION}/`, token)).status).toBe(200);
    org.fake.expireTokens();
    const expired = await org.call('PATCH', upsertPath, token, { records: [session('ses_1')] });
    expect([expired.status, await expired.json()]).toEqual([401, expected]);
    expect(org.fake.records('Parley_Session__c')).toEqual([]);
    // Refused sessions are not billed.
    expect(org.fake.apiCalls).toBe(1);
  });

  it('lets a session lapse after the org’s inactivity timeout', async () => {
    let now = Date.now();
    const org = await testOrg({ now: () => now, sessionTimeoutMs: 60_000 });
    const token = await org.signIn();
    now += 30_000;
    expect((await org.call('GET', `/services/data/v${API_VERSION}/`, token)).status).toBe(200);
    now += 59_000;
    expect((await org.call('GET', `/services/data/v${API_VERSION}/`, token)).status).toBe(200);
    now += 61_000;
    expect((await org.call('GET', `/services/data/v${API_VERSION}/`, token)).status).toBe(401);
  });

  it('lets jsforce sign in again through its refreshFn when the session is gone', async () => {
    const org = await testOrg();
    const conn = await org.connect();
    await conn.sobject('Parley_Session__c').upsert([session('ses_1', { Version__c: 1 })], 'External_Id__c');
    org.fake.expireTokens();
    const [result] = await conn.sobject('Parley_Session__c').upsert([session('ses_1', { Version__c: 2 })], 'External_Id__c');
    expect(result).toMatchObject({ success: true, created: false });
    expect(org.fake.tokenCalls).toBe(2);
    expect(org.fake.calls.map((c) => c.status)).toEqual([200, 401, 200]);
    expect(org.fake.record('Parley_Session__c', 'ses_1')!.fields.Version__c).toBe(2);
  });

  it('answers 404 for an API version it does not list', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    expect((await org.call('GET', '/services/data/v99.0/', token)).status).toBe(404);
    expect((await org.call('GET', `/services/data/v${API_VERSION}/sobjects/Account/describe`, token)).status).toBe(404);
  });
});

describe('fake Salesforce: planned failures', () => {
  it('answers 429 with Retry-After for the planned calls, then recovers', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    org.fake.failNext(1, { status: 429, retryAfter: 2 });
    const limited = await org.call('PATCH', upsertPath, token, { records: [session('ses_1')] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('2');
    expect(await limited.json()).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(org.fake.records('Parley_Session__c')).toEqual([]);

    const ok = await org.call('PATCH', upsertPath, token, { records: [session('ses_1')] });
    expect(ok.status).toBe(200);
    expect(org.fake.calls.map((c) => [c.status, c.fault])).toEqual([
      [429, true],
      [200, false],
    ]);
  });

  it('alternates 503 and 429 for a span of time, and leaves the token endpoint alone unless asked', async () => {
    let now = Date.now();
    const org = await testOrg({ now: () => now });
    const token = await org.signIn();
    org.fake.failFor({ ms: 5_000 }, [{ status: 503 }, { status: 429, retryAfter: 1 }]);
    const answers: Response[] = [];
    for (let i = 0; i < 4; i++) answers.push(await org.call('PATCH', upsertPath, token, { records: [session('ses_1')] }));
    expect(answers.map((a) => a.status)).toEqual([503, 429, 503, 429]);
    expect(await answers[0]!.json()).toEqual([{ message: 'The server is unavailable to handle the request. Try again later.', errorCode: 'SERVER_UNAVAILABLE' }]);
    expect(answers.map((a) => a.headers.get('Retry-After'))).toEqual([null, '1', null, '1']);
    expect(org.fake.records('Parley_Session__c')).toEqual([]);
    expect((await org.requestToken(await org.assertion())).status).toBe(200);

    now += 5_000;
    expect((await org.call('PATCH', upsertPath, token, { records: [session('ses_1')] })).status).toBe(200);

    org.fake.failNext(1, { status: 503, on: 'token' });
    expect((await org.requestToken(await org.assertion())).status).toBe(503);
    expect((await org.call('PATCH', upsertPath, token, { records: [session('ses_1')] })).status).toBe(200);
  });

  it('jsforce in workerd does not retry: a 503 is one call and a thrown SERVER_UNAVAILABLE', async () => {
    const org = await testOrg();
    const conn = await org.connect();
    org.fake.failNext(1, { status: 503 });
    await expect(conn.sobject('Parley_Session__c').upsert([session('ses_1')], 'External_Id__c')).rejects.toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
    expect(org.fake.calls).toHaveLength(1);
    const [result] = await conn.sobject('Parley_Session__c').upsert([session('ses_1')], 'External_Id__c');
    expect(result!.success).toBe(true);
  });
});

describe('fake Salesforce: API usage', () => {
  it('counts data calls but not the token endpoint, and says so in Sforce-Limit-Info', async () => {
    const org = await testOrg({ dailyApiLimit: 3 });
    const conn = await org.connect();
    await conn.sobject('Parley_Session__c').upsert([session('ses_1'), session('ses_2')], 'External_Id__c');
    expect(conn.limitInfo.apiUsage).toEqual({ used: 1, limit: 3 });
    await conn.query("SELECT Id, External_Id__c FROM Parley_Session__c WHERE External_Id__c IN ('ses_1', 'ses_2')");
    await conn.request(`/services/data/v${API_VERSION}/`);
    expect(conn.limitInfo.apiUsage).toEqual({ used: 3, limit: 3 });
    expect(org.fake.apiCalls).toBe(3);
    expect(org.fake.tokenCalls).toBe(1);
    expect(org.fake.calls.map((c) => [c.method, c.status, c.records])).toEqual([
      ['PATCH', 200, 2],
      ['GET', 200, 2],
      ['GET', 200, 0],
    ]);
    expect(org.fake.calls[1]!.soql).toMatch(/^SELECT Id, External_Id__c FROM Parley_Session__c/);

    // Over the allowance: the documented 403, not billed.
    await expect(conn.query('SELECT Id FROM Parley_Session__c')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' });
    expect(org.fake.apiCalls).toBe(3);
  });

  it('bills a call a planned fault answered: a retry costs a request', async () => {
    const org = await testOrg();
    const token = await org.signIn();
    org.fake.failNext(2, { status: 500 });
    for (let i = 0; i < 3; i++) await org.call('PATCH', upsertPath, token, { records: [session('ses_1')] });
    expect(org.fake.apiCalls).toBe(3);
    expect(org.fake.calls[0]).toMatchObject({ status: 500, fault: true, counted: true });
  });
});
