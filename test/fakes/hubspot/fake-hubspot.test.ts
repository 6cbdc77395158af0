// The fake HubSpot answers as HubSpot documents: OAuth, batch limits and
// errors, notes with associations and attachments, files, the burst limit,
// planned faults; and @hubspot/api-client, which write-back uses, works
// against it.
import { Client } from '@hubspot/api-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeHubSpot, TEST_APP } from './fake-hubspot';

const BASE = 'https://api.hubapi.com';
const PORTAL = '62515';

let clock: number;
let fake: FakeHubSpot;

beforeEach(() => {
  clock = Date.UTC(2026, 11, 1, 9);
  fake = new FakeHubSpot({ now: () => clock });
});
afterEach(() => vi.unstubAllGlobals());

const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

async function install(portalId = PORTAL) {
  const code = fake.authorize({ portalId, userId: '777', userEmail: 'admin@acme.example', hubDomain: 'acme.hubspot.com', scopes: ['oauth', 'crm.objects.contacts.write'] }, 'https://parley.test/hooks/hubspot/oauth');
  const res = await fake.fetch(`${BASE}/oauth/2026-03/token`, form({ grant_type: 'authorization_code', client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret, code, redirect_uri: 'https://parley.test/hooks/hubspot/oauth' }));
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; refresh_token: string; expires_in: number; token_type: string; hub_id: number; scopes: string[] };
}

