// The agent workspace (/app): signing in by token link, the cookie, the
// sessions list and the session view rendered with escaped user text under
// the strict CSP, org isolation, and the pages' live fragment and files.
import { describe, expect, it } from 'vitest';
import { signInLinkToken, signTestToken } from '../../helpers/agent-tokens';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession, WorkspaceBrowser, type Org } from '../../helpers/world';
import { documentForm, makePdf, signatureField, textField } from '../../helpers/pdf';
import { roomOf } from '../../helpers/sealing';

function expectStrictPage(res: { headers: Headers; text: string }) {
  const csp = res.headers.get('Content-Security-Policy')!;
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(res.text.startsWith('<!DOCTYPE html>')).toBe(true);
  // Scripts only by src, never inline; no inline event handlers.
  for (const tag of res.text.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(tag).toMatch(/^<script type="module" src="\/assets\/workspace\.js"><\/script>$/);
  expect(res.text).not.toMatch(/<[^>]*\son[a-z]+=/i);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
}

async function template(org: Org, definition: unknown) {
  const res = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), definition, { name: `T ${crypto.randomUUID().slice(0, 8)}` }) });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

const email = () => `w-${crypto.randomUUID()}@example.com`;

describe('signing in', () => {
  it('sets a __Host- HttpOnly, Secure, SameSite=Lax cookie for Path=/ with a fresh working-day token, and takes the link token out of the address bar', async () => {
    const org = await makeOrg();
    const token = await signInLinkToken(org, org.alice.id);
    const res = await new WorkspaceBrowser().get(`/app/sign-in?token=${encodeURIComponent(token)}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/app');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const cookie = res.setCookie!;
    expect(cookie.startsWith('__Host-parley_agent=v1.')).toBe(true);
    expect(cookie.startsWith(`__Host-parley_agent=${token};`)).toBe(false); // never the link's own token
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/;');
    expect(cookie).not.toMatch(/Domain=/i);
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
    expect(maxAge).toBeGreaterThan(12 * 3600 - 100);
    expect(maxAge).toBeLessThanOrEqual(12 * 3600);
  });

  it('may go straight to one session, but never off the workspace', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Nora Next', email: email() });
    const link = await signInLinkToken(org, org.alice.id);
    const direct = await new WorkspaceBrowser().get(`/app/sign-in?token=${encodeURIComponent(link)}&next=/app/sessions/${s.session.id}`);
    expect(direct.headers.get('Location')).toBe(`/app/sessions/${s.session.id}`);
    const away = await new WorkspaceBrowser().get(`/app/sign-in?token=${encodeURIComponent(link)}&next=https://evil.example/`);
    expect(away.headers.get('Location')).toBe('/app');
  });

  it('answers a bad, expired or one-session token with a clear 401 page and no cookie', async () => {
    const org = await makeOrg();
    const nowS = Math.floor(Date.now() / 1000);
    const expired = await signInLinkToken(org, org.alice.id, { exp: nowS - 60 });
    const liveOnly = await signTestToken(org, org.alice.id, { use: 'socket', exp: nowS + 300, ses: 'ses_0123456789abcdef' });
    const forged = await signTestToken(org, org.alice.id, { use: 'sign_in', exp: nowS + 300 }, 'not-the-org-secret');
    const cases: [string, string][] = [
      ['nonsense', 'This sign-in link is not valid'],
      [forged, 'This sign-in link is not valid'],
      [expired, 'This sign-in link has expired'],
      [liveOnly, 'This link cannot open the workspace'],
      ['', 'This sign-in link is not valid'],
    ];
    for (const [token, title] of cases) {
      const res = await new WorkspaceBrowser().get(`/app/sign-in?token=${encodeURIComponent(token)}`);
      expect(res.status).toBe(401);
      expect(res.setCookie).toBeNull();
      expect(res.text).toContain(title);
      expect(res.text).toContain('npm start');
      expectStrictPage(res);
    }
  });

  it('exchanges only a sign-in link token: an API token or a workspace cookie token is refused', async () => {
    const org = await makeOrg();
    const workspaceToken = /__Host-parley_agent=([^;]+)/.exec((await signInToWorkspace(org.alice)).cookie!)![1]!;
    for (const token of [org.alice.token, org.admin.token, workspaceToken]) {
      const res = await new WorkspaceBrowser().get(`/app/sign-in?token=${encodeURIComponent(token)}`);
      expect(res.status).toBe(401);
      expect(res.setCookie).toBeNull();
      expect(res.text).toContain('This link cannot open the workspace');
      expect(res.text).toContain('not a sign-in link');
    }
  });

  it('refuses a token of the old form (no purpose, no id) even when its signature is right', async () => {
    const org = await makeOrg();
    const { signAgentToken } = await import('../../../worker/src/auth/agent-token');
    const old = await signAgentToken({ org: org.id, sub: org.alice.id, exp: Math.floor(Date.now() / 1000) + 3600 } as never, org.secret);
    expect((await new WorkspaceBrowser().get(`/app/sign-in?token=${encodeURIComponent(old)}`)).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { token: old })).status).toBe(401);
  });

  it('without the cookie, /app and its pages explain how to open the workspace', async () => {
    for (const path of ['/app', '/app/sessions/ses_0123456789abcdef', '/app/sessions/ses_0123456789abcdef/documents/itm_0123456789abcdef']) {
      const res = await new WorkspaceBrowser().get(path);
      expect(res.status).toBe(401);
      expect(res.text).toContain('Open the workspace from your CRM');
      expect(res.text).toContain('npm start');
      expectStrictPage(res);
    }
    const bogus = await new WorkspaceBrowser('__Host-parley_agent=v1.bogus.bogus').get('/app');
    expect(bogus.status).toBe(401);
  });

  it('the cookie works on the API only together with X-Parley-App: 1', async () => {
    const org = await makeOrg();
    const b = await signInToWorkspace(org.alice);
    expect((await b.api('GET', '/me')).json.agent.id).toBe(org.alice.id);
    expect((await b.get('/api/v1/me')).status).toBe(401);
  });

  it("an API token in the cookie, or the cookie's token as a Bearer token, is refused", async () => {
    const org = await makeOrg();
    const inCookie = await call('GET', '/api/v1/me', { headers: { Cookie: `__Host-parley_agent=${org.alice.token}`, 'X-Parley-App': '1' } });
    expect(inCookie.status).toBe(401);
    expect(inCookie.json.error.code).toBe('wrong_token_use');
    expect((await new WorkspaceBrowser(`__Host-parley_agent=${org.alice.token}`).get('/app')).status).toBe(401);
    const workspaceToken = /__Host-parley_agent=([^;]+)/.exec((await signInToWorkspace(org.alice)).cookie!)![1]!;
    const asBearer = await call('GET', '/api/v1/me', { token: workspaceToken });
    expect(asBearer.status).toBe(401);
    expect(asBearer.json.error.code).toBe('wrong_token_use');
  });

  it('sign-out clears the cookie and revokes its token: the old value is refused by the API and the pages', async () => {
    const org = await makeOrg();
    const b = await signInToWorkspace(org.alice);
    const before = b.cookie!;
    expect((await b.api('GET', '/me')).status).toBe(200);
    const out = await b.fetch('POST', '/app/sign-out');
    expect(out.status).toBe(303);
    expect(out.headers.get('Location')).toBe('/app/signed-out');
    expect(out.setCookie).toMatch(/^__Host-parley_agent=;/);
    expect(out.setCookie).toContain('Max-Age=0');
    expect(out.setCookie).toContain('Secure');
    expect(out.setCookie).toContain('Path=/');
    expect((await b.get('/app')).status).toBe(401);
    // Someone who copied the cookie before sign-out holds nothing any more.
    const replayed = await call('GET', '/api/v1/me', { headers: { Cookie: before, 'X-Parley-App': '1' } });
    expect(replayed.status).toBe(401);
    expect(replayed.json.error.code).toBe('token_revoked');
    const page = await new WorkspaceBrowser(before).get('/app');
    expect(page.status).toBe(401);
    expect(page.text).toContain('This sign-in has ended');
    // Another sign-in of the same agent is untouched.
    expect((await (await signInToWorkspace(org.alice)).api('GET', '/me')).status).toBe(200);
  });
});

