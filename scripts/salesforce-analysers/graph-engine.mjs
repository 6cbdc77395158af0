// Salesforce Graph Engine (SFGE) over Salesforce source, offline: the data-flow
// analyser the AppExchange security review runs as `sf scanner run dfa`. It
// builds a graph of every Apex class, walks every path from each entry point
// (@AuraEnabled, @InvocableMethod, global and web-service methods…) and, with
// ApexFlsViolationRule, reports each SOQL query or DML statement that some path
// reaches without a CRUD/FLS check (WITH USER_MODE, stripInaccessible, a
// describe check…).
//
// The engine ships as jars in @salesforce/sfdx-scanner (dist/sfge/lib). This
// runs it the way the scanner's own SfgeWrapper does: an input JSON naming the
// target files, the source folders and the rules, then
// `java -cp dist/sfge/lib/* com.salesforce.Main execute <input>`. Every .cls
// and .trigger is a target, so the engine finds the entry points itself.
//
// Test classes are left out of the graph: @IsTest code is never an entry
// point and production code cannot call it, and without it the graph is
// about half the size and the run about twice as fast. Each source folder is
// copied without them to a temporary folder, and findings are reported
// against the original files.
//
// An entry point the engine cannot walk (a construct it does not model)
// becomes an "InternalExecutionError" instead of a finding: nothing on that
// path was checked. Those are returned apart (internalErrors), since they are
// not FLS problems but must be zero too.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyFalsePositives as splitByList, readFalsePositives as readList } from './false-positives.mjs';
import { classPath, ROOT, runJava } from './java.mjs';

export const SFGE_LIB = path.join(ROOT, 'node_modules/@salesforce/sfdx-scanner/dist/sfge/lib');

export const FALSE_POSITIVES_FILE = path.join(ROOT, 'config/security-review/graph-engine-false-positives.json');

export const DEFAULT_RULES = ['ApexFlsViolationRule'];

const MAIN_CLASS = 'com.salesforce.Main';

/** Exit statuses by the engine's own convention: 0 nothing found, 4 violations found. Anything else: it did not finish. */
const RAN = new Set([0, 4]);

/** The engine prints its findings as JSON between these markers on stdout. */
const VIOLATIONS_START = 'VIOLATIONS_START';
const VIOLATIONS_END = 'VIOLATIONS_END';

/** Its log names each entry point once its rules finished with it: "Finished. method=ParleyPanelController:startSession:48". */
const FINISHED_ENTRY_POINT = /Finished\. method=([^:\s]+):([^:\s]+):(\d+)/g;

const SOURCE_FILE = /\.(cls|trigger)$/;

/**
 * Runs the Graph Engine once over one or more source folders (force-app, or
 * a test fixture beside it) and returns:
 * - violations: { file (relative to the repo), line, entryPoint
 *   ("Class.method"), rule, message }, one per finding of the rules run;
 * - internalErrors: { file, line, entryPoint, message } for each entry point
 *   the engine gave up on (its stack trace's first frames in the message);
 * - entryPoints: "Class.method" of every entry point it walked to the end,
 *   sorted;
 * - ms: the run's wall time.
 * Throws when Java is missing or the engine did not finish.
 */
