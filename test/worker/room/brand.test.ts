// The org's brand in the customer's room and messages: the room keeps it like
// the org's name, and an admin's change reaches an open session at its next
// page (the branding API tells every open session, as the settings API does).
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';
import { makePng } from '../../helpers/images';
import { exports } from 'cloudflare:workers';
import { BASE } from '../../helpers/world';

describe('the brand in the room', () => {
  it('is the org name alone until an admin sets one, then the new brand from the next page on', async () => {
    const org = await makeOrg('Acme Homes Ltd');
    const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com` });
    const [invite] = await outboxFor(s.session.id);
    const cora = new Browser();
    await cora.open(invite!.link);
    const before = (await cora.request('GET', '/room/api/state')).json;
    expect(before.brand).toEqual({ displayName: 'Acme Homes Ltd', color: null, logoUrl: null, themeUrl: null, supportEmail: null, supportPhone: null });

    await call('PUT', '/api/v1/settings/branding', { token: org.admin.token, body: { displayName: 'Acme Homes', color: '#0B5CAD', supportPhone: '+14155550123' } });
    const logo = await exports.default.fetch(
      new Request(`${BASE}/api/v1/settings/branding/logo`, { method: 'PUT', headers: { Authorization: `Bearer ${org.admin.token}`, 'Content-Type': 'image/png' }, body: await makePng(96, 32) }),
    );
    const logoUrl = ((await logo.json()) as { brand: { logoUrl: string } }).brand.logoUrl;

    const after = (await cora.request('GET', '/room/api/state')).json;
    expect(after.brand).toEqual({
      displayName: 'Acme Homes',
      color: '#0B5CAD',
      logoUrl,
      themeUrl: `/brand/${org.id}/theme.css?v=0b5cad`,
      supportEmail: null,
      supportPhone: '+14155550123',
    });
  });
});

describe('the brand in the emails', () => {
  it('wraps the invitation in the org’s header, accent and support footer', async () => {
    const org = await makeOrg('Acme Homes Ltd');
    await call('PUT', '/api/v1/settings/branding', { token: org.admin.token, body: { displayName: 'Acme <Homes>', color: '#0B5CAD', supportEmail: 'help@acme.example' } });
    const s = await startSession(org.alice, { name: 'Cora Customer', email: `cora-${crypto.randomUUID()}@example.com` });
    const [invite] = await outboxFor(s.session.id);
    expect(invite!.body).toMatch(/^<!doctype html>/);
    expect(invite!.body).toContain('border-top:4px solid #0B5CAD');
    expect(invite!.body).toContain('<strong style="font-size:20px;line-height:1.3;color:#1a1a1a">Acme &lt;Homes&gt;</strong>');
    expect(invite!.body).toContain('<a href="mailto:help@acme.example"');
    // The message's own text and link are inside, untouched.
    expect(invite!.body).toContain(invite!.link);
  });
});
