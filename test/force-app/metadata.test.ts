// The Salesforce metadata in force-app, checked offline: it converts to
// metadata format with Salesforce's own library (@salesforce/source-deploy-
// retrieve, what `sf project deploy` uses), the package holds what Parley
// needs, every field matches the shared contract the Worker's write-back and
// the Apex rely on, nothing secret is in source, and nothing points at a
// component that does not exist (a deploy would fail on it, late and in a
// customer's org).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
// The XML library source-deploy-retrieve itself parses metadata with.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_STATUS_LABELS, DELIVERY_STATUSES, ITEM_KINDS, ITEM_STATUSES, PARTICIPANT_STATUSES, PAYMENT_STATES, SEARCH_SPACES, SESSION_STATUSES } from '../../worker/src/domain/catalogue';
import { itemRecords, participantRecords, sessionRecord } from '../../connectors/salesforce/writeback/records';
import { writtenChanges } from './written-changes';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FORCE_APP = path.join(ROOT, 'force-app');
const DEFAULT = path.join(FORCE_APP, 'main', 'default');
const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
const PARLEY_OBJECTS = ['Parley_Item__c', 'Parley_Participant__c', 'Parley_Session__c'];

// ---------------------------------------------------------------------------
// The fields every part of issue 5 agreed on: the Worker's write-back upserts
// them by name and type, the Apex and the components read them. A change here
// is a change to that contract, not to this test.

type FieldSpec = {
  type: string;
  length?: number;
  precision?: number;
  scale?: number;
  values?: string[];
  /** The picklist's labels by value, when they must read as Parley's own (the catalogue's labels). */
  labels?: Record<string, string>;
  referenceTo?: string;
  relationshipName?: string;
  externalId?: boolean;
};

const text = (length: number): FieldSpec => ({ type: 'Text', length });
const number = (precision: number, scale: number): FieldSpec => ({ type: 'Number', precision, scale });
const picklist = (...values: string[]): FieldSpec => ({ type: 'Picklist', values });
const labelledPicklist = (labels: Record<string, string>, values: readonly string[]): FieldSpec => ({ type: 'Picklist', values: [...values], labels });
const lookup = (referenceTo: string, relationshipName: string): FieldSpec => ({ type: 'Lookup', referenceTo, relationshipName });
const DATETIME: FieldSpec = { type: 'DateTime' };
const EMAIL: FieldSpec = { type: 'Email' };
const PHONE: FieldSpec = { type: 'Phone' };
const EXTERNAL_ID: FieldSpec = { type: 'Text', length: 40, externalId: true };
const VERSION = number(18, 0);

const BRIEF_FIELDS: Record<string, FieldSpec> = {
  'Parley_Session__c.External_Id__c': EXTERNAL_ID,
  'Parley_Session__c.Version__c': VERSION,
  // The picklists hold exactly Parley's vocabulary (worker/src/domain/catalogue.ts).
  'Parley_Session__c.Status__c': picklist(...SESSION_STATUSES),
  'Parley_Session__c.Customer_Name__c': text(120),
  'Parley_Session__c.Customer_Email__c': EMAIL,
  'Parley_Session__c.Customer_Phone__c': PHONE,
  'Parley_Session__c.Agent_Email__c': EMAIL,
  'Parley_Session__c.Agent_Name__c': text(120),
  'Parley_Session__c.Created_At__c': DATETIME,
  'Parley_Session__c.Invited_At__c': DATETIME,
  'Parley_Session__c.Ended_At__c': DATETIME,
  'Parley_Session__c.Closed_At__c': DATETIME,
  'Parley_Session__c.Record_Id__c': text(18),
  'Parley_Session__c.Record_Object__c': text(80),
  'Parley_Session__c.Contact__c': lookup('Contact', 'Parley_Sessions'),
  'Parley_Session__c.Lead__c': lookup('Lead', 'Parley_Sessions'),
  'Parley_Session__c.Account__c': lookup('Account', 'Parley_Sessions'),
  'Parley_Session__c.Opportunity__c': lookup('Opportunity', 'Parley_Sessions'),
  'Parley_Session__c.Case__c': lookup('Case', 'Parley_Sessions'),
  'Parley_Session__c.Items_Total__c': number(6, 0),
  'Parley_Session__c.Items_Completed__c': number(6, 0),
  'Parley_Session__c.Workspace_Url__c': { type: 'Url' },
  // Who may read the session (ParleySessionSharing shares by these).
  'Parley_Session__c.Agent_User_Id__c': text(18),
  'Parley_Session__c.Team__c': text(80),
  'Parley_Session__c.Search_Space__c': picklist(...SEARCH_SPACES),

  'Parley_Participant__c.External_Id__c': EXTERNAL_ID,
  'Parley_Participant__c.Version__c': VERSION,
  'Parley_Participant__c.Session__c': lookup('Parley_Session__c', 'Participants'),
  'Parley_Participant__c.Role__c': text(80),
  'Parley_Participant__c.Primary__c': { type: 'Checkbox' },
  'Parley_Participant__c.Email__c': EMAIL,
  'Parley_Participant__c.Phone__c': PHONE,
  'Parley_Participant__c.Status__c': picklist(...PARTICIPANT_STATUSES),
  'Parley_Participant__c.Invited_At__c': DATETIME,
  'Parley_Participant__c.Entered_At__c': DATETIME,
  'Parley_Participant__c.Consented_At__c': DATETIME,
  'Parley_Participant__c.Completed_At__c': DATETIME,
  'Parley_Participant__c.Auth_Status__c': text(20),
  // The last message's status reads in Salesforce as in Parley's own pages.
  'Parley_Participant__c.Message_Status__c': labelledPicklist(DELIVERY_STATUS_LABELS, DELIVERY_STATUSES),
  'Parley_Participant__c.Message_Detail__c': text(255),

  'Parley_Item__c.External_Id__c': EXTERNAL_ID,
  'Parley_Item__c.Version__c': VERSION,
  'Parley_Item__c.Session__c': lookup('Parley_Session__c', 'Items'),
  'Parley_Item__c.Kind__c': picklist(...ITEM_KINDS),
  'Parley_Item__c.Status__c': picklist(...ITEM_STATUSES),
  'Parley_Item__c.Reason__c': { type: 'LongTextArea', length: 2000 },
  'Parley_Item__c.Created_At__c': DATETIME,
  'Parley_Item__c.Status_Changed_At__c': DATETIME,
  'Parley_Item__c.Completed_At__c': DATETIME,
  'Parley_Item__c.Sealed_Sha256__c': text(64),
  // A payment's amount in the currency's major unit (three decimals for KWD and its kind), its currency and Stripe's state.
  'Parley_Item__c.Payment_Amount__c': number(18, 3),
  'Parley_Item__c.Payment_Currency__c': text(3),
  'Parley_Item__c.Payment_State__c': picklist(...PAYMENT_STATES),
  'Parley_Item__c.Amount_Refunded__c': number(18, 3),

  'ContentVersion.Parley_Key__c': { type: 'Text', length: 80, externalId: true },
};