export async function runGraphEngine({ sourceDirs = [path.join(ROOT, 'force-app')], rules = DEFAULT_RULES } = {}) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'parley-sfge-'));
  try {
    /** Copied folder → original folder, to report findings against the original files. */
    const originals = new Map();
    const projectDirs = sourceDirs.map((dir, i) => {
      const copy = path.join(work, `source-${i}`);
      cpSync(dir, copy, { recursive: true, filter: (file) => !isTestClass(file) });
      originals.set(copy, dir);
      return copy;
    });
    const targets = projectDirs.flatMap((dir) => walk(dir).filter((file) => SOURCE_FILE.test(file)));
    const input = path.join(work, 'input.json');
    writeFileSync(
      input,
      JSON.stringify({
        targets: targets.map((targetFile) => ({ targetFile, targetMethods: [] })),
        projectDirs,
        rulesToRun: rules,
      }),
    );
    const original = (file) => {
      for (const [copy, dir] of originals) if (file.startsWith(copy + path.sep)) return path.join(dir, path.relative(copy, file));
      return file;
    };
    const log = path.join(work, 'sfge.log');
    // The engine's run is long enough for the JIT's optimising tier to pay off.
    const run = await runJava({ classPath: classPath(SFGE_LIB), mainClass: MAIN_CLASS, args: ['execute', input], jvmOptions: ['-Dsfge_log_name=' + log], quickJit: false });
    if (!RAN.has(run.status)) {
      throw new Error(`The Graph Engine did not finish (exit ${run.status}): ${tail(run.stderr || run.stdout)}`);
    }
    const findings = parseFindings(run.stdout);
    const ruleSet = new Set(rules);
    const violations = findings.filter((f) => ruleSet.has(f.ruleName)).map((f) => toViolation(f, original)).sort(byPlace);
    const internalErrors = findings.filter((f) => !ruleSet.has(f.ruleName)).map((f) => toInternalError(f, original)).sort(byPlace);
    const entryPoints = [...new Set([...readFileSync(log, 'utf8').matchAll(FINISHED_ENTRY_POINT)].map((m) => `${m[1]}.${m[2]}`))].sort();
    return { violations, internalErrors, entryPoints, ms: run.ms };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Splits the engine's violations by its list (false-positives.mjs). */
export const applyFalsePositives = (violations, entries) => splitByList(violations, entries);

/** The checked-in Graph Engine false positives. */
export const readFalsePositives = (file = FALSE_POSITIVES_FILE) => readList(file);

/** One line per finding: file:line (from entry point) rule: message. */
export function formatGraphFinding(f) {
  return `${f.file}:${f.line} (from ${f.entryPoint}) ${f.rule ?? 'InternalExecutionError'}: ${f.message}`;
}

/** The engine's JSON findings from its stdout; none when it printed no list. */
function parseFindings(stdout) {
  const start = stdout.indexOf(VIOLATIONS_START);
  if (start === -1) return [];
  const end = stdout.indexOf(VIOLATIONS_END, start);
  return JSON.parse(stdout.slice(start + VIOLATIONS_START.length, end)) ?? [];
}

/** The sink (the query or DML statement) is where a reviewer looks; the entry point says which path reached it. */
function toViolation(f, original) {
  return {
    file: relative(original(f.sinkFileName || f.sourceFileName)),
    line: f.sinkLineNumber ?? f.sourceLineNumber,
    entryPoint: `${f.sourceType}.${f.sourceVertexName}`,
    rule: f.ruleName,
    message: f.message,
  };
}

/** An internal error has no sink: it is reported at the entry point, with the engine's own exception (its `details`) as the message. */
function toInternalError(f, original) {
  return {
    file: relative(original(f.sourceFileName)),
    line: f.sourceLineNumber,
    entryPoint: `${f.sourceType}.${f.sourceVertexName}`,
    message: f.details || f.message,
  };
}

function byPlace(a, b) {
  return a.file.localeCompare(b.file) || a.line - b.line || a.entryPoint.localeCompare(b.entryPoint) || a.message.localeCompare(b.message);
}

/** An Apex class annotated @IsTest, or its -meta.xml: the annotation before the class keyword, comments aside. */
function isTestClass(file) {
  const apex = file.replace(/-meta\.xml$/, '');
  if (!apex.endsWith('.cls') || !existsSync(apex)) return false;
  const code = readFileSync(apex, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  return /^\s*@IsTest\b[^{;]*\bclass\b/i.test(code);
}

function relative(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

function tail(text) {
  return text.trim().split('\n').slice(-20).join('\n');
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
