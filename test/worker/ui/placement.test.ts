// The placement pages: a new ad hoc document for a session, and a new
// template (admins only). Rendered for the signed-in agent under the strict
// CSP, with the placement script by src only; refused when signed out, for
// another org's session, and for a non-admin's template page.
import { describe, expect, it } from 'vitest';
import { exports } from 'cloudflare:workers';
import { BASE, makeOrg, startSession, type Agent } from '../../helpers/world';

async function signIn(agent: Agent): Promise<string> {
  const res = await exports.default.fetch(new Request(`${BASE}/app/sign-in?token=${encodeURIComponent(agent.token)}`, { redirect: 'manual' }));
  expect(res.status).toBe(303);
  return res.headers.get('Set-Cookie')!.split(';')[0]!;
}

async function get(path: string, cookie?: string) {
  const res = await exports.default.fetch(new Request(BASE + path, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' }));
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function expectStrictPage(res: { headers: Headers; text: string }) {
  const csp = res.headers.get('Content-Security-Policy')!;
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(res.text.startsWith('<!DOCTYPE html>')).toBe(true);
  for (const tag of res.text.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(tag).toMatch(/^<script type="module" src="\/assets\/placement\.js"><\/script>$/);
  expect(res.text).toContain('src="/assets/placement.js"');
  expect(res.text).not.toMatch(/<[^>]*\son[a-z]+=/i);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
}

/** Every form control on the page has a label (for=id) or an aria-label. */
function expectLabelled(html: string) {
  const ids = new Set([...html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)].map((m) => m[1]));
  for (const m of html.matchAll(/<(input|select|textarea)\b[^>]*>/g)) {
    const tag = m[0];
    if (/type="radio"/.test(tag)) continue; // wrapped in its <label>
    const id = /\sid="([^"]+)"/.exec(tag)?.[1];
    expect(id && ids.has(id) || /aria-label=/.test(tag), tag).toBe(true);
  }
}

describe('the ad hoc placement page', () => {
  it('renders for the session agent with the palette, the file input and the send button', async () => {
    const org = await makeOrg();
    const started = await startSession(org.alice, { name: 'Dana <b>Demo</b>', email: `p-${crypto.randomUUID()}@example.com` });
    const id = started.session.id as string;
    const res = await get(`/app/sessions/${id}/documents/new`, await signIn(org.alice));
    expect(res.status).toBe(200);
    expectStrictPage(res);
    expectLabelled(res.text);
    expect(res.text).toContain('data-mode="adhoc"');
    expect(res.text).toContain(`data-session="${id}"`);
    expect(res.text).toContain('Dana &lt;b&gt;Demo&lt;/b&gt;');
    for (const type of ['signature', 'initials', 'text', 'date_signed', 'checkbox']) expect(res.text).toContain(`data-type="${type}"`);
    expect(res.text).not.toContain('data-type="dropdown"');
    expect(res.text).toContain('accept="application/pdf"');
    expect(res.text).toContain('Send to the session');
    // The session page links to it.
    const session = await get(`/app/sessions/${id}`, await signIn(org.alice));
    expect(session.text).toContain(`href="/app/sessions/${id}/documents/new"`);
  });

  it('asks a signed-out visitor to sign in, and hides another org\'s session', async () => {
    const org = await makeOrg();
    const other = await makeOrg('Other');
    const started = await startSession(org.alice, { name: 'Dana Demo', email: `p-${crypto.randomUUID()}@example.com` });
    const id = started.session.id as string;
    expect((await get(`/app/sessions/${id}/documents/new`)).status).toBe(401);
    const foreign = await get(`/app/sessions/${id}/documents/new`, await signIn(other.alice));
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain('pl-form');
  });
});

describe('the new template page', () => {
  it('renders for an admin with roles, signing order and every field type but attachment', async () => {
    const org = await makeOrg();
    const res = await get('/app/templates/new', await signIn(org.admin));
    expect(res.status).toBe(200);
    expectStrictPage(res);
    expectLabelled(res.text);
    expect(res.text).toContain('data-mode="template"');
    expect(res.text).toContain('id="pl-roles"');
    expect(res.text).toContain('id="pl-order"');
    for (const type of ['signature', 'full_name', 'number', 'email', 'phone', 'dropdown', 'radio']) expect(res.text).toContain(`data-type="${type}"`);
    expect(res.text).not.toContain('data-type="attachment"');
    expect(res.text).toContain('Save the template');
  });

  it('refuses an agent who is not an admin with a 403 page, and a signed-out visitor with 401', async () => {
    const org = await makeOrg();
    const res = await get('/app/templates/new', await signIn(org.alice));
    expect(res.status).toBe(403);
    expect(res.text).toContain('Only an admin can create templates');
    expect(res.text).not.toContain('pl-form');
    expect(res.text).not.toContain('/assets/placement.js');
    expect((await get('/app/templates/new')).status).toBe(401);
  });
});
