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
    expect(cookie).toMatch(/^parley_room=ses_/);
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
    garbage.cookie = 'parley_room=ses_AAAAAAAAAAAAAAAA.par_AAAAAAAAAAAAAAAA.' + 'A'.repeat(43);
    expect((await garbage.request('GET', '/room')).status).toBe(401);
    expect((await garbage.request('GET', '/room/api/state')).status).toBe(401);
  });
});

describe('single device access', () => {
  it('binds the room to the first device; another device gets a clear refusal', async () => {
    const { link } = await invited({ session: { singleDeviceAccess: true } });
    const phone = new Browser();
    expect((await phone.open(link)).status).toBe(303);
    expect((await phone.open(link)).status).toBe(303); // the same device comes back freely
    const laptop = new Browser();
    const refused = await laptop.open(link);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('already open on another device');
    expect(refused.headers.get('Set-Cookie')).toBeNull();
    expect((await phone.request('GET', '/room')).status).toBe(200);
  });

  it('lets several devices in when off', async () => {
    const { link } = await invited();
    expect((await new Browser().open(link)).status).toBe(303);
    expect((await new Browser().open(link)).status).toBe(303);
  });
});

describe('page shell', () => {
  it('starts with a doctype, so browsers render in standards mode', async () => {
    const res = await new Browser().request('GET', '/room');
    expect(res.text.startsWith('<!DOCTYPE html>')).toBe(true);
  });
});
