import { describe, expect, it } from 'vitest';
import { SEAL_MAX_ATTEMPTS, sealRetryDelay } from '../../../worker/src/domain/seal-retries';

const MIN = 60_000;

describe('seal retries', () => {
  it('waits 1, 2, 4, 8, 16 and 32 minutes after the first six failed tries, and gives up after the seventh', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(sealRetryDelay)).toEqual([1 * MIN, 2 * MIN, 4 * MIN, 8 * MIN, 16 * MIN, 32 * MIN, null]);
    expect(SEAL_MAX_ATTEMPTS).toBe(7);
  });

  it('has no wait for a try that cannot exist', () => {
    expect([0, -1, 1.5, 8, Number.NaN].map(sealRetryDelay)).toEqual([null, null, null, null, null]);
  });
});
