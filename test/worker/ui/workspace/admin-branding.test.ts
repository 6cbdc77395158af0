// The admin's branding page (/app/admin/branding): the fields at their saved
// values, each with its error line for the API's refusals, the logo's upload
// and removal, a preview with the contrast; admins only, escaped, no inline
// script or style.
import { describe, expect, it } from 'vitest';
import { call, makeOrg, signInToWorkspace } from '../../../helpers/world';

const tagOf = (html: string, id: string) => new RegExp(`<(input|img|button|div)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? '';

describe('branding page', () => {
  it('shows what the admin set, each field with its error line, and the preview', async () => {
    const org = await makeOrg('Acme <Homes>');
    await call('PUT', '/api/v1/settings/branding', { token: org.admin.token, body: { displayName: 'Acme & Sons', color: '#0B5CAD', supportEmail: 'help@acme.example' } });
    const browser = await signInToWorkspace(org.admin);
    const res = await browser.get('/app/admin/branding');
    expect(res.status).toBe(200);
    const html = res.text;
    expect(res.headers.get('Content-Security-Policy')).toContain("style-src 'self'");
    expect(html).not.toMatch(/\sstyle=/);
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(tag).toBe('<script type="module" src="/assets/admin.js"></script>');
    expect(html).toContain('data-page="branding"');
    expect(html).toMatch(/<a href="\/app\/admin\/branding" aria-current="page">Branding<\/a>/);
    expect(tagOf(html, 'brand-display-name')).toContain('value="Acme &amp; Sons"');
    expect(tagOf(html, 'brand-display-name')).toContain('placeholder="Acme &lt;Homes&gt;"');
    expect(tagOf(html, 'brand-color')).toContain('value="#0B5CAD"');
    expect(tagOf(html, 'brand-support-email')).toContain('value="help@acme.example"');
    for (const field of ['body.displayName', 'body.color', 'body.supportEmail', 'body.supportPhone', 'logo']) expect(html, field).toMatch(new RegExp(`class="ws-err" id="[a-z-]+-err" data-field="${field}"`));
    expect(tagOf(html, 'brand-preview')).toContain('data-color="#0B5CAD"');
    expect(html).toContain('Contrast with white text: 6.67:1 (at least 4.5:1 needed).');
    expect(html).toContain('>Acme &amp; Sons</span>');
    expect(tagOf(html, 'logo-file')).toContain('accept="image/png,image/jpeg"');
    expect(tagOf(html, 'logo-remove')).toContain('hidden');
    expect(tagOf(html, 'brand-preview-logo')).toContain('hidden');
  });

  it('is for admins only', async () => {
    const org = await makeOrg();
    const res = await (await signInToWorkspace(org.alice)).get('/app/admin/branding');
    expect(res.status).toBe(403);
  });
});
