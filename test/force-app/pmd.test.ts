// PMD 7 over the package, offline, with the rules an AppExchange security
// review runs: PMD's Apex security and error-prone categories and the
// AppExchange Apex, Salesforce-metadata and XML security rules (all from the
// @salesforce/sfdx-scanner jars). Every violation in force-app is fixed or
// justified in config/security-review/pmd-false-positives.json, and every
// entry there still matches a violation. One PMD run reads force-app and a
// fixture that breaks each rule set, which proves the rules really ran.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyFalsePositives,
  type FalsePositive,
  formatPmdViolation,
  type PmdViolation,
  readFalsePositives,
  runPmd,
} from '../../scripts/salesforce-analysers/pmd.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FORCE_APP = path.join(ROOT, 'force-app');
const UNSAFE_SOURCE = path.join(ROOT, 'test/fixtures/salesforce/pmd/force-app');
const UNSAFE_CLASS = 'test/fixtures/salesforce/pmd/force-app/main/default/classes/UnsafeContactSearch.cls';
const UNSAFE_SITE = 'test/fixtures/salesforce/pmd/force-app/main/default/remoteSiteSettings/Plain_Http_Site.remoteSite-meta.xml';

describe('PMD with the AppExchange security rules', () => {
  let errors: string[];
  let packageViolations: PmdViolation[];
  let fixtureViolations: PmdViolation[];
  let falsePositives: FalsePositive[];

  beforeAll(async () => {
    const run = await runPmd({ sourceDirs: [FORCE_APP, UNSAFE_SOURCE] });
    errors = run.errors;
    packageViolations = run.violations.filter((v) => v.file.startsWith('force-app/'));
    fixtureViolations = run.violations.filter((v) => v.file.startsWith('test/fixtures/salesforce/pmd/'));
    falsePositives = readFalsePositives();
  }, 120_000); // One JVM and a metadata conversion: seconds on a quiet machine, more on a busy CI runner.

  it('parses every file and runs every rule', () => {
    expect(errors).toEqual([]);
  });

  it('finds nothing in force-app that the false-positive file does not justify', () => {
    const { unjustified } = applyFalsePositives(packageViolations, falsePositives);
    expect(unjustified.map(formatPmdViolation)).toEqual([]);
  });

  it('has no false-positive entry left that matches no violation', () => {
    const { stale } = applyFalsePositives(packageViolations, falsePositives);
    expect(stale).toEqual([]);
  });

  it('catches what each rule set is for in the unsafe fixture', () => {
    const found = fixtureViolations.map((v) => `${v.file}:${v.line} ${v.rule}`);
    expect(found).toEqual(
      expect.arrayContaining([
        `${UNSAFE_CLASS}:6 ApexSOQLInjection`, // category/apex/security.xml
        `${UNSAFE_CLASS}:11 ApexCRUDViolation`, // category/apex/security.xml
        `${UNSAFE_CLASS}:16 AvoidHardcodingId`, // category/apex/errorprone.xml
        `${UNSAFE_CLASS}:22 AvoidHardcodedCredentialsInHttpHeader`, // AppExchange Apex
        `${UNSAFE_SITE}:8 AvoidInsecureHttpRemoteSiteSetting`, // AppExchange metadata, on the converted file
        `${UNSAFE_SITE}:8 AvoidInsecureHttpRemoteSiteSettingInXML`, // AppExchange XML, on the source file
      ]),
    );
  });
});

describe('the false-positive list', () => {
  const violation = (rule: string, file: string, message: string, source = ''): PmdViolation => ({
    file,
    line: 3,
    rule,
    ruleset: 'Security',
    priority: 3,
    message,
    source,
  });

  it('covers a violation only with its rule, its file and its text, and reports the entries that cover nothing', () => {
    const entry = { rule: 'ApexCRUDViolation', file: 'force-app/A.cls', match: 'Database.query(safe)', reason: 'Checked before.' };
    const unused = { rule: 'ApexCRUDViolation', file: 'force-app/Gone.cls', match: 'anything', reason: 'The class was deleted.' };
    const covered = violation('ApexCRUDViolation', 'force-app/A.cls', 'Validate CRUD', 'return Database.query(safe);');
    const otherRule = violation('ApexSOQLInjection', 'force-app/A.cls', 'Avoid untrusted', 'return Database.query(safe);');
    const otherFile = violation('ApexCRUDViolation', 'force-app/B.cls', 'Validate CRUD', 'return Database.query(safe);');
    const otherText = violation('ApexCRUDViolation', 'force-app/A.cls', 'Validate CRUD', 'insert contacts;');

    const result = applyFalsePositives([covered, otherRule, otherFile, otherText], [entry, unused]);

    expect(result.justified).toEqual([{ violation: covered, entry }]);
    expect(result.unjustified).toEqual([otherRule, otherFile, otherText]);
    expect(result.stale).toEqual([unused]);
  });

  it('gives every entry a reason in a sentence', () => {
    for (const entry of readFalsePositives()) {
      expect(entry.reason, `${entry.rule} in ${entry.file}`).toMatch(/^[A-Z].{30,}\.$/s);
    }
  });
});
