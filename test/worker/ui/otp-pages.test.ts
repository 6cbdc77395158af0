// The screens of one-time codes: the customer's code page (a labelled field
// phones fill from the message, no cookie until the code is right, never
// cached), and the agent's "Show code", offered only where the admin allows
// agents to see codes and read through the API the workspace script calls.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession, type Org } from '../../helpers/world';

const SAME_ORIGIN = { Origin: 'https://parley.test', 'Sec-Fetch-Site': 'same-origin' };

async function otpOrg(session: Record<string, boolean>) {
  const org = await makeOrg();
  expect((await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { otpRequired: true, ...session } } })).status).toBe(200);
  const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com`, phone: '+14155550123' });
  return { org, sessionId: s.session.id as string, participantId: s.participants[0].id as string, path: new URL((await outboxFor(s.session.id))[0]!.link).pathname };
}

const sessionPage = async (org: Org, sessionId: string) => (await (await signInToWorkspace(org.alice)).get(`/app/sessions/${sessionId}`)).text;

describe("the customer's code page", () => {
  it('has a labelled numeric field for the code, posts next to the link, and offers a new code', async () => {
    const { path } = await otpOrg({});
    const page = await new Browser().request('POST', path, undefined, SAME_ORIGIN);
    expect(page.status).toBe(200);
    expect(page.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(page.text).toContain(`<form method="post" action="${path}/code"><label for="otp-code">6-digit code</label>`);
    expect(page.text).toMatch(/<input id="otp-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"[^>]* required/);
    expect(page.text).toContain(`<form method="post" action="${path}/code/new"><button type="submit" class="secondary">Send a new code</button></form>`);
    expect(page.text).not.toMatch(/<script/);
  });

  it('after a wrong code, says so in an alert tied to the field', async () => {
    const { path } = await otpOrg({});
    const b = new Browser();
    await b.request('POST', path, undefined, SAME_ORIGIN);
    const form = new FormData();
    form.append('code', '12345');
    const page = await b.request('POST', `${path}/code`, form, SAME_ORIGIN);
    expect(page.status).toBe(422);
    expect(page.text).toContain('<p id="otp-error" class="error" role="alert">Please enter the 6 digits of the code we sent you.</p>');
    expect(page.text).toContain('aria-describedby="otp-sent otp-error"');
  });
});

describe("the agent's Show code", () => {
  it('is not offered while the admin keeps codes hidden', async () => {
    const { org, sessionId } = await otpOrg({});
    expect(await sessionPage(org, sessionId)).not.toContain('data-show-otp');
  });

  it('is offered on each participant when allowed, with a live region, and the workspace reads the code through the API', async () => {
    const { org, sessionId, participantId, path } = await otpOrg({ agentMaySeeOtp: true });
    const html = await sessionPage(org, sessionId);
    expect(html).toContain(`data-show-otp="${participantId}"`);
    expect(html).toContain(`<span id="otp-${participantId}" class="ws-otp-code" role="status" aria-live="polite"></span>`);
    await new Browser().request('POST', path, undefined, SAME_ORIGIN);
    const code = /\b(\d{6})\b/.exec((await outboxFor(sessionId)).find((m) => m.kind === 'otp')!.body)![1]!;
    // The code is fetched when asked, never rendered into the page.
    expect(await sessionPage(org, sessionId)).not.toMatch(new RegExp(`(?<![0-9])${code}(?![0-9])`));
    const ws = await signInToWorkspace(org.alice);
    const res = await ws.api('GET', `/sessions/${sessionId}/participants/${participantId}/otp`);
    expect(res.status).toBe(200);
    expect(res.json.code).toBe(code);
  });
});
