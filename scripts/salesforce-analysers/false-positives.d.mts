// Types for false-positives.mjs (used by pmd.mjs and graph-engine.mjs).
export interface FalsePositive {
  rule: string;
  file: string;
  match: string;
  reason: string;
}
export function applyFalsePositives<V extends { rule: string; file: string; message: string }>(
  violations: V[],
  entries: FalsePositive[],
  textOf?: (violation: V) => string,
): { unjustified: V[]; justified: Array<{ violation: V; entry: FalsePositive }>; stale: FalsePositive[] };
export function readFalsePositives(file: string): FalsePositive[];
