// The Salesforce side of `sf parley org connect`, for TestContext's
// fakeConnectionRequest: the Connect REST named-credentials resources and
// the CspTrustedSite sObject, answering with the documented shapes and
// failing the way jsforce reports API errors (an Error whose name and
// errorCode are Salesforce's errorCode). installedWithNamespace() makes it an
// org that installed the package from a namespaced managed package: the
// credentials answer only to their qualified names (ns__Parley), the
// package's classes and trusted sites carry the prefix. Requests about Parley's setup are
// recorded; the org's own housekeeping queries (Org.create asks whether it
// is a Dev Hub) get TestContext's default empty answer.
import type { TestContext } from '@salesforce/core/testSetup';

type FakeConnectionRequest = TestContext['fakeConnectionRequest'];
type Answer = Awaited<ReturnType<FakeConnectionRequest>>;

export type SalesforceRequest = { method: string; url: string; body?: unknown };

/** What jsforce throws when Salesforce answers [{ errorCode, message }]. */
export function salesforceError(errorCode: string, message: string): Error & { errorCode: string } {
  const error = new Error(message) as Error & { errorCode: string };
  error.name = errorCode;
  error.errorCode = errorCode;
  return error;
}

export class FakeOrgSetup {
  public readonly requests: SalesforceRequest[] = [];
  /** The installed package's namespace; '' when it was deployed from source. */
  public namespace = '';
  /** ApexClass rows named ParleyClient: the package's (its NamespacePrefix), and any customer class of that name. */
  public parleyClientClasses: { NamespacePrefix: string | null }[] = [{ NamespacePrefix: null }];
  public namedCredential: Record<string, unknown> | null = {
    id: '0XA5g000000PaRlGAA',
    developerName: 'Parley',
    masterLabel: 'Parley',
    type: 'SecuredEndpoint',
    calloutUrl: 'https://parley.example.com',
    url: '/services/data/v60.0/named-credentials/named-credential-setup/Parley',
    // As force-app/main/default/namedCredentials/Parley.namedCredential-meta.xml deploys it.
    calloutOptions: { allowMergeFieldsInBody: false, allowMergeFieldsInHeader: false, generateAuthorizationHeader: true },
    customHeaders: [],
    externalCredentials: [{ id: '0pt5g000000PaRlAAK', developerName: 'Parley', masterLabel: 'Parley', url: '/services/data/v60.0/named-credentials/external-credentials/Parley' }],
    parameters: [],
  };
  /** The package's trusted site (cspTrustedSites/*.cspTrustedSite-meta.xml), with its placeholder URL. */
  public trustedSites: { Id: string; DeveloperName: string; NamespacePrefix: string | null; EndpointUrl: string }[] = [
    { Id: '08y5g000000PaRmAAK', DeveloperName: 'Parley_Worker_Socket', NamespacePrefix: null, EndpointUrl: 'wss://parley.example.com' },
  ];
  /** The principal's stored credentials; values are masked on read, as Salesforce does for encrypted ones. */
  public storedCredentials: Record<string, { value: string; encrypted: boolean }> = {};
  private readonly failures = new Map<string, Error>();

  /**
   * The package as a namespaced managed package installs it: developer names
   * of credentials become ns__Name (Connect REST answers only to those), the
   * package's ParleyClient and trusted sites carry NamespacePrefix, and a
   * customer's own sites of the same names, without a prefix, sit beside them.
   */
  public installedWithNamespace(namespace: string): void {
    this.namespace = namespace;
    const qualified = `${namespace}__Parley`;
    this.namedCredential = {
      ...this.namedCredential,
      developerName: qualified,
      url: `/services/data/v60.0/named-credentials/named-credential-setup/${qualified}`,
      externalCredentials: [{ id: '0pt5g000000PaRlAAK', developerName: qualified, masterLabel: 'Parley', url: `/services/data/v60.0/named-credentials/external-credentials/${qualified}` }],
    };
    this.parleyClientClasses = [{ NamespacePrefix: namespace }];
    this.trustedSites = [
      ...this.trustedSites.map((t) => ({ ...t, NamespacePrefix: namespace })),
      { Id: '08y5g000000CuStAAK', DeveloperName: 'Parley_Worker_Socket', NamespacePrefix: null, EndpointUrl: 'wss://customer-own.example.com' },
    ];
  }

  /** The credentials' developer name in this org. */
  private get credentialName(): string {
    return this.namespace ? `${this.namespace}__Parley` : 'Parley';
  }

  /** Make the next request whose method and URL contain these fail with this error. */
  public failNext(method: string, urlPart: string, error: Error): void {
    this.failures.set(`${method} ${urlPart}`, error);
  }

  public requestsTo(method: string, urlPart: string): SalesforceRequest[] {
    return this.requests.filter((r) => r.method === method && r.url.includes(urlPart));
  }

