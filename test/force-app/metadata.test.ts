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
import { DELIVERY_STATUS_LABELS, DELIVERY_STATUSES, ITEM_KINDS, ITEM_STATUSES, PARTICIPANT_STATUSES, SESSION_STATUSES } from '../../worker/src/domain/catalogue';

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

  'ContentVersion.Parley_Key__c': { type: 'Text', length: 80, externalId: true },
};

// Apex classes the permission sets must grant (the brief's Apex contract).
const AGENT_CLASSES = ['ParleyClient', 'ParleyPanelController', 'StartParleySessionAction'];
const ADMIN_ONLY_CLASSES = ['ParleySetupController'];

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
    expect(members('PermissionSet')).toEqual(['Parley_Admin', 'Parley_Agent']);
    expect(members('CustomPermission')).toEqual(['Parley_Admin']);
    expect(members('CspTrustedSite')).toEqual(['Parley_Worker', 'Parley_Worker_Socket']);
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

    it('each object is described, sharable read-only to everyone, and has an "All" list view', () => {
      for (const object of PARLEY_OBJECTS) {
        const meta = readMeta(path.join(DEFAULT, 'objects', object, `${object}.object-meta.xml`), 'CustomObject');
        expect(String(meta.description ?? ''), object).not.toBe('');
        expect((meta.nameField as Xml).type, object).toBe('Text');
        expect(meta.sharingModel, object).toBe('Read');
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
      expect(auth.map((p) => p.externalCredential)).toEqual(['Parley']);
      expect(existsSync(path.join(DEFAULT, 'externalCredentials', 'Parley.externalCredential-meta.xml'))).toBe(true);
      expect(credential.allowMergeFieldsInHeader).toBe('false');
      expect(credential.allowMergeFieldsInBody).toBe('false');
    });

    it('the trusted sites allow the workspace frame (https) and the live WebSocket (wss) on the Worker\'s host', () => {
      const https = trustedSite('Parley_Worker');
      const wss = trustedSite('Parley_Worker_Socket');
      expect(new URL(String(https.endpointUrl)).protocol).toBe('https:');
      expect(https.isApplicableToFrameSrc).toBe('true');
      expect(new URL(String(wss.endpointUrl)).protocol).toBe('wss:');
      expect(wss.isApplicableToConnectSrc).toBe('true');
      for (const site of [https, wss]) {
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
      for (const name of ['Parley_Agent', 'Parley_Admin']) {
        const set = readPermissionSet(name);
        for (const o of list(set.objectPermissions)) if (!objects.has(String(o.object))) missing.push(`${name}: object ${o.object}`);
        for (const f of list(set.fieldPermissions)) if (!fields.has(String(f.field))) missing.push(`${name}: field ${f.field}`);
        for (const c of list(set.classAccesses)) if (!classes.has(String(c.apexClass))) missing.push(`${name}: Apex class ${c.apexClass}`);
        for (const t of list(set.tabSettings)) {
          if (!existsSync(path.join(DEFAULT, 'tabs', `${t.tab}.tab-meta.xml`))) missing.push(`${name}: tab ${t.tab}`);
        }
        for (const p of list(set.customPermissions)) {
          if (!existsSync(path.join(DEFAULT, 'customPermissions', `${p.name}.customPermission-meta.xml`))) missing.push(`${name}: custom permission ${p.name}`);
        }
        for (const access of list(set.externalCredentialPrincipalAccesses)) {
          const [credentialName, principal] = String(access.externalCredentialPrincipal).split('-');
          const file = path.join(DEFAULT, 'externalCredentials', `${credentialName}.externalCredential-meta.xml`);
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
      expect(list(agent.externalCredentialPrincipalAccesses).map((a) => [a.externalCredentialPrincipal, a.enabled])).toEqual([['Parley-Parley_Org', 'true']]);
      expect(list(agent.customPermissions)).toEqual([]);
      expect(list(agent.tabSettings).map((t) => [t.tab, t.visibility])).toEqual([['Parley_Session__c', 'Visible']]);
      const fieldAccess = list(agent.fieldPermissions);
      expect(fieldAccess.map((f) => f.field).sort()).toEqual(customFieldsInSource());
      expect(fieldAccess.filter((f) => f.readable !== 'true' || f.editable !== 'false')).toEqual([]);
      const objectAccess = list(agent.objectPermissions);
      expect(objectAccess.map((o) => o.object).sort()).toEqual(PARLEY_OBJECTS);
      for (const o of objectAccess) {
        expect([o.allowRead, o.allowCreate, o.allowEdit, o.allowDelete], String(o.object)).toEqual(['true', 'false', 'false', 'false']);
      }
    });

    it('admins hold everything agents do, plus setup, the Parley_Admin permission and edit on the records', () => {
      const admin = readPermissionSet('Parley_Admin');
      expect(list(admin.classAccesses).filter((c) => c.enabled === 'true').map((c) => c.apexClass).sort()).toEqual(
        [...AGENT_CLASSES, ...ADMIN_ONLY_CLASSES].sort(),
      );
      expect(list(admin.customPermissions).map((p) => [p.name, p.enabled])).toEqual([['Parley_Admin', 'true']]);
      expect(list(admin.externalCredentialPrincipalAccesses).map((a) => [a.externalCredentialPrincipal, a.enabled])).toEqual([['Parley-Parley_Org', 'true']]);
      expect(list(admin.tabSettings).map((t) => [t.tab, t.visibility])).toEqual([
        ['Parley_Session__c', 'Visible'],
        ['Parley_Setup', 'Visible'],
      ]);
      const fieldAccess = list(admin.fieldPermissions);
      expect(fieldAccess.map((f) => f.field).sort()).toEqual(customFieldsInSource());
      expect(fieldAccess.filter((f) => f.readable !== 'true' || f.editable !== 'true')).toEqual([]);
      const objectAccess = list(admin.objectPermissions);
      expect(objectAccess.map((o) => o.object).sort()).toEqual(PARLEY_OBJECTS);
      for (const o of objectAccess) {
        expect([o.allowRead, o.allowCreate, o.allowEdit, o.viewAllRecords], String(o.object)).toEqual(['true', 'true', 'true', 'true']);
      }
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
});
