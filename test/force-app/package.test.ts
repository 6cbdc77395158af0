// The Parley package as `sf package version create` builds it, checked
// offline: sfdx-project.json defines a second-generation package (Salesforce's
// own schema for the file, plus what packaging needs of it), the scratch org
// definition the version is built in is valid, and force-app converts to
// metadata format (what `sf project convert source` writes, with
// @salesforce/source-deploy-retrieve) with a package.xml that lists every
// component in the tree at the project's API version. The expected list is
// derived from the files themselves, by Salesforce DX's folder and suffix
// rules, so a component left out (a .forceignore pattern too wide, a file in
// the wrong folder) fails here rather than in a customer's org.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProjectJsonSchema, ScratchOrgDefSchema } from '@salesforce/core';
import { ComponentSet, ForceIgnore, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FORCE_APP = path.join(ROOT, 'force-app');
const DEFAULT = path.join(FORCE_APP, 'main', 'default');

type Xml = Record<string, unknown>;
const parser = new XMLParser({ parseTagValue: false, trimValues: true });
const list = <T = Xml>(value: unknown): T[] => (value === undefined || value === null || value === '' ? [] : ((Array.isArray(value) ? value : [value]) as T[]));

type PackageDirectory = {
  path: string;
  default?: boolean;
  package?: string;
  versionName?: string;
  versionNumber?: string;
  versionDescription?: string;
  definitionFile?: string;
  ancestorVersion?: string;
  ancestorId?: string;
};
type Project = { packageDirectories: PackageDirectory[]; namespace?: string; sourceApiVersion: string; packageAliases?: Record<string, string> };

const readJson = <T>(file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as T;
const project = () => readJson<Project>('sfdx-project.json');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

// ---------------------------------------------------------------------------
// What the tree holds, by Salesforce DX's source format: a metadata folder
// under main/default, a file suffix per type. A folder with no rule here fails
// the test: a new kind of component is added to this table on purpose.

/** Folders whose components are one `<name>.<suffix>-meta.xml` each (a .cls or .trigger beside it for Apex). */
const FOLDERS: Record<string, { type: string; suffix: string }> = {
  classes: { type: 'ApexClass', suffix: '.cls-meta.xml' },
  triggers: { type: 'ApexTrigger', suffix: '.trigger-meta.xml' },
  layouts: { type: 'Layout', suffix: '.layout-meta.xml' },
  permissionsets: { type: 'PermissionSet', suffix: '.permissionset-meta.xml' },
  customPermissions: { type: 'CustomPermission', suffix: '.customPermission-meta.xml' },
  tabs: { type: 'CustomTab', suffix: '.tab-meta.xml' },
  namedCredentials: { type: 'NamedCredential', suffix: '.namedCredential-meta.xml' },
  externalCredentials: { type: 'ExternalCredential', suffix: '.externalCredential-meta.xml' },
  cspTrustedSites: { type: 'CspTrustedSite', suffix: '.cspTrustedSite-meta.xml' },
};
/** Folders inside objects/<Object>/, each holding one child type (package.xml names them Object.Child). */
const OBJECT_CHILDREN: Record<string, { type: string; suffix: string }> = {
  fields: { type: 'CustomField', suffix: '.field-meta.xml' },
  listViews: { type: 'ListView', suffix: '.listView-meta.xml' },
  sharingReasons: { type: 'SharingReason', suffix: '.sharingReason-meta.xml' },
  validationRules: { type: 'ValidationRule', suffix: '.validationRule-meta.xml' },
  recordTypes: { type: 'RecordType', suffix: '.recordType-meta.xml' },
  compactLayouts: { type: 'CompactLayout', suffix: '.compactLayout-meta.xml' },
  webLinks: { type: 'WebLink', suffix: '.webLink-meta.xml' },
  fieldSets: { type: 'FieldSet', suffix: '.fieldSet-meta.xml' },
};

/** Files in force-app that are deliberately not metadata: the LWC Jest tests (kept out by .forceignore) and this folder's README. */
const isNotMetadata = (file: string) => file.split(path.sep).includes('__tests__') || file === path.join(FORCE_APP, 'README.md');

/** Every component the tree holds, as type → sorted member names, and the files that make each up. */
function componentsInTree(): { members: Map<string, string[]>; files: Map<string, string>; unexplained: string[] } {
  const members = new Map<string, string[]>();
  const files = new Map<string, string>();
  const unexplained: string[] = [];
  const add = (type: string, name: string, ...parts: string[]) => {
    members.set(type, [...(members.get(type) ?? []), name]);
    for (const part of parts) files.set(part, `${type}:${name}`);
  };
  for (const folder of readdirSync(DEFAULT)) {
    const dir = path.join(DEFAULT, folder);
    if (folder === 'lwc') {
      for (const bundle of readdirSync(dir)) {
        const bundleFiles = walk(path.join(dir, bundle)).filter((f) => !isNotMetadata(f));
        if (existsSync(path.join(dir, bundle, `${bundle}.js-meta.xml`))) add('LightningComponentBundle', bundle, ...bundleFiles);
        else unexplained.push(...bundleFiles);
      }
    } else if (folder === 'objects') {
      for (const object of readdirSync(dir)) {
        for (const entry of readdirSync(path.join(dir, object))) {
          const full = path.join(dir, object, entry);
          if (entry === `${object}.object-meta.xml`) add('CustomObject', object, full);
          else if (statSync(full).isDirectory() && OBJECT_CHILDREN[entry]) {
            const { type, suffix } = OBJECT_CHILDREN[entry];
            for (const file of walk(full)) {
              if (file.endsWith(suffix)) add(type, `${object}.${path.basename(file, suffix)}`, file);
              else unexplained.push(file);
            }
          } else unexplained.push(...(statSync(full).isDirectory() ? walk(full) : [full]));
        }
      }
    } else if (FOLDERS[folder]) {
      const { type, suffix } = FOLDERS[folder];
      const all = walk(dir);
      for (const meta of all.filter((f) => f.endsWith(suffix))) {
        const body = meta.slice(0, -'-meta.xml'.length);
        add(type, path.basename(meta, suffix), meta, ...(body !== meta && existsSync(body) && /\.(cls|trigger)$/.test(body) ? [body] : []));
      }
      unexplained.push(...all.filter((f) => !files.has(f)));
    } else {
      unexplained.push(...walk(dir));
    }
  }
  for (const [type, names] of members) members.set(type, names.sort());
  return { members, files, unexplained };
}

// ---------------------------------------------------------------------------

describe('the Parley package', () => {
  let outputDir: string;
  let packageXml: Xml;
  let converted: Map<string, string[]>;
  let sourceComponents: ComponentSet;

  beforeAll(async () => {
    // As `sf project convert source --source-dir force-app` does it: the
    // project's .forceignore applies, the output is metadata format.
    sourceComponents = await ComponentSet.fromSource(FORCE_APP);
    outputDir = mkdtempSync(path.join(os.tmpdir(), 'parley-package-'));
    const result = await new MetadataConverter().convert(sourceComponents, 'metadata', { type: 'directory', outputDirectory: outputDir, genUniqueDir: false });
    packageXml = (parser.parse(readFileSync(path.join(result.packagePath ?? outputDir, 'package.xml'), 'utf8')) as { Package: Xml }).Package;
    converted = new Map(list(packageXml.types).map((t) => [String(t.name), list<string>(t.members).map(String).sort()]));
  });

  afterAll(() => {
    if (outputDir) rmSync(outputDir, { recursive: true, force: true });
  });

  describe('sfdx-project.json', () => {
    it('is valid by Salesforce\'s own schema for the file (@salesforce/core, what the sf CLI reads it with)', () => {
      const parsed = ProjectJsonSchema.safeParse(project());
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    });

    it('defines the second-generation package Parley on force-app, ready for `sf package version create`', () => {
      const { packageDirectories } = project();
      expect(packageDirectories).toHaveLength(1);
      const [dir] = packageDirectories as [PackageDirectory];
      expect(dir.path).toBe('force-app');
      expect(statSync(path.join(ROOT, dir.path)).isDirectory()).toBe(true);
      expect(dir.default).toBe(true);
      expect(dir.package).toBe('Parley');
      expect(String(dir.versionName ?? '')).not.toBe('');
      expect(String(dir.versionDescription ?? '')).not.toBe('');
      // major.minor.patch, then NEXT (the build number the Dev Hub assigns) or a build number.
      expect(dir.versionNumber).toMatch(/^\d+\.\d+\.\d+\.(NEXT|\d+)$/);
      // No version is released yet, so there is no ancestor to name.
      expect(dir.ancestorVersion).toBeUndefined();
      expect(dir.ancestorId).toBeUndefined();
      // The build org's definition (the scratch org the version is built and tested in).
      expect(dir.definitionFile).toBe('config/project-scratch-def.json');
      expect(existsSync(path.join(ROOT, dir.definitionFile!))).toBe(true);
    });

    it('has package aliases, holding only real Salesforce ids (`sf package create` adds Parley\'s 0Ho id, version creation its 04t ids)', () => {
      const { packageAliases } = project();
      expect(packageAliases).toBeTypeOf('object');
      for (const [alias, id] of Object.entries(packageAliases!)) {
        expect(id, alias).toMatch(alias.includes('@') ? /^04t[A-Za-z0-9]{15}$/ : /^0Ho[A-Za-z0-9]{15}$/);
        expect(alias.split('@')[0], alias).toBe('Parley');
      }
    });

    it('has a namespace setting ready to set: empty, or a valid namespace prefix', () => {
      const { namespace } = project();
      expect(namespace).toBeTypeOf('string');
      if (namespace) expect(namespace).toMatch(/^(?=.{1,15}$)[A-Za-z](?:_?[A-Za-z0-9])*$/);
    });
  });

  describe('the scratch org definition', () => {
    const definition = () => readJson<Record<string, unknown>>('config/project-scratch-def.json');

    it('is valid by Salesforce\'s own schema for it', () => {
      const parsed = ScratchOrgDefSchema.safeParse(definition());
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    });

    it('asks for a Developer org in English with Lightning Experience, and no feature Parley does not use', () => {
      const def = definition() as { edition: string; language: string; features?: string[]; settings?: { lightningExperienceSettings?: { enableS1DesktopEnabled?: boolean } } };
      expect(def.edition).toBe('Developer');
      expect(def.language).toBe('en_US');
      expect(def.settings?.lightningExperienceSettings?.enableS1DesktopEnabled).toBe(true);
      // Named and external credentials, Flow, Files and Apex sharing are in every Developer org.
      expect(def.features ?? []).toEqual([]);
    });
  });

  describe('conversion to metadata format', () => {
    it('writes package.xml at the project\'s API version, the one every component in it is written for', () => {
      expect(packageXml.version).toBe(project().sourceApiVersion);
      const versions = walk(DEFAULT)
        .filter((f) => f.endsWith('-meta.xml') && !isNotMetadata(f))
        .flatMap((f) => [.../<apiVersion>([^<]*)<\/apiVersion>/.exec(readFileSync(f, 'utf8'))?.slice(1) ?? []]);
      expect(versions.length).toBeGreaterThan(0);
      expect([...new Set(versions)]).toEqual([packageXml.version]);
    });

    it('every file in force-app belongs to a component, apart from the Jest tests and the README', () => {
      const { unexplained } = componentsInTree();
      expect(unexplained.map((f) => path.relative(ROOT, f))).toEqual([]);
    });

    it('package.xml lists every component in the tree, by type and name, and nothing else', () => {
      const { members } = componentsInTree();
      expect(Object.fromEntries([...converted].sort())).toEqual(Object.fromEntries([...members].sort()));
    });

    it('.forceignore keeps out only the Jest tests, never a metadata file', () => {
      const ignore = ForceIgnore.findAndCreate(FORCE_APP);
      const files = walk(FORCE_APP);
      const denied = files.filter((f) => ignore.denies(f));
      expect(denied.length).toBeGreaterThan(0);
      expect(denied.filter((f) => !f.split(path.sep).includes('__tests__')).map((f) => path.relative(ROOT, f))).toEqual([]);
      const { files: metadataFiles } = componentsInTree();
      expect([...metadataFiles.keys()].filter((f) => ignore.denies(f)).map((f) => path.relative(ROOT, f))).toEqual([]);
    });

    it('the source components cover every metadata file, as the converter reads them', () => {
      const read = new Set<string>();
      for (const component of sourceComponents.getSourceComponents()) {
        for (const part of [component, ...component.getChildren()]) {
          if (part.xml) read.add(path.resolve(ROOT, part.xml));
          for (const file of part.walkContent()) read.add(path.resolve(ROOT, file));
        }
      }
      const { files } = componentsInTree();
      expect([...files.keys()].filter((f) => !read.has(f)).map((f) => path.relative(ROOT, f))).toEqual([]);
    });
  });
});
