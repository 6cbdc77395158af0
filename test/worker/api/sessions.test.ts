// Starting, pre-planning, inviting, ending and listing sessions through the agent API.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';

const email = () => `c-${crypto.randomUUID()}@example.com`;
const setOrg = (org: Org, body: unknown) => call('PATCH', '/api/v1/settings', { token: org.admin.token, body });

describe('start session', () => {
  it('creates the session, the customer in the address book, and sends the invitation at once', async () => {
    const org = await makeOrg('Acme Insurance');
    const res = await call('POST', '/api/v1/sessions', {
      token: org.alice.token,
      body: { customer: { name: 'Cora Customer', email: 'CORA@example.com' }, crmRecord: { system: 'salesforce', objectType: 'Contact', recordId: '003000000000001AAA' } },
    });
    expect(res.status).toBe(201);
    expect(res.json.reused).toBe(false);
    expect(res.json.session).toMatchObject({ status: 'active', agentId: org.alice.id, crmRecord: { system: 'salesforce', objectType: 'Contact', recordId: '003000000000001AAA' } });
    expect(res.json.participants).toHaveLength(1);
    expect(res.json.participants[0]).toMatchObject({ name: 'Cora Customer', email: 'cora@example.com', primary: true, online: false, completed: false });

    const [invite, ...rest] = await outboxFor(res.json.session.id);
    expect(rest).toHaveLength(0);
    expect(invite).toMatchObject({ channel: 'email', recipient: 'cora@example.com' });
    expect(invite!.subject).toContain('Alice Agent from Acme Insurance');
    expect(invite!.body).toContain(invite!.link);
    expect(invite!.link).toMatch(/\/room\/join\/[A-Za-z0-9_-]{43}$/);

    const book = await call('GET', '/api/v1/customers?q=cora', { token: org.alice.token });
    expect(book.json.customers).toHaveLength(1);
    expect(book.json.customers[0]).toMatchObject({ name: 'Cora Customer', lastSessionId: res.json.session.id, owner: { id: org.alice.id } });
  });

  it("completes a local number with the org's default phone prefix; an explicit prefix wins; without a prefix it is a 422 naming the field", async () => {
    const org = await makeOrg();
    const noPrefix = await call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name: 'Lou Local', phone: '020 7946 0958' } } });
    expect(noPrefix.status).toBe(422);
    expect(noPrefix.json.error.issues).toEqual([{ field: 'body.customer.phone', message: expect.stringContaining('default phone prefix') }]);

    expect((await call('PATCH', '/api/v1/settings/notifications', { token: org.admin.token, body: { general: { defaultPhonePrefix: '+44' } } })).status).toBe(200);
    const local = await startSession(org.alice, { name: 'Lou Local', phone: '020 7946 0958' });
    expect(local.participants[0].phone).toBe('+442079460958');
    expect((await outboxFor(local.session.id))[0]).toMatchObject({ channel: 'sms', recipient: '+442079460958' });
    const explicit = await startSession(org.alice, { name: 'Ines International', phone: '+1 (415) 555-0123' });
    expect(explicit.participants[0].phone).toBe('+14155550123');

    const cosigner = await call('POST', `/api/v1/sessions/${local.session.id}/participants`, { token: org.alice.token, body: { roleName: 'Co-signer', contact: { name: 'Cal', phone: '07911 123456' } } });
    expect(cosigner.status).toBe(201);
    expect(cosigner.json.phone).toBe('+447911123456');
    const tooShort = await call('POST', `/api/v1/sessions/${local.session.id}/participants`, { token: org.alice.token, body: { roleName: 'Co-signer', contact: { name: 'Cal', phone: '0000' } } });
    expect(tooShort.status).toBe(422);
    expect(tooShort.json.error.message).toMatch(/^body\.contact\.phone: is not a valid number with the default prefix \+44/);
  });

  it('invites by SMS with a short link that fits one message', async () => {
    const org = await makeOrg('A Company With A Rather Long Name Ltd');
    const s = await startSession(org.alice, { name: 'Sam', phone: '+44 20 7946 0958' });
    const [sms] = await outboxFor(s.session.id);
    expect(sms).toMatchObject({ channel: 'sms', recipient: '+442079460958' });
    expect(sms!.link).toMatch(/\/r\/[0-9A-Za-z]{22}$/);
    expect(sms!.body.length).toBeLessThanOrEqual(160);
    expect(sms!.body.endsWith(sms!.link)).toBe(true);
    const b = new Browser();
    expect((await b.open(sms!.link)).status).toBe(303);
    expect((await b.request('GET', '/room')).status).toBe(200);
  });

  it('refuses bad customers with messages naming the field', async () => {
    const org = await makeOrg();
    const noChannel = await call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name: 'X' } } });
    expect(noChannel.status).toBe(422);
    expect(noChannel.json.error.message).toContain('body.customer.email: give an email or a phone number');
    const badPhone = await call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name: 'X', phone: '12' } } });
    expect(badPhone.json.error.issues[0].field).toBe('body.customer.phone');
    const notJson = await call('POST', '/api/v1/sessions', { token: org.alice.token, body: '{"customer":', headers: { 'Content-Type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.message).toMatch(/JSON/);
  });

  it('pre-plans: items wait as drafts, nothing is sent until Invite', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Pat', email: email() }, { invite: false });
    const id = s.session.id;
    expect(s.session.status).toBe('planned');
    expect(await outboxFor(id)).toHaveLength(0);
    const item = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Loan agreement' } });
    expect(item.json.status).toBe('draft');

    const invited = await call('POST', `/api/v1/sessions/${id}/invite`, { token: org.alice.token });
    expect(invited.status).toBe(200);
    expect(invited.json.session.status).toBe('active');
    expect(invited.json.items[0].status).toBe('sent');
    expect(await outboxFor(id)).toHaveLength(1);
    expect((await call('POST', `/api/v1/sessions/${id}/invite`, { token: org.alice.token })).status).toBe(409);
  });

  it('a planned session link is not yet open to anyone', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Pat', email: email() }, { invite: false });
    // Nothing was sent, so no link exists; the room without a cookie asks for the invitation.
    expect((await new Browser().request('GET', '/room')).status).toBe(401);
    expect(s.participants[0].inviteCount).toBe(0);
  });
});

