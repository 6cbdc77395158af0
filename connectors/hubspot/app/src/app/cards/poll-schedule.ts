// When the card asks Parley again about an open session. A card runs in
// HubSpot's sandbox, where no socket can be held, so it polls: every 3 to
// 5 s, jittered so the cards of many agents do not call in step; twice as
// long after each 429 or server failure (capped at a minute, and never
// sooner than Parley's Retry-After); and not at all once Parley says the
// session or the connection is gone. The live socket is one click away, in
// the workspace opened in HubSpot's iframe modal.
export const POLL_MIN_MS = 3_000;
export const POLL_MAX_MS = 5_000;
export const BACKOFF_CAP_MS = 60_000;

/** What the last refresh came to. */
export type PollOutcome =
  | { kind: 'ok' }
  /** 429, a server failure or no answer: try again, later. */
  | { kind: 'slow_down'; retryAfterMs: number | null }
  /** Refused for good (the session is gone, the connection too): stop asking. */
  | { kind: 'stop' };

/** The delay before the next refresh, or null for none. `previous` is the delay that led to this outcome. */
export function nextPollDelay(outcome: PollOutcome, previous: number, random: () => number = Math.random): number | null {
  switch (outcome.kind) {
    case 'ok':
      return Math.round(POLL_MIN_MS + random() * (POLL_MAX_MS - POLL_MIN_MS));
    case 'slow_down':
      return Math.min(BACKOFF_CAP_MS, Math.max(previous * 2, outcome.retryAfterMs ?? 0));
    case 'stop':
      return null;
  }
}

/** The first delay, after the session was just read. */
export function firstPollDelay(random: () => number = Math.random): number {
  return nextPollDelay({ kind: 'ok' }, 0, random)!;
}
