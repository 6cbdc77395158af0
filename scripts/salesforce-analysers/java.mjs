// Java for Salesforce's analysers: apex-ls and PMD are Java programs, shipped
// as jars inside the @salesforce/sfdx-scanner npm package (no network, no sf
// CLI). This module finds a Java runtime that can run them and builds their
// class paths; apex-ls.mjs and pmd.mjs run them through runJava().
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const SCANNER = path.join(ROOT, 'node_modules/@salesforce/sfdx-scanner');

/** PMD 7 and apex-ls with their dependencies (the scanner's own run of PMD uses this folder). */
export const SCANNER_LIB = path.join(SCANNER, 'dist/pmd7/lib');

/** The AppExchange security rules (Apex, Salesforce metadata, XML…) and the `sfmetadata` language they need. */
export const APPEXCHANGE_LIB = path.join(SCANNER, 'pmd-appexchange/lib');

/** The scanner these jars come from refuses Java older than 11 ("Install Java 11 or later"); CI installs 17. */
export const MIN_JAVA = 11;

/** findJava's answer, once per process: each analyser run would otherwise start one more JVM just to ask its version. */
let found;

/**
 * The Java runtime to use: $JAVA_HOME/bin/java when JAVA_HOME is set, else
 * `java` on the PATH. Throws an Error that says what to install when there is
 * none or it is too old, so a test fails with that sentence rather than with
 * a spawn error.
 */
export function findJava() {
  found ??= probeJava();
  return found;
}

function probeJava() {
  const fromHome = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : null;
  const command = fromHome && existsSync(fromHome) ? fromHome : 'java';
  // `java -version` answers on stderr.
  const probe = spawnSync(command, ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `Java ${MIN_JAVA}+ is needed to run Salesforce's analysers (apex-ls, PMD) and none was found ` +
        `(${fromHome ? `JAVA_HOME=${process.env.JAVA_HOME}, ` : ''}tried "${command}": ${probe.error?.message ?? probe.stderr.trim()}). ` +
        'Install it (Debian: apt-get install openjdk-17-jre-headless, as .ci/run does) or set JAVA_HOME.',
    );
  }
  const version = javaMajorVersion(probe.stderr);
  if (version === null || version < MIN_JAVA) {
    throw new Error(`Java ${MIN_JAVA}+ is needed to run Salesforce's analysers; "${command}" is ${version ?? 'of unknown version'}: ${probe.stderr.split('\n')[0]}`);
  }
  return { command, version };
}

/** The major version from `java -version` output: `openjdk version "17.0.15"` → 17, `"1.8.0_392"` → 8. */
export function javaMajorVersion(versionOutput) {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return null;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

/** A class path of every jar in these folders (Java expands `dir/*` itself), after checking the folders exist. */
export function classPath(...dirs) {
  for (const dir of dirs) {
    if (!existsSync(dir)) {
      throw new Error(`${path.relative(ROOT, dir)} is missing: run npm ci (the jars come with the @salesforce/sfdx-scanner dev dependency).`);
    }
  }
  return dirs.map((dir) => path.join(dir, '*')).join(path.delimiter);
}

/**
 * The analysers run for seconds, then exit: the JIT's optimising tier (C2)
 * would spend that time compiling code the run is nearly done with. Stopping
 * at the quick tier (C1) halves their CPU time (apex-ls over force-app: 8.5 s
 * of CPU down to 3.8 s; PMD: 9.7 s down to 5.1 s).
 */
const QUICK_JIT = ['-XX:TieredStopAtLevel=1'];

/**
 * Runs one Java program to completion and resolves to its exit status and
 * output. Asynchronous, so apex-ls and PMD (or a run over a fixture) can run
 * side by side. The analysers print their findings as JSON on stdout or to a
 * report file; stderr carries their logging, kept for error messages.
 * `jvmOptions` go before the class path (system properties); `quickJit: false`
 * gives a long run (the Graph Engine) the optimising tier back.
 */
export function runJava({ classPath: cp, mainClass, args, cwd = ROOT, jvmOptions = [], quickJit = true }) {
  const { command } = findJava();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...(quickJit ? QUICK_JIT : []), ...jvmOptions, '-cp', cp, mainClass, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, ms: Date.now() - started }));
  });
}
