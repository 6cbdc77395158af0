// The rules of a shared review that need no storage: how long a comment may
// be, how many marks a review holds, how often a pointer may move, and which
// page a turn may land on.

/** A comment is a remark on the page, not a letter. */
export const MAX_COMMENT_LENGTH = 1_000;
/** Marks one review keeps: far past any real review, short of filling the session's storage. */
export const MAX_ANNOTATIONS = 500;
/**
 * How often a side's pointer is passed on: 25 a second, with a little slack.
 * A pointer drawn 25 times a second looks smooth; more is only load. The
 * page sends one every 60 ms (client/review.ts), but two sent 60 ms apart can
 * arrive 20 ms apart, so the allowance is a bucket of a few, refilled one
 * per 40 ms, not a fixed gap between two arrivals.
 */
export const POINTER_INTERVAL_MS = 40;
export const POINTER_BURST = 4;

export interface PointerAllowance {
  tokens: number;
  at: number;
}

/** The allowance after a pointer asked at `now`: null when it must be refused (the bucket is empty). */
export function takePointer(before: PointerAllowance | undefined, now: number): PointerAllowance | null {
  const tokens = before ? Math.min(POINTER_BURST, before.tokens + (now - before.at) / POINTER_INTERVAL_MS) : POINTER_BURST;
  return tokens >= 1 ? { tokens: tokens - 1, at: now } : null;
}

/** Why a page number is not one of the document's, or null when it is. */
export function pageProblem(page: number, pages: number): string | null {
  return Number.isInteger(page) && page >= 1 && page <= pages ? null : `page: the document has ${pages} page${pages === 1 ? '' : 's'}; ${page} is not one of them`;
}
