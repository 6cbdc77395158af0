import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession } from '../helpers/world';

describe('smoke', () => {
  it('starts a session and the customer enters', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora Customer', email: 'cora@example.com' });
    expect(s.session.status).toBe('active');
    const [msg] = await outboxFor(s.session.id);
    expect(msg!.channel).toBe('email');
    const b = new Browser();
    const res = await b.open(msg!.link);
    expect(res.status).toBe(303);
    const state = await b.request('GET', '/room/api/state');
    expect(state.status).toBe(200);
    expect(state.json.me.name).toBe('Cora Customer');
    const view = await call('GET', `/api/v1/sessions/${s.session.id}`, { token: org.alice.token });
    expect(view.json.participants[0].enteredAt).not.toBeNull();
  });
});
