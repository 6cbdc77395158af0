// Which sessions an agent may open: their own, their team's or the whole
// org's, as the search space allows; admins see every session of their org.
// Anything else is 404, exactly as if it did not exist.
import type { Context } from 'hono';
import type { AppEnv } from './context';
import type { AgentRecord } from '../directory/agents';
import { effectiveSettings } from '../directory/settings-store';
import { findIndexedSession, type SessionIndexRow } from '../directory/session-index';
import { ApiError } from '../errors';
import type { Settings } from '../domain/settings';
import type { AgentActor } from '../room/session-room';

export type Scope = 'mine' | 'team' | 'all';

/** The widest scope this agent may search. */
export function widestScope(agent: AgentRecord, settings: Settings): Scope {
  if (agent.role === 'admin') return 'all';
  const space = settings.session.searchSpace;
  return space === 'team' && !agent.teamId ? 'mine' : space;
}

export function scopeAllows(agent: AgentRecord, widest: Scope, row: Pick<SessionIndexRow, 'agent_id' | 'team_id'>): boolean {
  if (row.agent_id === agent.id || widest === 'all') return true;
  return widest === 'team' && row.team_id !== null && row.team_id === agent.teamId;
}

export function roomStub(c: Context<AppEnv>, sessionId: string) {
  return c.env.SESSION_ROOM.get(c.env.SESSION_ROOM.idFromName(sessionId));
}

export function agentActor(agent: AgentRecord): AgentActor {
  return { kind: 'agent', orgId: agent.orgId, agentId: agent.id };
}

export async function openSession(c: Context<AppEnv>, sessionId: string) {
  const agent = c.get('agent');
  const row = await findIndexedSession(c.env.DB, agent.orgId, sessionId);
  if (!row) throw new ApiError(404, 'not_found', 'session not found');
  if (row.agent_id !== agent.id) {
    const settings = await effectiveSettings(c.env.DB, agent.orgId, agent.teamId);
    if (!scopeAllows(agent, widestScope(agent, settings), row)) throw new ApiError(404, 'not_found', 'session not found');
  }
  return { row, stub: roomStub(c, sessionId), actor: agentActor(agent) };
}
