// Parley's share of a portal's burst limit. HubSpot lets an OAuth app make
// about 100 calls per portal in any rolling 10 seconds, and the app's cards
// and settings page spend from the same limit while agents work; write-back
// keeps to 80, so a burst of write-back never makes an agent's card fail.
// Kept per isolate (each isolate spends its own; HubSpot's 429 is the
// backstop, and is honoured like any other).

export const WINDOW_MS = 10_000;
export const WRITEBACK_BUDGET = 80;
/** A wait this short is spent in the run; a longer one retries the sessions later. */
export const MAX_WAIT_MS = 1_500;

const spent = new Map<string, number[]>();

/** Milliseconds until the portal's budget has room for one more call (0: now), the call counted when it has. */
export function reserveCall(portalId: string, now: number): number {
  const recent = (spent.get(portalId) ?? []).filter((t) => t > now - WINDOW_MS);
  if (recent.length >= WRITEBACK_BUDGET) {
    spent.set(portalId, recent);
    return recent[recent.length - WRITEBACK_BUDGET]! + WINDOW_MS - now;
  }
  recent.push(now);
  spent.set(portalId, recent);
  return 0;
}

/** Forget every portal's spending (tests). */
export function forgetCallBudgets(): void {
  spent.clear();
}
