// The org key acts only for agents its CRM made, found by the CRM user id
// (X-Parley-Crm-User), never by email: an account made in Parley is out of
// its reach, and the CRM makes admins only where an admin allowed it.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, makeOrg, type Org } from '../../helpers/world';

// Salesforce User Ids (key prefix 005), 18-character forms with their case-safe suffix.
const MARIA = '005Hs00000AbCdEIAV';
const MARIA_15 = '005Hs00000AbCdE';
const OMAR = '005Hs00000XyZaBIAV';

type CrmHeaders = { crmUser?: string; email?: string; name?: string; role?: string };

/** A call as the Salesforce Named Credential makes it: the org key, plus the user Apex says it acts for. */
function asCrmUser(key: string, u: CrmHeaders = {}) {
  const headers: Record<string, string> = { 'X-Parley-Key': key };
  if (u.crmUser !== undefined) headers['X-Parley-Crm-User'] = u.crmUser;
  headers['X-Parley-User'] = u.email ?? 'maria@acme.example';
  headers['X-Parley-User-Name'] = u.name ?? 'Maria Lopez';
  if (u.role !== undefined) headers['X-Parley-Role'] = u.role;
  return { headers };
}
const maria = (key: string, u: CrmHeaders = {}) => asCrmUser(key, { crmUser: MARIA, ...u });

const agentRow = (orgId: string, id: string) =>
  env.DB.prepare('SELECT email, name, role, origin, crm_system, crm_user_id FROM agents WHERE org_id = ? AND id = ?').bind(orgId, id).first();

// The caller is remembered for 5 s (auth/remembered.ts): tests move the clock past it instead of sleeping.
let clock = 0;
const pastTheCache = () => vi.setSystemTime((clock += 6_000));

