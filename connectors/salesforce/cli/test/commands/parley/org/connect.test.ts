import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import OrgConnect, { type OrgConnectResult } from '../../../../src/commands/parley/org/connect.js';
import { FakeWorker } from '../../../support/fake-worker.js';
import { FakeOrgSetup, salesforceError } from '../../../support/fake-org-setup.js';
import { printedJson, runCommand } from '../../../support/run-command.js';
import { schemaProblems } from '../../../support/result-schema.js';
import { salesforceTestContext, TEST_SF_ORG_ID } from '../../../support/salesforce-org.js';

describe('sf parley org connect', () => {
  const { $$, org } = salesforceTestContext();
  const worker = new FakeWorker();
  let salesforce: FakeOrgSetup;
  let dir: string;
  let pkcs8: string;
  const files = { pkcs8: '', pkcs1: '', certificate: '', encrypted: '' };

  beforeAll(async () => {
    await worker.start();
    dir = mkdtempSync(join(tmpdir(), 'parley-connect-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    files.pkcs8 = join(dir, 'server.key');
    writeFileSync(files.pkcs8, pkcs8);
    files.pkcs1 = join(dir, 'server-rsa.key');
    writeFileSync(files.pkcs1, privateKey.export({ type: 'pkcs1', format: 'pem' }));
    files.encrypted = join(dir, 'server-encrypted.key');
    writeFileSync(files.encrypted, privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }));
    files.certificate = join(dir, 'server.crt');
    writeFileSync(files.certificate, '-----BEGIN CERTIFICATE-----\nMIIBszCCAV2gAwIBAgIUJ8\n-----END CERTIFICATE-----\n');
  });
  afterAll(async () => {
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    worker.requests.length = 0;
    worker.issuedKeys.length = 0;
    worker.crmConnection = null;
    worker.linkedBeforeConnect = 0;
    worker.checkAnswer = { ok: true, apiVersion: '64.0' };
    salesforce = new FakeOrgSetup();
    $$.fakeConnectionRequest = salesforce.handle;
  });

  const argv = (keyFile = files.pkcs8, ...more: string[]) => [
    '--worker-url',
    worker.url.href,
    '--admin-token',
    worker.token,
    '--consumer-key',
    '3MVG9parleyConsumerKey',
    '--jwt-key-file',
    keyFile,
    '--username',
    'parley-integration@example.com',
    '--target-org',
    org().username,
    ...more,
  ];

  /** Everything a run printed, plus the test logger's records: the key must be in none of it. */
  const everythingPrinted = (run: { stdout: string; stderr: string; error?: unknown }) =>
    [run.stdout, run.stderr, JSON.stringify(run.error ?? null), JSON.stringify($$.TEST_LOGGER.getBufferedRecords())].join('\n');

  it('registers the org, points the package at the Worker and stores the key without showing it', async () => {
    const run = await runCommand(OrgConnect, [...argv(), '--json']);
    expect(run.error).toBeUndefined();

    // The Worker: registration with the org's own details, then the key, then the check.
    expect(worker.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /api/v1/crm/salesforce',
      'POST /api/v1/crm/salesforce/key',
      'POST /api/v1/crm/salesforce/check',
    ]);
    expect(worker.requests.every((r) => r.headers.authorization === `Bearer ${worker.token}`)).toBe(true);
    expect(worker.requests[0]!.json).toEqual({
      loginUrl: org().loginUrl,
      instanceUrl: org().instanceUrl,
      sfOrgId: TEST_SF_ORG_ID,
      clientId: '3MVG9parleyConsumerKey',
      username: 'parley-integration@example.com',
      // Deployed from source: no namespace, found by the package's class having none.
      namespace: '',
      privateKey: pkcs8,
    });

    // Salesforce: read first, then the Named Credential, the trusted site, the key.
    expect(salesforce.requests.map((r) => `${r.method} ${r.url.replace(/\?.*/, '')}`)).toEqual([
      // Which namespace the package has: the SOQL of package-namespace.ts, at the connection's own version.
      expect.stringMatching(/^GET https:\/\/[^/]+\/services\/data\/v\d+\.\d\/query$/),
      'GET /services/data/v60.0/named-credentials/named-credential-setup/Parley',
      'GET /services/data/v60.0/query',
      'GET /services/data/v60.0/named-credentials/credential',
      'PUT /services/data/v60.0/named-credentials/named-credential-setup/Parley',
      'PATCH /services/data/v60.0/sobjects/CspTrustedSite/08y5g000000PaRmAAK',
      'POST /services/data/v60.0/named-credentials/credential',
    ]);
    const [ncPut] = salesforce.requestsTo('PUT', 'named-credential-setup');
    expect(ncPut!.body).toEqual({
      developerName: 'Parley',
      masterLabel: 'Parley',
      type: 'SecuredEndpoint',
      calloutUrl: worker.url.origin,
      calloutOptions: { allowMergeFieldsInBody: false, allowMergeFieldsInHeader: false, generateAuthorizationHeader: true },
      customHeaders: [],
      externalCredentials: [{ developerName: 'Parley' }],
      parameters: [],
    });
    // The socket's site gets the same host under ws (wss for an https Worker).
    expect(salesforce.requestsTo('PATCH', 'CspTrustedSite').map((r) => r.body)).toEqual([{ EndpointUrl: `ws://${worker.url.host}` }]);
    const [credentialGet] = salesforce.requestsTo('GET', 'named-credentials/credential');
    expect(new URL(credentialGet!.url, 'https://x').searchParams.toString()).toBe(
      'externalCredential=Parley&principalName=Parley_Org&principalType=NamedPrincipal',
    );
    expect(salesforce.requestsTo('POST', 'named-credentials/credential')[0]!.body).toEqual({
      externalCredential: 'Parley',
      authenticationProtocol: 'Custom',
      principalName: 'Parley_Org',
      principalType: 'NamedPrincipal',
      credentials: { Key: { value: worker.issuedKeys[0], encrypted: true } },
    });
    expect(salesforce.storedCredentials.Key?.value).toBe(worker.issuedKeys[0]);

    const result = printedJson(run).result as OrgConnectResult;
    expect(result).toEqual({
      workerUrl: worker.url.origin,
      connection: {
        loginUrl: org().loginUrl,
        instanceUrl: org().instanceUrl,
        sfOrgId: TEST_SF_ORG_ID,
        clientId: '3MVG9parleyConsumerKey',
        username: 'parley-integration@example.com',
        namespace: '',
      },
      namedCredential: { name: 'Parley', url: worker.url.origin, changed: true },
      cspTrustedSites: [{ name: 'Parley_Worker_Socket', url: `ws://${worker.url.host}`, changed: true }],
      orgKey: { stored: true, externalCredential: 'Parley', principal: 'Parley_Org', parameter: 'Key', replacedPrevious: false },
      check: { ok: true, apiVersion: '64.0', instanceUrl: org().instanceUrl },
      backfill: { queued: 0, truncated: false },
    });
    expect(schemaProblems('parley org connect', result)).toEqual([]);
    expect(worker.issuedKeys).toHaveLength(1);
    expect(everythingPrinted(run)).not.toContain(worker.issuedKeys[0]);
    expect(everythingPrinted(run)).not.toContain('PRIVATE KEY');
  });

  it('says what it did in words, and still never prints the key', async () => {
    const run = await runCommand(OrgConnect, argv());
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain(`Registered org ${TEST_SF_ORG_ID}`);
    expect(run.stdout).toContain(`Named Credential Parley calls ${worker.url.origin}`);
    expect(run.stdout).toContain(`CSP Trusted Site Parley_Worker_Socket allows ws://${worker.url.host}`);
    expect(run.stdout).toContain('Stored a new org key in External Credential Parley (principal Parley_Org)');
    expect(run.stdout).toContain('The Worker signed in to the org as parley-integration@example.com (API 64.0)');
    expect(everythingPrinted(run)).not.toContain(worker.issuedKeys[0]);
  });

  it('says how many sessions linked before the first connection will be written back', async () => {
    worker.linkedBeforeConnect = 7;
    const first = await runCommand(OrgConnect, [...argv(), '--json']);
    const firstResult = printedJson(first).result as OrgConnectResult;
    expect(firstResult.backfill).toEqual({ queued: 7, truncated: false });
    expect(schemaProblems('parley org connect', firstResult)).toEqual([]);
    const human = await runCommand(OrgConnect, argv());
    // The second run reconnects: nothing is queued again.
    expect(human.stdout).not.toContain('will be written back within minutes');
    worker.crmConnection = null;
    const again = await runCommand(OrgConnect, argv());
    expect(again.stdout).toContain('7 sessions linked to Salesforce records before this connection will be written back within minutes.');
  });

  it('replaces a key stored earlier (PUT) and leaves URLs that are already right alone', async () => {
    salesforce.storedCredentials = { Key: { value: 'pk.old.key', encrypted: true } };
    salesforce.namedCredential!.calloutUrl = worker.url.origin;
    salesforce.trustedSites[0]!.EndpointUrl = `ws://${worker.url.host}`;
    const run = await runCommand(OrgConnect, [...argv(), '--json']);
    expect(run.error).toBeUndefined();
    expect(salesforce.requestsTo('POST', 'named-credentials/credential')).toHaveLength(0);
    expect(salesforce.requestsTo('PUT', 'named-credentials/credential')).toHaveLength(1);
    expect(salesforce.requestsTo('PUT', 'named-credential-setup')).toHaveLength(0);
    expect(salesforce.requestsTo('PATCH', 'CspTrustedSite')).toHaveLength(0);
    expect(salesforce.storedCredentials.Key?.value).toBe(worker.issuedKeys[0]);
    const result = printedJson(run).result as OrgConnectResult;
    expect(result.orgKey.replacedPrevious).toBe(true);
    expect(result.namedCredential.changed).toBe(false);
    expect(result.cspTrustedSites.map((site) => site.changed)).toEqual([false]);
  });

  it('hands the Worker a PKCS#8 key when the file is PKCS#1, and uses --login-url when given', async () => {
    const run = await runCommand(OrgConnect, argv(files.pkcs1, '--login-url', 'https://test.salesforce.com', '--json'));
    expect(run.error).toBeUndefined();
    const body = worker.requestsTo('PUT', '/api/v1/crm/salesforce')[0]!.json as { privateKey: string; loginUrl: string };
    expect(body.privateKey).toBe(pkcs8);
    expect(body.loginUrl).toBe('https://test.salesforce.com');
  });

  it('stops before touching the Worker when the Parley package is not in the org', async () => {
    salesforce.namedCredential = null;
    const run = await runCommand(OrgConnect, [...argv(), '--json']);
    expect(run.error?.name).toBe('PackageMissingError');
    expect(run.error?.message).toBe('The org has no Named Credential Parley, which the Parley package brings.');
    expect(worker.requests).toHaveLength(0);
    expect(printedJson(run)).toMatchObject({ status: 1, name: 'PackageMissingError' });
  });

  it('stops when a CSP Trusted Site is missing, before any key is issued', async () => {
    salesforce.trustedSites.pop();
    const run = await runCommand(OrgConnect, argv());
    expect(run.error?.name).toBe('PackageMissingError');
    expect(run.error?.message).toContain('CSP Trusted Site Parley_Worker_Socket');
    expect(worker.issuedKeys).toHaveLength(0);
  });

  it("surfaces the Worker's refusal and changes nothing in Salesforce", async () => {
    worker.failNext('PUT', '/api/v1/crm/salesforce', 422, 'invalid_request', 'body.clientId: must be a connected app consumer key');
    const run = await runCommand(OrgConnect, argv());
    expect(run.error?.name).toBe('WorkerRefusedError');
    expect(run.error?.message).toBe(
      'Parley refused PUT /crm/salesforce: body.clientId: must be a connected app consumer key (HTTP 422, invalid_request).',
    );
    expect(run.error?.data).toEqual({ status: 422, code: 'invalid_request', message: 'body.clientId: must be a connected app consumer key' });
    expect(run.stderr).toContain('body.clientId: must be a connected app consumer key');
    expect(salesforce.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
    expect(worker.issuedKeys).toHaveLength(0);
  });

  it('says the admin token was refused', async () => {
    const run = await runCommand(OrgConnect, [...argv().map((a) => (a === worker.token ? 'tok_wrong' : a))]);
    expect(run.error?.name).toBe('WorkerUnauthenticatedError');
    expect(run.error?.message).toContain('the agent token is not valid');
    expect(run.error?.actions?.join(' ')).toContain('PARLEY_TOKEN');
  });

  it('says the key could not be stored, without showing it even when Salesforce echoes it', async () => {
    salesforce.failNext('POST', 'named-credentials/credential', salesforceError('INSUFFICIENT_ACCESS', 'cannot store credential'));
    const failing = salesforce.handle;
    // Salesforce sometimes quotes the rejected value; make it do so with the real key.
    $$.fakeConnectionRequest = async (request, options) => {
      try {
        return await failing(request, options);
      } catch (error) {
        const key = worker.issuedKeys.at(-1) ?? '';
        throw salesforceError((error as { errorCode: string }).errorCode, `${(error as Error).message}: value ${key} rejected`);
      }
    };
    const run = await runCommand(OrgConnect, argv());
    expect(run.error?.name).toBe('KeyNotStoredError');
    expect(run.error?.message).toContain('Salesforce refused to store the org key in External Credential Parley: cannot store credential');
    expect(run.error?.message).toContain('[org key]');
    expect(run.error?.actions?.join(' ')).toContain('run it again');
    expect(worker.issuedKeys).toHaveLength(1);
    expect(everythingPrinted(run)).not.toContain(worker.issuedKeys[0]);
  });

  it('reports a failed sign-in check as a warning, with the Worker’s reason', async () => {
    worker.checkAnswer = { ok: false, error: 'invalid_grant: user hasn’t approved this consumer' };
    const run = await runCommand(OrgConnect, [...argv(), '--json']);
    expect(run.error).toBeUndefined();
    const printed = printedJson(run);
    expect((printed.result as OrgConnectResult).check).toEqual({ ok: false, error: 'invalid_grant: user hasn’t approved this consumer' });
    expect(JSON.stringify(printed.warnings)).toContain('invalid_grant');
    expect(schemaProblems('parley org connect', printed.result)).toEqual([]);
  });

  it('refuses a key file that is not a private key, or is encrypted, before any request', async () => {
    const notKey = await runCommand(OrgConnect, argv(files.certificate));
    expect(notKey.error?.name).toBe('NotPrivateKeyError');
    const encrypted = await runCommand(OrgConnect, argv(files.encrypted));
    expect(encrypted.error?.name).toBe('EncryptedKeyError');
    const missing = await runCommand(OrgConnect, argv(join(dir, 'nope.key')));
    expect(missing.error?.message).toContain('nope.key');
    expect(worker.requests).toHaveLength(0);
    expect(salesforce.requests).toHaveLength(0);
  });

  it('refuses a Worker URL that is not https', async () => {
    const run = await runCommand(OrgConnect, argv().map((a) => (a === worker.url.href ? 'http://parley.example.com' : a)));
    expect(run.error?.message).toContain('isn\'t an https URL');
    expect(salesforce.requests).toHaveLength(0);
  });

  describe('a package installed with a namespace', () => {
    beforeEach(() => salesforce.installedWithNamespace('acme'));

    it('finds the namespace, names the credentials with it, and hands it to the Worker', async () => {
      // A customer's own ParleyClient, without a prefix, is not the package's.
      salesforce.parleyClientClasses = [{ NamespacePrefix: null }, { NamespacePrefix: 'acme' }];
      const run = await runCommand(OrgConnect, [...argv(), '--json']);
      expect(run.error).toBeUndefined();

      expect(worker.requestsTo('PUT', '/api/v1/crm/salesforce')[0]!.json).toMatchObject({ sfOrgId: TEST_SF_ORG_ID, namespace: 'acme' });
      expect(worker.crmConnection).toMatchObject({ namespace: 'acme' });
      expect(salesforce.requestsTo('PUT', 'named-credential-setup').map((r) => r.url)).toEqual(['/services/data/v60.0/named-credentials/named-credential-setup/acme__Parley']);
      expect(salesforce.requestsTo('PUT', 'named-credential-setup')[0]!.body).toMatchObject({ developerName: 'acme__Parley', externalCredentials: [{ developerName: 'acme__Parley' }] });
      const [credentialGet] = salesforce.requestsTo('GET', 'named-credentials/credential');
      expect(new URL(credentialGet!.url, 'https://x').searchParams.toString()).toBe('externalCredential=acme__Parley&principalName=Parley_Org&principalType=NamedPrincipal');
      expect(salesforce.requestsTo('POST', 'named-credentials/credential')[0]!.body).toMatchObject({ externalCredential: 'acme__Parley', principalName: 'Parley_Org' });
      expect(salesforce.storedCredentials.Key?.value).toBe(worker.issuedKeys[0]);
      // Only the package's trusted site moves; the customer's own Parley_Worker_Socket keeps its URL.
      expect(salesforce.requestsTo('PATCH', 'CspTrustedSite').map((r) => r.url)).toEqual(['/services/data/v60.0/sobjects/CspTrustedSite/08y5g000000PaRmAAK']);
      expect(salesforce.trustedSites.find((t) => t.NamespacePrefix === null)!.EndpointUrl).toBe('wss://customer-own.example.com');

      const result = printedJson(run).result as OrgConnectResult;
      expect(result.connection.namespace).toBe('acme');
      expect(result.namedCredential.name).toBe('acme__Parley');
      expect(result.orgKey).toMatchObject({ externalCredential: 'acme__Parley', principal: 'Parley_Org' });
      expect(schemaProblems('parley org connect', result)).toEqual([]);
    });

    it('says which namespace it found', async () => {
      const run = await runCommand(OrgConnect, argv());
      expect(run.error).toBeUndefined();
      expect(run.stdout).toContain('The Parley package in the org has the namespace acme');
      expect(run.stdout).toContain(`Named Credential acme__Parley calls ${worker.url.origin}`);
      expect(run.stdout).toContain('Stored a new org key in External Credential acme__Parley (principal Parley_Org)');
    });

    it('takes --namespace over what the org says, without asking it', async () => {
      salesforce.parleyClientClasses = [];
      const run = await runCommand(OrgConnect, [...argv(), '--namespace', 'acme', '--json']);
      expect(run.error).toBeUndefined();
      expect(salesforce.requests.some((r) => r.url.includes('query') && r.url.includes('ApexClass'))).toBe(false);
      expect(worker.crmConnection).toMatchObject({ namespace: 'acme' });
      expect(salesforce.storedCredentials.Key?.value).toBe(worker.issuedKeys[0]);
    });

    it('reports the package missing when --namespace "" names credentials the org does not have', async () => {
      const run = await runCommand(OrgConnect, [...argv(), '--namespace', '', '--json']);
      expect(run.error?.name).toBe('PackageMissingError');
      expect(run.error?.message).toBe('The org has no Named Credential Parley, which the Parley package brings.');
      expect(worker.requests).toHaveLength(0);
    });
  });

  it('refuses a --namespace that is no Salesforce namespace prefix, before any request', async () => {
    for (const bad of ['1acme', 'ac__me', 'acme_', 'a'.repeat(16), "acme' OR Name != '"]) {
      const run = await runCommand(OrgConnect, [...argv(), '--namespace', bad]);
      expect(run.error?.message, bad).toContain(`"${bad}" isn't a Salesforce namespace prefix.`);
    }
    expect(salesforce.requests).toHaveLength(0);
    expect(worker.requests).toHaveLength(0);
  });
});