describe('renewing a workspace sign-in', () => {
  const DAY = 24 * 3600;

  it('keeps the time the sign-in began through every renewal, and the cookie never outlives 7 days from it', async () => {
    const org = await makeOrg();
    const nowS = Math.floor(Date.now() / 1000);
    // A sign-in that began 6 days and 20 hours ago: the renewed cookie lasts 4 hours, not 12.
    const began = nowS - 6 * DAY - 20 * 3600;
    const res = await new WorkspaceBrowser().get(`/app/sign-in?token=${encodeURIComponent(await signInLinkToken(org, org.alice.id, { auth: began }))}`);
    expect(res.status).toBe(303);
    const maxAge = Number(/Max-Age=(\d+)/.exec(res.setCookie!)![1]);
    expect(maxAge).toBeGreaterThan(4 * 3600 - 100);
    expect(maxAge).toBeLessThanOrEqual(4 * 3600);
    const { peekAgentToken } = await import('../../../worker/src/auth/agent-token');
    const cookieToken = /__Host-parley_agent=([^;]+)/.exec(res.setCookie!)![1]!;
    expect(peekAgentToken(cookieToken)).toMatchObject({ use: 'workspace', auth: began, exp: began + 7 * DAY });
  });

  it('a signed-in workspace that asks for a new sign-in link gets one that keeps the original sign-in time', async () => {
    const org = await makeOrg();
    const b = await signInToWorkspace(org.alice);
    const { peekAgentToken } = await import('../../../worker/src/auth/agent-token');
    const cookieClaims = peekAgentToken(/__Host-parley_agent=([^;]+)/.exec(b.cookie!)![1]!)!;
    const link = await b.api('POST', '/workspace-link');
    expect(link.status).toBe(201);
    const linkClaims = peekAgentToken(new URL(link.json.url).searchParams.get('token')!)!;
    expect(linkClaims.use).toBe('sign_in');
    expect(linkClaims.auth).toBe(cookieClaims.auth);
  });

  it('refuses a renewal past 7 days from when the sign-in began, at /app/sign-in and at /api/v1/workspace-link', async () => {
    const org = await makeOrg();
    const nowS = Math.floor(Date.now() / 1000);
    const tooOld = await signInLinkToken(org, org.alice.id, { auth: nowS - 7 * DAY - 1 });
    const res = await new WorkspaceBrowser().get(`/app/sign-in?token=${encodeURIComponent(tooOld)}`);
    expect(res.status).toBe(401);
    expect(res.setCookie).toBeNull();
    expect(res.text).toContain('at most 7 days');
    // Just inside the cap still signs in.
    expect((await new WorkspaceBrowser().get(`/app/sign-in?token=${encodeURIComponent(await signInLinkToken(org, org.alice.id, { auth: nowS - 7 * DAY + 60 }))}`)).status).toBe(303);
    // A workspace cookie whose sign-in began over 7 days ago (it would have expired; here made by hand) mints no new link.
    const oldCookie = await signTestToken(org, org.alice.id, { use: 'workspace', auth: nowS - 7 * DAY - 1, exp: nowS + 3600 });
    const renewal = await call('POST', '/api/v1/workspace-link', { headers: { Cookie: `__Host-parley_agent=${oldCookie}`, 'X-Parley-App': '1' } });
    expect(renewal.status).toBe(403);
    expect(renewal.json.error.code).toBe('sign_in_too_old');
    expect(renewal.json.error.message).toContain('7 days');
  });
});

