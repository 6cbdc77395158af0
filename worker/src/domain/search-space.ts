// The search space (SPEC §2, §6): which sessions and customers an agent may
// find — their own (mine), their team's, or the whole org's. Admins see the
// whole org whatever the setting. Pure.
import { SEARCH_SPACES, type SearchSpace } from './catalogue';
import { fail, ok, type Result } from '../errors';

export type Scope = SearchSpace;

export interface Viewer {
  agentId: string;
  teamId: string | null;
  admin: boolean;
}

export interface Owner {
  agentId: string;
  teamId: string | null;
}

/** A signed-in agent as these rules see them. */
export function viewerOf(agent: { id: string; teamId: string | null; role: string }): Viewer {
  return { agentId: agent.id, teamId: agent.teamId, admin: agent.role === 'admin' };
}

const RANK: Record<Scope, number> = { mine: 0, team: 1, all: 2 };

/** The widest scope this viewer may search under the setting. */
export function widestScope(viewer: Omit<Viewer, 'agentId'>, space: Scope): Scope {
  if (viewer.admin) return 'all';
  return space === 'team' && !viewer.teamId ? 'mine' : space;
}

export interface SearchScope {
  /** The scope the search runs under. */
  scope: Scope;
  /** Every scope the viewer may choose, narrowest first. */
  allowed: Scope[];
}

/**
 * The scope a list or search runs under: the one asked for, or the widest
 * allowed when none is. Asking wider than allowed is refused (403), or, for
 * a page that should still show something, falls back to the widest.
 */
export function searchScope(viewer: Omit<Viewer, 'agentId'>, space: Scope, asked: Scope | undefined, tooWide: 'refuse' | 'widest' = 'refuse'): Result<SearchScope> {
  const widest = widestScope(viewer, space);
  const allowed = SEARCH_SPACES.filter((s) => RANK[s] <= RANK[widest]);
  if (asked === undefined || allowed.includes(asked)) return ok({ scope: asked ?? widest, allowed });
  if (tooWide === 'widest') return ok({ scope: widest, allowed });
  return fail(403, 'search_space', `scope: your search space is "${widest}", so "${asked}" is not allowed`);
}

/** Whether the viewer may open something owned by this agent and team. */
export function canSee(viewer: Viewer, space: Scope, owner: Owner): boolean {
  if (owner.agentId === viewer.agentId) return true;
  const widest = widestScope(viewer, space);
  return widest === 'all' || (widest === 'team' && owner.teamId !== null && owner.teamId === viewer.teamId);
}
