// The admin pages (/app/admin): org settings with every setting of SPEC §6
// at its current value, the disclosure and sealing, teams with "Inherit from
// org (currently: …)", templates with their versions and the cookie-signed
// PDF link; a 403 page for agents; escaped text, no inline script.
import { describe, expect, it } from 'vitest';
import { call, makeOrg, signInToWorkspace, WorkspaceBrowser } from '../../helpers/world';
import { documentForm, makePdf, signatureField, textField } from '../../helpers/pdf';
import { SETTINGS } from '../../../worker/src/domain/catalogue';

function expectStrictPage(res: { headers: Headers; text: string }) {
  const csp = res.headers.get('Content-Security-Policy')!;
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(res.text.startsWith('<!DOCTYPE html>')).toBe(true);
  for (const tag of res.text.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(tag).toMatch(/^<script type="module" src="\/assets\/admin\.js"><\/script>$/);
  expect(res.text).not.toMatch(/<[^>]*\son[a-z]+=/i);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
}

/** The element with this id, as written (attributes in the server's order). */
const tagOf = (html: string, id: string) => new RegExp(`<(input|select|textarea)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? '';

describe('org settings page', () => {
  it('shows every setting at its current value, grouped, each labelled with its error line', async () => {
    const org = await makeOrg();
    const patched = await call('PATCH', '/api/v1/settings', {
      token: org.admin.token,
      body: { session: { customerChat: false, searchSpace: 'team', accessWindowHours: 48, inactiveAutoClose: { days: 0, hours: 2, minutes: 30 } }, afterEnd: { fullAccessHours: 12, redirectUrl: 'https://help.example/<x>' } },
    });
    expect(patched.status).toBe(200);
    const browser = await signInToWorkspace(org.admin);
    const res = await browser.get('/app/admin/settings');
    expect(res.status).toBe(200);
    expectStrictPage(res);
    const html = res.text;
    expect(html).toContain('During a session');
    expect(html).toContain('After the session ends');
    for (const def of SETTINGS) {
      const id = `s-${def.group}-${def.key}`;
      expect(html, id).toContain(`<label for="${id}">`);
      expect(tagOf(html, id), id).toContain(`data-field="body.${def.group}.${def.key}"`);
      expect(tagOf(html, id), id).toContain(`aria-describedby="${id}-err`);
      expect(html, id).toContain(`id="${id}-err" data-field="body.${def.group}.${def.key}"`);
    }
    expect(tagOf(html, 's-session-customerChat')).not.toContain('checked');
    expect(tagOf(html, 's-session-customerAttachments')).toContain('checked');
    expect(html).toMatch(/<option value="team" selected="">/);
    expect(tagOf(html, 's-session-accessWindowHours')).toContain('value="48"');
    expect(tagOf(html, 's-session-inactiveAutoClose-hours')).toContain('value="2"');
    expect(tagOf(html, 's-session-inactiveAutoClose-minutes')).toContain('value="30"');
    expect(tagOf(html, 's-afterEnd-fullAccessHours')).toContain('value="12"');
    // Escaped, never raw.
    expect(tagOf(html, 's-afterEnd-redirectUrl')).toContain('value="https://help.example/&lt;x&gt;"');
    // The disclosure and sealing are on the page too.
    expect(html).toContain('id="disclosure-text"');
    expect(html).toContain("Signers see Parley&#39;s default text.");
    expect(html).toMatch(/id="sealing-cn">Parley</);
    expect(html).toContain('id="certificate-file"');
    expect(html).toContain('id="tsa-url"');
    // The header links the admin pages.
    expect(html).toContain('href="/app/admin/teams"');
    expect(html).toContain('href="/app/admin/templates"');
  });

  it("names the org's own sealing certificate once an admin uploaded it (stored sealed), with its timestamp authority", async () => {
    const { OPENSSL_EC_P256_P12_BASE64, OPENSSL_P12_PASSWORD } = await import('../../fixtures/openssl-p12');
    const org = await makeOrg();
    const form = new FormData();
    form.append('file', new File([Uint8Array.from(atob(OPENSSL_EC_P256_P12_BASE64), (ch) => ch.charCodeAt(0))], 'org.p12'));
    form.append('password', OPENSSL_P12_PASSWORD);
    expect((await call('PUT', '/api/v1/settings/sealing/certificate', { token: org.admin.token, body: form })).status).toBe(200);
    expect((await call('PUT', '/api/v1/settings/sealing/tsa', { token: org.admin.token, body: { tsaUrl: 'https://tsa.example/stamp' } })).status).toBe(200);
    const html = (await (await signInToWorkspace(org.admin)).get('/app/admin/settings')).text;
    expect(html).toMatch(/id="sealing-cn">Parley Test EC Sealing</);
    expect(html).toContain('https://tsa.example/stamp');
  });

  it('gives an agent a clear 403 page on every admin page, and the workspace shows them no Admin link', async () => {
    const org = await makeOrg();
    const browser = await signInToWorkspace(org.alice);
    for (const path of ['/app/admin/settings', '/app/admin/teams', `/app/admin/teams/${org.teamA}/settings`, '/app/admin/templates']) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(403);
      expect(res.text).toContain('Admins only');
      expect(res.text).not.toContain('settings-form');
    }
    expect((await browser.get('/app')).text).not.toContain('href="/app/admin/settings"');
    expect((await (await signInToWorkspace(org.admin)).get('/app')).text).toContain('href="/app/admin/settings"');
  });

  it('asks a signed-out visitor to sign in (401)', async () => {
    const res = await new WorkspaceBrowser().get('/app/admin/settings');
    expect(res.status).toBe(401);
  });
});