describe('the sessions list', () => {
  it('lists the agent’s sessions with user text escaped, under the strict CSP', async () => {
    const org = await makeOrg();
    await startSession(org.alice, { name: '<script>alert(1)</script>', email: email() });
    await startSession(org.bob, { name: 'Bobs Customer', email: email() });
    const b = await signInToWorkspace(org.alice);
    const page = await b.get('/app');
    expect(page.status).toBe(200);
    expectStrictPage(page);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('Bobs Customer'); // search space: mine
    expect(page.text).toContain('Alice Agent');
    expect(page.text).toContain('id="start-form"');
    expect(page.text).not.toMatch(/<option value="team"/); // only what the search space allows
  });

  it('searches by name and offers the scopes the search space allows', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { searchSpace: 'team' } } });
    await startSession(org.alice, { name: 'Quinn Query', email: email() });
    await startSession(org.bob, { name: 'Quinlan Teammate', email: email() });
    await startSession(org.carol, { name: 'Quincy Otherteam', email: email() });
    const b = await signInToWorkspace(org.alice);
    const team = await b.get('/app?q=quin');
    expect(team.text).toContain('Quinn Query');
    expect(team.text).toContain('Quinlan Teammate');
    expect(team.text).not.toContain('Quincy Otherteam');
    expect(team.text).toMatch(/<option value="team" selected="">/);
    expect(team.text).not.toMatch(/<option value="all"/);
    const mine = await b.get('/app?q=quin&scope=mine');
    expect(mine.text).toContain('Quinn Query');
    expect(mine.text).not.toContain('Quinlan Teammate');
    // A scope wider than allowed falls back to the widest allowed.
    const all = await b.get('/app?scope=all');
    expect(all.text).not.toContain('Quincy Otherteam');
  });

  it('with single active session and an open session, the start button is disabled and says why', async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { singleActiveSession: true } } });
    const b = await signInToWorkspace(org.alice);
    expect((await b.get('/app')).text).not.toMatch(/id="start-submit"[^>]*disabled/);
    const s = await startSession(org.alice, { name: 'Olive Open', email: email() });
    const page = await b.get('/app');
    expect(page.text).toMatch(/<button type="submit" id="start-submit" class="ws-btn" disabled="" aria-describedby="start-blocked">/);
    expect(page.text).toContain('<p class="banner" id="start-blocked">');
    expect(page.text).toContain('end your session with');
    expect(page.text).toContain(`href="/app/sessions/${s.session.id}"`);
  });

  it('starting from the workspace: the API answers 422 with the field for the form to show', async () => {
    const org = await makeOrg();
    const b = await signInToWorkspace(org.alice);
    const bad = await b.api('POST', '/sessions', { customer: { name: 'Nadia', email: 'nope' }, invite: false });
    expect(bad.status).toBe(422);
    expect(bad.json.error.issues.map((i: any) => i.field)).toContain('body.customer.email');
    // The page has an error line for that field.
    expect((await b.get('/app')).text).toContain('data-field="body.customer.email"');
    const planned = await b.api('POST', '/sessions', { customer: { name: 'Nadia', email: email() }, invite: false });
    expect(planned.status).toBe(201);
    expect(planned.json.session.status).toBe('planned');
  });
});

