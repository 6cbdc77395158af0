// The placement pages: a new ad hoc document for a session, and a new
// template (admins only). Rendered for the signed-in agent under the strict
// CSP, with the placement script by src only; refused when signed out, for
// another org's session, and for a non-admin's template page.
import { describe, expect, it } from 'vitest';
import { expectNoNamedGenericElements } from '../../helpers/aria';
import { makeOrg, signInToWorkspace, startSession, WorkspaceBrowser } from '../../helpers/world';

function expectStrictPage(res: { headers: Headers; text: string }) {
  const csp = res.headers.get('Content-Security-Policy')!;
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(res.text.startsWith('<!DOCTYPE html>')).toBe(true);
  for (const tag of res.text.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(tag).toMatch(/^<script type="module" src="\/assets\/placement\.js"><\/script>$/);
  expect(res.text).toContain('src="/assets/placement.js"');
  expect(res.text).not.toMatch(/<[^>]*\son[a-z]+=/i);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  expectNoNamedGenericElements(res.text);
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
    const alice = await signInToWorkspace(org.alice);
    const res = await alice.get(`/app/sessions/${id}/documents/new`);
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
    const session = await alice.get(`/app/sessions/${id}`);
    expect(session.text).toContain(`href="/app/sessions/${id}/documents/new"`);
  });

  it('asks a signed-out visitor to sign in, and hides another org\'s session', async () => {
    const org = await makeOrg();
    const other = await makeOrg('Other');
    const started = await startSession(org.alice, { name: 'Dana Demo', email: `p-${crypto.randomUUID()}@example.com` });
    const id = started.session.id as string;
    expect((await new WorkspaceBrowser().get(`/app/sessions/${id}/documents/new`)).status).toBe(401);
    const foreign = await (await signInToWorkspace(other.alice)).get(`/app/sessions/${id}/documents/new`);
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain('pl-form');
  });
});

describe('the new template page', () => {
  it('renders for an admin with roles, signing order and every field type but attachment', async () => {
    const org = await makeOrg();
    const res = await (await signInToWorkspace(org.admin)).get('/app/templates/new');
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
    const res = await (await signInToWorkspace(org.alice)).get('/app/templates/new');
    expect(res.status).toBe(403);
    expect(res.text).toContain('Only an admin can create templates');
    expect(res.text).not.toContain('pl-form');
    expect(res.text).not.toContain('/assets/placement.js');
    expect((await new WorkspaceBrowser().get('/app/templates/new')).status).toBe(401);
  });
});
