// The workspace's address book (/app/customers): linked from every
// workspace page, a search box, the customers within the search space with
// their contact, owning agent and latest session, "Take over" on another
// agent's customer only, and takeover refused outside the search space.
import { describe, expect, it } from 'vitest';
import { call, makeOrg, signInToWorkspace, startSession, type Org } from '../../helpers/world';

const email = () => `b-${crypto.randomUUID()}@example.com`;
const setOrg = (org: Org, body: unknown) => call('PATCH', '/api/v1/settings', { token: org.admin.token, body });

describe('the address book page', () => {
  it('is linked from the workspace bar and has a labelled search box', async () => {
    const org = await makeOrg();
    const ws = await signInToWorkspace(org.alice);
    expect((await ws.get('/app')).text).toContain('<a href="/app/customers">Address book</a>');
    const page = await ws.get('/app/customers');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-page="customers"');
    expect(page.text).toContain('<form method="get" action="/app/customers" class="ws-search" role="search"');
    expect(page.text).toContain('<label for="book-q">Name, email or phone</label>');
    expect(page.text).toContain('No customers yet');
  });

  it('lists the customers in the search space with contact, agent and latest session, and offers Take over only on others’', async () => {
    const org = await makeOrg();
    await setOrg(org, { session: { searchSpace: 'team' } });
    const tinaEmail = email();
    const bobs = await startSession(org.bob, { name: 'Tina <Takeover>', email: tinaEmail });
    const alices = await startSession(org.alice, { name: 'Ann Mine', email: email() });
    await startSession(org.carol, { name: 'Otto Otherteam', email: email() });
    const ws = await signInToWorkspace(org.alice);
    const page = await ws.get('/app/customers');
    expect(page.text).toContain('Search your team&#39;s customers');
    expect(page.text).toContain('Tina &lt;Takeover&gt;');
    expect(page.text).toContain(tinaEmail);
    expect(page.text).not.toContain('Otto Otherteam');
    const tina = bobs.session.customerId as string;
    const ann = alices.session.customerId as string;
    expect(page.text).toContain(`<dd id="customer-${tina}-owner">Bob Agent</dd>`);
    expect(page.text).toContain(`<dd id="customer-${ann}-owner">You</dd>`);
    expect(page.text).toContain(`href="/app/sessions/${bobs.session.id}"`);
    expect(page.text).toContain(`id="takeover-${tina}" data-takeover="${tina}"`);
    expect(page.text).not.toContain(`id="takeover-${ann}"`);

    const searched = await ws.get('/app/customers?q=tina');
    expect(searched.text).toContain('Tina &lt;Takeover&gt;');
    expect(searched.text).not.toContain('Ann Mine');
    expect(searched.text).toContain('value="tina"');
    expect((await ws.get('/app/customers?q=nobody-here')).text).toContain('No customer matches “nobody-here”.');
  });

  it('takes over with the API the page calls, moving the latest session; refused outside the search space', async () => {
    const org = await makeOrg();
    await setOrg(org, { session: { searchSpace: 'team' } });
    const bobs = await startSession(org.bob, { name: 'Tina Takeover', email: email() });
    const tina = bobs.session.customerId as string;

    const carol = await signInToWorkspace(org.carol);
    const refused = await carol.api('POST', `/customers/${tina}/takeover`);
    expect(refused.status).toBe(404);
    expect(refused.json.error.message).toBe('customer not found');
    expect((await carol.get('/app/customers')).text).not.toContain('Tina Takeover');

    const alice = await signInToWorkspace(org.alice);
    const taken = await alice.api('POST', `/customers/${tina}/takeover`);
    expect(taken.status).toBe(200);
    expect(taken.json).toMatchObject({ owner: { id: org.alice.id }, lastSessionId: bobs.session.id });
    const page = await alice.get('/app/customers');
    expect(page.text).toContain(`<dd id="customer-${tina}-owner">You</dd>`);
    expect(page.text).not.toContain(`id="takeover-${tina}"`);
    expect((await call('GET', `/api/v1/sessions/${bobs.session.id}`, { token: org.alice.token })).json.session.agentId).toBe(org.alice.id);
  });
});
