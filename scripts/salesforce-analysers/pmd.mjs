// PMD 7 with Salesforce's security rules over Salesforce source: the Apex
// security and error-prone categories of PMD itself, plus the AppExchange
// security rules the security review runs (Apex, Salesforce metadata, XML),
// all from the jars in @salesforce/sfdx-scanner. One JVM per run.
//
// The AppExchange metadata rules belong to PMD's `sfmetadata` language, which
// reads metadata-API files by their type suffix (Foo.cspTrustedSite,
// Bar.object), not source-format files (Foo.cspTrustedSite-meta.xml, which
// PMD's XML language takes). So each source folder is also converted to
// metadata format under os.tmpdir(), as `sf project convert source` does, and
// PMD reads both: Apex and XML files from the source, metadata files from the
// conversion. A metadata finding is reported against the source file of its
// component, with the converted file and line beside it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { applyFalsePositives as splitByList, readFalsePositives as readList } from './false-positives.mjs';
import { APPEXCHANGE_LIB, classPath, ROOT, runJava, SCANNER_LIB } from './java.mjs';

/**
 * The rule sets, by their resource names inside the jars. The AppExchange
 * ones are taken as categories (each lists every rule of its jar): the jars'
 * own rulesets/sfmetadata/sfcaruleset.xml names a category/sfmetadata/security.xml
 * that no jar carries, so PMD refuses to load it.
 */
export const PMD_RULESETS = [
  'category/apex/security.xml',
  'category/apex/errorprone.xml',
  'category/apex/sfca_apex_security.xml',
  'category/sfmetadata/sfca_sfmetadata_security.xml',
  'category/xml/sfca_xml_security.xml',
];

export const FALSE_POSITIVES_FILE = path.join(ROOT, 'config/security-review/pmd-false-positives.json');

const MAIN_CLASS = 'net.sourceforge.pmd.cli.PmdCli';

/** Source files PMD's Apex and XML languages read; the rest of a source folder (LWC JavaScript, HTML, CSS, README) has no rules here. */
const SOURCE_FILE = /\.(cls|trigger|xml)$/;

/** PMD exit statuses: 0 clean, 4 violations found, 5 files it could not process (listed in the report). Others: it did not run. */
const RAN = new Set([0, 4, 5]);

/**
 * Runs PMD once over one or more source folders (force-app, or a test
 * fixture) and returns what it found:
 * - violations: { file (relative to the repo), line, rule, ruleset, priority,
 *   message, source (the flagged lines' text), converted? ("objects/X.object:12"
 *   for a metadata-format finding) }, sorted by file, line and rule;
 * - errors: files PMD could not parse and rules it could not configure, as
 *   sentences (a finding PMD could not look for is not a pass).
 */
export async function runPmd({ sourceDirs = [path.join(ROOT, 'force-app')] } = {}) {
  const started = Date.now();
  const work = mkdtempSync(path.join(os.tmpdir(), 'parley-pmd-'));
  try {
    const files = [];
    /** Converted metadata file → its component's source file. */
    const sourceOfConverted = new Map();
    for (const [i, dir] of sourceDirs.map((d) => path.resolve(ROOT, d)).entries()) {
      files.push(...walk(dir).filter((file) => SOURCE_FILE.test(file)));
      for (const [converted, source] of await convertToMetadata(dir, path.join(work, `metadata-${i}`))) {
        files.push(converted);
        sourceOfConverted.set(converted, source);
      }
    }
    const fileList = path.join(work, 'files.txt');
    const reportFile = path.join(work, 'report.json');
    writeFileSync(fileList, files.join('\n'));
    const run = await runJava({
      classPath: classPath(SCANNER_LIB, APPEXCHANGE_LIB),
      mainClass: MAIN_CLASS,
      args: ['check', '--no-cache', '--no-progress', '--rulesets', PMD_RULESETS.join(','), '--file-list', fileList, '--format', 'json', '--report-file', reportFile],
    });
    if (!RAN.has(run.status ?? -1)) throw new Error(`PMD exited with ${run.status}:\n${run.stderr}`);
    // ms: the whole run, conversion included.
    return { ...readReport(reportFile, sourceOfConverted), ms: Date.now() - started };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Converts a source folder to metadata format in outDir; returns [converted file, source file] for the files PMD's `sfmetadata` language reads. */
async function convertToMetadata(sourceDir, outDir) {
  const components = await ComponentSet.fromSource(sourceDir);
  const result = await new MetadataConverter().convert(components, 'metadata', { type: 'directory', outputDirectory: outDir, genUniqueDir: false });
  const sources = new Map();
  for (const c of components.getSourceComponents()) {
    sources.set(`${c.type.name}:${c.fullName}`, c.xml);
    // A field on a standard object (ContentVersion.Parley_Key__c) converts into an
    // objects/ContentVersion.object that has no source file of its own: its
    // source is the object's folder (a component's own entry, set above, wins).
    const parentKey = c.parent && `${c.parent.type.name}:${c.parent.fullName}`;
    if (parentKey && !sources.has(parentKey) && c.xml) sources.set(parentKey, path.dirname(path.dirname(c.xml)));
  }
  return (result.converted ?? [])
    .filter((c) => c.xml && !c.xml.endsWith('.xml')) // Apex and LWC meta files stay XML: the source copies are read instead.
    .map((c) => [c.xml, sources.get(`${c.type.name}:${c.fullName}`) ?? c.xml]);
}

function readReport(reportFile, sourceOfConverted) {
  /** @type {{ files: Array<{ filename: string, violations: Array<{ beginline: number, endline: number, rule: string, ruleset: string, priority: number, description: string }> }>, processingErrors: Array<{ filename: string, message: string }>, configurationErrors: Array<{ rule: string, ruleset: string, message: string }> }} */
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const violations = report.files.flatMap((f) => {
    const lines = readFileSync(f.filename, 'utf8').split('\n');
    const source = sourceOfConverted.get(f.filename);
    return f.violations.map((v) => ({
      file: path.relative(ROOT, source ?? f.filename),
      line: v.beginline,
      rule: v.rule,
      ruleset: v.ruleset,
      priority: v.priority,
      message: v.description.trim(),
      source: lines.slice(v.beginline - 1, v.endline).join('\n'),
      ...(source ? { converted: `${path.basename(path.dirname(f.filename))}/${path.basename(f.filename)}:${v.beginline}` } : {}),
    }));
  });
  violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
  const errors = [
    ...(report.processingErrors ?? []).map((e) => `${path.relative(ROOT, sourceOfConverted.get(e.filename) ?? e.filename)}: PMD could not process it: ${e.message}`),
    ...(report.configurationErrors ?? []).map((e) => `${e.ruleset}/${e.rule}: PMD could not run it: ${e.message}`),
  ];
  return { violations, errors };
}

/** Splits PMD's violations by its list (false-positives.mjs); an entry's match may be in the message or the flagged lines. */
export const applyFalsePositives = (violations, entries) => splitByList(violations, entries, (v) => `${v.message}\n${v.source}`);

/** The checked-in PMD false positives. */
export const readFalsePositives = (file = FALSE_POSITIVES_FILE) => readList(file);

/** One line per violation: file:line rule (ruleset): message, with the converted metadata file when that is where PMD saw it. */
export function formatPmdViolation(v) {
  return `${v.file}:${v.line} ${v.rule} (${v.ruleset}): ${v.message}${v.converted ? ` [as metadata: ${v.converted}]` : ''}`;
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

