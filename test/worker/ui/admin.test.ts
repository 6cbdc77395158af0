// The admin pages (/app/admin): org settings with every setting of SPEC §6
// at its current value, the disclosure, sealing and messaging accounts, teams
// with "Inherit from org (currently: …)", templates with their versions and
// the cookie-signed PDF link; a 403 page for agents; escaped text, no inline
// script.
import { env } from 'cloudflare:workers';
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
    for (const path of ['/app/admin/settings', '/app/admin/teams', `/app/admin/teams/${org.teamA}/settings`, '/app/admin/templates', '/app/admin/payments']) {
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

/** The <form> with this id, as written. */
const formOf = (html: string, id: string) => new RegExp(`<form\\b[^>]*\\bid="${id}"[\\s\\S]*?</form>`).exec(html)?.[0] ?? '';
/** The state sentence shown (not hidden) in the "who sends" line with this id. */
const shownState = (html: string, id: string) => {
  const line = new RegExp(`<p class="adm-who" id="${id}">([\\s\\S]*?)</p>`).exec(html)?.[1] ?? '';
  return [...line.matchAll(/<span data-connected="(\w+)"( hidden="")?>/g)].filter((m) => !m[2]).map((m) => m[1]);
};
/** The facts shown for a channel: label → value, hidden rows left out. */
const shownFacts = (html: string, id: string) => {
  const list = new RegExp(`<dl class="adm-facts" id="${id}">([\\s\\S]*?)</dl>`).exec(html)?.[1] ?? '';
  return Object.fromEntries([...list.matchAll(/<div data-fact="(\w+)">(?:<dt>[^<]*<\/dt>)<dd>([^<]*)<\/dd><\/div>/g)].map((m) => [m[1], m[2]]));
};
const fieldsOf = (form: string) => [...form.matchAll(/<input\b[^>]*\bdata-field="([^"]+)"/g)].map((m) => m[1]!);

const OWN_SMS = { accountSid: `AC${'1a'.repeat(16)}`, authToken: '7c'.repeat(16), fromNumber: '+14155550123', messagingServiceSid: `MG${'2b'.repeat(16)}` };
const OWN_EMAIL = { apiKey: 're_OwnKey_1234567890', fromAddress: 'notices@acme.example', webhookSecret: 'whsec_T3duU2lnbmluZ1NlY3JldA==' };

describe('messaging on the org settings page', () => {
  it('says plainly that with no account messages wait as held, and gives the webhook addresses to copy', async () => {
    const org = await makeOrg();
    const api = (await call('GET', '/api/v1/settings/messaging', { token: org.admin.token })).json.messaging;
    // The tests' Worker has no Twilio or Resend account of its own.
    expect([api.sms.connected, api.email.connected]).toEqual(['none', 'none']);
    const res = await (await signInToWorkspace(org.admin)).get('/app/admin/settings');
    expect(res.status).toBe(200);
    expectStrictPage(res);
    const html = res.text;
    expect(html).toContain('<h2 id="messaging-h">Messaging</h2>');
    expect(shownState(html, 'sms-who')).toEqual(['none']);
    expect(shownState(html, 'email-who')).toEqual(['none']);
    expect(html).toMatch(/<span data-connected="none">No Twilio account is connected, so texts are not sent: each one waits as held/);
    expect(html).toMatch(/<span data-connected="none">No Resend account is connected, so emails are not sent: each one waits as held/);
    expect(shownFacts(html, 'sms-facts')).toEqual({});
    expect(shownFacts(html, 'email-facts')).toEqual({});
    // Twilio's incoming-message webhook as the API gives it; Resend's endpoint for this org's own account.
    expect(html).toContain(`<code class="adm-copy" id="sms-inbound-url">${api.sms.inboundWebhookUrl}</code>`);
    expect(html).toContain(`<code class="adm-copy" id="email-webhook-url">${env.PUBLIC_URL}/hooks/email/${org.id}</code>`);
    // Nothing to keep and nothing to disconnect yet.
    expect(html).toContain('id="sms-auth-token-keep" data-text="Leave empty to keep the current one."></p>');
    expect(html).toContain('id="email-api-key-keep" data-text="Leave empty to keep the current one."></p>');
    expect(html).toMatch(/id="sms-disconnect" hidden=""/);
    expect(html).toMatch(/id="email-disconnect" hidden=""/);
    expect(html).toMatch(/id="email-secret-missing" hidden=""/);
    // Every control labelled, described by its help and its error line; secrets typed into password fields.
    for (const form of [formOf(html, 'sms-form'), formOf(html, 'email-form')]) {
      const ids = [...form.matchAll(/<input\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!);
      expect(ids.length).toBeGreaterThan(2);
      for (const id of ids) {
        expect(form, id).toContain(`<label for="${id}">`);
        expect(tagOf(form, id), id).toMatch(new RegExp(`aria-describedby="${id}-help (${id}-keep )?${id}-err"`));
        expect(form, id).toContain(`id="${id}-err" data-field="${/data-field="([^"]+)"/.exec(tagOf(form, id))![1]}"`);
      }
    }
    for (const id of ['sms-auth-token', 'email-api-key', 'email-webhook-secret']) expect(tagOf(html, id), id).toContain('type="password"');
  });

  it("shows the org's own accounts saved through the API, never a stored secret, and only to that org", async () => {
    const org = await makeOrg();
    const saved = await call('PATCH', '/api/v1/settings/messaging', { token: org.admin.token, body: { sms: OWN_SMS, email: OWN_EMAIL } });
    expect(saved.status).toBe(200);
    const api = saved.json.messaging;
    expect([api.sms.connected, api.email.connected]).toEqual(['org', 'org']);
    const res = await (await signInToWorkspace(org.admin)).get('/app/admin/settings');
    expect(res.status).toBe(200);
    const html = res.text;
    expect(shownState(html, 'sms-who')).toEqual(['org']);
    expect(shownState(html, 'email-who')).toEqual(['org']);
    expect(shownFacts(html, 'sms-facts')).toEqual({ accountSid: OWN_SMS.accountSid, fromNumber: OWN_SMS.fromNumber, messagingServiceSid: OWN_SMS.messagingServiceSid });
    expect(shownFacts(html, 'email-facts')).toEqual({ fromAddress: OWN_EMAIL.fromAddress });
    // The form holds what is stored, ready to change; the webhook endpoint is the one the API names now.
    expect(formOf(html, 'sms-form')).toContain(`data-saved-sid="${OWN_SMS.accountSid}"`);
    expect(tagOf(html, 'sms-account-sid')).toContain(`value="${OWN_SMS.accountSid}"`);
    expect(tagOf(html, 'sms-from-number')).toContain(`value="${OWN_SMS.fromNumber}"`);
    expect(tagOf(html, 'sms-messaging-service-sid')).toContain(`value="${OWN_SMS.messagingServiceSid}"`);
    expect(tagOf(html, 'email-from-address')).toContain(`value="${OWN_EMAIL.fromAddress}"`);
    expect(html).toContain(`<code class="adm-copy" id="email-webhook-url">${api.email.webhookUrl}</code>`);
    expect(html).toContain(`<code class="adm-copy" id="sms-inbound-url">${api.sms.inboundWebhookUrl}</code>`);
    // Secrets: never pre-filled, never anywhere in the page; an empty field keeps them.
    for (const id of ['sms-auth-token', 'email-api-key', 'email-webhook-secret']) expect(tagOf(html, id), id).not.toContain('value=');
    for (const secret of [OWN_SMS.authToken, OWN_EMAIL.apiKey, OWN_EMAIL.webhookSecret, 're_OwnKey']) expect(html, secret).not.toContain(secret);
    for (const id of ['sms-auth-token-keep', 'email-api-key-keep', 'email-webhook-secret-keep']) expect(html, id).toContain(`id="${id}" data-text="Leave empty to keep the current one.">Leave empty to keep the current one.</p>`);
    expect(html).toMatch(/<button type="button" class="ws-btn ws-btn-quiet adm-quiet" id="sms-disconnect">/);
    expect(html).toMatch(/<button type="button" class="ws-btn ws-btn-quiet adm-quiet" id="email-disconnect">/);
    expect(html).toMatch(/id="email-secret-missing" hidden=""/);

    // Another org's admin sees their own (none), never this org's account.
    const other = (await (await signInToWorkspace((await makeOrg('Other')).admin)).get('/app/admin/settings')).text;
    expect(shownState(other, 'sms-who')).toEqual(['none']);
    expect(other).not.toContain(OWN_SMS.accountSid);
    expect(other).not.toContain(OWN_EMAIL.fromAddress);

    // Disconnected through the API: back to none here, nothing of the old account left in the page.
    expect((await call('PATCH', '/api/v1/settings/messaging', { token: org.admin.token, body: { sms: null } })).status).toBe(200);
    const after = (await (await signInToWorkspace(org.admin)).get('/app/admin/settings')).text;
    expect(shownState(after, 'sms-who')).toEqual(['none']);
    expect(after).not.toContain(OWN_SMS.accountSid);
    expect(shownState(after, 'email-who')).toEqual(['org']);
  });

  it('warns that Resend\'s reports are refused while its signing secret is missing', async () => {
    const org = await makeOrg();
    const { webhookSecret: _, ...withoutSecret } = OWN_EMAIL;
    expect((await call('PATCH', '/api/v1/settings/messaging', { token: org.admin.token, body: { email: withoutSecret } })).json.messaging.email).toMatchObject({ connected: 'org', webhookSecretSet: false });
    const html = (await (await signInToWorkspace(org.admin)).get('/app/admin/settings')).text;
    expect(html).toMatch(/<p class="adm-warn" id="email-secret-missing">Resend&#39;s delivery reports are refused until you save the webhook signing secret/);
    // The key is kept if left empty; there is no secret to keep.
    expect(html).toContain('id="email-api-key-keep" data-text="Leave empty to keep the current one.">Leave empty');
    expect(html).toContain('id="email-webhook-secret-keep" data-text="Leave empty to keep the current one."></p>');
  });

  it("names the API's fields: a change built from the forms' fields is accepted, and each field the API refuses has its error line", async () => {
    const org = await makeOrg();
    const html = (await (await signInToWorkspace(org.admin)).get('/app/admin/settings')).text;
    const sms = fieldsOf(formOf(html, 'sms-form'));
    const email = fieldsOf(formOf(html, 'email-form'));
    expect(sms).toEqual(['body.sms.accountSid', 'body.sms.authToken', 'body.sms.fromNumber', 'body.sms.messagingServiceSid']);
    expect(email).toEqual(['body.email.apiKey', 'body.email.fromAddress', 'body.email.webhookSecret']);
    // The API's schema is strict: a name it does not know would be refused.
    const valid: Record<string, string> = { ...OWN_SMS, ...OWN_EMAIL };
    const body: Record<string, Record<string, string>> = { sms: {}, email: {} };
    for (const field of [...sms, ...email]) {
      const [, channel, key] = field.split('.') as [string, string, string];
      body[channel]![key] = valid[key]!;
    }
    const accepted = await call('PATCH', '/api/v1/settings/messaging', { token: org.admin.token, body });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);

    // Every field wrong at once, then a new account without its token (the API's own check, after the schema's).
    const wrong = await call('PATCH', '/api/v1/settings/messaging', {
      token: org.admin.token,
      body: { sms: { accountSid: 'AC1', authToken: 'short', fromNumber: '555', messagingServiceSid: 'MG1' }, email: { apiKey: 'key', fromAddress: 'not mail', webhookSecret: 'secret' } },
    });
    const noToken = await call('PATCH', '/api/v1/settings/messaging', { token: org.admin.token, body: { sms: { accountSid: `AC${'9'.repeat(32)}`, fromNumber: '+14155550123' } } });
    for (const res of [wrong, noToken]) expect(res.status).toBe(422);
    const issued = [...wrong.json.error.issues, ...noToken.json.error.issues].map((i: { field: string }) => i.field);
    expect(new Set(issued)).toEqual(new Set([...sms, ...email]));
    for (const field of issued) expect(html, field).toMatch(new RegExp(`<p class="ws-err" id="[a-z-]+-err" data-field="${field.replace(/\./g, '\\.')}"></p>`));
  });

  it('still opens when the stored accounts cannot be opened, showing what is on file, and the admin can disconnect them', async () => {
    const org = await makeOrg();
    expect((await call('PATCH', '/api/v1/settings/messaging', { token: org.admin.token, body: { sms: OWN_SMS } })).status).toBe(200);
    // Sealed under a key this Worker does not have (as after SECRETS_KEY was replaced without keeping the old one).
    await env.DB.prepare("UPDATE messaging_providers SET twilio_auth_token = 'sb1.gone.AAAAAAAAAAAAAAAA.AAAA' WHERE org_id = ?").bind(org.id).run();
    const res = await (await signInToWorkspace(org.admin)).get('/app/admin/settings');
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="sms-form"');
    expect(res.text).toContain(OWN_SMS.accountSid);
    const disconnected = await call('PATCH', '/api/v1/settings/messaging', { token: org.admin.token, body: { sms: null } });
    expect(disconnected.status).toBe(200);
    expect(disconnected.json.messaging.sms.connected).toBe('none');
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

describe('the payments page', () => {
  const KEYS = { secretKey: 'sk_test_51ParleyAdminPage000000', webhookSecret: 'whsec_ParleyAdminPage00000', publishableKey: 'pk_test_51ParleyAdminPage000000' };

  it('says no Stripe account is connected, gives the webhook address and events, and asks for every field the API takes', async () => {
    const org = await makeOrg();
    const res = await (await signInToWorkspace(org.admin)).get('/app/admin/payments');
    expect(res.status).toBe(200);
    expectStrictPage(res);
    const html = res.text;
    expect(html).toContain('<a href="/app/admin/payments" aria-current="page">Payments</a>');
    expect(shownState(html, 'stripe-who')).toEqual(['no']);
    expect(shownFacts(html, 'stripe-facts')).toEqual({});
    expect(html).toContain(`<code class="adm-copy" id="stripe-webhook-url">${env.PUBLIC_URL}/hooks/stripe/${org.id}</code>`);
    expect(html).toContain('payment_intent.succeeded');
    expect(fieldsOf(formOf(html, 'stripe-form'))).toEqual(['body.secretKey', 'body.webhookSecret', 'body.publishableKey', 'body.connectAccountId', 'body.currencies', 'body.minAmount', 'body.maxAmount']);
    expect(html).toMatch(/id="stripe-disconnect" hidden=""/);
  });

  it('shows a connected account by its public part only, never a secret', async () => {
    const org = await makeOrg();
    const saved = await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: { ...KEYS, connectAccountId: 'acct_1ParleyAdmin', currencies: ['usd', 'EUR'], minAmount: 0.5, maxAmount: 2500 } });
    expect(saved.status, saved.text).toBe(200);
    const html = (await (await signInToWorkspace(org.admin)).get('/app/admin/payments')).text;
    expect(shownState(html, 'stripe-who')).toEqual(['yes']);
    expect(shownFacts(html, 'stripe-facts')).toEqual({
      mode: 'Test: no money moves',
      publishableKey: KEYS.publishableKey,
      connectAccountId: 'acct_1ParleyAdmin',
      currencies: 'USD, EUR',
      limits: '0.5 to 2500',
    });
    expect(tagOf(html, 'stripe-currencies')).toContain('value="USD, EUR"');
    expect(tagOf(html, 'stripe-min-amount')).toContain('value="0.5"');
    for (const secret of [KEYS.secretKey, KEYS.webhookSecret]) expect(html).not.toContain(secret);
    for (const id of ['stripe-secret-key', 'stripe-webhook-secret']) {
      expect(tagOf(html, id), id).toContain('type="password"');
      expect(tagOf(html, id), id).not.toContain('value=');
    }
    expect(html).not.toMatch(/id="stripe-disconnect" hidden=""/);
  });
});
