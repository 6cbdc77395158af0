// Structured logs: one JSON object per line, which Workers Logs indexes field
// by field (event, sessionId, orgId, reason…). Each failure is logged once,
// where it is handled, with what an operator needs to find it again.
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A routine event worth a figure: how long a seal took, stage by stage. */
export function logInfo(event: string, fields: LogFields = {}): void {
  console.log(JSON.stringify({ level: 'info', event, ...fields }));
}

export function logError(event: string, fields: LogFields = {}): void {
  console.error(JSON.stringify({ level: 'error', event, ...fields }));
}

export function logWarning(event: string, fields: LogFields = {}): void {
  console.warn(JSON.stringify({ level: 'warn', event, ...fields }));
}

/** What went wrong, in words, whatever was thrown. */
export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
