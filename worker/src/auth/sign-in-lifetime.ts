// How long a workspace sign-in lasts. The cookie's token lasts a working
// day; a signed-in workspace can renew it (it may ask for a sign-in link,
// POST /api/v1/workspace-link, and follow it), but every renewal carries the
// time the sign-in began (`auth`), and none reaches past SIGN_IN_MAX_AGE_S
// after it. A stolen cookie can therefore be kept alive a week at most, not
// forever.
//
// A week: the CRM panel opens the workspace with a fresh sign-in (the org
// key vouches for its user at that moment), so an agent who works from the
// CRM never meets the cap; it only ends chains that renew themselves, and a
// working week is the longest such a chain has a use for. It stays well
// inside the 30 days NIST SP 800-63B allows a reauthentication to wait at
// its lowest level.

/** One workspace sign-in (the cookie's token): a working day. */
export const WORKSPACE_SESSION_S = 12 * 3600;
/** Renewals included, no sign-in outlives this (counted from when it began). */
export const SIGN_IN_MAX_AGE_S = 7 * 24 * 3600;
/** A sign-in link: long enough for a browser to open it, short enough that a logged link is useless. */
export const SIGN_IN_LINK_TTL_S = 120;

/** The expiry of a workspace token for a sign-in that began at `auth`, or null once the sign-in is too old to renew. */
export function workspaceExpiry(auth: number, nowS: number): number | null {
  const cap = auth + SIGN_IN_MAX_AGE_S;
  return nowS >= cap ? null : Math.min(nowS + WORKSPACE_SESSION_S, cap);
}

/** A sign-in link's expiry, never past the sign-in's cap; null once the sign-in is too old to renew. */
export function signInLinkExpiry(auth: number, nowS: number): number | null {
  const cap = auth + SIGN_IN_MAX_AGE_S;
  return nowS >= cap ? null : Math.min(nowS + SIGN_IN_LINK_TTL_S, cap);
}
