// The pieces of the Parley package's Salesforce setup that depend on the
// Worker and so can't ship in source: the External Credential's org key,
// the Named Credential's URL, and the CSP Trusted Site's URL. Read and
// changed through documented APIs only: Connect REST's named-credentials
// resources, and the CspTrustedSite sObject. Installed from a namespaced
// managed package, the credentials' developer names carry the namespace
// (ns__Parley) and the trusted sites their NamespacePrefix; the principal is
// a name inside the External Credential and keeps its own.
import type { Connection } from '@salesforce/core';
import { Messages, SfError } from '@salesforce/core';
import { NAMESPACE_PATTERN, qualifiedName } from './package-namespace.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.org-setup');

/** Names fixed by the package's metadata (force-app/main/default), before any namespace. */
export const EXTERNAL_CREDENTIAL = 'Parley';
export const PRINCIPAL = 'Parley_Org';
export const KEY_PARAMETER = 'Key';
export const NAMED_CREDENTIAL = 'Parley';
/**
 * The package's one trusted site: the Worker's host under wss, for the
 * panel's live socket (connect-src). Nothing else is loaded from the Worker
 * in the browser: the workspace opens in a new tab, and Apex reaches the
 * Worker through the Named Credential.
 */
export const CSP_TRUSTED_SITES = [{ name: 'Parley_Worker_Socket', socket: true }] as const;

/**
 * named-credential-setup came in 58.0 and custom credential PATCH in 59.0;
 * older connection versions are raised to this one for these calls.
 */
const MIN_API_VERSION = 60;

/** Connect REST "Named Credential" output (the parts read back on update). */
export type NamedCredentialOutput = {
  developerName: string;
  masterLabel: string;
  type: string;
  calloutUrl: string;
  calloutOptions?: { allowMergeFieldsInBody?: boolean; allowMergeFieldsInHeader?: boolean; generateAuthorizationHeader?: boolean };
  customHeaders?: { headerName: string; headerValue: string; sequenceNumber: number }[];
  externalCredentials?: { developerName: string }[];
  networkConnection?: { developerName: string } | null;
  parameters?: { parameterName: string; parameterType: string; parameterValue: string; parameterDescription?: string | null }[];
};

/** Connect REST "Credential" output. */
type CredentialOutput = { authenticationStatus?: string; credentials?: Record<string, unknown> };

export type TrustedSite = { Id: string; DeveloperName: string; EndpointUrl: string };

/** What jsforce throws for an API error: the first error of Salesforce's [{ errorCode, message }]. */
type ApiError = Error & { errorCode?: string };

export class ParleyOrgSetup {
  private readonly base: string;
  /** The Named Credential's developer name in this org. */
  public readonly namedCredential: string;
  /** The External Credential's developer name in this org. */
  public readonly externalCredential: string;

  /** `namespace`: the Parley package's ('' when it has none; package-namespace.ts). */
  public constructor(
    private readonly connection: Connection,
    private readonly namespace = '',
  ) {
    // It reaches SOQL and URLs: anything but a namespace prefix stops here.
    if (namespace !== '' && !NAMESPACE_PATTERN.test(namespace)) throw new SfError(`not a Salesforce namespace prefix: ${JSON.stringify(namespace)}`, 'InvalidNamespace');
    const version = Math.max(Number(connection.getApiVersion()) || 0, MIN_API_VERSION);
    this.base = `/services/data/v${version.toFixed(1)}`;
    this.namedCredential = qualifiedName(NAMED_CREDENTIAL, namespace);
    this.externalCredential = qualifiedName(EXTERNAL_CREDENTIAL, namespace);
  }

  /** The Named Credential as it is now; its absence means the package isn't deployed. */
  public async readNamedCredential(): Promise<NamedCredentialOutput> {
    try {
      return await this.request<NamedCredentialOutput>('GET', `/named-credentials/named-credential-setup/${this.namedCredential}`);
    } catch (error) {
      throw notFound(error)
        ? messages.createError('error.PackageMissing', [`Named Credential ${this.namedCredential}`])
        : refused(`read Named Credential ${this.namedCredential}`, error);
    }
  }

