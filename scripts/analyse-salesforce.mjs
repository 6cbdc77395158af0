// `npm run analyse:salesforce`: Salesforce's own analysers over the package,
// offline, as test/force-app/apex-ls.test.ts and pmd.test.ts run them in
// `npm test`, with a report a person reads: apex-ls type errors, then PMD
// violations (AppExchange security rules included), the justified ones with
// their reason from config/security-review/pmd-false-positives.json, and
// entries there that match nothing; then the Graph Engine's ApexFlsViolationRule
// (test/force-app/graph-engine.test.ts) the same way, with
// config/security-review/graph-engine-false-positives.json. Exits 1 when
// anything needs fixing.
import path from 'node:path';
import { checkApex, formatApexFinding } from './salesforce-analysers/apex-ls.mjs';
import { ROOT } from './salesforce-analysers/java.mjs';
import { applyFalsePositives, FALSE_POSITIVES_FILE, formatPmdViolation, PMD_RULESETS, readFalsePositives, runPmd } from './salesforce-analysers/pmd.mjs';
import * as graphEngine from './salesforce-analysers/graph-engine.mjs';

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// Both JVMs at once: the slower one sets the wall time.
const [apex, pmd, graph] = await Promise.all([checkApex(), runPmd(), graphEngine.runGraphEngine()]);
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

// Graph Engine (ApexFlsViolationRule): entry points it could not walk, then findings as for PMD.
const graphSplit = graphEngine.applyFalsePositives(graph.violations, graphEngine.readFalsePositives());
console.log(`\nGraph Engine (${seconds(graph.ms)}), ${graphEngine.DEFAULT_RULES.join(', ')} over ${graph.entryPoints.length} entry point(s):`);
console.log(`  ${graph.internalErrors.length} entry point(s) it could not walk`);
for (const e of graph.internalErrors) console.log(`    ${graphEngine.formatGraphFinding(e)}`);
console.log(`  ${graphSplit.unjustified.length} violation(s) to fix`);
for (const v of graphSplit.unjustified) console.log(`    ${graphEngine.formatGraphFinding(v)}`);
console.log(`  ${graphSplit.justified.length} justified in ${path.relative(ROOT, graphEngine.FALSE_POSITIVES_FILE)}`);
for (const { violation, entry } of graphSplit.justified) console.log(`    ${graphEngine.formatGraphFinding(violation)}\n      why: ${entry.reason}`);
for (const e of graphSplit.stale) console.log(`  stale entry, remove it: ${e.rule} in ${e.file} ("${e.match}")`);

const failed =
  apex.findings.length + unjustified.length + stale.length + pmd.errors.length + graph.internalErrors.length + graphSplit.unjustified.length + graphSplit.stale.length;
console.log(failed === 0 ? '\nClean.' : `\n${failed} thing(s) to fix.`);
process.exitCode = failed === 0 ? 0 : 1;