describe('single active session', () => {
  it('refuses a second open session until the first is ended', async () => {
    const org = await makeOrg();
    await setOrg(org, { session: { singleActiveSession: true } });
    const first = await startSession(org.alice, { name: 'First', email: email() });
    const second = await call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name: 'Second', email: email() } } });
    expect(second.status).toBe(409);
    expect(second.json.error.message).toContain(`end your session with First (${first.session.id})`);
    // Another agent is not blocked.
    expect((await call('POST', '/api/v1/sessions', { token: org.bob.token, body: { customer: { name: 'Other', email: email() } } })).status).toBe(201);

    expect((await call('POST', `/api/v1/sessions/${first.session.id}/end`, { token: org.alice.token })).status).toBe(200);
    expect((await call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name: 'Second', email: email() } } })).status).toBe(201);
  });

  it('holds when two starts race', async () => {
    const org = await makeOrg();
    await setOrg(org, { session: { singleActiveSession: true } });
    const results = await Promise.all(
      [1, 2, 3].map((n) => call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name: `Racer ${n}`, email: email() } } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('a team can switch it on for itself only', async () => {
    const org = await makeOrg();
    await call('PATCH', `/api/v1/teams/${org.teamB}/settings`, { token: org.admin.token, body: { session: { singleActiveSession: true } } });
    await startSession(org.carol, { name: 'One', email: email() });
    expect((await call('POST', '/api/v1/sessions', { token: org.carol.token, body: { customer: { name: 'Two', email: email() } } })).status).toBe(409);
    await startSession(org.alice, { name: 'One', email: email() });
    expect((await call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name: 'Two', email: email() } } })).status).toBe(201);
  });
});

describe('reusable sessions', () => {
  it('gives a returning customer the same session, with its history', async () => {
    const org = await makeOrg();
    const addr = email();
    const first = await startSession(org.alice, { name: 'Rita', email: addr });
    await call('POST', `/api/v1/sessions/${first.session.id}/messages`, { token: org.alice.token, body: { text: 'Hello Rita' } });
    await call('POST', `/api/v1/sessions/${first.session.id}/end`, { token: org.alice.token });

    const again = await call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name: 'Rita', email: addr.toUpperCase() } } });
    expect(again.status).toBe(200);
    expect(again.json.reused).toBe(true);
    expect(again.json.session.id).toBe(first.session.id);
    expect(again.json.session.status).toBe('active');
    expect(again.json.messages.map((m: any) => m.text)).toContain('Hello Rita');
    expect(await outboxFor(first.session.id)).toHaveLength(2);
  });

  it('starts a new session when reuse is off', async () => {
    const org = await makeOrg();
    await setOrg(org, { session: { reusableSessions: false } });
    const addr = email();
    const first = await startSession(org.alice, { name: 'Rita', email: addr });
    const second = await startSession(org.alice, { name: 'Rita', email: addr });
    expect(second.session.id).not.toBe(first.session.id);
    expect(second.reused).toBe(false);
  });
});

