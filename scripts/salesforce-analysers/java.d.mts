// Types for java.mjs (imported by the Node tests through apex-ls.mjs and pmd.mjs).
export const ROOT: string;
export const SCANNER_LIB: string;
export const APPEXCHANGE_LIB: string;
export const MIN_JAVA: number;
export function findJava(): { command: string; version: number };
export function javaMajorVersion(versionOutput: string): number | null;
export function classPath(...dirs: string[]): string;
export function runJava(options: { classPath: string; mainClass: string; args: string[]; cwd?: string; jvmOptions?: string[]; quickJit?: boolean }): Promise<{
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}>;