describe('the org key acting for a CRM user', () => {
  let org: Org;
  let key: string;
  // The real admin, made in Parley (makeOrg's own emails are not ones a CRM could send).
  const adminEmail = 'ana.admin@acme.example';
  let realAdmin: string;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((clock = vi.getRealSystemTime()));
    org = await makeOrg();
    key = (await call('POST', '/api/v1/crm/salesforce/key', { token: org.admin.token })).json.key;
    const added = await call('POST', '/api/v1/agents', { token: org.admin.token, body: { name: 'Ana Admin', email: adminEmail, role: 'admin' } });
    expect(added.status, added.text).toBe(201);
    realAdmin = added.json.id;
  });
  afterEach(() => vi.useRealTimers());

  it('makes the CRM user an agent keyed by their Salesforce User Id, made by the CRM', async () => {
    const me = await call('GET', '/api/v1/me', maria(key));
    expect(me.status, me.text).toBe(200);
    expect(me.json.agent).toMatchObject({ email: 'maria@acme.example', name: 'Maria Lopez', role: 'agent', teamId: null });
    expect(await agentRow(org.id, me.json.agent.id)).toEqual({
      email: 'maria@acme.example',
      name: 'Maria Lopez',
      role: 'agent',
      origin: 'crm',
      crm_system: 'salesforce',
      crm_user_id: MARIA,
    });
  });

  it('the demotion attack: the real admin\'s email with X-Parley-Role: agent is refused, and the admin stays an admin', async () => {
    const before = await agentRow(org.id, realAdmin);
    for (const role of ['agent', 'admin']) {
      const attack = await call('GET', '/api/v1/me', asCrmUser(key, { crmUser: OMAR, email: adminEmail, name: 'Mallory', role }));
      expect(attack.status, attack.text).toBe(409);
      expect(attack.json.error.code).toBe('crm_user_conflict');
      expect(attack.json.error.message).toContain('X-Parley-User');
      expect(attack.json.error.message).toContain(adminEmail);
      expect(attack.json.error.message).toContain('made in Parley');
    }
    // Nor does the key get anything done as the admin: no sign-in link, no settings.
    expect((await call('POST', '/api/v1/workspace-link', asCrmUser(key, { crmUser: OMAR, email: adminEmail, role: 'admin' }))).status).toBe(409);
    expect((await call('PATCH', '/api/v1/settings/security', { ...asCrmUser(key, { crmUser: OMAR, email: adminEmail, role: 'admin' }), body: { crmMayPromoteAdmins: true } })).status).toBe(409);

    expect(await agentRow(org.id, realAdmin)).toEqual(before);
    expect(before).toMatchObject({ role: 'admin', name: 'Ana Admin', origin: 'parley', crm_user_id: null });
    // Still an admin where it counts: a token of hers opens the admin routes.
    const token = (await call('POST', `/api/v1/agents/${realAdmin}/tokens`, { token: org.admin.token, body: {} })).json.token;
    expect((await call('GET', '/api/v1/me', { token })).json.agent).toMatchObject({ id: realAdmin, role: 'admin', name: 'Ana Admin' });
    expect((await call('GET', '/api/v1/settings/security', { token })).status).toBe(200);
    // And no second account was made with the admin's email.
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM agents WHERE org_id = ? AND email = ?').bind(org.id, adminEmail).first<{ n: number }>();
    expect(count!.n).toBe(1);
  });

  it("refuses a CRM user whose email is another Salesforce user's agent", async () => {
    expect((await call('GET', '/api/v1/me', maria(key))).status).toBe(200);
    const omar = await call('GET', '/api/v1/me', asCrmUser(key, { crmUser: OMAR, email: 'maria@acme.example', name: 'Omar' }));
    expect(omar.status).toBe(409);
    expect(omar.json.error.message).toContain("another Salesforce user's agent");
    expect((await call('GET', '/api/v1/me', maria(key))).json.agent.name).toBe('Maria Lopez');
  });

  it('promotion to admin through the key is refused by default, and works once an admin turns crmMayPromoteAdmins on', async () => {
    const first = await call('GET', '/api/v1/me', maria(key, { role: 'admin' }));
    expect(first.json.agent.role).toBe('agent');
    const denied = await call('GET', '/api/v1/settings/security', maria(key, { role: 'admin' }));
    expect(denied.status).toBe(403);

    expect((await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body: { crmMayPromoteAdmins: true } })).json.security.crmMayPromoteAdmins).toBe(true);
    // At once: the same call a moment later, within the caller cache's 5 s.
    const promoted = await call('GET', '/api/v1/me', maria(key, { role: 'admin' }));
    expect(promoted.json.agent).toMatchObject({ id: first.json.agent.id, role: 'admin' });
    expect((await call('GET', '/api/v1/settings/security', maria(key, { role: 'admin' }))).status).toBe(200);

    // The CRM taking admin away is always followed.
    pastTheCache();
    expect((await call('GET', '/api/v1/me', maria(key, { role: 'agent' }))).json.agent.role).toBe('agent');
    pastTheCache();
    expect((await call('GET', '/api/v1/me', maria(key, { role: 'admin' }))).json.agent.role).toBe('admin');

    // Turning it off takes back what it gave, in the directory too (a workspace token reads the role from there).
    await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body: { crmMayPromoteAdmins: false } });
    expect(await agentRow(org.id, first.json.agent.id)).toMatchObject({ role: 'agent' });
    expect((await call('GET', '/api/v1/me', maria(key, { role: 'admin' }))).json.agent.role).toBe('agent');
    // The Parley-made admin who turned it off is untouched.
    expect(await agentRow(org.id, org.admin.id)).toMatchObject({ role: 'admin' });
  });

  it('never promotes or demotes an account made in Parley, even with promotion on', async () => {
    await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body: { crmMayPromoteAdmins: true } });
    const alex = await call('POST', '/api/v1/agents', { token: org.admin.token, body: { name: 'Alex Agent', email: 'alex@acme.example' } });
    const climb = await call('GET', '/api/v1/me', asCrmUser(key, { crmUser: OMAR, email: 'alex@acme.example', role: 'admin' }));
    expect(climb.status).toBe(409);
    expect(await agentRow(org.id, alex.json.id)).toMatchObject({ role: 'agent', name: 'Alex Agent', origin: 'parley' });
    const demote = await call('GET', '/api/v1/me', asCrmUser(key, { crmUser: OMAR, email: adminEmail, role: 'agent' }));
    expect(demote.status).toBe(409);
    expect(await agentRow(org.id, realAdmin)).toMatchObject({ role: 'admin' });
  });

  it('refuses a missing or malformed CRM user id with 400 naming X-Parley-Crm-User', async () => {
    for (const crmUser of [
      undefined,
      '',
      'maria@acme.example',
      '005Hs00000AbCd', // 14 characters
      '005Hs00000AbCdEIA', // 17 characters
      '001Hs00000AbCdEIAV', // an Account's id, not a User's
      '005Hs00000AbCdEIAW', // the suffix does not match the id
      '005Hs00000AbCdE-IA',
    ]) {
      const res = await call('GET', '/api/v1/me', asCrmUser(key, { crmUser }));
      expect(res.status, `${crmUser}: ${res.text}`).toBe(400);
      expect(res.json.error.code).toBe('bad_crm_user');
      expect(res.json.error.message).toContain('X-Parley-Crm-User');
    }
    // Nothing was made by any of them.
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM agents WHERE org_id = ? AND origin = 'crm'").bind(org.id).first<{ n: number }>();
    expect(count!.n).toBe(0);
  });

  it('checks the key before the user: a wrong key with a bad user id is 401', async () => {
    const res = await call('GET', '/api/v1/me', asCrmUser(key.slice(0, -2) + 'xx', { crmUser: 'nonsense' }));
    expect(res.status).toBe(401);
  });

  it('keeps one agent for the same CRM user when their email, name or id form changes', async () => {
    const first = await call('GET', '/api/v1/me', maria(key));
    const changed = await call('GET', '/api/v1/me', asCrmUser(key, { crmUser: MARIA_15, email: 'Maria.Lopez@Acme.example', name: 'Maria+L%C3%B3pez' }));
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.agent).toMatchObject({ id: first.json.agent.id, email: 'maria.lopez@acme.example', name: 'Maria López' });
    // The old email is free again, and no second agent was made.
    const crmAgents = await env.DB.prepare("SELECT id, email FROM agents WHERE org_id = ? AND origin = 'crm'").bind(org.id).all();
    expect(crmAgents.results).toEqual([{ id: first.json.agent.id, email: 'maria.lopez@acme.example' }]);
  });

  it("refuses a CRM user's new email when an account made in Parley has it, and keeps the agent as it was", async () => {
    const first = await call('GET', '/api/v1/me', maria(key));
    const taken = await call('GET', '/api/v1/me', maria(key, { email: adminEmail }));
    expect(taken.status).toBe(409);
    expect(taken.json.error.message).toContain('made in Parley');
    expect(await agentRow(org.id, first.json.agent.id)).toMatchObject({ email: 'maria@acme.example' });
    expect(await agentRow(org.id, realAdmin)).toMatchObject({ email: adminEmail, role: 'admin' });
  });

  it("refuses a deactivated CRM-made agent with 403, and changes nothing of theirs", async () => {
    const first = await call('GET', '/api/v1/me', maria(key));
    // As the admin's deactivation leaves the row (migration 0006).
    await env.DB.prepare('UPDATE agents SET deactivated_at = ? WHERE id = ?').bind(Date.now(), first.json.agent.id).run();
    pastTheCache();
    const refused = await call('GET', '/api/v1/me', maria(key, { name: 'Maria Changed' }));
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('agent_deactivated');
    expect(refused.json.error.message).toContain('X-Parley-Crm-User');
    expect(await agentRow(org.id, first.json.agent.id)).toMatchObject({ name: 'Maria Lopez' });
  });

  it('makes one agent when the same new CRM user calls many times at once', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => call('GET', '/api/v1/me', maria(key, { name: `Maria ${i}` }))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.json.agent.id)).size).toBe(1);
  });

  it('is one agent per CRM user in each org: another org with the same Salesforce user id has its own', async () => {
    const other = await makeOrg('Other');
    const otherKey = (await call('POST', '/api/v1/crm/salesforce/key', { token: other.admin.token })).json.key;
    const here = await call('GET', '/api/v1/me', maria(key));
    const there = await call('GET', '/api/v1/me', maria(otherKey));
    expect(there.status).toBe(200);
    expect(there.json.agent.id).not.toBe(here.json.agent.id);
    expect(there.json.agent.orgId).toBe(other.id);
  });
});
