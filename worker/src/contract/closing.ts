// Why the server closes a live socket, and the close code of each reason.
// Apart from frames.ts (no zod here), so the pages' scripts can read the
// codes without carrying the schemas.

/**
 * The right that opened the socket ended:
 * - expired: the agent's token, or the participant's access window, ran out;
 * - access_ended: the session's access ended for participants (ended with
 *   prevent access, after-end access over, closed for inactivity);
 * - access_limited: the session ended and the participant may now only view
 *   and download (a new socket opens into that limited view);
 * - removed: the participant is no longer in the session;
 * - revoked: the link or the agent's tokens were revoked (re-engaged, deactivated);
 * - replaced: the caller opened more sockets than allowed; the oldest closes.
 */
export const CLOSING_REASONS = ['expired', 'access_ended', 'access_limited', 'removed', 'revoked', 'replaced'] as const;
export type ClosingReason = (typeof CLOSING_REASONS)[number];

/** The close code of each reason (4000–4999 are the application's): a client that missed the closing frame still knows not to reconnect. */
export const CLOSE_CODES: Readonly<Record<ClosingReason, number>> = {
  expired: 4001,
  access_ended: 4002,
  access_limited: 4003,
  removed: 4004,
  revoked: 4005,
  replaced: 4006,
};