  /**
   * Point the Named Credential at the Worker. PUT replaces the whole
   * definition, so everything else is sent back as it was read, keeping
   * only the properties the Named Credential Input takes.
   */
  public async pointNamedCredential(current: NamedCredentialOutput, url: string): Promise<void> {
    const body = {
      developerName: current.developerName,
      masterLabel: current.masterLabel,
      type: current.type,
      calloutUrl: url,
      calloutOptions: {
        allowMergeFieldsInBody: current.calloutOptions?.allowMergeFieldsInBody ?? false,
        allowMergeFieldsInHeader: current.calloutOptions?.allowMergeFieldsInHeader ?? false,
        generateAuthorizationHeader: current.calloutOptions?.generateAuthorizationHeader ?? true,
      },
      customHeaders: (current.customHeaders ?? []).map(({ headerName, headerValue, sequenceNumber }) => ({ headerName, headerValue, sequenceNumber })),
      externalCredentials: (current.externalCredentials ?? []).map(({ developerName }) => ({ developerName })),
      ...(current.networkConnection ? { networkConnection: { developerName: current.networkConnection.developerName } } : {}),
      parameters: (current.parameters ?? []).map(({ parameterName, parameterType, parameterValue, parameterDescription }) => ({
        parameterName,
        parameterType,
        parameterValue,
        ...(parameterDescription ? { parameterDescription } : {}),
      })),
    };
    try {
      await this.request('PUT', `/named-credentials/named-credential-setup/${this.namedCredential}`, body);
    } catch (error) {
      throw refused(`update Named Credential ${this.namedCredential}`, error);
    }
  }

  /** Whether the principal already holds credentials: then the key is replaced (PUT), else created (POST). */
  public async hasStoredKey(): Promise<boolean> {
    const query = new URLSearchParams({ externalCredential: this.externalCredential, principalName: PRINCIPAL, principalType: 'NamedPrincipal' });
    try {
      const credential = await this.request<CredentialOutput>('GET', `/named-credentials/credential?${query.toString()}`);
      return Object.keys(credential?.credentials ?? {}).length > 0;
    } catch (error) {
      if (notFound(error)) return false;
      throw refused(`read the credentials of External Credential ${this.externalCredential}`, error);
    }
  }

  /** Store the org key as the principal's encrypted Key parameter. The key appears in no error or log. */
  public async storeKey(key: string, replace: boolean): Promise<void> {
    const body = {
      externalCredential: this.externalCredential,
      authenticationProtocol: 'Custom',
      principalName: PRINCIPAL,
      principalType: 'NamedPrincipal',
      credentials: { [KEY_PARAMETER]: { value: key, encrypted: true } },
    };
    try {
      await this.request(replace ? 'PUT' : 'POST', '/named-credentials/credential', body);
    } catch (error) {
      throw refused(`store the org key in External Credential ${this.externalCredential}`, error, key);
    }
  }

  /** The package's trusted sites, in the order of CSP_TRUSTED_SITES. */
  public async findTrustedSites(): Promise<TrustedSite[]> {
    const names = CSP_TRUSTED_SITES.map((site) => `'${site.name}'`).join(', ');
    // A packaged site keeps its DeveloperName and carries the namespace beside it; the filter passes over a customer's own site of the same name.
    const inPackage = this.namespace === '' ? '' : ` AND NamespacePrefix = '${this.namespace}'`;
    const soql = `SELECT Id, DeveloperName, EndpointUrl FROM CspTrustedSite WHERE DeveloperName IN (${names})${inPackage}`;
    let records: TrustedSite[];
    try {
      ({ records } = await this.request<{ records: TrustedSite[] }>('GET', `/query?q=${encodeURIComponent(soql)}`));
    } catch (error) {
      throw refused('read the CSP Trusted Sites', error);
    }
    return CSP_TRUSTED_SITES.map(({ name }) => {
      const site = records.find((r) => r.DeveloperName === name);
      if (!site) throw messages.createError('error.PackageMissing', [`CSP Trusted Site ${name}`]);
      return site;
    });
  }

  public async pointTrustedSite(site: TrustedSite, endpointUrl: string): Promise<void> {
    try {
      await this.request('PATCH', `/sobjects/CspTrustedSite/${site.Id}`, { EndpointUrl: endpointUrl });
    } catch (error) {
      throw refused(`update CSP Trusted Site ${site.DeveloperName}`, error);
    }
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.connection.request<T>({
      method: method as 'GET',
      url: `${this.base}${path}`,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
  }
}

/** A trusted site's URL for a Worker: its origin, under wss (ws for a local Worker) for the socket's site. */
export function trustedSiteUrl(workerUrl: URL, socket: boolean): string {
  if (!socket) return workerUrl.origin;
  return `${workerUrl.protocol === 'https:' ? 'wss' : 'ws'}://${workerUrl.host}`;
}

function notFound(error: unknown): boolean {
  return (error as ApiError).errorCode === 'NOT_FOUND';
}

function refused(action: string, error: unknown, secret?: string): SfError {
  const e = error as ApiError;
  let reason = e.message ?? String(error);
  // Salesforce echoes request values in some messages; the key must not reach the terminal.
  if (secret) reason = reason.split(secret).join('[org key]');
  return messages.createError('error.SalesforceRefused', [action, reason, e.errorCode ?? e.name ?? 'error']);
}
