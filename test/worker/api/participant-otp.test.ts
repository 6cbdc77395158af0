// An agent reads a participant's live one-time code only when the admin lets
// agents see codes; every reading is in the event log (agents only), and a
// code sent while the setting was off is never readable.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';

const SAME_ORIGIN = { Origin: 'https://parley.test', 'Sec-Fetch-Site': 'same-origin' };
const setOrg = (org: Org, session: Record<string, boolean>) => call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session } });

async function codeSent(session: Record<string, boolean>) {
  const org = await makeOrg();
  expect((await setOrg(org, { otpRequired: true, ...session })).status).toBe(200);
  const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com`, phone: '+14155550123' });
  const sessionId = s.session.id as string;
  const participantId = s.participants[0].id as string;
  const path = new URL((await outboxFor(sessionId))[0]!.link).pathname;
  const browser = new Browser();
  expect((await browser.request('POST', path, undefined, SAME_ORIGIN)).status).toBe(200);
  const sent = (await outboxFor(sessionId)).find((m) => m.kind === 'otp')!;
  const code = /\b(\d{6})\b/.exec(sent.body)![1]!;
  return { org, sessionId, participantId, path, browser, code, url: `/api/v1/sessions/${sessionId}/participants/${participantId}/otp` };
}

const viewings = async (org: Org, sessionId: string) =>
  ((await call('GET', `/api/v1/sessions/${sessionId}/events`, { token: org.alice.token })).json.events as any[]).filter((e) => e.type === 'participant.otp_viewed');

describe("the agent's view of a participant's code", () => {
  it('is refused (403 otp_hidden) while the admin does not allow it, and nothing is logged', async () => {
    const { org, sessionId, url } = await codeSent({});
    const res = await call('GET', url, { token: org.alice.token });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('otp_hidden');
    expect(await viewings(org, sessionId)).toHaveLength(0);
  });

  it('shows the live code when allowed, logs each viewing for agents only, and finds none once it is used', async () => {
    const { org, sessionId, url, code, path, browser } = await codeSent({ agentMaySeeOtp: true });
    const res = await call('GET', url, { token: org.alice.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.json).toEqual({ code, channel: 'sms', sentAt: expect.any(String), expiresAt: expect.any(String) });
    expect(Date.parse(res.json.expiresAt) - Date.parse(res.json.sentAt)).toBe(10 * 60_000);
    const logged = await viewings(org, sessionId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ audience: 'agents', actor: `agent:${org.alice.id}`, data: { channel: 'sms' } });
    expect(JSON.stringify(logged)).not.toMatch(new RegExp(`(?<![0-9])${code}(?![0-9])`));
    // An agent outside the session's search space learns nothing.
    expect((await call('GET', url, { token: org.carol.token })).status).toBe(404);

    const form = new FormData();
    form.append('code', code);
    expect((await browser.request('POST', `${path}/code`, form, SAME_ORIGIN)).status).toBe(303);
    const gone = await call('GET', url, { token: org.alice.token });
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('no_live_code');
  });

  it('cannot read a code sent before the admin allowed it: it was never kept', async () => {
    const { org, url } = await codeSent({});
    await setOrg(org, { agentMaySeeOtp: true });
    expect((await call('GET', url, { token: org.alice.token })).status).toBe(404);
  });
});
