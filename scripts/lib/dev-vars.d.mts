// Types for dev-vars.mjs (imported by the Node tests).
export const DEV_VARS_FILE: string;
export function devVarValue(text: string, name: string): string | null;
export function writeDevVars(
  names: string[],
  valuesFor: (missing: string[]) => Record<string, string>,
  file?: string,
): { file: string; own: string[]; added: string[]; madePrivate: boolean };
