// Types for pmd.mjs (imported by test/force-app/pmd.test.ts).
import type { FalsePositive } from './false-positives.mjs';
export type { FalsePositive };
export interface PmdViolation {
  /** The source file, relative to the repo (for a metadata-format finding: its component's source file). */
  file: string;
  line: number;
  rule: string;
  ruleset: string;
  priority: number;
  message: string;
  /** The text of the flagged lines. */
  source: string;
  /** Where PMD saw a metadata-format finding: "objects/X.object:12". */
  converted?: string;
}
export const PMD_RULESETS: string[];
export const FALSE_POSITIVES_FILE: string;
export function runPmd(options?: { sourceDirs?: string[] }): Promise<{ violations: PmdViolation[]; errors: string[]; ms: number }>;
export function applyFalsePositives(
  violations: PmdViolation[],
  entries: FalsePositive[],
): { unjustified: PmdViolation[]; justified: Array<{ violation: PmdViolation; entry: FalsePositive }>; stale: FalsePositive[] };
export function readFalsePositives(file?: string): FalsePositive[];
export function formatPmdViolation(violation: PmdViolation): string;
