// The mutation runner's mutants (scripts/mutation.mjs): the fixed set of
// operators, only in code that runs, in a deterministic order; and its list
// of reviewed equivalent mutants still names code that exists.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMutant, mutantsOf } from '../../../scripts/mutation.mjs';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCE = `import { z } from 'zod';
import type { X } from './x';
export interface Shape { n: 3; flag: true }
type Alias = 'a' | 4;
// if (a < b) return 1;
export function f(a: number, b: number, ok: boolean): { reason: string } | null {
  if (a < b) return null;
  if (a >= 2 && !ok) throw new Error('no');
  const fine = a === b || false;
  return fine ? { reason: 'too_big', code: 'custom' } : null;
}
`;

describe('mutants', () => {
  const mutants = mutantsOf('f.ts', SOURCE);
  const described = mutants.map((m) => `${m.line}:${m.column} ${m.operator}`);

  it('come from the fixed operators, in source order, never in types, imports or comments', () => {
    expect(described).toEqual([
      '7:3 remove early exit',
      '7:9 < → <=',
      '8:3 remove early exit',
      '8:14 && → ||',
      '8:9 >= → >',
      '8:12 2 → 3',
      '8:12 2 → 1',
      '8:17 remove !',
      '9:24 || → &&',
      '9:18 === → !==',
      '9:27 false → true',
      // An error code a caller branches on is emptied; zod's own 'custom' is not ours.
      "10:27 'too_big' → ''",
    ]);
  });

  it('apply as plain text edits that still parse', () => {
    const removed = applyMutant(SOURCE, mutants[0]!);
    expect(removed).toContain('\n  ;\n  if (a >= 2');
    expect(applyMutant(SOURCE, mutants[7]!)).toContain('if (a >= 2 && ok) throw');
    expect(mutantsOf('f.ts', SOURCE)).toEqual(mutants);
  });
});

describe('the list of equivalent mutants', () => {
  const entries = JSON.parse(readFileSync(path.join(ROOT, 'scripts/mutation-ignore.json'), 'utf8')) as { file: string; line: string; mutation: string; column?: number; reason: string }[];

  it('names, for each entry, a mutant the runner makes today, and says why', () => {
    for (const e of entries) {
      const made = mutantsOf(e.file, readFileSync(path.join(ROOT, e.file), 'utf8'));
      const match = made.filter((m) => m.lineText === e.line && m.operator === e.mutation && (e.column === undefined || m.column === e.column));
      expect(match.length, `${e.file} | ${e.line} | ${e.mutation}`).toBeGreaterThan(0);
      expect(e.reason).toMatch(/^Equivalent/);
    }
  });
});
