// Types for graph-engine.mjs (imported by test/force-app/graph-engine.test.ts).
import type { FalsePositive } from './false-positives.mjs';
export type { FalsePositive };
export interface GraphViolation {
  /** The query or DML statement's file, relative to the repo. */
  file: string;
  line: number;
  /** The entry point whose path reached it: "ParleyPanelController.getRecordContext". */
  entryPoint: string;
  rule: string;
  message: string;
}
export interface GraphInternalError {
  /** The entry point's file, relative to the repo. */
  file: string;
  line: number;
  entryPoint: string;
  /** The engine's exception and the first frames of its stack. */
  message: string;
}
export const SFGE_LIB: string;
export const FALSE_POSITIVES_FILE: string;
export const DEFAULT_RULES: string[];
export function runGraphEngine(options?: { sourceDirs?: string[]; rules?: string[] }): Promise<{
  violations: GraphViolation[];
  internalErrors: GraphInternalError[];
  entryPoints: string[];
  ms: number;
}>;
export function applyFalsePositives(
  violations: GraphViolation[],
  entries: FalsePositive[],
): { unjustified: GraphViolation[]; justified: Array<{ violation: GraphViolation; entry: FalsePositive }>; stale: FalsePositive[] };
export function readFalsePositives(file?: string): FalsePositive[];
export function formatGraphFinding(finding: GraphViolation | GraphInternalError): string;
