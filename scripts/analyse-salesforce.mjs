// `npm run analyse:salesforce`: Salesforce's own analysers over the package,
// offline, as test/force-app/apex-ls.test.ts and pmd.test.ts run them in
// `npm test`, with a report a person reads: apex-ls type errors, then PMD
// violations (AppExchange security rules included), the justified ones with
// their reason from config/security-review/pmd-false-positives.json, and
// entries there that match nothing. Exits 1 when anything needs fixing.
import path from 'node:path';
import { checkApex, formatApexFinding } from './salesforce-analysers/apex-ls.mjs';
import { ROOT } from './salesforce-analysers/java.mjs';
import { applyFalsePositives, FALSE_POSITIVES_FILE, formatPmdViolation, PMD_RULESETS, readFalsePositives, runPmd } from './salesforce-analysers/pmd.mjs';

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// Both JVMs at once: the slower one sets the wall time.
const [apex, pmd] = await Promise.all([checkApex(), runPmd()]);
const falsePositives = readFalsePositives();
const { unjustified, justified, stale } = applyFalsePositives(pmd.violations, falsePositives);

console.log(`apex-ls type checking (${seconds(apex.ms)}): ${apex.findings.length} error(s)`);
for (const finding of apex.findings) console.log(`  ${formatApexFinding(finding)}`);

console.log(`\nPMD (${seconds(pmd.ms)}), ${PMD_RULESETS.join(', ')}:`);
console.log(`  ${unjustified.length} violation(s) to fix`);
for (const v of unjustified) console.log(`    ${formatPmdViolation(v)}`);
console.log(`  ${justified.length} justified in ${path.relative(ROOT, FALSE_POSITIVES_FILE)}`);
for (const { violation, entry } of justified) console.log(`    ${formatPmdViolation(violation)}\n      why: ${entry.reason}`);
if (stale.length > 0) {
  console.log(`  ${stale.length} false-positive entr${stale.length === 1 ? 'y matches' : 'ies match'} no violation any more: remove ${stale.length === 1 ? 'it' : 'them'}`);
  for (const e of stale) console.log(`    ${e.rule} in ${e.file} ("${e.match}")`);
}
if (pmd.errors.length > 0) {
  console.log(`  ${pmd.errors.length} file(s) or rule(s) PMD could not run:`);
  for (const error of pmd.errors) console.log(`    ${error}`);
}

const failed = apex.findings.length + unjustified.length + stale.length + pmd.errors.length;
console.log(failed === 0 ? '\nClean.' : `\n${failed} thing(s) to fix.`);
process.exitCode = failed === 0 ? 0 : 1;