const post = (token: string, path: string, body: unknown) => fake.fetch(`${BASE}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('fake HubSpot: OAuth', () => {
  it('trades an install code once for tokens, refreshes them, describes them, and ends them on uninstall', async () => {
    const t = await install();
    expect(t).toMatchObject({ token_type: 'bearer', expires_in: 1800, hub_id: 62515, scopes: ['oauth', 'crm.objects.contacts.write'] });

    const refreshed = await fake.fetch(`${BASE}/oauth/2026-03/token`, form({ grant_type: 'refresh_token', client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret, refresh_token: t.refresh_token }));
    const r = (await refreshed.json()) as { access_token: string };
    expect(r.access_token).not.toBe(t.access_token);

    const info = await fake.fetch(`${BASE}/oauth/2026-03/token/introspect`, form({ client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret, token: r.access_token }));
    expect(await info.json()).toMatchObject({ active: true, hub_id: 62515, hub_domain: 'acme.hubspot.com', user_id: 777, user: 'admin@acme.example', app_id: TEST_APP.appId });
    const legacy = await fake.fetch(`${BASE}/oauth/v1/access-tokens/${r.access_token}`);
    expect(await legacy.json()).toMatchObject({ hub_id: 62515, user: 'admin@acme.example', token_type: 'access' });

    // A wrong secret, a used code.
    expect((await (await fake.fetch(`${BASE}/oauth/2026-03/token`, form({ grant_type: 'refresh_token', client_id: TEST_APP.clientId, client_secret: 'nope', refresh_token: t.refresh_token }))).json()) as object).toMatchObject({ status: 'BAD_CLIENT_SECRET' });

    fake.revoke(PORTAL);
    const data = await post(r.access_token, '/crm/v3/objects/contacts/batch/read', { inputs: [], properties: [] });
    expect(data.status).toBe(401);
    expect(await data.json()).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION' });
    const again = await fake.fetch(`${BASE}/oauth/2026-03/token`, form({ grant_type: 'refresh_token', client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret, refresh_token: t.refresh_token }));
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ status: 'BAD_REFRESH_TOKEN' });
    expect((await (await fake.fetch(`${BASE}/oauth/2026-03/token/introspect`, form({ client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret, token: r.access_token }))).json()) as object).toEqual({ active: false });
  });

  it('refuses a data call without a token, and an access token once it expires', async () => {
    const t = await install();
    expect((await fake.fetch(`${BASE}/crm/v3/properties/contacts`)).status).toBe(401);
    clock += 1800_000;
    expect((await fake.fetch(`${BASE}/crm/v3/properties/contacts`, { headers: { authorization: `Bearer ${t.access_token}` } })).status).toBe(401);
  });
});

describe('fake HubSpot: CRM objects', () => {
  it('updates in batches of at most 100, names missing records and unknown properties', async () => {
    const { access_token: token } = await install();
    const contact = fake.createRecord(PORTAL, 'contacts', { email: 'cora@example.com' });
    const tooMany = await post(token, '/crm/v3/objects/contacts/batch/update', { inputs: Array.from({ length: 101 }, () => ({ id: contact.id, properties: {} })) });
    expect(tooMany.status).toBe(400);
    expect(fake.maxInputs).toBe(101);

    const unknown = await post(token, '/crm/v3/objects/contacts/batch/update', { inputs: [{ id: contact.id, properties: { parley_session_status: 'active' } }] });
    expect(unknown.status).toBe(400);
    const body = (await unknown.json()) as { category: string; errors: Array<{ code: string }> };
    expect(body.category).toBe('VALIDATION_ERROR');
    expect(body.errors[0]!.code).toBe('PROPERTY_DOESNT_EXIST');

    const partly = await post(token, '/crm/v3/objects/contacts/batch/update', { inputs: [{ id: contact.id, properties: { firstname: 'Cora' } }, { id: '999999', properties: { firstname: 'Nobody' } }] });
    expect(partly.status).toBe(207);
    expect(await partly.json()).toMatchObject({ status: 'COMPLETE', results: [{ id: contact.id, properties: { firstname: 'Cora' } }], errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: ['999999'] } }] });
    expect(fake.portal(PORTAL).record('contacts', contact.id)!.writes.at(-1)!.properties).toEqual({ firstname: 'Cora' });
  });

  it('upserts contacts by email: the first time creates, the next matches, whatever the case', async () => {
    const { access_token: token } = await install();
    const first = (await (await post(token, '/crm/v3/objects/contacts/batch/upsert', { inputs: [{ idProperty: 'email', id: 'lena@example.com', properties: { firstname: 'Lena' } }] })).json()) as { results: Array<{ id: string; new: boolean }> };
    const second = (await (await post(token, '/crm/v3/objects/contacts/batch/upsert', { inputs: [{ idProperty: 'email', id: 'LENA@example.com', properties: {} }] })).json()) as { results: Array<{ id: string; new: boolean }> };
    expect(first.results[0]!.new).toBe(true);
    expect(second.results[0]).toMatchObject({ id: first.results[0]!.id, new: false });
    expect(fake.portal(PORTAL).all('contacts')).toHaveLength(1);
  });

  it('makes notes with hs_timestamp, associations of the documented types and attachments that exist', async () => {
    const { access_token: token } = await install();
    const deal = fake.createRecord(PORTAL, 'deals', { dealname: 'Renewal' });
    const noTime = await post(token, '/crm/v3/objects/notes/batch/create', { inputs: [{ properties: { hs_note_body: 'x' } }] });
    expect(noTime.status).toBe(400);
    const wrongType = await post(token, '/crm/v3/objects/notes/batch/create', { inputs: [{ properties: { hs_timestamp: '2026-12-01T09:00:00Z' }, associations: [{ to: { id: deal.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }] }] });
    expect(wrongType.status).toBe(400);
    const noFile = await post(token, '/crm/v3/objects/notes/batch/create', { inputs: [{ properties: { hs_timestamp: '2026-12-01T09:00:00Z', hs_attachment_ids: '123' } }] });
    expect(noFile.status).toBe(400);

    const upload = new FormData();
    upload.append('file', new Blob([new Uint8Array([37, 80, 68, 70])], { type: 'application/pdf' }), 'parley-itm_1-abcdef12.pdf');
    upload.append('fileName', 'parley-itm_1-abcdef12.pdf');
    upload.append('folderPath', '/parley');
    upload.append('options', JSON.stringify({ access: 'PRIVATE' }));
    const file = (await (await fake.fetch(`${BASE}/files/v3/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: upload })).json()) as { id: string; name: string; extension: string; access: string };
    expect(file).toMatchObject({ name: 'parley-itm_1-abcdef12', extension: 'pdf', access: 'PRIVATE' });
    const found = (await (await fake.fetch(`${BASE}/files/v3/files/search?name=parley-itm_1-abcdef12`, { headers: { authorization: `Bearer ${token}` } })).json()) as { results: Array<{ id: string }> };
    expect(found.results.map((f) => f.id)).toEqual([file.id]);

    const made = await post(token, '/crm/v3/objects/notes/batch/create', {
      inputs: [{ properties: { hs_timestamp: '2026-12-01T09:00:00Z', hs_note_body: '<p>Signed</p>', hs_attachment_ids: file.id }, associations: [{ to: { id: deal.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }] }] }],
    });
    expect(made.status).toBe(201);
    const note = ((await made.json()) as { results: Array<{ id: string }> }).results[0]!;
    const assoc = (await (await post(token, '/crm/v4/associations/deals/notes/batch/read', { inputs: [{ id: deal.id }] })).json()) as { results: Array<{ to: Array<{ toObjectId: number; associationTypes: Array<{ typeId: number }> }> }> };
    expect(assoc.results[0]!.to).toEqual([{ toObjectId: Number(note.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 214, label: null }] }]);
  });

  it('creates properties and groups once: 409, or OBJECT_ALREADY_EXISTS in a batch, after that', async () => {
    const { access_token: token } = await install();
    expect((await post(token, '/crm/v3/properties/deals/groups', { name: 'parley', label: 'Parley' })).status).toBe(201);
    expect((await post(token, '/crm/v3/properties/deals/groups', { name: 'parley', label: 'Parley' })).status).toBe(409);
    const def = { name: 'parley_session_id', label: 'Session', type: 'string', fieldType: 'text', groupName: 'parley' };
    expect((await post(token, '/crm/v3/properties/deals/batch/create', { inputs: [def] })).status).toBe(201);
    const again = await post(token, '/crm/v3/properties/deals/batch/create', { inputs: [def] });
    expect(again.status).toBe(207);
    expect(await again.json()).toMatchObject({ errors: [{ category: 'OBJECT_ALREADY_EXISTS' }] });
  });
});

