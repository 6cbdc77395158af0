// Write-back's hold on a session (room/crm-write-hold.ts): one run at a time,
// the same run again, freed when written or when the run is presumed dead.
import { describe, expect, it } from 'vitest';
import { CrmWriteHold, HOLD_MS } from '../../../worker/src/room/crm-write-hold';

describe("write-back's hold on a session", () => {
  it('is taken by one run; another is refused until it is freed', () => {
    const hold = new CrmWriteHold();
    expect(hold.take('run-a', 1_000)).toBe(true);
    expect(hold.take('run-b', 1_500)).toBe(false);
    expect(hold.take('run-a', 1_500), 'the holder itself, again').toBe(true);
    hold.release('run-b');
    expect(hold.take('run-b', 2_000), 'only its holder frees it').toBe(false);
    hold.release('run-a');
    expect(hold.take('run-b', 2_000)).toBe(true);
  });

  it('is free again once a run has held it for HOLD_MS without writing (it died on the way)', () => {
    const hold = new CrmWriteHold();
    expect(hold.take('run-a', 0)).toBe(true);
    expect(hold.take('run-b', HOLD_MS - 1)).toBe(false);
    expect(hold.take('run-b', HOLD_MS)).toBe(true);
    expect(hold.take('run-a', HOLD_MS + 1)).toBe(false);
  });
});
