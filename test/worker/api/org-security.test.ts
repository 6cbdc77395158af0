// /api/v1/settings/security: admins read and change which CRM origins may
// open sockets and whether the org key may make CRM users admins.
import { describe, expect, it } from 'vitest';
import { call, makeOrg } from '../../helpers/world';

describe('org security settings', () => {
  it('start at the safe defaults: no CRM origin, no admins made by the CRM', async () => {
    const org = await makeOrg();
    const read = await call('GET', '/api/v1/settings/security', { token: org.admin.token });
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ security: { crmOrigins: [], crmMayPromoteAdmins: false } });
  });

  it('are read and changed by admins only', async () => {
    const org = await makeOrg();
    expect((await call('GET', '/api/v1/settings/security', { token: org.alice.token })).status).toBe(403);
    const patch = await call('PATCH', '/api/v1/settings/security', { token: org.alice.token, body: { crmMayPromoteAdmins: true } });
    expect(patch.status).toBe(403);
    expect(patch.json.error.code).toBe('admin_only');
    expect((await call('GET', '/api/v1/settings/security', { token: org.admin.token })).json.security.crmMayPromoteAdmins).toBe(false);
  });

  it('change only what the patch names, and keep it', async () => {
    const org = await makeOrg();
    const origins = ['https://acme.lightning.force.com', 'https://acme--c.vf.force.com'];
    expect((await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body: { crmOrigins: origins } })).json.security).toEqual({
      crmOrigins: origins,
      crmMayPromoteAdmins: false,
    });
    const both = await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body: { crmMayPromoteAdmins: true } });
    expect(both.json.security).toEqual({ crmOrigins: origins, crmMayPromoteAdmins: true });
    expect((await call('GET', '/api/v1/settings/security', { token: org.admin.token })).json.security).toEqual({ crmOrigins: origins, crmMayPromoteAdmins: true });
    // Another org's settings are its own.
    const other = await makeOrg('Other');
    expect((await call('GET', '/api/v1/settings/security', { token: other.admin.token })).json.security).toEqual({ crmOrigins: [], crmMayPromoteAdmins: false });
  });

  it('refuse bad values naming the field, and keep what was saved', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body: { crmOrigins: ['https://acme.lightning.force.com'] } });
    const cases: Array<[unknown, string]> = [
      [{ crmMayPromoteAdmins: 'yes' }, 'body.crmMayPromoteAdmins'],
      [{ crmMayPromoteAdmins: null }, 'body.crmMayPromoteAdmins'],
      [{ crmOrigins: ['https://acme.lightning.force.com/lightning/page'] }, 'body.crmOrigins.0'],
      [{ crmOrigins: ['http://acme.lightning.force.com'] }, 'body.crmOrigins.0'],
      [{ crmOrigins: 'https://acme.lightning.force.com' }, 'body.crmOrigins'],
      [{ crmOrigins: Array.from({ length: 21 }, (_, i) => `https://acme${i}.lightning.force.com`) }, 'body.crmOrigins'],
    ];
    for (const [body, field] of cases) {
      const res = await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.issues.map((i: { field: string }) => i.field), JSON.stringify(body)).toContain(field);
    }
    const unknown = await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body: { crmMayPromoteAdmin: true } });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.json.error)).toContain('crmMayPromoteAdmin');
    expect((await call('GET', '/api/v1/settings/security', { token: org.admin.token })).json.security).toEqual({
      crmOrigins: ['https://acme.lightning.force.com'],
      crmMayPromoteAdmins: false,
    });
    // Twenty origins are allowed: the limit sits on 20, not under it.
    const twenty = Array.from({ length: 20 }, (_, i) => `https://acme${i}.lightning.force.com`);
    expect((await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body: { crmOrigins: twenty } })).json.security.crmOrigins).toHaveLength(20);
  });

  it('refuse a body that is not JSON', async () => {
    const org = await makeOrg();
    const res = await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body: 'crmMayPromoteAdmins=true', headers: { 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(415);
  });
});
