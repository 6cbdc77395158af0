export interface Mutant {
  file: string;
  start: number;
  end: number;
  replacement: string;
  operator: string;
  line: number;
  column: number;
  original: string;
  lineText: string;
}
export const FOLDERS: { domain: string; auth: string };
export function mutantsOf(file: string, text: string): Mutant[];
export function applyMutant(text: string, m: Mutant): string;
export function mutantKey(m: Mutant): string;
