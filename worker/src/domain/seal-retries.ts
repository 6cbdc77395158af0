// How long a document that could not be sealed waits before it is tried
// again, and when Parley stops trying. Sealing fails for two kinds of
// reasons: a passing one (the org's timestamp authority is down or slow, a
// storage hiccup) and a lasting one (a certificate that cannot be used, a
// TSA address that is wrong). The waits double from one minute, so a TSA
// outage of up to an hour (a restart, a failover, a deploy at the TSA) is
// ridden out without anyone noticing, while a lasting fault shows as
// "sealing failed" with its reason after about an hour instead of being
// retried forever; an admin then fixes the cause and retries.
const MINUTE = 60_000;

/** The wait after each failed try, in order: 1, 2, 4, 8, 16 and 32 minutes (63 in all). */
export const SEAL_RETRY_DELAYS_MS: readonly number[] = [1, 2, 4, 8, 16, 32].map((m) => m * MINUTE);

/** Tries in all: the first, when the last role signs, and one after each wait. */
export const SEAL_MAX_ATTEMPTS = SEAL_RETRY_DELAYS_MS.length + 1;

/** The wait after the `attempt`-th try (1-based) failed, or null when that was the last try. */
export function sealRetryDelay(attempt: number): number | null {
  // No such try (0, negative, fractional, past the last): no index of the list, so null.
  return SEAL_RETRY_DELAYS_MS[attempt - 1] ?? null;
}