// Apex classes the permission sets must grant (the brief's Apex contract).
const AGENT_CLASSES = ['ParleyClient', 'ParleyPanelController', 'StartParleySessionAction'];
const ADMIN_ONLY_CLASSES = ['ParleySetupController'];

// The package's namespace (sfdx-project.json; empty until one is registered).
// Salesforce resolves a permission set's or layout's reference to the
// package's own objects, fields and classes inside the namespace, but the
// permission sets' external credential principal and the named credential's
// external credential are written with the prefix (force-app/README.md,
// "Namespace"), so they are checked against it here.
const NAMESPACE = (JSON.parse(readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8')) as { namespace?: string }).namespace ?? '';
const inNamespace = (name: string) => (NAMESPACE ? `${NAMESPACE}__${name}` : name);
const withoutNamespace = (name: string) => (NAMESPACE && name.startsWith(`${NAMESPACE}__`) ? name.slice(NAMESPACE.length + 2) : name);
const PARLEY_PRINCIPAL = `${inNamespace('Parley')}-Parley_Org`;

// Standard objects a permission set may grant: users need read on User
// External Credentials to make any named-credential callout (a Minimum Access
// profile has none).
const STANDARD_OBJECTS_GRANTED = ['UserExternalCredential'];


// ---------------------------------------------------------------------------
// Helpers

type Xml = Record<string, unknown>;

// parseTagValue off: "64.0" and "true" stay the strings the XML holds.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: true });

/** The element's children, or [] when absent: one child parses as an object, several as an array. */
function list<T = Xml>(value: unknown): T[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Parses a metadata file and returns its root element (e.g. the <CustomField>). */
function readMeta(file: string, root: string): Xml {
  const doc = parser.parse(readFileSync(file, 'utf8')) as Xml;
  const element = doc[root];
  if (!element || typeof element !== 'object') throw new Error(`${path.relative(ROOT, file)}: no <${root}> root element`);
  return element as Xml;
}

const fieldFile = (qualified: string) => {
  const [object, field] = qualified.split('.') as [string, string];
  return path.join(DEFAULT, 'objects', object, 'fields', `${field}.field-meta.xml`);
};
const readField = (qualified: string) => readMeta(fieldFile(qualified), 'CustomField');
const readPermissionSet = (name: string) =>
  readMeta(path.join(DEFAULT, 'permissionsets', `${name}.permissionset-meta.xml`), 'PermissionSet');

const sourceFiles = () => walk(FORCE_APP);
const apexClassesInSource = () => sourceFiles().filter((f) => f.endsWith('.cls')).map((f) => path.basename(f, '.cls')).sort();
const apexTriggersInSource = () => sourceFiles().filter((f) => f.endsWith('.trigger')).map((f) => path.basename(f, '.trigger')).sort();
const lwcBundlesInSource = () =>
  [...new Set(sourceFiles().filter((f) => f.endsWith('.js-meta.xml') && path.basename(path.dirname(path.dirname(f))) === 'lwc').map((f) => path.basename(f, '.js-meta.xml')))].sort();
const customFieldsInSource = () =>
  sourceFiles()
    .filter((f) => f.endsWith('.field-meta.xml'))
    .map((f) => `${path.basename(path.dirname(path.dirname(f)))}.${path.basename(f, '.field-meta.xml')}`)
    .sort();
const permissionSetsInSource = () =>
  readdirSync(path.join(DEFAULT, 'permissionsets')).filter((f) => f.endsWith('.permissionset-meta.xml')).map((f) => path.basename(f, '.permissionset-meta.xml')).sort();
const customObjectsInSource = () =>
  sourceFiles().filter((f) => f.endsWith('.object-meta.xml')).map((f) => path.basename(f, '.object-meta.xml')).sort();

// Things that look like a secret. Each has a sample below that it must catch,
// so a broken pattern fails the test instead of silently passing everything.
const SECRET_PATTERNS: Array<{ what: string; pattern: RegExp }> = [
  { what: 'a Parley org key (pk.<org>.<secret>)', pattern: /\bpk\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{8,}/ },
  { what: 'a PEM private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { what: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./ },
  { what: 'a Salesforce access token', pattern: /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{20,}/ },
  { what: 'a bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{20,}/ },
  { what: 'an AWS access key', pattern: /\bAKIA[0-9A-Z]{16}\b/ },
  {
    what: 'a secret in a metadata element',
    pattern: /<(password|secret|consumerSecret|clientSecret|privateKey|oauthToken|accessToken|apiKey)>\s*[^<\s]/i,
  },
];

// ---------------------------------------------------------------------------

describe('force-app metadata', () => {
  let outputDir: string;
  let packageDir: string;
  let packageTypes: Map<string, string[]>;

  beforeAll(async () => {
    // fromSource honours the project's .forceignore, as `sf project deploy` does.
    const components = await ComponentSet.fromSource(FORCE_APP);
    outputDir = mkdtempSync(path.join(os.tmpdir(), 'parley-force-app-'));
    const result = await new MetadataConverter().convert(components, 'metadata', {
      type: 'directory',
      outputDirectory: outputDir,
      genUniqueDir: false,
    });
    packageDir = result.packagePath ?? outputDir;
    const pkg = readMeta(path.join(packageDir, 'package.xml'), 'Package');
    packageTypes = new Map(list(pkg.types).map((t) => [String(t.name), list<string>(t.members).map(String).sort()]));
  });

  afterAll(() => {
    if (outputDir) rmSync(outputDir, { recursive: true, force: true });
  });

  const members = (type: string) => packageTypes.get(type) ?? [];

  it('converts to metadata format with package.xml at the project API version', () => {
    const project = JSON.parse(readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8')) as { sourceApiVersion: string };
    const pkg = readMeta(path.join(packageDir, 'package.xml'), 'Package');
    expect(pkg.version).toBe(project.sourceApiVersion);
    expect(packageTypes.size).toBeGreaterThan(0);
  });

  it('package.xml lists the Parley objects, fields, permissions, credentials, tabs and layouts', () => {
    expect(members('CustomObject')).toEqual(PARLEY_OBJECTS);
    expect(members('CustomField')).toEqual(Object.keys(BRIEF_FIELDS).sort());
    expect(members('ListView')).toEqual(PARLEY_OBJECTS.map((o) => `${o}.All`));
    expect(members('PermissionSet')).toEqual(['Parley_Admin', 'Parley_Agent', 'Parley_Integration']);
    expect(members('CustomPermission')).toEqual(['Parley_Admin']);
    expect(members('CspTrustedSite')).toEqual(['Parley_Worker_Socket']);
    expect(members('NamedCredential')).toEqual(['Parley']);
    expect(members('ExternalCredential')).toEqual(['Parley']);
    expect(members('CustomTab')).toEqual(['Parley_Session__c', 'Parley_Setup']);
    expect(members('Layout')).toEqual([
      'Parley_Item__c-Parley Item Layout',
      'Parley_Participant__c-Parley Participant Layout',
      'Parley_Session__c-Parley Session Layout',
    ]);
  });

  it('package.xml lists every Apex class, trigger and Lightning web component in the source', () => {
    expect(members('ApexClass')).toEqual(apexClassesInSource());
    expect(members('ApexTrigger')).toEqual(apexTriggersInSource());
    expect(members('LightningComponentBundle')).toEqual(lwcBundlesInSource());
  });

  it('ships no page layout for a standard object, so a deploy never replaces a customer\'s layout', () => {
    for (const layout of members('Layout')) expect(layout.split('-')[0]).toMatch(/__c$/);
  });

  it('leaves the components\' Jest tests and fixtures out of what gets deployed', () => {
    const deployed = walk(packageDir).map((f) => path.relative(packageDir, f));
    expect(deployed.filter((f) => f.split(path.sep).includes('__tests__'))).toEqual([]);
  });

  it('every XML file is well-formed, and every metadata file is in the Metadata API namespace', () => {
    const xmlFiles = sourceFiles().filter((f) => f.endsWith('.xml'));
    expect(xmlFiles.length).toBeGreaterThan(50);
    for (const file of xmlFiles) {
      const where = path.relative(ROOT, file);
      const validation = XMLValidator.validate(readFileSync(file, 'utf8'));
      expect(validation, where).toBe(true);
      if (!file.endsWith('-meta.xml')) continue;
      const doc = parser.parse(readFileSync(file, 'utf8')) as Xml;
      const [root] = Object.keys(doc).filter((k) => k !== '?xml');
      expect((doc[root!] as Xml)['@_xmlns'], where).toBe(METADATA_NS);
    }
  });

  it('every apiVersion in the source is the project\'s sourceApiVersion', () => {
    const { sourceApiVersion } = JSON.parse(readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8')) as { sourceApiVersion: string };
    for (const file of sourceFiles().filter((f) => f.endsWith('-meta.xml'))) {
      const found = /<apiVersion>([^<]*)<\/apiVersion>/.exec(readFileSync(file, 'utf8'));
      if (found) expect(found[1], path.relative(ROOT, file)).toBe(sourceApiVersion);
    }
  });

  describe('fields', () => {
    it.each(Object.entries(BRIEF_FIELDS))('%s is as the contract says', (qualified, spec) => {
      const field = readField(qualified);
      expect(field.fullName).toBe(qualified.split('.')[1]);
      expect(field.type).toBe(spec.type);
      expect(String(field.label ?? '')).not.toBe('');
      expect(String(field.description ?? ''), 'a description for admins').not.toBe('');
      expect(String(field.inlineHelpText ?? ''), 'help text for users').not.toBe('');
      if (spec.length !== undefined) expect(Number(field.length)).toBe(spec.length);
      if (spec.precision !== undefined) expect(Number(field.precision)).toBe(spec.precision);
      if (spec.scale !== undefined) expect(Number(field.scale)).toBe(spec.scale);
      if (spec.referenceTo !== undefined) {
        expect(field.referenceTo).toBe(spec.referenceTo);
        expect(field.relationshipName).toBe(spec.relationshipName);
        // A lookup the Worker fills must never block deleting the record it points at.
        expect(field.deleteConstraint).toBe('SetNull');
      }
      if (spec.values !== undefined) {
        const valueSet = field.valueSet as Xml;
        expect(valueSet.restricted).toBe('true');
        const values = list((valueSet.valueSetDefinition as Xml).value);
        expect(values.map((v) => v.fullName)).toEqual(spec.values);
        if (spec.labels !== undefined) expect(Object.fromEntries(values.map((v) => [v.fullName, v.label]))).toEqual(spec.labels);
        expect(values.filter((v) => v.default === 'true')).toEqual([]);
      }
      expect(field.externalId ?? 'false').toBe(spec.externalId ? 'true' : 'false');
      // Permission sets cannot grant (or deny) access to required fields, and
      // the Worker must be able to write a partial record.
      expect(field.required ?? 'false').toBe('false');
    });

    it('External_Id__c is an external id, unique and case-sensitive on all three objects', () => {
      for (const object of PARLEY_OBJECTS) {
        const field = readField(`${object}.External_Id__c`);
        expect(field.externalId, object).toBe('true');
        expect(field.unique, object).toBe('true');
        expect(field.caseSensitive, object).toBe('true');
      }
    });

    it('ContentVersion.Parley_Key__c is a unique external id, so a retried sealed-PDF upload cannot duplicate the file', () => {
      const field = readField('ContentVersion.Parley_Key__c');
      expect(field.externalId).toBe('true');
      expect(field.unique).toBe('true');
    });

    it('each object is described, private (ParleySessionSharing shares it), and has an "All" list view', () => {
      for (const object of PARLEY_OBJECTS) {
        const meta = readMeta(path.join(DEFAULT, 'objects', object, `${object}.object-meta.xml`), 'CustomObject');
        expect(String(meta.description ?? ''), object).not.toBe('');
        expect((meta.nameField as Xml).type, object).toBe('Text');
        expect(meta.sharingModel, object).toBe('Private');
        const all = readMeta(path.join(DEFAULT, 'objects', object, 'listViews', 'All.listView-meta.xml'), 'ListView');
        expect(all.filterScope, object).toBe('Everything');
        expect(all.label, object).toBe('All');
      }
    });
  });

  describe('secrets', () => {
    it('the secret patterns catch the secrets they are meant to', () => {
      const samples = [
        `pk.00Dxx0000001gPL.${'s3cr3t'.repeat(4)}`,
        `-----BEGIN ${'RSA '}PRIVATE KEY-----`,
        `eyJ${'hbGciOiJSUzI1NiJ9'}.eyJ${'zdWIiOiJhZ2VudCJ9'}.sig`,
        `00Dxx0000001gPL!${'AQ4AQFakeSessionToken.Value'}`,
        `Bearer ${'abcDEF0123456789ghiJKL'}`,
        `AKIA${'ABCDEFGHIJKLMNOP'}`,
        '<clientSecret>abc</clientSecret>',
      ];
      SECRET_PATTERNS.forEach(({ what, pattern }, i) => expect(pattern.test(samples[i]!), what).toBe(true));
    });

    it('no file in force-app holds anything that looks like a secret', () => {
      // Jest fixtures under __tests__ hold made-up values by design and are never deployed.
      const files = sourceFiles().filter((f) => !f.split(path.sep).includes('__tests__'));
      const found: string[] = [];
      for (const file of files) {
        const content = readFileSync(file, 'utf8');
        for (const { what, pattern } of SECRET_PATTERNS) {
          if (pattern.test(content)) found.push(`${path.relative(ROOT, file)}: ${what}`);
        }
      }
      expect(found).toEqual([]);
    });

    it('the external credential sends X-Parley-Key from the Parley_Org principal and holds no value itself', () => {
      const credential = readMeta(path.join(DEFAULT, 'externalCredentials', 'Parley.externalCredential-meta.xml'), 'ExternalCredential');
      expect(credential.authenticationProtocol).toBe('Custom');
      const parameters = list(credential.externalCredentialParameters);
      expect(parameters.filter((p) => p.parameterType === 'NamedPrincipal').map((p) => p.parameterName)).toEqual(['Parley_Org']);
      const headers = parameters.filter((p) => p.parameterType === 'AuthHeader');
      expect(headers.map((h) => [h.parameterName, h.parameterValue])).toEqual([['X-Parley-Key', '{!$Credential.Parley.Key}']]);
      // Anything else with a value would be a credential in source: the key is
      // set on the principal by `sf parley org connect`.
      const valued = parameters.filter((p) => p.parameterType !== 'AuthHeader' && p.parameterValue !== undefined);
      expect(valued).toEqual([]);
    });
  });

  describe('the Worker connection', () => {
    const namedCredential = () => readMeta(path.join(DEFAULT, 'namedCredentials', 'Parley.namedCredential-meta.xml'), 'NamedCredential');
    const trustedSite = (name: string) => readMeta(path.join(DEFAULT, 'cspTrustedSites', `${name}.cspTrustedSite-meta.xml`), 'CspTrustedSite');
    const workerUrl = () => {
      const url = list(namedCredential().namedCredentialParameters).find((p) => p.parameterType === 'Url');
      return new URL(String(url?.parameterValue));
    };

    it('the named credential is a secured https endpoint using the Parley external credential', () => {
      const credential = namedCredential();
      expect(credential.namedCredentialType).toBe('SecuredEndpoint');
      expect(workerUrl().protocol).toBe('https:');
      const auth = list(credential.namedCredentialParameters).filter((p) => p.parameterType === 'Authentication');
      expect(auth.map((p) => p.externalCredential)).toEqual([inNamespace('Parley')]);
      expect(existsSync(path.join(DEFAULT, 'externalCredentials', 'Parley.externalCredential-meta.xml'))).toBe(true);
      expect(credential.allowMergeFieldsInHeader).toBe('false');
      expect(credential.allowMergeFieldsInBody).toBe('false');
    });

    it('the trusted sites allow exactly what the components load from the Worker: the live WebSocket (wss, connect-src), in Lightning Experience', () => {
      // What the components' own code reaches from the browser (their Jest
      // tests aside). Opening the workspace in a new tab needs no CSP; Apex
      // callouts go through the named credential, server side.
      const components = sourceFiles().filter((f) => f.split(path.sep).includes('lwc') && !f.split(path.sep).includes('__tests__'));
      const code = components.filter((f) => /\.(js|html)$/.test(f)).map((f) => readFileSync(f, 'utf8')).join('\n');
      const used = new Set<string>();
      if (/\bnew WebSocket\(/.test(code)) used.add('wss: connect-src');
      if (/\b(fetch|EventSource)\(|\bXMLHttpRequest\b/.test(code)) used.add('https: connect-src');
      if (/<iframe\b/.test(code)) used.add('https: frame-src');
      if (/<img\b|\bnew Image\(/.test(code)) used.add('https: img-src');
      expect([...used]).toEqual(['wss: connect-src']);

      const directives = ['ConnectSrc', 'FontSrc', 'FrameSrc', 'ImgSrc', 'MediaSrc', 'StyleSrc'];
      const sites = walk(path.join(DEFAULT, 'cspTrustedSites')).map((f) => trustedSite(path.basename(f, '.cspTrustedSite-meta.xml')));
      const allowed = sites.flatMap((site) =>
        directives
          .filter((d) => site[`isApplicableTo${d}`] === 'true')
          .map((d) => `${new URL(String(site.endpointUrl)).protocol} ${d.replace('Src', '').toLowerCase()}-src`),
      );
      expect(allowed.sort()).toEqual([...used].sort());

      // Every component runs in Lightning Experience (record, app and tab
      // pages), none in an Experience Cloud site: the sites say LEX, not All.
      const targets = components
        .filter((f) => f.endsWith('.js-meta.xml'))
        .flatMap((f) => list<string>((readMeta(f, 'LightningComponentBundle').targets as Xml | undefined)?.target));
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.filter((t) => !t.startsWith('lightning__'))).toEqual([]);
      for (const site of sites) {
        expect(site.context).toBe('LEX');
        expect(site.isActive).toBe('true');
        expect(new URL(String(site.endpointUrl)).host).toBe(workerUrl().host);
      }
    });
  });

  describe('references', () => {
    it('permission sets grant only objects, fields, classes, tabs, permissions and principals that exist', () => {
      const objects = new Set(customObjectsInSource());
      const fields = new Set(customFieldsInSource());
      const classes = new Set(apexClassesInSource());
      const missing: string[] = [];
      for (const name of permissionSetsInSource()) {
        const set = readPermissionSet(name);
        for (const o of list(set.objectPermissions)) {
          if (!objects.has(String(o.object)) && !STANDARD_OBJECTS_GRANTED.includes(String(o.object))) missing.push(`${name}: object ${o.object}`);
        }
        for (const f of list(set.fieldPermissions)) if (!fields.has(String(f.field))) missing.push(`${name}: field ${f.field}`);
        for (const c of list(set.classAccesses)) if (!classes.has(String(c.apexClass))) missing.push(`${name}: Apex class ${c.apexClass}`);
        for (const t of list(set.tabSettings)) {
          if (!existsSync(path.join(DEFAULT, 'tabs', `${t.tab}.tab-meta.xml`))) missing.push(`${name}: tab ${t.tab}`);
        }
        for (const p of list(set.customPermissions)) {
          if (!existsSync(path.join(DEFAULT, 'customPermissions', `${p.name}.customPermission-meta.xml`))) missing.push(`${name}: custom permission ${p.name}`);
        }
        for (const access of list(set.externalCredentialPrincipalAccesses)) {
          const [credentialName, principal] = String(access.externalCredentialPrincipal).split('-') as [string, string];
          const file = path.join(DEFAULT, 'externalCredentials', `${withoutNamespace(credentialName)}.externalCredential-meta.xml`);
          const principals = existsSync(file)
            ? list(readMeta(file, 'ExternalCredential').externalCredentialParameters)
                .filter((p) => p.parameterType === 'NamedPrincipal')
                .map((p) => p.parameterName)
            : [];
          if (!principals.includes(principal)) missing.push(`${name}: principal ${access.externalCredentialPrincipal}`);
        }
      }
      expect(missing).toEqual([]);
    });

    it('agents may call the Worker, run the panel and the Flow action, and read every Parley field', () => {
      const agent = readPermissionSet('Parley_Agent');
      expect(list(agent.classAccesses).filter((c) => c.enabled === 'true').map((c) => c.apexClass).sort()).toEqual(AGENT_CLASSES);
      expect(list(agent.externalCredentialPrincipalAccesses).map((a) => [a.externalCredentialPrincipal, a.enabled])).toEqual([[PARLEY_PRINCIPAL, 'true']]);
      expect(list(agent.customPermissions)).toEqual([]);
      expect(list(agent.tabSettings).map((t) => [t.tab, t.visibility])).toEqual([['Parley_Session__c', 'Visible']]);
      const fieldAccess = list(agent.fieldPermissions);
      expect(fieldAccess.map((f) => f.field).sort()).toEqual(customFieldsInSource());
      expect(fieldAccess.filter((f) => f.readable !== 'true' || f.editable !== 'false')).toEqual([]);
      const objectAccess = list(agent.objectPermissions);
      expect(objectAccess.map((o) => o.object).sort()).toEqual([...PARLEY_OBJECTS, ...STANDARD_OBJECTS_GRANTED]);
      for (const o of objectAccess) {
        expect([o.allowRead, o.allowCreate, o.allowEdit, o.allowDelete, o.viewAllRecords, o.modifyAllRecords], String(o.object)).toEqual(['true', 'false', 'false', 'false', 'false', 'false']);
      }
    });

    it('admins hold everything agents do, plus setup, the Parley_Admin permission and edit on the records', () => {
      const admin = readPermissionSet('Parley_Admin');
      expect(list(admin.classAccesses).filter((c) => c.enabled === 'true').map((c) => c.apexClass).sort()).toEqual(
        [...AGENT_CLASSES, ...ADMIN_ONLY_CLASSES].sort(),
      );
      expect(list(admin.customPermissions).map((p) => [p.name, p.enabled])).toEqual([['Parley_Admin', 'true']]);
      expect(list(admin.externalCredentialPrincipalAccesses).map((a) => [a.externalCredentialPrincipal, a.enabled])).toEqual([[PARLEY_PRINCIPAL, 'true']]);
      expect(list(admin.tabSettings).map((t) => [t.tab, t.visibility])).toEqual([
        ['Parley_Session__c', 'Visible'],
        ['Parley_Setup', 'Visible'],
      ]);
      const fieldAccess = list(admin.fieldPermissions);
      expect(fieldAccess.map((f) => f.field).sort()).toEqual(customFieldsInSource());
      expect(fieldAccess.filter((f) => f.readable !== 'true' || f.editable !== 'true')).toEqual([]);
      const objectAccess = list(admin.objectPermissions);
      expect(objectAccess.map((o) => o.object).sort()).toEqual([...PARLEY_OBJECTS, ...STANDARD_OBJECTS_GRANTED]);
      for (const o of objectAccess.filter((p) => PARLEY_OBJECTS.includes(String(p.object)))) {
        expect([o.allowRead, o.allowCreate, o.allowEdit, o.viewAllRecords], String(o.object)).toEqual(['true', 'true', 'true', 'true']);
      }
      const userCredentials = objectAccess.find((o) => o.object === 'UserExternalCredential')!;
      expect([userCredentials.allowRead, userCredentials.allowCreate, userCredentials.allowEdit, userCredentials.allowDelete, userCredentials.viewAllRecords]).toEqual(['true', 'false', 'false', 'false', 'false']);
    });

    it('the integration user gets API access and create/edit on the Parley objects and every field the Worker writes, and nothing a person uses', () => {
      const integration = readPermissionSet('Parley_Integration');
      // The fields the write-back sets, from the Worker's own record builders:
      // a session for each kind of CRM record (each fills its own lookup), its
      // participants and items; Session__r is the Session__c lookup by external
      // id. Parley_Key__c marks each sealed PDF (writeback/files.ts).
      const written = new Set<string>(['ContentVersion.Parley_Key__c']);
      const add = (record: Record<string, unknown> | null) => {
        if (!record) return;
        const type = (record.attributes as { type: string }).type;
        for (const key of Object.keys(record)) if (/__[cr]$/.test(key)) written.add(`${type}.${key.replace(/__r$/, '__c')}`);
      };
      for (const [objectType, recordId] of [['Contact', '003'], ['Lead', '00Q'], ['Account', '001'], ['Opportunity', '006'], ['Case', '500']] as const) {
        const changes = writtenChanges(objectType, `${recordId}000000000001AAA`);
        add(sessionRecord(changes, { email: 'agent@example.com', name: 'Agent', salesforceUserId: '005000000000001AAA' }, 'https://parley.example.com'));
        participantRecords(changes).forEach(add);
        itemRecords(changes).forEach(add);
      }
      const fieldAccess = list(integration.fieldPermissions);
      expect(fieldAccess.map((f) => f.field).sort()).toEqual([...written].sort());
      expect(fieldAccess.filter((f) => f.readable !== 'true' || f.editable !== 'true')).toEqual([]);

      const objectAccess = list(integration.objectPermissions);
      expect(objectAccess.map((o) => o.object).sort()).toEqual(PARLEY_OBJECTS);
      for (const o of objectAccess) {
        // Create and edit for the upserts, read to find the record an upsert updates; never delete, View All or Modify All.
        expect([o.allowRead, o.allowCreate, o.allowEdit, o.allowDelete, o.viewAllRecords, o.modifyAllRecords], String(o.object)).toEqual(['true', 'true', 'true', 'false', 'false', 'false']);
      }
      expect(list(integration.userPermissions).map((p) => [p.name, p.enabled])).toEqual([['ApiEnabled', 'true']]);
      for (const part of ['classAccesses', 'customPermissions', 'tabSettings', 'externalCredentialPrincipalAccesses', 'applicationVisibilities', 'pageAccesses']) {
        expect(list(integration[part]), part).toEqual([]);
      }
    });

    it('permission set descriptions and labels fit their fields (255 and 80 characters), or the deploy fails', () => {
      for (const name of permissionSetsInSource()) {
        const set = readPermissionSet(name);
        expect(String(set.description ?? '').length, name).toBeLessThanOrEqual(255);
        expect(String(set.description ?? ''), name).not.toBe('');
        expect(String(set.label).length, name).toBeLessThanOrEqual(80);
      }
    });

    it('names the Parley credential as the namespace requires: the principal and the named credential\'s link with the prefix, the merge field without', () => {
      for (const name of permissionSetsInSource()) {
        for (const access of list(readPermissionSet(name).externalCredentialPrincipalAccesses)) expect(access.externalCredentialPrincipal, name).toBe(PARLEY_PRINCIPAL);
      }
      const named = readMeta(path.join(DEFAULT, 'namedCredentials', 'Parley.namedCredential-meta.xml'), 'NamedCredential');
      expect(list(named.namedCredentialParameters).filter((p) => p.externalCredential !== undefined).map((p) => p.externalCredential)).toEqual([inNamespace('Parley')]);
      // The header formula names the credential it belongs to, which resolves in its own namespace.
      const credential = readMeta(path.join(DEFAULT, 'externalCredentials', 'Parley.externalCredential-meta.xml'), 'ExternalCredential');
      const formulas = list(credential.externalCredentialParameters).filter((p) => p.parameterType === 'AuthHeader').map((p) => String(p.parameterValue));
      expect(formulas).toEqual(['{!$Credential.Parley.Key}']);
    });

    it('the Parley Setup tab shows the parleySetup component, which exists and is exposed for tabs', () => {
      const tab = readMeta(path.join(DEFAULT, 'tabs', 'Parley_Setup.tab-meta.xml'), 'CustomTab');
      expect(tab.lwcComponent).toBe('parleySetup');
      const bundle = path.join(DEFAULT, 'lwc', 'parleySetup', 'parleySetup.js-meta.xml');
      expect(existsSync(bundle), 'lwc/parleySetup').toBe(true);
      const meta = readMeta(bundle, 'LightningComponentBundle');
      expect(meta.isExposed).toBe('true');
      expect(list<string>((meta.targets as Xml | undefined)?.target)).toContain('lightning__Tab');
      const sessions = readMeta(path.join(DEFAULT, 'tabs', 'Parley_Session__c.tab-meta.xml'), 'CustomTab');
      expect(sessions.customObject).toBe('true');
    });

    it('layouts and list views name only fields that exist, and the session layout lists participants and items', () => {
      const fields = new Set(customFieldsInSource());
      const standard = new Set(['Name', 'OwnerId', 'CreatedById', 'LastModifiedById']);
      const missing: string[] = [];
      for (const object of PARLEY_OBJECTS) {
        const label = object.replace(/^Parley_/, 'Parley ').replace(/__c$/, '');
        const layout = readMeta(path.join(DEFAULT, 'layouts', `${object}-${label} Layout.layout-meta.xml`), 'Layout');
        const placed = list(layout.layoutSections)
          .flatMap((s) => list(s.layoutColumns))
          .flatMap((c) => list(c.layoutItems))
          .map((i) => String(i.field));
        for (const f of placed) if (!standard.has(f) && !fields.has(`${object}.${f}`)) missing.push(`${object} layout: ${f}`);
        // Every Parley field is shown somewhere on its object's page.
        for (const f of customFieldsInSource().filter((q) => q.startsWith(`${object}.`))) {
          if (!placed.includes(f.split('.')[1]!)) missing.push(`${object} layout does not show ${f}`);
        }
        for (const related of list(layout.relatedLists)) {
          const [child, lookupField] = String(related.relatedList).split('.');
          if (!fields.has(`${child}.${lookupField}`)) missing.push(`${object} layout: related list ${related.relatedList}`);
          else if (readField(`${child}.${lookupField}`).referenceTo !== object) missing.push(`${object} layout: ${related.relatedList} does not point here`);
          for (const column of list<string>(related.fields)) {
            if (column !== 'NAME' && !fields.has(`${child}.${column}`)) missing.push(`${object} layout: related column ${child}.${column}`);
          }
        }
        const all = readMeta(path.join(DEFAULT, 'objects', object, 'listViews', 'All.listView-meta.xml'), 'ListView');
        for (const column of list<string>(all.columns)) {
          if (column.endsWith('__c') && !fields.has(`${object}.${column}`)) missing.push(`${object} list view: ${column}`);
        }
      }
      expect(missing).toEqual([]);

      const session = readMeta(path.join(DEFAULT, 'layouts', 'Parley_Session__c-Parley Session Layout.layout-meta.xml'), 'Layout');
      expect(list(session.relatedLists).map((r) => r.relatedList)).toEqual(['Parley_Participant__c.Session__c', 'Parley_Item__c.Session__c']);
    });
  });

  describe('who sees which sessions (Parley\'s search space as Salesforce sharing)', () => {
    const readObject = (object: string) => readMeta(path.join(DEFAULT, 'objects', object, `${object}.object-meta.xml`), 'CustomObject');

    it('sessions, participants and items are private to internal and external users alike', () => {
      for (const object of PARLEY_OBJECTS) {
        const meta = readObject(object);
        expect([meta.sharingModel, meta.externalSharingModel, meta.enableSharing], object).toEqual(['Private', 'Private', 'true']);
      }
    });

    it('each object has the Parley_Search_Space Apex sharing reason, which the package carries and the Apex spells', () => {
      for (const object of PARLEY_OBJECTS) {
        const reason = readMeta(path.join(DEFAULT, 'objects', object, 'sharingReasons', 'Parley_Search_Space.sharingReason-meta.xml'), 'SharingReason');
        expect(reason.fullName, object).toBe('Parley_Search_Space');
        expect(String(reason.label ?? ''), object).not.toBe('');
      }
      expect(members('SharingReason')).toEqual(PARLEY_OBJECTS.map((o) => `${o}.Parley_Search_Space`));
      const apex = readFileSync(path.join(DEFAULT, 'classes', 'ParleySessionSharing.cls'), 'utf8');
      expect(apex).toContain("'Parley_Search_Space__c'");
      expect(apex).toMatch(/public without sharing class ParleySessionSharing/);
    });

    it('Parley admins see every session, participant and item through View All; agents only what is shared with them', () => {
      for (const o of list(readPermissionSet('Parley_Admin').objectPermissions).filter((p) => PARLEY_OBJECTS.includes(String(p.object)))) {
        expect([o.allowRead, o.viewAllRecords], String(o.object)).toEqual(['true', 'true']);
      }
      for (const o of list(readPermissionSet('Parley_Agent').objectPermissions).filter((p) => PARLEY_OBJECTS.includes(String(p.object)))) {
        expect([o.allowRead, o.viewAllRecords, o.modifyAllRecords], String(o.object)).toEqual(['true', 'false', 'false']);
      }
    });

    it('the search space the Worker writes holds exactly Parley\'s values, and every permission set that grants session fields grants the sharing fields', () => {
      const sharingFields = ['Agent_User_Id__c', 'Team__c', 'Search_Space__c'].map((f) => `Parley_Session__c.${f}`);
      for (const name of permissionSetsInSource()) {
        const granted = list(readPermissionSet(name).fieldPermissions).map((f) => String(f.field));
        if (!granted.some((f) => f.startsWith('Parley_Session__c.'))) continue;
        for (const field of sharingFields) expect(granted, `${name} ${field}`).toContain(field);
      }
      const values = list(((readField('Parley_Session__c.Search_Space__c').valueSet as Xml).valueSetDefinition as Xml).value).map((v) => v.fullName);
      expect(values).toEqual([...SEARCH_SPACES]);
    });
  });
});
