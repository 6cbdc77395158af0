// sf parley org connect: register a Salesforce org with a Parley Worker and
// wire the org's Parley package to that Worker.
//
// The order matters because the Worker's key is shown once and a new key
// retires the old one: everything that can fail for ordinary reasons (the
// package not deployed, the admin token wrong, the setup not editable) is
// read or done first, and the key is asked for only when it can be stored
// right away.
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { ParleyClient } from '../../../shared/parley-client.js';
import { tokenFlag, workerUrlFlag } from '../../../shared/worker-flags.js';
import { readPrivateKeyPem } from '../../../shared/private-key.js';
import { CSP_TRUSTED_SITES, KEY_PARAMETER, ParleyOrgSetup, PRINCIPAL, trustedSiteUrl } from '../../../shared/parley-org-setup.js';
import { detectPackageNamespace, NAMESPACE_PATTERN } from '../../../shared/package-namespace.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.org.connect');

/** POST /crm/salesforce/check. */
export type ConnectionCheck = { ok: boolean; apiVersion?: string; instanceUrl?: string; error?: string };

export type OrgConnectResult = {
  workerUrl: string;
  /** What the Worker now holds for the org (PUT /crm/salesforce), private key aside. */
  connection: { sfOrgId: string; instanceUrl: string; loginUrl: string; clientId: string; username: string; namespace: string };
  namedCredential: { name: string; url: string; changed: boolean };
  cspTrustedSites: { name: string; url: string; changed: boolean }[];
  /** The key itself is never part of the result. */
  orgKey: { stored: true; externalCredential: string; principal: string; parameter: string; replacedPrevious: boolean };
  check: ConnectionCheck;
  /** On a first connection, the sessions linked to Salesforce records before it, queued for write-back; null on a reconnection. */
  backfill: { queued: number; truncated: boolean } | null;
};

export default class OrgConnect extends SfCommand<OrgConnectResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'worker-url': workerUrlFlag(),
    'admin-token': tokenFlag({
      summary: messages.getMessage('flags.admin-token.summary'),
      description: messages.getMessage('flags.admin-token.description'),
    }),
    'consumer-key': Flags.string({ summary: messages.getMessage('flags.consumer-key.summary'), required: true }),
    'jwt-key-file': Flags.file({ summary: messages.getMessage('flags.jwt-key-file.summary'), required: true, exists: true }),
    username: Flags.string({ summary: messages.getMessage('flags.username.summary'), required: true }),
    'login-url': Flags.url({
      summary: messages.getMessage('flags.login-url.summary'),
      description: messages.getMessage('flags.login-url.description'),
    }),
    namespace: Flags.string({
      summary: messages.getMessage('flags.namespace.summary'),
      description: messages.getMessage('flags.namespace.description'),
      parse: async (value) => {
        if (value !== '' && !NAMESPACE_PATTERN.test(value)) throw messages.createError('error.InvalidNamespace', [value]);
        return value;
      },
    }),
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
  };

  public async run(): Promise<OrgConnectResult> {
    const { flags } = await this.parse(OrgConnect);
    const workerUrl = flags['worker-url'];
    const calloutUrl = `${workerUrl.origin}${workerUrl.pathname.replace(/\/+$/, '')}`;
    const privateKey = await readPrivateKeyPem(flags['jwt-key-file']);
    const org = flags['target-org'];
    const connection = org.getConnection(flags['api-version']);
    const worker = new ParleyClient(workerUrl, flags['admin-token']);

    this.spinner.start(messages.getMessage('progress.package'));
    // What the admin says wins over what the org's classes say; without the flag, the org is asked.
    const namespace = flags.namespace ?? (await detectPackageNamespace(connection));
    const setup = new ParleyOrgSetup(connection, namespace);
    const registration = {
      loginUrl: flags['login-url']?.origin ?? connection.getAuthInfoFields().loginUrl ?? 'https://login.salesforce.com',
      instanceUrl: connection.instanceUrl,
      sfOrgId: org.getOrgId(),
      clientId: flags['consumer-key'],
      username: flags.username,
      namespace,
    };
    const namedCredential = await setup.readNamedCredential();
    const sites = await setup.findTrustedSites();
    const replacedPrevious = await setup.hasStoredKey();

    this.spinner.status = messages.getMessage('progress.worker');
    const { resync } = await worker.put<{ resync?: { queued: number; truncated: boolean } | null }>('/crm/salesforce', { ...registration, privateKey });
    const backfill = resync ? { queued: resync.queued, truncated: resync.truncated } : null;

    this.spinner.status = messages.getMessage('progress.salesforce');
    const namedCredentialChanged = namedCredential.calloutUrl !== calloutUrl;
    if (namedCredentialChanged) await setup.pointNamedCredential(namedCredential, calloutUrl);
    const cspTrustedSites: OrgConnectResult['cspTrustedSites'] = [];
    for (const [i, site] of sites.entries()) {
      const url = trustedSiteUrl(workerUrl, CSP_TRUSTED_SITES[i]!.socket);
      const changed = site.EndpointUrl !== url;
      if (changed) await setup.pointTrustedSite(site, url);
      cspTrustedSites.push({ name: site.DeveloperName, url, changed });
    }

    this.spinner.status = messages.getMessage('progress.key');
    const { key } = await worker.post<{ key: string }>('/crm/salesforce/key');
    try {
      await setup.storeKey(key, replacedPrevious);
    } catch (error) {
      throw messages.createError('error.KeyNotStored', [(error as Error).message]);
    }

    this.spinner.status = messages.getMessage('progress.check');
    const answer = await worker.post<ConnectionCheck>('/crm/salesforce/check');
    // Only the documented fields, so the result keeps to its schema whatever else the Worker adds.
    const check: ConnectionCheck = {
      ok: answer.ok,
      ...(answer.apiVersion ? { apiVersion: answer.apiVersion } : {}),
      ...(answer.instanceUrl ? { instanceUrl: answer.instanceUrl } : {}),
      ...(answer.error ? { error: answer.error } : {}),
    };
    this.spinner.stop();

    this.log(messages.getMessage('info.registered', [registration.sfOrgId, registration.instanceUrl, calloutUrl]));
    if (namespace) this.log(messages.getMessage('info.namespace', [namespace]));
    this.log(messages.getMessage('info.namedCredential', [setup.namedCredential, calloutUrl]));
    for (const site of cspTrustedSites) this.log(messages.getMessage('info.trustedSite', [site.name, site.url]));
    this.log(messages.getMessage('info.keyStored', [setup.externalCredential, PRINCIPAL]));
    if (backfill?.queued) this.log(messages.getMessage('info.backfill', [backfill.queued]));
    if (check.ok) this.logSuccess(messages.getMessage('info.checkOk', [registration.username, check.apiVersion ?? '?']));
    else this.warn(messages.getMessage('warning.checkFailed', [registration.username, check.error ?? 'no reason given', flags['jwt-key-file']]));

    return {
      workerUrl: calloutUrl,
      connection: registration,
      namedCredential: { name: setup.namedCredential, url: calloutUrl, changed: namedCredentialChanged },
      cspTrustedSites,
      orgKey: { stored: true, externalCredential: setup.externalCredential, principal: PRINCIPAL, parameter: KEY_PARAMETER, replacedPrevious },
      check,
      backfill,
    };
  }
}