describe('lists, search space and take-over', () => {
  it('lists by CRM record and by agent', async () => {
    const org = await makeOrg();
    const rec = { system: 'hubspot', objectType: 'deal', recordId: `d-${crypto.randomUUID()}` };
    const a = await startSession(org.alice, { name: 'On record', email: email() }, { crmRecord: rec });
    await startSession(org.alice, { name: 'Elsewhere', email: email() });
    const byRecord = await call('GET', `/api/v1/sessions?crmSystem=hubspot&crmRecordId=${rec.recordId}`, { token: org.alice.token });
    expect(byRecord.json.sessions.map((s: any) => s.id)).toEqual([a.session.id]);
    const mine = await call('GET', `/api/v1/sessions?agentId=${org.alice.id}`, { token: org.alice.token });
    expect(mine.json.sessions).toHaveLength(2);
    const search = await call('GET', '/api/v1/sessions?q=record', { token: org.alice.token });
    expect(search.json.sessions.map((s: any) => s.customer.name)).toEqual(['On record']);
  });

  it('keeps agents to their search space', async () => {
    const org = await makeOrg();
    const alices = await startSession(org.alice, { name: 'Alice customer', email: email() });
    const bobs = await startSession(org.bob, { name: 'Bob customer', email: email() });
    const carols = await startSession(org.carol, { name: 'Carol customer', email: email() });

    // mine (default): only my own
    const mine = await call('GET', '/api/v1/sessions', { token: org.alice.token });
    expect(mine.json.scope).toBe('mine');
    expect(mine.json.sessions.map((s: any) => s.id)).toEqual([alices.session.id]);
    expect((await call('GET', `/api/v1/sessions/${bobs.session.id}`, { token: org.alice.token })).status).toBe(404);
    const wider = await call('GET', '/api/v1/sessions?scope=team', { token: org.alice.token });
    expect(wider.status).toBe(403);
    expect(wider.json.error.message).toContain('search space is "mine"');

    await setOrg(org, { session: { searchSpace: 'team' } });
    const team = await call('GET', '/api/v1/sessions', { token: org.alice.token });
    expect(team.json.sessions.map((s: any) => s.id).sort()).toEqual([alices.session.id, bobs.session.id].sort());
    expect((await call('GET', `/api/v1/sessions/${bobs.session.id}`, { token: org.alice.token })).status).toBe(200);
    expect((await call('GET', `/api/v1/sessions/${carols.session.id}`, { token: org.alice.token })).status).toBe(404);

    await setOrg(org, { session: { searchSpace: 'all' } });
    expect((await call('GET', '/api/v1/sessions', { token: org.alice.token })).json.sessions).toHaveLength(3);
    // Admins see the whole org whatever the setting.
    await setOrg(org, { session: { searchSpace: 'mine' } });
    expect((await call('GET', '/api/v1/sessions', { token: org.admin.token })).json.sessions).toHaveLength(3);
  });

  it("takes over another agent's customer where the search space allows", async () => {
    const org = await makeOrg();
    const addr = email();
    const bobs = await startSession(org.bob, { name: 'Tina Takeover', email: addr });
    const customerId = bobs.session.customerId;
    expect((await call('POST', `/api/v1/customers/${customerId}/takeover`, { token: org.alice.token })).status).toBe(404);

    await setOrg(org, { session: { searchSpace: 'team' } });
    const found = await call('GET', '/api/v1/customers?q=tina', { token: org.alice.token });
    expect(found.json.customers[0].owner.id).toBe(org.bob.id);
    // Carol is in another team: not visible to her.
    expect((await call('POST', `/api/v1/customers/${customerId}/takeover`, { token: org.carol.token })).status).toBe(404);

    const took = await call('POST', `/api/v1/customers/${customerId}/takeover`, { token: org.alice.token });
    expect(took.status).toBe(200);
    expect(took.json.owner.id).toBe(org.alice.id);
    const session = await call('GET', `/api/v1/sessions/${bobs.session.id}`, { token: org.alice.token });
    expect(session.json.session.agentId).toBe(org.alice.id);
    const index = await env.DB.prepare('SELECT agent_id FROM sessions WHERE id = ?').bind(bobs.session.id).first<{ agent_id: string }>();
    expect(index!.agent_id).toBe(org.alice.id);
    // Starting again for that customer now reuses the taken-over session.
    const again = await startSession(org.alice, { name: 'Tina Takeover', email: addr });
    expect(again.session.id).toBe(bobs.session.id);
  });
});

describe('end session', () => {
  it('ends once; a second end is a conflict', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'E', email: email() });
    const ended = await call('POST', `/api/v1/sessions/${s.session.id}/end`, { token: org.alice.token });
    expect(ended.json.session.status).toBe('ended');
    expect(ended.json.session.endedAt).not.toBeNull();
    expect((await call('POST', `/api/v1/sessions/${s.session.id}/end`, { token: org.alice.token })).status).toBe(409);
    const index = await env.DB.prepare('SELECT status FROM sessions WHERE id = ?').bind(s.session.id).first<{ status: string }>();
    expect(index!.status).toBe('ended');
  });
});

describe('agent authentication', () => {
  it('refuses missing, garbage and expired tokens with 401', async () => {
    expect((await call('GET', '/api/v1/sessions')).status).toBe(401);
    expect((await call('GET', '/api/v1/sessions', { token: 'v1.abc.def' })).status).toBe(401);
    const org = await makeOrg();
    const { signAgentToken } = await import('../../../worker/src/auth/agent-token');
    const nowS = Math.floor(Date.now() / 1000);
    const expired = await signAgentToken({ org: org.id, sub: org.alice.id, use: 'api', jti: 'expired', gen: 0, iat: nowS - 60, auth: nowS - 60, exp: nowS - 1 }, org.secret);
    const res = await call('GET', '/api/v1/sessions', { token: expired });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('token_expired');
  });
});
