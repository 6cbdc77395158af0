// Admin settings for the org and its teams.
import { describe, expect, it } from 'vitest';
import { call, makeOrg } from '../../helpers/world';

describe('org settings', () => {
  it('are read and changed by admins only', async () => {
    const org = await makeOrg();
    expect((await call('GET', '/api/v1/settings', { token: org.alice.token })).status).toBe(403);
    expect((await call('PATCH', '/api/v1/settings', { token: org.alice.token, body: { session: { customerChat: false } } })).status).toBe(403);
    const read = await call('GET', '/api/v1/settings', { token: org.admin.token });
    expect(read.json.settings.session.accessWindowHours).toBe(168);
    const changed = await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { customerChat: false, searchSpace: 'team' } } });
    expect(changed.json.settings.session).toMatchObject({ customerChat: false, searchSpace: 'team', customerAttachments: true });
    // Agents see what is in force for them.
    expect((await call('GET', '/api/v1/me', { token: org.alice.token })).json.settings.session.customerChat).toBe(false);
  });

  it('refuses out-of-range values, naming the field and the range, and keeps what was saved', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { afterEnd: { fullAccessHours: 24 } } });
    const res = await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { afterEnd: { fullAccessHours: 200, limitedAccessHours: -1 } } });
    expect(res.status).toBe(422);
    expect(res.json.error.issues).toEqual([
      { field: 'body.afterEnd.fullAccessHours', message: 'must be 0 to 168 hours' },
      { field: 'body.afterEnd.limitedAccessHours', message: 'must be 0 to 168 hours' },
    ]);
    const bad = await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { afterEnd: { redirectUrl: 'javascript:alert(1)' } } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.issues[0].field).toBe('body.afterEnd.redirectUrl');
    expect((await call('GET', '/api/v1/settings', { token: org.admin.token })).json.settings.afterEnd.fullAccessHours).toBe(24);
  });
});

describe('team settings', () => {
  it('override the org, and "inherit" goes back to it', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { accessWindowHours: 48 } } });
    const set = await call('PATCH', `/api/v1/teams/${org.teamA}/settings`, { token: org.admin.token, body: { session: { accessWindowHours: 12, singleActiveSession: true } } });
    expect(set.status).toBe(200);
    expect(set.json.overrides.session).toMatchObject({ accessWindowHours: 12, singleActiveSession: true, customerChat: 'inherit' });
    expect(set.json.effective.session).toMatchObject({ accessWindowHours: 12, singleActiveSession: true });
    expect((await call('GET', '/api/v1/me', { token: org.alice.token })).json.settings.session.accessWindowHours).toBe(12);
    expect((await call('GET', '/api/v1/me', { token: org.carol.token })).json.settings.session.accessWindowHours).toBe(48);

    const back = await call('PATCH', `/api/v1/teams/${org.teamA}/settings`, { token: org.admin.token, body: { session: { accessWindowHours: 'inherit' } } });
    expect(back.json.overrides.session.accessWindowHours).toBe('inherit');
    expect(back.json.effective.session.accessWindowHours).toBe(48);
  });

  it('validate like the org, and belong to their org', async () => {
    const org = await makeOrg();
    const other = await makeOrg();
    const res = await call('PATCH', `/api/v1/teams/${org.teamA}/settings`, { token: org.admin.token, body: { afterEnd: { limitedAccessHours: 169 } } });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toContain('body.afterEnd.limitedAccessHours');
    expect((await call('GET', `/api/v1/teams/${org.teamA}/settings`, { token: other.admin.token })).status).toBe(404);
  });
});

describe('directory', () => {
  it('lets admins add teams and agents and mint tokens that work', async () => {
    const org = await makeOrg();
    const team = await call('POST', '/api/v1/teams', { token: org.admin.token, body: { name: 'Night shift' } });
    expect(team.status).toBe(201);
    expect((await call('POST', '/api/v1/teams', { token: org.admin.token, body: { name: 'Night shift' } })).status).toBe(409);
    const agent = await call('POST', '/api/v1/agents', { token: org.admin.token, body: { name: 'Nia Night', email: 'nia@example.com', teamId: team.json.id } });
    expect(agent.status).toBe(201);
    expect((await call('POST', '/api/v1/agents', { token: org.alice.token, body: { name: 'X', email: 'x@example.com' } })).status).toBe(403);
    const token = await call('POST', `/api/v1/agents/${agent.json.id}/tokens`, { token: org.admin.token, body: { ttlHours: 1 } });
    const me = await call('GET', '/api/v1/me', { token: token.json.token });
    expect(me.json.agent).toMatchObject({ name: 'Nia Night', teamId: team.json.id, role: 'agent' });
  });
});
