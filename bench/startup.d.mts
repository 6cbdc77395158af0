interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
/** A V8 CPU profile as `wrangler check startup` writes it. */
export interface StartupProfile {
  nodes: Array<{ id: number; callFrame: CallFrame; children?: number[]; positionTicks?: Array<{ line: number; ticks: number }> }>;
  samples: number[];
  timeDeltas: number[];
}
export interface StartupFigures {
  bundle: { raw: number; gzip: number };
  parleyMs: number;
  echoMs: number;
  top: Array<{ where: string; ms: number }>;
  /** Time in LAZY_PACKAGES during startup: empty when none of them runs. */
  lazyAtStartup: Array<{ where: string; ms: number }>;
}
export const LAZY_PACKAGES: string[];
export function sourceGroup(source: string | null | undefined): string;
export function startupBySource(profile: StartupProfile, sourceMap: unknown): Array<{ where: string; ms: number }>;
export function benchStartup(): Promise<StartupFigures>;
export function printStartup(s: StartupFigures, table: (title: string, head: string[], rows: unknown[][]) => void): void;
export function startupBudgets(s: StartupFigures): Array<{ what: string; budget: string; value: string; pass: boolean | null }>;
