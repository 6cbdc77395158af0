// Types for apex-ls.mjs (imported by test/force-app/apex-ls.test.ts).
export interface ApexFinding {
  /** Relative to the project folder. */
  file: string;
  line: number;
  column: number;
  /** apex-ls's category: Syntax, Error, Missing… */
  category: string;
  message: string;
}
export function checkApex(options?: { projectDir?: string }): Promise<{ findings: ApexFinding[]; ms: number }>;
export function formatApexFinding(finding: ApexFinding): string;
