// /api/v1/settings/branding: admins set the brand (every refusal names its
// field), upload and remove the logo; /brand/{org}/logo and theme.css serve
// them to customers and mail clients with the headers that lets them do so.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BASE, call, makeOrg, type Org } from '../../helpers/world';
import { makeJpegHeader, makePng } from '../../helpers/images';

const setBrand = (org: Org, body: unknown, token = org.admin.token) => call('PUT', '/api/v1/settings/branding', { token, body });

/** The logo as the admin page sends it: the image itself as the body. */
async function putLogo(token: string, bytes: Uint8Array, type: string) {
  const res = await exports.default.fetch(new Request(`${BASE}/api/v1/settings/branding/logo`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body: bytes }));
  return { status: res.status, json: (await res.json()) as any };
}

const get = (path: string) => exports.default.fetch(new Request(BASE + path));

describe('branding settings', () => {
  it('are set, read and cleared by admins', async () => {
    const org = await makeOrg('Acme Homes Ltd');
    const before = await call('GET', '/api/v1/settings/branding', { token: org.admin.token });
    expect(before.json).toEqual({
      displayName: null,
      color: null,
      contrast: null,
      supportEmail: null,
      supportPhone: null,
      logo: null,
      brand: { displayName: 'Acme Homes Ltd', color: null, logoUrl: null, themeUrl: null, supportEmail: null, supportPhone: null },
    });
    const set = await setBrand(org, { displayName: ' Acme Homes ', color: '#0b5cad', supportEmail: 'Help@Acme.example', supportPhone: '+1 415 555 0123' });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ displayName: 'Acme Homes', color: '#0B5CAD', contrast: 6.67, supportEmail: 'help@acme.example', supportPhone: '+14155550123' });
    expect(set.json.brand.themeUrl).toBe(`/brand/${org.id}/theme.css?v=0b5cad`);
    const cleared = await setBrand(org, { color: null, displayName: null });
    expect(cleared.json).toMatchObject({ displayName: null, color: null, supportEmail: 'help@acme.example' });
    expect(cleared.json.brand).toMatchObject({ displayName: 'Acme Homes Ltd', themeUrl: null });
  });

  it('are for admins only', async () => {
    const org = await makeOrg();
    expect((await call('GET', '/api/v1/settings/branding', { token: org.alice.token })).status).toBe(403);
    expect((await setBrand(org, { displayName: 'Mine' }, org.alice.token)).status).toBe(403);
    expect((await putLogo(org.alice.token, await makePng(64, 64), 'image/png')).status).toBe(403);
    expect((await call('DELETE', '/api/v1/settings/branding/logo', { token: org.alice.token })).status).toBe(403);
  });

  it('refuse a colour that is no #RRGGBB, or too light for white text, naming the field and the ratio', async () => {
    const org = await makeOrg();
    const bad = await setBrand(org, { color: 'navy' });
    expect(bad.status).toBe(422);
    expect(bad.json.error.issues).toEqual([{ field: 'body.color', message: 'must be a colour as #RRGGBB, e.g. #0B5CAD' }]);
    const light = await setBrand(org, { color: '#FFD700' });
    expect(light.status).toBe(422);
    expect(light.json.error.message).toBe('body.color: #FFD700 has contrast 1.4:1 against white; choose a darker colour (at least 4.5:1)');
    expect((await setBrand(org, { color: '#777777' })).status).toBe(422);
    expect((await setBrand(org, { color: '#767676' })).status).toBe(200);
    expect((await setBrand(org, { displayName: 'x'.repeat(81) })).json.error.issues[0].field).toBe('body.displayName');
    expect((await setBrand(org, { supportEmail: 'not an address' })).status).toBe(422);
    expect((await setBrand(org, { theme: 'dark' })).status).toBe(422);
    // What was saved stays.
    expect((await call('GET', '/api/v1/settings/branding', { token: org.admin.token })).json.color).toBe('#767676');
  });
});

describe('the logo', () => {
  it('is uploaded, served with cache and cross-origin headers, replaced and removed', async () => {
    const org = await makeOrg();
    const png = await makePng(120, 40);
    const up = await putLogo(org.admin.token, png, 'image/png');
    expect(up.status).toBe(200);
    expect(up.json.logo).toMatchObject({ type: 'image/png', width: 120, height: 40 });
    const url: string = up.json.brand.logoUrl;
    expect(url).toMatch(new RegExp(`^/brand/${org.id}/logo\\?v=[0-9a-f]{16}$`));

    const served = await get(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/png');
    expect(served.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(served.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    // Another version: the current image, kept by nobody.
    expect((await get(`/brand/${org.id}/logo?v=0000000000000000`)).headers.get('Cache-Control')).toBe('no-cache');

    const jpeg = makeJpegHeader(300, 100);
    const replaced = await putLogo(org.admin.token, jpeg, 'image/jpeg');
    expect(replaced.json.logo).toMatchObject({ type: 'image/jpeg', width: 300, height: 100 });
    expect(replaced.json.brand.logoUrl).not.toBe(url);
    expect((await get(replaced.json.brand.logoUrl)).headers.get('Content-Type')).toBe('image/jpeg');

    const removed = await call('DELETE', '/api/v1/settings/branding/logo', { token: org.admin.token });
    expect(removed.json.logo).toBeNull();
    expect((await get(replaced.json.brand.logoUrl)).status).toBe(404);
  });

  it('refuses what cannot be a logo, saying why', async () => {
    const org = await makeOrg();
    const svg = await putLogo(org.admin.token, new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml');
    expect(svg.status).toBe(415);
    expect(svg.json.error.message).toMatch(/PNG or JPEG.*SVG and WebP cannot be used/);
    expect((await putLogo(org.admin.token, Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]), 'image/webp')).status).toBe(415);
    const lying = await putLogo(org.admin.token, makeJpegHeader(100, 100), 'image/png');
    expect(lying.status).toBe(422);
    expect(lying.json.error).toMatchObject({ code: 'logo_not_image', issues: [{ field: 'logo' }] });
    expect((await putLogo(org.admin.token, await makePng(300, 20), 'image/png')).json.error.code).toBe('logo_too_small');
    expect((await putLogo(org.admin.token, makeJpegHeader(2400, 600), 'image/jpeg')).json.error.code).toBe('logo_too_big');
    const big = new Uint8Array(256 * 1024 + 1);
    big.set(makeJpegHeader(100, 100));
    const tooBig = await putLogo(org.admin.token, big, 'image/jpeg');
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error.message).toMatch(/256 KB/);
    expect((await call('GET', '/api/v1/settings/branding', { token: org.admin.token })).json.logo).toBeNull();
  });
});

describe('the theme stylesheet', () => {
  it('defines the three custom properties, versioned, and is absent without a colour', async () => {
    const org = await makeOrg();
    expect((await get(`/brand/${org.id}/theme.css`)).status).toBe(404);
    expect((await get(`/brand/${org.id}/logo`)).status).toBe(404);
    expect((await get('/brand/org_nosuchorg/logo')).status).toBe(404);
    const set = await setBrand(org, { color: '#0B5CAD' });
    const css = await get(set.json.brand.themeUrl);
    expect(css.status).toBe(200);
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(await css.text()).toBe(':root{--brand:#0B5CAD;--brand-ink:#FFFFFF;--brand-soft:#E2EBF5}\n');
  });
});
