// How far a session reaches in Parley: the team it belongs to and the search
// space in force for that team (search-space.ts). The Salesforce write-back
// puts both on the session record, so the package's Apex sharing
// (force-app ParleySessionSharing) gives Salesforce users the sessions Parley
// would show them. Pure; directory/session-reach.ts reads it from D1.
import type { SearchSpace } from './catalogue';

export interface SessionReach {
  /** The Parley team's name (unique in the org, never renamed), or null for a session of no team. */
  team: string | null;
  /** Who besides the session's agent finds it: nobody (mine), their team (team), the whole org (all). Admins always do. */
  searchSpace: SearchSpace;
}

/** What a session gets when Parley has no index row for it (yet): the narrowest reach, never a wider one. */
export const UNKNOWN_REACH: SessionReach = { team: null, searchSpace: 'mine' };

/**
 * The team setting as Parley applies it to a session: "team" without a team
 * reaches no one but the agent (canSee needs a team to match), so it is mine.
 */
export function reachOf(team: string | null, space: SearchSpace): SessionReach {
  return { team, searchSpace: space === 'team' && team === null ? 'mine' : space };
}