describe('the session view', () => {
  it('shows the customer, participants 0/1, bubbles and chat, escaped, and Invite for a pre-planned session', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: '<script>alert("x")</script>', email: email() }, { invite: false });
    await call('POST', `/api/v1/sessions/${s.session.id}/messages`, { token: org.alice.token, body: { text: '<img src=x onerror=alert(1)>' } });
    const b = await signInToWorkspace(org.alice);
    const page = await b.get(`/app/sessions/${s.session.id}`);
    expect(page.status).toBe(200);
    expectStrictPage(page);
    expect(page.text).toContain('<h1 tabindex="-1">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h1>');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).toContain(`data-session="${s.session.id}"`);
    expect(page.text).toContain('<span class="ws-count">0/1</span>');
    expect(page.text).toContain('Has not opened the invitation yet');
    expect(page.text).toContain('data-action="invite"');
    expect(page.text).not.toContain('data-action="renew"');
    expect(page.text).toContain('Nothing sent yet.');
  });

  it('another org’s agent gets 404, and so does an agent outside the search space', async () => {
    const org = await makeOrg();
    const other = await makeOrg('Other');
    const s = await startSession(org.alice, { name: 'Private Person', email: email() });
    for (const agent of [other.alice, other.admin, org.carol]) {
      const b = await signInToWorkspace(agent);
      for (const path of [`/app/sessions/${s.session.id}`, `/app/sessions/${s.session.id}/live`]) {
        const res = await b.get(path);
        expect(res.status).toBe(404);
        expect(res.text).not.toContain('Private Person');
      }
    }
    const b = await signInToWorkspace(org.alice);
    expect((await b.get('/app/sessions/not-an-id')).status).toBe(404);
  });

  it('bubbles: a check mark once done, a pencil while waiting, who must act, and the toolbar', async () => {
    const org = await makeOrg();
    const tpl = await template(org, {
      roles: [{ name: 'Customer' }, { name: 'Agent' }],
      signingOrder: 'sequential',
      fields: [signatureField('c_sig'), signatureField('a_sig', 'Agent')],
    });
    const s = await startSession(org.alice, { name: 'Cora Customer', email: email() });
    const id = s.session.id as string;
    const cora = new Browser();
    await cora.open((await outboxFor(id))[0]!.link);
    const sent = await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl } });
    const itemId = sent.json.item.id as string;
    const b = await signInToWorkspace(org.alice);

    let live = await b.get(`/app/sessions/${id}/live`);
    expect(live.status).toBe(200);
    let bubble = bubbleOf(live.text, itemId);
    expect(bubble).toContain('data-status="sent"');
    expect(bubble).toContain('✎');
    expect(bubble).toContain('waiting for Cora Customer (Customer)');
    expect(bubble).toContain(`href="/app/sessions/${id}/documents/${itemId}/pdf"`);
    expect(bubble).not.toContain('Sign as agent');

    await cora.request('POST', '/room/api/consent');
    await cora.request('PUT', `/room/api/documents/${itemId}/fields/c_sig`, { value: { kind: 'typed', text: 'Cora' } });
    expect((await cora.request('POST', `/room/api/documents/${itemId}/complete`)).status).toBe(200);

    live = await b.get(`/app/sessions/${id}/live`);
    bubble = bubbleOf(live.text, itemId);
    expect(bubble).toContain('waiting for you');
    expect(bubble).toContain(`href="/app/sessions/${id}/documents/${itemId}"`);
    expect(bubble).toContain('Sign as agent');

    // The sign-as-agent form: the agent's field, typed signature.
    const form = await b.get(`/app/sessions/${id}/documents/${itemId}`);
    expect(form.status).toBe(200);
    expectStrictPage(form);
    expect(form.text).toContain('Sign as agent: ');
    expect(form.text).toContain('data-field-id="a_sig"');
    expect(form.text).not.toContain('data-field-id="c_sig"');
    // What its script does: fill through the API, then complete.
    expect((await b.api('PUT', `/sessions/${id}/documents/${itemId}/fields/a_sig`, { value: { kind: 'typed', text: 'Alice Agent' } })).status).toBe(200);
    expect((await b.api('POST', `/sessions/${id}/documents/${itemId}/complete`)).status).toBe(200);

    live = await b.get(`/app/sessions/${id}/live`);
    bubble = bubbleOf(live.text, itemId);
    expect(bubble).toContain('data-status="completed"');
    expect(bubble).toContain('✓');
    expect(bubble).toContain(`data-forward="${itemId}"`);
    expect(live.text).toContain('<span class="ws-count">1/1</span>');
    expect(live.text).toContain('Invitation link');

    // Preview in place, download as a file; the sealed PDF either way.
    const preview = await b.get(`/app/sessions/${id}/documents/${itemId}/pdf`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('Content-Type')).toBe('application/pdf');
    expect(preview.headers.get('Content-Disposition')).toMatch(/^inline; filename=".*\(sealed\)\.pdf"/);
    expect(preview.text.startsWith('%PDF-')).toBe(true);
    const download = await b.get(`/app/sessions/${id}/documents/${itemId}/pdf?download=1`);
    expect(download.headers.get('Content-Disposition')).toMatch(/^attachment;/);
    // Not for a request from another site, nor without the cookie.
    expect((await b.get(`/app/sessions/${id}/documents/${itemId}/pdf`, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await new WorkspaceBrowser().get(`/app/sessions/${id}/documents/${itemId}/pdf`)).status).toBe(401);
  });

  it('agent details: an agent-first document shows "Agent details" and its form', async () => {
    const org = await makeOrg();
    const tpl = await template(org, {
      roles: [{ name: 'Agent' }, { name: 'Customer' }],
      signingOrder: 'sequential',
      fields: [textField('amount', 'Agent', 1, { type: 'number', label: 'Loan <amount>' }), signatureField('c')],
    });
    const s = await startSession(org.alice, { name: 'Dee Details', email: email() });
    const sent = await call('POST', `/api/v1/sessions/${s.session.id}/documents`, { token: org.alice.token, body: { templateId: tpl } });
    expect(sent.json.item.status).toBe('awaiting_agent');
    const b = await signInToWorkspace(org.alice);
    const page = await b.get(`/app/sessions/${s.session.id}`);
    expect(bubbleOf(page.text, sent.json.item.id)).toContain('Agent details');
    const form = await b.get(`/app/sessions/${s.session.id}/documents/${sent.json.item.id}`);
    expect(form.text).toContain('Agent details: ');
    expect(form.text).toContain('Loan &lt;amount&gt;');
    expect(form.text).toContain('Finish agent details');
  });

  it('the live fragment follows the session: a message, the customer entering, the session ending', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Lena Live', email: email() });
    const id = s.session.id as string;
    const b = await signInToWorkspace(org.alice);
    const first = await b.get(`/app/sessions/${id}/live`);
    expect(first.text).toContain('id="ws-head"');
    expect(first.text).toContain('id="ws-items"');
    expect(first.text).toContain('id="ws-messages"');
    expect(first.text).toContain('id="ws-participants"');
    expect(first.text).toContain('disabled="" aria-describedby="renew-help"');

    const cora = new Browser();
    await cora.open((await outboxFor(id))[0]!.link);
    await cora.request('POST', '/room/api/messages', { text: 'Hi <b>there</b>' });
    const after = await b.get(`/app/sessions/${id}/live`);
    expect(after.text).toContain('Hi &lt;b&gt;there&lt;/b&gt;');
    expect(after.text).not.toContain('aria-describedby="renew-help"'); // renew is available once the customer has been in

    expect((await b.api('POST', `/sessions/${id}/end`)).status).toBe(200);
    const ended = await b.get(`/app/sessions/${id}/live`);
    expect(ended.text).toContain('Session ended');
    expect(ended.text).not.toContain('data-action="end"');
    expect((await new WorkspaceBrowser().get(`/app/sessions/${id}/live`)).status).toBe(401);
  });

  it('chat files open through the workspace with the cookie', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Fay File', email: email() });
    const id = s.session.id as string;
    const cora = new Browser();
    await cora.open((await outboxFor(id))[0]!.link);
    const form = new FormData();
    form.append('file', new File([await makePdf(1)], 'id-card.pdf', { type: 'application/pdf' }));
    const up = await cora.request('POST', '/room/api/attachments', form);
    expect(up.status).toBe(201);
    const b = await signInToWorkspace(org.alice);
    const page = await b.get(`/app/sessions/${id}`);
    const link = /href="(\/app\/sessions\/[^"]+\/files\/fil_[0-9A-Za-z]{16})"/.exec(page.text)![1]!;
    const file = await b.get(link);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Disposition')).toMatch(/^attachment; filename="id-card.pdf"/);
  });
});

