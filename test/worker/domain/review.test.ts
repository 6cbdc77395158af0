// The shared review's rules without storage: the pointer's allowance (a
// bucket, so bunched arrivals of an evenly sent pointer pass, and a flood
// does not), and which pages a turn may land on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POINTER_BURST, POINTER_INTERVAL_MS, pageProblem, takePointer, type PointerAllowance } from '../../../worker/src/domain/review';

/** How many of these arrival times (ms) the allowance lets through. */
function passed(arrivals: number[]): number {
  let state: PointerAllowance | undefined;
  let n = 0;
  for (const at of arrivals) {
    const next = takePointer(state, at);
    if (next) {
      state = next;
      n++;
    }
  }
  return n;
}

describe('the pointer allowance', () => {
  it('lets a burst of 4 through at once, then one per 40 ms', () => {
    expect(passed([0, 0, 0, 0, 0])).toBe(POINTER_BURST);
    expect(passed([0, 0, 0, 0, POINTER_INTERVAL_MS])).toBe(5);
  });

  it('never refuses a pointer sent every 60 ms, however its arrivals are bunched by up to 60 ms of jitter', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 10, maxLength: 200 }), (delays) => {
        const arrivals = delays.map((d, i) => i * 60 + d).sort((a, b) => a - b);
        return passed(arrivals) === arrivals.length;
      }),
    );
  });

  it('passes no more than the burst plus one per 40 ms of a flood', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 2_000 }), (times) => {
        const arrivals = times.sort((a, b) => a - b);
        const span = arrivals.at(-1)! - arrivals[0]!;
        return passed(arrivals) <= POINTER_BURST + Math.floor(span / POINTER_INTERVAL_MS);
      }),
    );
  });
});

describe('a page to turn to', () => {
  it('is one of the document’s pages', () => {
    expect(pageProblem(1, 3)).toBeNull();
    expect(pageProblem(3, 3)).toBeNull();
    expect(pageProblem(0, 3)).toBe('page: the document has 3 pages; 0 is not one of them');
    expect(pageProblem(2, 1)).toBe('page: the document has 1 page; 2 is not one of them');
  });
});
