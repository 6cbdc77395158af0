// apex-ls full type checking over the package, offline: the Apex language
// server's engine (from the @salesforce/sfdx-scanner jars) resolves every
// type, method and field reference in force-app against the platform's
// types and the project's own objects, as an org's compiler would at deploy
// time, and checks sfdx-project.json. Needs Java (CI installs it). A second
// run over a fixture that does not compile proves the check can fail.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApexFinding, checkApex, formatApexFinding } from '../../scripts/salesforce-analysers/apex-ls.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BROKEN_PROJECT = path.join(ROOT, 'test/fixtures/salesforce/apex-ls');

describe('apex-ls type checking', () => {
  let project: ApexFinding[];
  let broken: ApexFinding[];

  beforeAll(async () => {
    // Two JVMs side by side: the project and the fixture.
    const [projectRun, brokenRun] = await Promise.all([checkApex(), checkApex({ projectDir: BROKEN_PROJECT })]);
    project = projectRun.findings;
    broken = brokenRun.findings;
  }, 120_000); // A JVM each: seconds on a quiet machine, more on a busy CI runner.

  it('finds no errors in the project (force-app and sfdx-project.json)', () => {
    expect(project.map(formatApexFinding)).toEqual([]);
  });

  it('reports the missing type and the wrong String method in a fixture that parses but does not compile', () => {
    const file = 'force-app/main/default/classes/MisspelledCalls.cls';
    expect(broken.map((f) => `${f.file}:${f.line} ${f.category}: ${f.message}`)).toEqual(
      expect.arrayContaining([
        `${file}:6 Missing: No type declaration found for 'Schema.Parley_Sesion__c'`,
        `${file}:7 Missing: No matching method found for 'trimAll' on 'System.String' taking no arguments`,
      ]),
    );
  });
});
