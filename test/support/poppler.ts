// poppler's pdfsig as a second, independent oracle on sealed PDFs: the tests
// that ask it run where it is installed and are skipped, with the reason in
// their name, where it is not, so that `npm test` passes on a fresh machine
// (the in-process verifier, test/support/pades-verifier.ts, always runs).
// CI must not skip them silently: with PARLEY_REQUIRE_PDFSIG=1 (.ci/run sets
// it) a missing pdfsig fails the tests instead.
//
// PARLEY_PDFSIG names the program (default "pdfsig" on the PATH); pointing it
// at a path that does not exist shows what a machine without poppler does:
//   PARLEY_PDFSIG=/nonexistent npx vitest run --project node test/node/documents
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

export const PDFSIG = process.env.PARLEY_PDFSIG || 'pdfsig';
export const PDFSIG_REQUIRED = process.env.PARLEY_REQUIRE_PDFSIG === '1';
const INSTALL_HINT = 'apt-get install -y poppler-utils';

/** pdfsig answers here: it could be started (its exit code for "-v" varies between versions, so only ENOENT and the like count). */
export const pdfsigInstalled: boolean = !spawnSync(PDFSIG, ['-v'], { stdio: 'ignore', timeout: 20_000 }).error;

/** Skip the pdfsig tests: it is missing and not required. */
export const skipPdfsig = !pdfsigInstalled && !PDFSIG_REQUIRED;

/** Why the pdfsig tests run or not, for their describe() name. */
export const pdfsigStatus = pdfsigInstalled
  ? `${PDFSIG} installed`
  : PDFSIG_REQUIRED
    ? `${PDFSIG} MISSING but PARLEY_REQUIRE_PDFSIG=1: these fail (${INSTALL_HINT})`
    : `skipped: ${PDFSIG} is not installed (${INSTALL_HINT} to run them; the in-process verifier ran)`;

const run = promisify(execFile);

/** pdfsig's report on the file at `file` (stdout and stderr; it exits non-zero for some invalid signatures, whose report is still the answer). */
export async function pdfsig(file: string): Promise<string> {
  try {
    const { stdout, stderr } = await run(PDFSIG, [file], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    return stdout + stderr;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${PDFSIG} is not installed (${INSTALL_HINT}), and PARLEY_REQUIRE_PDFSIG=1 requires it`);
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}
