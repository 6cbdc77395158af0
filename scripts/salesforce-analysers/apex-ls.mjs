// apex-ls (github.com/apex-dev-tools/apex-ls, the Apex language server's
// engine) type-checks a whole Salesforce project offline: every class,
// trigger and SObject field reference resolved against the platform's types,
// like the compiler an org runs at deploy time. Its command-line entry point,
// CheckForIssues, ships in the @salesforce/sfdx-scanner jars; it needs the
// project's sfdx-project.json, whose package directories it reads.
import path from 'node:path';
import { classPath, ROOT, runJava, SCANNER_LIB } from './java.mjs';

const MAIN_CLASS = 'io.github.apexdevtools.apexls.CheckForIssues';

/** CheckForIssues exits 4 when it reports something; anything else but 0 means it did not run. */
const ISSUES_FOUND = 4;

/**
 * Runs apex-ls full type checking over a project (a folder with an
 * sfdx-project.json) in one JVM, at its default detail level: errors only
 * (syntax, missing types, methods and fields, bad project configuration), no
 * style warnings. Findings are sorted by file and line; `file` is relative to
 * the project.
 */
export async function checkApex({ projectDir = ROOT } = {}) {
  // -n: no cache, so nothing is written under $HOME and every run checks from scratch.
  const run = await runJava({
    classPath: classPath(SCANNER_LIB),
    mainClass: MAIN_CLASS,
    args: ['--workspace', projectDir, '--format', 'json', '--nocache'],
    cwd: projectDir,
  });
  if (run.status !== 0 && run.status !== ISSUES_FOUND) {
    throw new Error(`apex-ls exited with ${run.status}:\n${run.stderr || run.stdout}`);
  }
  /** @type {{ files: Array<{ path: string, messages: Array<{ start: { line: number, offset: number }, category: string, message: string }> }> }} */
  const report = JSON.parse(run.stdout);
  const findings = report.files.flatMap((file) =>
    file.messages.map((m) => ({
      file: path.relative(projectDir, file.path) || file.path,
      line: m.start.line,
      column: m.start.offset + 1,
      category: m.category,
      message: m.message,
    })),
  );
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  if (run.status === ISSUES_FOUND && findings.length === 0) {
    throw new Error(`apex-ls reported issues but its JSON listed none:\n${run.stdout}\n${run.stderr}`);
  }
  return { findings, ms: run.ms };
}

/** One line per finding, as a reader looks them up: file:line:column category: message. */
export function formatApexFinding(f) {
  return `${f.file}:${f.line}:${f.column} ${f.category}: ${f.message}`;
}