describe("a participant's last message in the session view", () => {
  it('shows a failed one with its label and reason, marked, with Resend by either channel; Change contact until they enter', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Mo Message', email: email(), phone: '+14155550123' });
    const id = s.session.id as string;
    const mo = s.participants[0];
    const invitation = mo.deliveries[0];
    expect(invitation).toMatchObject({ channel: 'email', kind: 'invitation_primary' });
    const b = await signInToWorkspace(org.alice);

    let card = personOf((await b.get(`/app/sessions/${id}`)).text, mo.id);
    expect(card).toContain('<dt>Last message</dt>');
    expect(card).toContain('Invitation by email');
    // Not in the room yet: the contact details may change (the dialog is on the page).
    expect(card).toContain(`data-reengage="${mo.id}"`);
    expect((await b.get(`/app/sessions/${id}`)).text).toContain('id="reengage-dialog"');

    // The provider's report reaches the room as notify/delivery-reports.ts tells it.
    await roomOf(id).messageDelivery({
      participantId: mo.id,
      messageId: invitation.messageId,
      kind: invitation.kind,
      channel: 'email',
      status: 'failed',
      reason: 'The mailbox <mo@…> does not exist (bounced)',
      createdAt: Date.parse(invitation.updatedAt),
      at: Date.now(),
    });
    const live = await b.get(`/app/sessions/${id}/live`);
    card = personOf(live.text, mo.id);
    expect(card).toContain('data-delivery="failed"');
    expect(card).toMatch(/<span class="status ws-d-bad"><span aria-hidden="true">✕ <\/span>Failed<\/span>/);
    expect(card).toContain('<span class="ws-delivery-reason">The mailbox &lt;mo@…&gt; does not exist (bounced)</span>');
    // Their own channel first, then the other they have an address for.
    expect([...card.matchAll(/<button[^>]*data-resend="([^"]+)" data-channel="(\w+)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      [mo.id, 'email', 'Resend by email'],
      [mo.id, 'sms', 'Resend by SMS'],
    ]);
    expect(card).toContain(`data-reengage="${mo.id}"`);
    expect(card).toContain(`data-last-message="${invitation.messageId} failed"`);

    // What the Resend by SMS button asks for: a fresh invitation, queued on the other channel.
    const resent = await b.api('POST', `/sessions/${id}/participants/${mo.id}/resend`, { channel: 'sms' });
    expect(resent.status).toBe(200);
    expect(resent.json.deliveries[0]).toMatchObject({ channel: 'sms', status: 'queued' });
    card = personOf((await b.get(`/app/sessions/${id}/live`)).text, mo.id);
    expect(card).toContain('Invitation by SMS');
    expect(card).toContain(`data-last-message="${resent.json.deliveries[0].messageId} `);
    expect(card).not.toContain('The mailbox');

    // Once they have entered, their contact details stay: no Change contact.
    const entered = new Browser();
    await entered.open((await outboxFor(id)).find((m) => m.channel === 'sms')!.link);
    card = personOf((await b.get(`/app/sessions/${id}/live`)).text, mo.id);
    expect(card).not.toContain('data-reengage');
  });

  it('never shows deliveries in the room the participant sees', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Pia Private', email: email() });
    const pia = new Browser();
    const room = await pia.open((await outboxFor(s.session.id)).at(-1)!.link);
    expect(room.text).not.toContain('Last message');
    expect(room.text).not.toContain('Invitation by');
    expect(room.text).not.toContain('data-resend');
  });
});