describe('teams', () => {
  it('lists the teams, escaped, with the create form', async () => {
    const org = await makeOrg();
    expect((await call('POST', '/api/v1/teams', { token: org.admin.token, body: { name: '<b>Night</b> shift' } })).status).toBe(201);
    const res = await (await signInToWorkspace(org.admin)).get('/app/admin/teams');
    expect(res.status).toBe(200);
    expectStrictPage(res);
    expect(res.text).toContain('&lt;b&gt;Night&lt;/b&gt; shift');
    expect(res.text).not.toContain('<b>Night');
    expect(res.text).toContain(`href="/app/admin/teams/${org.teamA}/settings"`);
    expect(res.text).toContain('<label for="team-name">');
  });

  it("a team's page shows each setting inheriting with the org's value, or its own override", async () => {
    const org = await makeOrg();
    await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { afterEnd: { fullAccessHours: 36 }, session: { searchSpace: 'all' } } });
    await call('PATCH', `/api/v1/teams/${org.teamA}/settings`, { token: org.admin.token, body: { session: { customerChat: false } } });
    const res = await (await signInToWorkspace(org.admin)).get(`/app/admin/teams/${org.teamA}/settings`);
    expect(res.status).toBe(200);
    expectStrictPage(res);
    const html = res.text;
    expect(html).toContain('data-scope="team"');
    expect(html).toContain(`data-team="${org.teamA}"`);
    for (const def of SETTINGS) expect(html, def.key).toContain(`<label for="s-${def.group}-${def.key}-inherit">`);
    expect(html).toMatch(/Full access \(hours\): <\/span>Inherit from org \(currently: <span class="adm-org-value">36 hours<\/span>\)/);
    expect(html).toMatch(/Search space: <\/span>Inherit from org \(currently: <span class="adm-org-value">all<\/span>\)/);
    // Inherited: checked, the value shown but disabled. Overridden: unchecked, its own value.
    expect(tagOf(html, 's-afterEnd-fullAccessHours-inherit')).toContain('checked');
    expect(tagOf(html, 's-afterEnd-fullAccessHours')).toContain('value="36"');
    expect(tagOf(html, 's-afterEnd-fullAccessHours')).toContain('disabled');
    expect(tagOf(html, 's-session-customerChat-inherit')).not.toContain('checked');
    expect(tagOf(html, 's-session-customerChat')).not.toContain('checked');
    expect(tagOf(html, 's-session-customerChat')).not.toContain('disabled');
  });

  it("another org's team is not found", async () => {
    const org = await makeOrg();
    const other = await makeOrg('Other');
    const res = await (await signInToWorkspace(org.admin)).get(`/app/admin/teams/${other.teamA}/settings`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('No such team');
  });
});

describe('templates', () => {
  it('lists templates with their versions, roles, order and field count, and serves the PDF by cookie', async () => {
    const org = await makeOrg();
    const definition = { roles: [{ name: 'Customer' }, { name: 'Co-signer' }], signingOrder: 'sequential', fields: [signatureField('s1'), textField('t1'), signatureField('s2', 'Co-signer')] };
    const created = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(2), definition, { name: 'Lease <2026>' }) });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const v2 = await call('POST', `/api/v1/templates/${id}/versions`, { token: org.admin.token, body: documentForm(await makePdf(1), { fields: [signatureField('s1')] }) });
    expect(v2.status).toBe(201);

    const browser = await signInToWorkspace(org.admin);
    const res = await browser.get('/app/admin/templates');
    expect(res.status).toBe(200);
    expectStrictPage(res);
    const html = res.text;
    expect(html).toContain('Lease &lt;2026&gt;');
    expect(html).toContain('href="/app/templates/new"');
    expect(html).toContain('Version 2 is current');
    expect(html).toMatch(/<tr data-version="2">[\s\S]*?<li>Customer<\/li>[\s\S]*?Parallel[\s\S]*?1 on 1 page/);
    expect(html).toMatch(/<tr data-version="1">[\s\S]*?<li>Customer<\/li><li>Co-signer<\/li>[\s\S]*?Sequential[\s\S]*?3 on 2 pages/);
    expect(html).toContain(`href="/app/admin/templates/${id}/pdf?version=1"`);

    const pdf = await browser.get(`/app/admin/templates/${id}/pdf?version=1`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    expect(pdf.headers.get('Content-Disposition')).toMatch(/^inline/);
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
    expect((await browser.get(`/app/admin/templates/${id}/pdf`, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await browser.get(`/app/admin/templates/${id}/pdf?version=9`)).status).toBe(404);
    // An agent may not; another org's admin cannot find it.
    expect((await (await signInToWorkspace(org.alice)).get(`/app/admin/templates/${id}/pdf`)).status).toBe(403);
    expect((await (await signInToWorkspace((await makeOrg('Other')).admin)).get(`/app/admin/templates/${id}/pdf`)).status).toBe(404);
  });
});