  /** TestContext calls this with the Connection as `this`; the request is what Connection.request got. */
  public readonly handle: FakeConnectionRequest = async (request) => {
    const r = typeof request === 'string' ? { method: 'GET', url: request } : (request as { method?: string; url: string; body?: string });
    const method = (r.method ?? 'GET').toUpperCase();
    const body = 'body' in r && typeof r.body === 'string' ? (JSON.parse(r.body) as unknown) : undefined;
    const url = new URL(r.url, 'https://instance.example');
    const aboutParley = /\/named-credentials\/|\/sobjects\/CspTrustedSite\//.test(url.pathname) || /CspTrustedSite|ApexClass/.test(url.searchParams.get('q') ?? '');
    if (!aboutParley) return { totalSize: 0, done: true, records: [] };
    this.requests.push({ method, url: r.url, ...(body === undefined ? {} : { body }) });
    for (const [key, error] of this.failures) {
      const [m, part] = [key.slice(0, key.indexOf(' ')), key.slice(key.indexOf(' ') + 1)];
      if (m === method && r.url.includes(part)) {
        this.failures.delete(key);
        throw error;
      }
    }
    return this.answer(method, url, body) as Answer;
  };

  private answer(method: string, url: URL, body: unknown): unknown {
    const path = url.pathname.replace(/^\/services\/data\/v\d+\.\d+/, '');
    if (path === `/named-credentials/named-credential-setup/${this.credentialName}`) {
      if (!this.namedCredential) throw salesforceError('NOT_FOUND', 'The requested resource does not exist');
      if (method === 'GET') return this.namedCredential;
      if (method === 'PUT') {
        this.namedCredential = { ...this.namedCredential, ...(body as object) };
        return this.namedCredential;
      }
    }
    if (path === '/named-credentials/credential') {
      const externalCredential = method === 'GET' ? url.searchParams.get('externalCredential') : (body as { externalCredential?: string }).externalCredential;
      if (externalCredential !== this.credentialName) throw salesforceError('NOT_FOUND', `No External Credential named ${externalCredential}`);
      if (method === 'GET') {
        return {
          externalCredential: url.searchParams.get('externalCredential'),
          principalName: url.searchParams.get('principalName'),
          principalType: url.searchParams.get('principalType'),
          authenticationProtocol: 'Custom',
          authenticationStatus: Object.keys(this.storedCredentials).length ? 'Configured' : 'NotConfigured',
          credentials: Object.fromEntries(Object.keys(this.storedCredentials).map((k) => [k, { encrypted: true, value: '********' }])),
        };
      }
      const input = body as { credentials: Record<string, { value: string; encrypted: boolean }> };
      if (method === 'POST' && Object.keys(this.storedCredentials).length) {
        throw salesforceError('INVALID_INPUT', 'A credential for this principal already exists; use PUT to replace it');
      }
      if (method === 'PUT' && !Object.keys(this.storedCredentials).length) throw salesforceError('NOT_FOUND', 'No credential to replace');
      if (method === 'POST' || method === 'PUT') {
        this.storedCredentials = { ...input.credentials };
        return { ...(body as object), authenticationStatus: 'Configured' };
      }
    }
    if (path === '/query' && method === 'GET') {
      const soql = url.searchParams.get('q') ?? '';
      if (soql === "SELECT NamespacePrefix FROM ApexClass WHERE Name = 'ParleyClient'") {
        const records = this.parleyClientClasses.map((c) => ({ attributes: { type: 'ApexClass' }, ...c }));
        return { totalSize: records.length, done: true, records };
      }
      const match = /^SELECT Id, DeveloperName, EndpointUrl FROM CspTrustedSite WHERE DeveloperName IN \(([^)]*)\)(?: AND NamespacePrefix = '(\w+)')?$/.exec(soql);
      if (!match) throw salesforceError('MALFORMED_QUERY', `unexpected query ${soql}`);
      const names = match[1]!.split(',').map((n) => n.trim().replace(/^'|'$/g, ''));
      const prefix = match[2];
      const records = this.trustedSites
        .filter((t) => names.includes(t.DeveloperName) && (prefix === undefined || t.NamespacePrefix === prefix))
        .map(({ Id, DeveloperName, EndpointUrl }) => ({ attributes: { type: 'CspTrustedSite' }, Id, DeveloperName, EndpointUrl }));
      return { totalSize: records.length, done: true, records };
    }
    const site = this.trustedSites.find((t) => path === `/sobjects/CspTrustedSite/${t.Id}`);
    if (site && method === 'PATCH') {
      Object.assign(site, body as { EndpointUrl: string });
      return undefined; // 204 No Content
    }
    throw salesforceError('NOT_FOUND', `The requested resource does not exist: ${method} ${url.pathname}`);
  }
}