describe('fake HubSpot: limits and faults', () => {
  it('allows 100 calls per portal in any 10 seconds, then answers 429 with the documented body and headers', async () => {
    fake = new FakeHubSpot({ now: () => clock, rateLimit: { max: 5, intervalMs: 10_000 } });
    const { access_token: token } = await install();
    for (let i = 0; i < 5; i++) expect((await fake.fetch(`${BASE}/crm/v3/properties/contacts`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const limited = await fake.fetch(`${BASE}/crm/v3/properties/contacts`, { headers: { authorization: `Bearer ${token}` } });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(limited.headers.get('X-HubSpot-RateLimit-Interval-Milliseconds')).toBe('10000');
    expect(limited.headers.get('X-HubSpot-RateLimit-Remaining')).toBe('0');
    clock += 10_001;
    expect((await fake.fetch(`${BASE}/crm/v3/properties/contacts`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('a planned fault can be carried out and its answer lost', async () => {
    const { access_token: token } = await install();
    const deal = fake.createRecord(PORTAL, 'deals');
    fake.failNext(1, { status: 502, applied: true });
    const lost = await post(token, '/crm/v3/objects/notes/batch/create', { inputs: [{ properties: { hs_timestamp: '2026-12-01T09:00:00Z' }, associations: [{ to: { id: deal.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }] }] }] });
    expect(lost.status).toBe(502);
    expect(fake.portal(PORTAL).all('notes')).toHaveLength(1);
    fake.failNext(1, { status: 429, retryAfter: 3 });
    const limited = await post(token, '/crm/v3/objects/notes/batch/create', { inputs: [] });
    expect(limited.headers.get('Retry-After')).toBe('3');
    expect(fake.calls.filter((c) => c.fault)).toHaveLength(2);
  });

  it('serves @hubspot/api-client: typed batch calls, and its errors carry the status and headers', async () => {
    const { access_token: token } = await install();
    vi.stubGlobal('fetch', fake.fetch);
    const client = new Client({ accessToken: token, basePath: BASE, numberOfApiCallRetries: 0 });
    const contact = fake.createRecord(PORTAL, 'contacts', { email: 'x@example.com' });
    const updated = await client.crm.objects.batchApi.update('contacts', { inputs: [{ id: contact.id, properties: { firstname: 'X' } }] });
    expect(updated.results[0]!.id).toBe(contact.id);
    fake.failNext(1, { status: 429, retryAfter: 4 });
    const err = (await client.crm.objects.batchApi.update('contacts', { inputs: [] }).catch((e: unknown) => e)) as { code: number; headers: Record<string, string> };
    expect(err.code).toBe(429);
    expect(err.headers['retry-after']).toBe('4');
    expect(fake.calls.at(-1)).toMatchObject({ kind: 'contacts/batch/update', fault: true });
  });
});
