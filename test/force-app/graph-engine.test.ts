// Salesforce Graph Engine over the package, offline, with the rule the
// AppExchange security review runs it for: ApexFlsViolationRule, which walks
// every path from every entry point to each query and DML statement and
// reports those no CRUD/FLS check guards. The engine must walk every entry
// point to its end (an internal error means a path went unchecked), every
// finding in force-app is fixed or justified in
// config/security-review/graph-engine-false-positives.json, and every entry
// there still matches a finding. The same run reads a fixture with an
// unchecked query, which proves the rule really ran.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyFalsePositives,
  type FalsePositive,
  formatGraphFinding,
  type GraphInternalError,
  type GraphViolation,
  readFalsePositives,
  runGraphEngine,
} from '../../scripts/salesforce-analysers/graph-engine.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FORCE_APP = path.join(ROOT, 'force-app');
const UNCHECKED_SOURCE = path.join(ROOT, 'test/fixtures/salesforce/graph-engine/force-app');
const UNCHECKED_CLASS = 'test/fixtures/salesforce/graph-engine/force-app/main/default/classes/UncheckedContactReader.cls';

/**
 * "Class.method" of every @AuraEnabled and @InvocableMethod method in a
 * source folder, read from the Apex text (comments dropped, so a comment
 * naming an annotation does not count).
 */
function annotatedEntryPoints(dir: string): string[] {
  const found: string[] = [];
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.cls'));
  for (const file of files) {
    const code = readFileSync(path.join(dir, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const className = path.basename(file, '.cls');
    // The annotation, its optional (…) arguments (quoted strings may hold parentheses), modifiers and return
    // type, then the method name before "(".
    const method = /@(?:AuraEnabled|InvocableMethod)\b(?:\s*\((?:'(?:\\.|[^'\\])*'|[^')])*\))?\s+(?:[\w<>,\s.]+?\s)?(\w+)\s*\(/g;
    for (const match of code.matchAll(method)) found.push(`${className}.${match[1]}`);
  }
  return found.sort();
}

describe('Graph Engine (ApexFlsViolationRule) over every entry point', () => {
  let internalErrors: GraphInternalError[];
  let entryPoints: string[];
  let packageViolations: GraphViolation[];
  let fixtureViolations: GraphViolation[];
  let falsePositives: FalsePositive[];

  beforeAll(async () => {
    const run = await runGraphEngine({ sourceDirs: [FORCE_APP, UNCHECKED_SOURCE] });
    internalErrors = run.internalErrors;
    entryPoints = run.entryPoints;
    packageViolations = run.violations.filter((v) => v.file.startsWith('force-app/'));
    fixtureViolations = run.violations.filter((v) => v.file.startsWith('test/fixtures/salesforce/graph-engine/'));
    falsePositives = readFalsePositives();
    // The engine builds a graph of every class, then walks each entry point's paths:
    // about 45 s on a quiet two-core machine, longer on a busy CI runner.
  }, 300_000);

  it('walks every entry point to its end, with no internal error', () => {
    expect(internalErrors.map(formatGraphFinding)).toEqual([]);
  });

  it("walks every @AuraEnabled and @InvocableMethod method of force-app's Apex", () => {
    const annotated = annotatedEntryPoints(FORCE_APP);
    // Guards the reader above: the panel, setup and Flow entry points are all there.
    expect(annotated).toEqual(
      expect.arrayContaining(['ParleyPanelController.getRecordContext', 'ParleySetupController.checkConnection', 'StartParleySessionAction.start']),
    );
    expect(entryPoints).toEqual(expect.arrayContaining(annotated));
  });

  it('finds nothing in force-app that the false-positive file does not justify', () => {
    const { unjustified } = applyFalsePositives(packageViolations, falsePositives);
    expect(unjustified.map(formatGraphFinding)).toEqual([]);
  });

  it('has no false-positive entry left that matches no finding', () => {
    const { stale } = applyFalsePositives(packageViolations, falsePositives);
    expect(stale).toEqual([]);
  });

  it('catches the unchecked query in the fixture', () => {
    expect(entryPoints).toContain('UncheckedContactReader.emailsOf');
    expect(fixtureViolations.map((v) => `${v.file}:${v.line} ${v.entryPoint} ${v.message}`)).toEqual([
      `${UNCHECKED_CLASS}:10 UncheckedContactReader.emailsOf FLS validation is missing for [READ] operation on [Contact] with field(s) [AccountId,Email].`,
    ]);
  });
});

describe('Graph Engine false-positive entries', () => {
  const violation = (file: string, message: string): GraphViolation => ({ file, line: 1, entryPoint: 'A.run', rule: 'ApexFlsViolationRule', message });

  it('cover only their rule, file and message text, and report the entries that cover nothing', () => {
    const entry = { rule: 'ApexFlsViolationRule', file: 'force-app/A.cls', match: 'stripInaccessible', reason: 'Only stripped records are used.' };
    const unused = { rule: 'ApexFlsViolationRule', file: 'force-app/Gone.cls', match: 'anything', reason: 'The class was deleted.' };
    const covered = violation('force-app/A.cls', 'For stripInaccessible checks on READ operation');
    const otherFile = violation('force-app/B.cls', 'For stripInaccessible checks on READ operation');
    const otherText = violation('force-app/A.cls', 'FLS validation is missing for [READ] operation on [Contact]');
    const otherRule = { ...covered, rule: 'ApexNullPointerExceptionRule' };

    const result = applyFalsePositives([covered, otherFile, otherText, otherRule], [entry, unused]);

    expect(result.justified).toEqual([{ violation: covered, entry }]);
    expect(result.unjustified).toEqual([otherFile, otherText, otherRule]);
    expect(result.stale).toEqual([unused]);
  });

  it('gives every entry a reason in a sentence', () => {
    for (const entry of readFalsePositives()) {
      expect(entry.reason, `${entry.rule} in ${entry.file}`).toMatch(/^[A-Z].{30,}\.$/s);
    }
  });
});
