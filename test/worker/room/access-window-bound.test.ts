// The longest access window: 2160 hours (90 days) is accepted by the settings
// API, 2161 is refused, and a customer's access ends exactly 2160 hours after
// their first open. Literal numbers on purpose: moving the bound must break a
// test. Time is moved, never slept (as in access-window.test.ts).
import { describe, expect, it } from 'vitest';
import { aheadOfRealClock, frozenClock } from '../../helpers/ahead';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';

const H = 3_600_000;
const START = aheadOfRealClock('mon', 9);
const { advance } = frozenClock(START);

const setOrg = (org: Org, body: unknown) => call('PATCH', '/api/v1/settings', { token: org.admin.token, body });
const setTeam = (org: Org, body: unknown) => call('PATCH', `/api/v1/teams/${org.teamA}/settings`, { token: org.admin.token, body });
const RANGE_ISSUE = [{ field: 'body.session.accessWindowHours', message: 'must be 1 to 2160 hours' }];

describe('the access window bound, through the settings API', () => {
  it('the org takes 2160 hours and refuses 2161, naming the field and the range, keeping 2160', async () => {
    const org = await makeOrg();
    const set = await setOrg(org, { session: { accessWindowHours: 2160 } });
    expect(set.status).toBe(200);
    expect(set.json.settings.session.accessWindowHours).toBe(2160);

    const over = await setOrg(org, { session: { accessWindowHours: 2161 } });
    expect(over.status).toBe(422);
    expect(over.json.error.issues).toEqual(RANGE_ISSUE);
    expect((await call('GET', '/api/v1/settings', { token: org.admin.token })).json.settings.session.accessWindowHours).toBe(2160);
  });

  it('a team takes 2160 hours and refuses 2161 the same way', async () => {
    const org = await makeOrg();
    const set = await setTeam(org, { session: { accessWindowHours: 2160 } });
    expect(set.status).toBe(200);
    expect(set.json.effective.session.accessWindowHours).toBe(2160);
    const over = await setTeam(org, { session: { accessWindowHours: 2161 } });
    expect(over.status).toBe(422);
    expect(over.json.error.issues).toEqual(RANGE_ISSUE);
  });
});

describe('a 2160-hour window in the room', () => {
  it("a customer's access ends exactly 2160 hours after the first open", async () => {
    const org = await makeOrg();
    expect((await setOrg(org, { session: { accessWindowHours: 2160 } })).status).toBe(200);
    const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com` });
    const [invite] = await outboxFor(s.session.id);
    const b = new Browser();
    expect((await b.open(invite!.link)).status).toBe(303);

    advance(2160 * H - 60_000);
    expect((await b.request('GET', '/room')).status).toBe(200);
    advance(60_000);
    const page = await b.request('GET', '/room');
    expect(page.status).toBe(410);
    expect(page.text).toContain('Session expired');
  });
});
