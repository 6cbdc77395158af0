// The search space (SPEC §2, §6): which sessions and customers an agent may
// find — their own (mine), their team's, or the whole org's. Admins see the
// whole org whatever the setting. Pure.
export type Scope = 'mine' | 'team' | 'all';

export interface Viewer {
  agentId: string;
  teamId: string | null;
  admin: boolean;
}

export interface Owner {
  agentId: string;
  teamId: string | null;
}

const RANK: Record<Scope, number> = { mine: 0, team: 1, all: 2 };

/** The widest scope this viewer may search under the setting. */
export function widestScope(viewer: Omit<Viewer, 'agentId'>, space: Scope): Scope {
  if (viewer.admin) return 'all';
  return space === 'team' && !viewer.teamId ? 'mine' : space;
}

export function scopeWithin(scope: Scope, widest: Scope): boolean {
  return RANK[scope] <= RANK[widest];
}

/** Whether the viewer may open something owned by this agent and team. */
export function canSee(viewer: Viewer, space: Scope, owner: Owner): boolean {
  if (owner.agentId === viewer.agentId) return true;
  const widest = widestScope(viewer, space);
  return widest === 'all' || (widest === 'team' && owner.teamId !== null && owner.teamId === viewer.teamId);
}
