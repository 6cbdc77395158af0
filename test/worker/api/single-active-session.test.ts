// Single active session counts the sessions the agent already has open, not
// only those started while the setting was on: turning it on while an agent
// has open sessions blocks their next start, and the refusal names a session
// that is actually open.
import { describe, expect, it } from 'vitest';
import { call, makeOrg, startSession, type Org } from '../../helpers/world';

const email = () => `c-${crypto.randomUUID()}@example.com`;
const setOrg = (org: Org, body: unknown) => call('PATCH', '/api/v1/settings', { token: org.admin.token, body });
const start = (org: Org, name: string) => call('POST', '/api/v1/sessions', { token: org.alice.token, body: { customer: { name, email: email() } } });

describe('single active session, turned on while sessions are open', () => {
  it('refuses the next start, naming the session started before the setting was on', async () => {
    const org = await makeOrg();
    const before = await startSession(org.alice, { name: 'Early Customer', email: email() });
    await setOrg(org, { session: { singleActiveSession: true } });

    const next = await start(org, 'Next Customer');
    expect(next.status).toBe(409);
    expect(next.json.error.code).toBe('single_active_session');
    expect(next.json.error.message).toContain(`end your session with Early Customer (${before.session.id})`);

    // Once that session is ended (the customer keeps after-end access: not an open session), the next one starts.
    expect((await call('POST', `/api/v1/sessions/${before.session.id}/end`, { token: org.alice.token })).status).toBe(200);
    expect((await start(org, 'Next Customer')).status).toBe(201);
    // And that one now holds the rule in turn.
    expect((await start(org, 'Third Customer')).status).toBe(409);
  });

  it('names an open session, not one that has ended, when several were open', async () => {
    const org = await makeOrg();
    const first = await startSession(org.alice, { name: 'First Customer', email: email() });
    const second = await startSession(org.alice, { name: 'Second Customer', email: email() });
    await call('POST', `/api/v1/sessions/${second.session.id}/end`, { token: org.alice.token });
    await setOrg(org, { session: { singleActiveSession: true } });

    const next = await start(org, 'Next Customer');
    expect(next.status).toBe(409);
    expect(next.json.error.message).toContain(`(${first.session.id})`);
    expect(next.json.error.message).not.toContain(second.session.id);
  });

  it('a pre-planned session counts as open', async () => {
    const org = await makeOrg();
    const planned = await startSession(org.alice, { name: 'Planned Customer', email: email() }, { invite: false });
    await setOrg(org, { session: { singleActiveSession: true } });
    const next = await start(org, 'Next Customer');
    expect(next.status).toBe(409);
    expect(next.json.error.message).toContain(`(${planned.session.id})`);
  });

  it('lets exactly one of two concurrent starts through when nothing is open', async () => {
    const org = await makeOrg();
    await setOrg(org, { session: { singleActiveSession: true } });
    const [a, b] = await Promise.all([start(org, 'Racer One'), start(org, 'Racer Two')]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    const loser = a.status === 201 ? b : a;
    // The loser is told which session holds the rule (or that it is still being started), never one that does not exist.
    expect(loser.json.error.message).toMatch(new RegExp(`\\(${winner.json.session.id}\\)|being started`));
  });

  it('refuses both of two concurrent starts when a session from before the setting is open', async () => {
    const org = await makeOrg();
    const before = await startSession(org.alice, { name: 'Early Customer', email: email() });
    await setOrg(org, { session: { singleActiveSession: true } });
    const answers = await Promise.all([start(org, 'Racer One'), start(org, 'Racer Two')]);
    expect(answers.map((r) => r.status)).toEqual([409, 409]);
    for (const r of answers) expect(r.json.error.message).toContain(`(${before.session.id})`);
  });

  it('a session handed to another agent no longer blocks the agent who gave it away', async () => {
    const org = await makeOrg();
    await setOrg(org, { session: { singleActiveSession: true, searchSpace: 'team' } });
    const handed = await startSession(org.alice, { name: 'Handed Customer', email: email() });
    // Bob, in Alice's team, takes the customer over (address book take-over) and with it the session.
    const customers = await call('GET', `/api/v1/customers?q=Handed`, { token: org.admin.token });
    const takeover = await call('POST', `/api/v1/customers/${customers.json.customers[0].id}/takeover`, { token: org.bob.token });
    expect(takeover.status).toBe(200);
    expect((await start(org, 'Alice Next')).status).toBe(201);
    // Bob now has that session open: his next start is refused, naming it.
    const bobNext = await call('POST', '/api/v1/sessions', { token: org.bob.token, body: { customer: { name: 'Bob Next', email: email() } } });
    expect(bobNext.status).toBe(409);
    expect(bobNext.json.error.message).toContain(`(${handed.session.id})`);
  });
});
