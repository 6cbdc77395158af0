// The customer's way in: links, the room cookie, single device, pages and their headers.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

async function invited(settings?: unknown) {
  const org = await makeOrg();
  if (settings) await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: settings });
  const s = await startSession(org.alice, { name: 'Cora <b>Customer</b>', email: `r-${crypto.randomUUID()}@example.com` });
  return { org, id: s.session.id as string, link: (await outboxFor(s.session.id))[0]!.link };
}

describe('opening the invitation link', () => {
  it('sets an HttpOnly, Secure, SameSite=Lax room cookie and takes the link out of the address bar', async () => {
    const { link } = await invited();
    const b = new Browser();
    const res = await b.open(link);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/room');
    const cookie = res.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^__Host-parley_room=ses_/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it('stores only hashes of links', async () => {
    const { id, link } = await invited();
    const token = link.split('/').pop()!;
    const { results } = await env.DB.prepare('SELECT hash FROM participant_links WHERE session_id = ?').bind(id).all<{ hash: string }>();
    expect(results).toHaveLength(2); // the long token and the short code
    for (const r of results) expect(r.hash).not.toContain(token);
  });

  it('answers a wrong or truncated link with a clear page', async () => {
    const { link } = await invited();
    const truncated = await new Browser().open(link.slice(0, -1));
    expect(truncated.status).toBe(404);
    expect(truncated.text).toContain('Link not valid');
    const unknown = await new Browser().open(link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    expect(unknown.status).toBe(404);
    expect((await new Browser().request('GET', '/r/short')).status).toBe(404);
  });

  it('renders the room with user text escaped and a strict CSP', async () => {
    const { link } = await invited();
    const b = new Browser();
    await b.open(link);
    const page = await b.request('GET', '/room');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Welcome, Cora &lt;b&gt;Customer&lt;/b&gt;');
    const csp = page.headers.get('Content-Security-Policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/); // no inline script
  });

  it('without a cookie, the room asks for the invitation link', async () => {
    const res = await new Browser().request('GET', '/room');
    expect(res.status).toBe(401);
    expect(res.text).toContain('invitation');
    const garbage = new Browser();
    garbage.cookie = '__Host-parley_room=ses_AAAAAAAAAAAAAAAA.par_AAAAAAAAAAAAAAAA.' + 'A'.repeat(43);
    expect((await garbage.request('GET', '/room')).status).toBe(401);
    expect((await garbage.request('GET', '/room/api/state')).status).toBe(401);
  });
});

describe('single device access', () => {
  it('binds the room to the first device; another device is let in only with a one-time code (test/worker/room/otp.test.ts)', async () => {
    const { link } = await invited({ session: { singleDeviceAccess: true } });
    const phone = new Browser();
    expect((await phone.open(link)).status).toBe(303);
    expect((await phone.open(link)).status).toBe(303); // the same device comes back freely
    const laptop = new Browser();
    const refused = await laptop.open(link);
    // This customer has no phone for the code: the page says so, and the room stays on the first device.
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('is open on another device');
    expect(refused.text).toContain('We have no way to send you a code');
    expect(refused.headers.get('Set-Cookie')).toBeNull();
    expect((await phone.request('GET', '/room')).status).toBe(200);
  });

  it('lets several devices in when off', async () => {
    const { link } = await invited();
    expect((await new Browser().open(link)).status).toBe(303);
    expect((await new Browser().open(link)).status).toBe(303);
  });
});

describe('a link shows a button; only pressing it opens the room', () => {
  const customerOf = async (org: { alice: { token: string } }, id: string) =>
    (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.participants.find((p: any) => p.primary);
  const pathOf = (link: string) => new URL(link).pathname;

  it('following the link (as a mail scanner does) shows the org and a button, and changes nothing', async () => {
    const { org, id, link } = await invited({ session: { singleDeviceAccess: true } });
    const scanner = new Browser();
    for (let i = 0; i < 3; i++) {
      const page = await scanner.request('GET', pathOf(link));
      expect(page.status).toBe(200);
      expect(page.setCookie).toBeNull();
      expect(page.text).toContain('Acme invites you to a secure room');
      expect(page.text).toContain(`<form method="post" action="${pathOf(link)}"><button type="submit">Open my secure room</button></form>`);
      expect(page.headers.get('Cache-Control')).toBe('no-store');
      expect(page.headers.get('Referrer-Policy')).toBe('no-referrer');
      expect(page.text).not.toMatch(/<script/);
    }
    const untouched = await customerOf(org, id);
    expect(untouched.enteredAt).toBeNull();
    expect(untouched.windowStartedAt).toBeNull();
    // The person, on their own device, still gets in: the scanner bound nothing.
    const phone = new Browser();
    const entered = await phone.open(link);
    expect(entered.status).toBe(303);
    expect(entered.headers.get('Location')).toBe('/room');
    expect((await customerOf(org, id)).windowStartedAt).not.toBeNull();
  });

  it('the short code in an SMS works the same way', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Sam Sms', phone: '+14155550123' });
    const code = (await outboxFor(s.session.id))
      .map((m) => /\/r\/([0-9A-Za-z]{22})/.exec(`${m.link} ${m.body}`)?.[1])
      .find(Boolean)!;
    const page = await new Browser().request('GET', `/r/${code}`);
    expect(page.status).toBe(200);
    expect(page.setCookie).toBeNull();
    expect(page.text).toContain(`action="/r/${code}"`);
    expect((await customerOf(org, s.session.id)).enteredAt).toBeNull();
    const b = new Browser();
    expect((await b.open(`https://parley.test/r/${code}`)).status).toBe(303);
    expect((await b.request('GET', '/room')).status).toBe(200);
  });

  it('refuses a press from another site, and the room stays closed', async () => {
    const { org, id, link } = await invited();
    const forged: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site', Origin: 'https://sub.parley.test' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'null' },
    ];
    for (const headers of forged) {
      const b = new Browser();
      const res = await b.request('POST', pathOf(link), undefined, headers);
      expect(res.status).toBe(403);
      expect(res.setCookie).toBeNull();
      expect(res.text).toContain('works only on the page your invitation link shows');
    }
    expect((await customerOf(org, id)).enteredAt).toBeNull();
  });

  it("takes the press from its own page as a browser sends it: Sec-Fetch-Site same-origin, and Origin null (the page's no-referrer policy)", async () => {
    const { org, id, link } = await invited();
    const b = new Browser();
    const res = await b.request('POST', pathOf(link), undefined, { 'Sec-Fetch-Site': 'same-origin', Origin: 'null' });
    expect(res.status).toBe(303);
    expect(res.setCookie).toMatch(/^__Host-parley_room=/);
    expect((await customerOf(org, id)).enteredAt).not.toBeNull();
  });

  it('a browser whose cookie already opens this room goes straight in; a cookie the room does not know gets the button', async () => {
    const { link } = await invited({ session: { singleDeviceAccess: true } });
    const phone = new Browser();
    await phone.open(link);
    const again = await phone.request('GET', pathOf(link));
    expect(again.status).toBe(303);
    expect(again.headers.get('Location')).toBe('/room');
    const stale = new Browser(phone.cookie!.replace(/\.[^.]+$/, `.${'A'.repeat(43)}`));
    const page = await stale.request('GET', pathOf(link));
    expect(page.status).toBe(200);
    expect(page.setCookie).toBeNull();
    expect(page.text).toContain('Open my secure room');
  });

  it('a wrong link says so, followed or pressed', async () => {
    const { link } = await invited();
    expect((await new Browser().request('GET', pathOf(link).replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')))).status).toBe(404);
    expect((await new Browser().request('POST', pathOf(link).slice(0, -1))).status).toBe(404);
  });
});

describe('page shell', () => {
  it('starts with a doctype, so browsers render in standards mode', async () => {
    const res = await new Browser().request('GET', '/room');
    expect(res.text.startsWith('<!DOCTYPE html>')).toBe(true);
  });
});
