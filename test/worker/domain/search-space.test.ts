// Which sessions an agent may find and open (SPEC §2, §6): their own, their
// team's, or the org's, and admins the whole org whatever the setting.
// Found with no Node test by the mutation runner (scripts/mutation.mjs).
import { describe, expect, it } from 'vitest';
import { canSee, searchScope, viewerOf, widestScope } from '../../../worker/src/domain/search-space';

const agent = { agentId: 'agt_me', teamId: 'team_A', admin: false };
const loner = { agentId: 'agt_me', teamId: null, admin: false };
const admin = { agentId: 'agt_boss', teamId: null, admin: true };

describe('the viewer', () => {
  it('is an admin only with the admin role', () => {
    expect(viewerOf({ id: 'agt_1', teamId: 'team_A', role: 'admin' })).toEqual({ agentId: 'agt_1', teamId: 'team_A', admin: true });
    expect(viewerOf({ id: 'agt_1', teamId: null, role: 'agent' }).admin).toBe(false);
  });
});

describe('the widest scope', () => {
  it('is the setting; "team" without a team is "mine"; an admin always sees all', () => {
    expect(widestScope(agent, 'mine')).toBe('mine');
    expect(widestScope(agent, 'team')).toBe('team');
    expect(widestScope(agent, 'all')).toBe('all');
    expect(widestScope(loner, 'team')).toBe('mine');
    expect(widestScope(loner, 'all')).toBe('all');
    expect(widestScope(admin, 'mine')).toBe('all');
  });
});

describe('a search scope', () => {
  it('defaults to the widest and lists the allowed ones, narrowest first', () => {
    expect(searchScope(agent, 'team', undefined)).toEqual({ ok: true, value: { scope: 'team', allowed: ['mine', 'team'] } });
    expect(searchScope(agent, 'mine', undefined)).toEqual({ ok: true, value: { scope: 'mine', allowed: ['mine'] } });
    expect(searchScope(admin, 'mine', undefined)).toEqual({ ok: true, value: { scope: 'all', allowed: ['mine', 'team', 'all'] } });
  });

  it('takes a narrower scope asked for', () => {
    expect(searchScope(agent, 'all', 'mine')).toEqual({ ok: true, value: { scope: 'mine', allowed: ['mine', 'team', 'all'] } });
    expect(searchScope(agent, 'team', 'team')).toMatchObject({ ok: true, value: { scope: 'team' } });
  });

  it('refuses a wider one with a 403 naming both, or falls back to the widest when asked to', () => {
    expect(searchScope(agent, 'team', 'all')).toEqual({ ok: false, status: 403, code: 'search_space', message: 'scope: your search space is "team", so "all" is not allowed' });
    expect(searchScope(agent, 'mine', 'team', 'widest')).toEqual({ ok: true, value: { scope: 'mine', allowed: ['mine'] } });
  });
});

describe('opening one session', () => {
  const mine = { agentId: 'agt_me', teamId: 'team_A' };
  const teammates = { agentId: 'agt_mate', teamId: 'team_A' };
  const strangers = { agentId: 'agt_other', teamId: 'team_B' };
  const teamless = { agentId: 'agt_other', teamId: null };

  it('"mine": only their own', () => {
    expect(canSee(agent, 'mine', mine)).toBe(true);
    expect(canSee(agent, 'mine', teammates)).toBe(false);
  });

  it("\"team\": their own and their team's, never another team's nor a teamless one", () => {
    expect(canSee(agent, 'team', teammates)).toBe(true);
    expect(canSee(agent, 'team', strangers)).toBe(false);
    expect(canSee(agent, 'team', teamless)).toBe(false);
    // Two agents without a team are no team.
    expect(canSee(loner, 'team', teamless)).toBe(false);
    expect(canSee(loner, 'team', { agentId: 'agt_me', teamId: null })).toBe(true);
  });

  it('"all", or an admin: everything in the org', () => {
    expect(canSee(agent, 'all', strangers)).toBe(true);
    expect(canSee(admin, 'mine', strangers)).toBe(true);
  });
});