/** One participant's card out of a page. */
function personOf(html: string, participantId: string): string {
  const start = html.indexOf(`<li class="ws-person" id="person-${participantId}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = html.indexOf('<li class="ws-person"', start + 1);
  return html.slice(start, end < 0 ? html.indexOf('</aside>', start) : end);
}

/** One bubble's HTML out of a page. */
function bubbleOf(html: string, itemId: string): string {
  const start = html.search(new RegExp(`<li class="ws-bubble[^"]*" id="item-${itemId}"`));
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</li>', start) + 5);
}

describe('opening the workspace from a CRM panel', () => {
  it('a two-minute link signs in once and leaves a fresh working-day token in the cookie', async () => {
    const { makeOrg, call, startSession } = await import('../../helpers/world');
    const { exports } = await import('cloudflare:workers');
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Linda Link', email: `l-${crypto.randomUUID()}@example.com` });
    const link = await call('POST', '/api/v1/workspace-link', { token: org.alice.token, body: { sessionId: s.session.id } });
    expect(link.status).toBe(201);
    const url = new URL(link.json.url);
    expect(Date.parse(link.json.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
    expect(url.pathname).toBe('/app/sign-in');
    expect(url.searchParams.get('next')).toBe(`/app/sessions/${s.session.id}`);
    const res = await exports.default.fetch(new Request(`https://parley.test${url.pathname}${url.search}`, { redirect: 'manual' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/app/sessions/${s.session.id}`);
    const cookie = /__Host-parley_agent=([^;]+)/.exec(res.headers.get('Set-Cookie') ?? '')![1]!;
    expect(cookie).not.toBe(url.searchParams.get('token'));
    const { peekAgentToken } = await import('../../../worker/src/auth/agent-token');
    expect(peekAgentToken(cookie)!.exp * 1000 - Date.now()).toBeGreaterThan(11 * 3600_000);
    expect((await call('GET', '/api/v1/me', { headers: { Cookie: `__Host-parley_agent=${cookie}`, 'X-Parley-App': '1' } })).json.agent.id).toBe(org.alice.id);
    // Without a body the link opens the list.
    const plain = await call('POST', '/api/v1/workspace-link', { token: org.alice.token });
    expect(new URL(plain.json.url).searchParams.get('next')).toBeNull();
  });
});
