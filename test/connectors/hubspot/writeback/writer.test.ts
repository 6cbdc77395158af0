// Write-back to HubSpot end to end: sessions driven through the Worker's
// API, their published events through the crm-writeback queue (simulated
// deliveries, the real consumer), and a fake HubSpot that speaks the
// documented API, keeps its limits and counts calls.
import { env, exports } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CrmEvent } from '../../../../worker/src/crm/messages';
import { findHubSpotConnection } from '../../../../worker/src/directory/hubspot-connections';
import { forgetHubSpotTokens } from '../../../../connectors/hubspot/oauth/tokens';
import { forgetCallBudgets } from '../../../../connectors/hubspot/writeback/call-budget';
import { hubspotConnector } from '../../../../connectors/hubspot/connector';
import { FakeHubSpot } from '../../../fakes/hubspot/fake-hubspot';
import { FakeStripe } from '../../../fakes/stripe/fake-stripe';
import type { StoredRecord } from '../../../fakes/hubspot/portal';
import { connectHubSpot, hubspotEnv, type ConnectedPortal } from '../../../helpers/hubspot';
import { publishedEvents, WritebackQueue } from '../../../helpers/writeback-queue';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../../helpers/world';
import { sealedDocument } from '../../../helpers/sealed-document';
import { makeJpegHeader } from '../../../helpers/images';
import { makePdf } from '../../../helpers/pdf';

let fake: FakeHubSpot;
let org: Org;
let portal: ConnectedPortal;

beforeEach(async () => {
  fake = new FakeHubSpot();
  vi.stubGlobal('fetch', fake.fetch);
  forgetHubSpotTokens();
  forgetCallBudgets();
  org = await makeOrg();
  portal = await connectHubSpot(org, fake);
});
afterEach(() => vi.unstubAllGlobals());

const queue = (batchSize = 100) => new WritebackQueue(batchSize, hubspotEnv());
const records = (object: 'contacts' | 'deals' | 'notes') => fake.portal(portal.portalId).all(object);
const record = (object: 'contacts' | 'deals', id: string) => fake.portal(portal.portalId).record(object, id)!;

interface Customer {
  sessionId: string;
  browser: Browser;
  items: string[];
  contact: StoredRecord;
}

async function sessionWithItems(n: number, linkTo?: { objectType: string; recordId: string }): Promise<Customer> {
  const email = `c-${crypto.randomUUID()}@example.com`;
  const contact = fake.createRecord(portal.portalId, 'contacts', { email });
  const s = await startSession(org.alice, { name: `Cora ${crypto.randomUUID().slice(0, 6)}`, email }, { crmRecord: { system: 'hubspot', ...(linkTo ?? { objectType: 'contacts', recordId: contact.id }) } });
  const browser = new Browser();
  await browser.open((await outboxFor(s.session.id))[0]!.link);
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const made = await call('POST', `/api/v1/sessions/${s.session.id}/items`, { token: org.alice.token, body: { kind: 'task', name: `ID photo ${i + 1}` } });
    items.push(made.json.id);
  }
  return { sessionId: s.session.id, browser, items, contact };
}

const eventsOf = async (customers: Array<{ sessionId: string }>): Promise<CrmEvent[]> => (await Promise.all(customers.map((c) => publishedEvents(org.alice, org.id, c.sessionId)))).flat();

/** Interleave the sessions' events as a busy org produces them: each session in order, sessions mixed. */
function interleave(events: CrmEvent[]): CrmEvent[] {
  const bySession = new Map<string, CrmEvent[]>();
  for (const e of events) bySession.set(e.sessionId, [...(bySession.get(e.sessionId) ?? []), e]);
  const lanes = [...bySession.values()];
  const out: CrmEvent[] = [];
  for (let i = 0; out.length < events.length; i++) for (const lane of lanes) if (lane[i]) out.push(lane[i]!);
  return out;
}

async function setStatus(c: Customer, item: string, who: 'customer' | 'agent', status: string, reason?: string) {
  const body = { status, ...(reason ? { reason } : {}) };
  const res = who === 'customer' ? await c.browser.request('POST', `/room/api/items/${item}/status`, body) : await call('POST', `/api/v1/sessions/${c.sessionId}/items/${item}/status`, { token: org.alice.token, body });
  if (res.status !== 200) throw new Error(`${status}: ${res.status} ${res.text}`);
}

async function fiveChanges(c: Customer, item: string) {
  await setStatus(c, item, 'customer', 'in_progress');
  await setStatus(c, item, 'agent', 'rejected', 'blurred');
  await setStatus(c, item, 'agent', 'sent');
  await setStatus(c, item, 'customer', 'in_progress');
  await setStatus(c, item, 'agent', 'completed');
}


/** The version each session's record must end at: its last event's. */
function expectAllAtLatest(customers: Customer[], events: CrmEvent[]) {
  return Promise.all(
    customers.map(async (c) => {
      const last = Math.max(...events.filter((e) => e.sessionId === c.sessionId).map((e) => e.version));
      const row = await env.DB.prepare('SELECT version FROM hubspot_record_writes WHERE org_id = ? AND record_id = ?').bind(org.id, c.contact.id).first<{ version: number }>();
      expect(row?.version, c.sessionId).toBe(last);
    }),
  );
}

const failures = async () => (await call('GET', '/api/v1/crm/writeback', { token: org.admin.token })).json.failures as Array<{ system: string; sessionId: string | null; record: string | null; reason: string }>;

/** Notes the portal holds for a milestone key. */
const notesFor = (key: string) => records('notes').filter((n) => (n.properties.hs_note_body ?? '').includes(`Parley ref: ${key}`));

describe('write-back to HubSpot', () => {
  it("lands the session's status, link, progress and last activity on the linked record, makes Parley's properties, matches the contact and notes the start", async () => {
    const c = await sessionWithItems(2);
    await fiveChanges(c, c.items[0]!);
    const q = queue();
    q.send(await eventsOf([c]));
    await q.drain();

    expect(record('contacts', c.contact.id).properties).toMatchObject({
      parley_session_status: 'active',
      parley_session_id: c.sessionId,
      parley_items_progress: '1/2',
      parley_session_link: `${env.PUBLIC_URL.replace(/\/$/, '')}/app/sessions/${c.sessionId}`,
      parley_last_activity: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    for (const object of ['contacts', 'companies', 'deals', 'tickets'] as const) {
      expect(fake.portal(portal.portalId).groups.get(object)!.has('parley')).toBe(true);
      expect([...fake.portal(portal.portalId).properties.get(object)!.keys()]).toEqual(expect.arrayContaining(['parley_session_status', 'parley_session_link', 'parley_last_activity', 'parley_session_id', 'parley_items_progress']));
    }
    expect((await findHubSpotConnection(env.DB, org.id))!.propertiesReadyAt).not.toBeNull();
    // The participant's email matched the linked contact: no second contact.
    expect(records('contacts')).toHaveLength(1);
    const [started] = notesFor(`started:${c.sessionId}`);
    expect(started).toBeDefined();
    expect(fake.portal(portal.portalId).associated('notes', started!.id, 'contacts').map((a) => [a.toId, a.typeId])).toEqual([[c.contact.id, 202]]);
    expect(q.deadLettered).toEqual([]);
    expect((await findHubSpotConnection(env.DB, org.id))!.lastSyncAt).not.toBeNull();

    // A replay of everything costs HubSpot nothing and changes nothing.
    const calls = fake.apiCalls;
    q.send(await eventsOf([c]));
    await q.drain();
    expect(fake.apiCalls).toBe(calls);
    expect(records('notes')).toHaveLength(1);
  });

  it('a burst of 1,000 status changes over 50 sessions costs at most 60 HubSpot calls, setup included, every record at its latest version', async () => {
    const q = queue();
    const delivered = new Set<string>();
    const customers: Customer[] = [];
    const deliver = async () => {
      const fresh = (await eventsOf(customers)).filter((e) => !delivered.has(`${e.sessionId}/${e.version}`));
      for (const e of fresh) delivered.add(`${e.sessionId}/${e.version}`);
      q.send(interleave(fresh));
      await q.drain();
    };
    for (let i = 0; i < 50; i++) customers.push(await sessionWithItems(4));
    await deliver();
    const setupCalls = fake.apiCalls;

    const steps = [
      (c: Customer, item: string) => setStatus(c, item, 'customer', 'in_progress'),
      (c: Customer, item: string) => setStatus(c, item, 'agent', 'rejected', 'blurred'),
      (c: Customer, item: string) => setStatus(c, item, 'agent', 'sent'),
      (c: Customer, item: string) => setStatus(c, item, 'customer', 'in_progress'),
      (c: Customer, item: string) => setStatus(c, item, 'agent', 'completed'),
    ];
    let changes = 0;
    for (let wave = 0; wave < 10; wave++) {
      for (const c of customers) {
        for (let k = 0; k < 2; k++) {
          const n = wave * 2 + k;
          await steps[n % 5]!(c, c.items[Math.floor(n / 5)]!);
          changes++;
        }
      }
      await deliver();
    }
    const events = await eventsOf(customers);
    expect(changes).toBe(1000);
    expect(events.filter((e) => e.type === 'item.status_changed')).toHaveLength(1000);

    expect(fake.apiCalls).toBeLessThanOrEqual(60);
    expect(fake.apiCalls - setupCalls).toBeLessThanOrEqual(50);
    expect(fake.maxInputs).toBeLessThanOrEqual(100);
    expect(fake.calls.every((c) => c.status < 400)).toBe(true);
    expect(fake.tokenRequests).toHaveLength(1); // the install's; the access token lasts the burst
    for (const c of customers) expect(record('contacts', c.contact.id).properties).toMatchObject({ parley_items_progress: '4/4', parley_session_status: 'active' });
    expect(records('notes')).toHaveLength(50); // one "started" each
    await expectAllAtLatest(customers, events);
    expect(q.deadLettered).toEqual([]);
  }, 180_000);

  it('rides out 429s with Retry-After and 502/503s: nothing lost, the sealed PDF attached once, no admin alarmed', async () => {
    const customers: Customer[] = [];
    for (let i = 0; i < 6; i++) customers.push(await sessionWithItems(2));
    const signed = await sealedDocument(org, customers[0]!);
    for (const c of customers) await fiveChanges(c, c.items[0]!);

    fake.failNext(9, [{ status: 503 }, { status: 429, retryAfter: 7 }, { status: 502 }]);
    const q = queue(10);
    const first = await eventsOf(customers);
    q.send(interleave(first));
    await q.drain();
    for (const c of customers) await fiveChanges(c, c.items[1]!);
    const all = await eventsOf(customers);
    q.send(interleave(all.filter((e) => !first.some((f) => f.sessionId === e.sessionId && f.version === e.version))));
    q.send(interleave(all));
    await q.drain();

    expect(fake.calls.filter((c) => c.fault)).toHaveLength(9);
    expect(q.delays).toContain(7);
    expect(q.deadLettered).toEqual([]);
    expect(await failures()).toEqual([]);
    // Both requests done everywhere; the first session also has its signed document.
    for (const c of customers) expect(record('contacts', c.contact.id).properties.parley_items_progress).toBe(c === customers[0] ? '3/3' : '2/2');
    await expectAllAtLatest(customers, all);

    const files = [...fake.portal(portal.portalId).files.values()];
    expect(files.map((f) => `${f.name}.${f.extension}`)).toEqual([`parley-${signed.itemId}-${signed.sha256.slice(0, 8)}.pdf`]);
    expect(files[0]!.access).toBe('PRIVATE');
    const docNotes = notesFor(`document:${signed.itemId}:${signed.sha256.slice(0, 8)}`);
    expect(docNotes).toHaveLength(1);
    expect(docNotes[0]!.properties.hs_attachment_ids).toBe(files[0]!.id);
    expect(fake.portal(portal.portalId).associated('notes', docNotes[0]!.id, 'contacts').map((a) => a.toId)).toEqual([customers[0]!.contact.id]);
    for (const c of customers) expect(notesFor(`started:${c.sessionId}`)).toHaveLength(1);
  });

  it("associates a document's note with the customer's contact in a later run where no participant changed", async () => {
    // Linked to a deal, so the contact is reached only as the session's customer. An open request keeps
    // the customer from completing; a first document brings their consent.
    const deal = fake.createRecord(portal.portalId, 'deals', { dealname: 'Renewal' });
    const c = await sessionWithItems(1, { objectType: 'deals', recordId: deal.id });
    await sealedDocument(org, c);
    const q = new WritebackQueue();
    q.send(await eventsOf([c]));
    await q.drain();
    const before = (await eventsOf([c])).at(-1)!.version;
    const signed = await sealedDocument(org, c);
    const later = (await eventsOf([c])).filter((e) => e.version > before);
    expect(later.filter((e) => e.type.startsWith('participant.'))).toEqual([]);
    q.send(later);
    await q.drain();
    const [note] = notesFor(`document:${signed.itemId}:${signed.sha256.slice(0, 8)}`);
    expect(fake.portal(portal.portalId).associated('notes', note!.id, 'deals').map((a) => a.toId)).toEqual([deal.id]);
    expect(fake.portal(portal.portalId).associated('notes', note!.id, 'contacts').map((a) => a.toId)).toEqual([c.contact.id]);
  });

  it('notes each document the agent accepted on the record, the file attached, once; a rejected one never', async () => {
    const c = await sessionWithItems(0);
    const asked = await call('POST', `/api/v1/sessions/${c.sessionId}/document-requests`, { token: org.alice.token, body: { name: 'Proof', documents: [{ category: 'proof_of_address' }, { category: 'bank_statement' }] } });
    const itemId = asked.json.item.id as string;
    const [address, statement] = asked.json.slots as { id: string }[];
    const send = async (slotId: string, bytes: Uint8Array, name: string) => {
      const form = new FormData();
      form.append('file', new File([bytes], name));
      expect((await c.browser.request('PUT', `/room/api/requests/${itemId}/slots/${slotId}/file`, form)).status).toBe(200);
    };
    await send(address!.id, await makePdf(1), 'utility-bill.pdf');
    await send(statement!.id, makeJpegHeader(1600, 1000), 'statement.jpg');
    await call('POST', `/api/v1/sessions/${c.sessionId}/document-requests/${itemId}/slots/${address!.id}/accept`, { token: org.alice.token });
    await call('POST', `/api/v1/sessions/${c.sessionId}/document-requests/${itemId}/slots/${statement!.id}/reject`, { token: org.alice.token, body: { reason: 'cut off' } });
    const q = queue();
    q.send(await eventsOf([c]));
    await q.drain();
    q.send(await eventsOf([c]));
    await q.drain();
    const files = [...fake.portal(portal.portalId).files.values()];
    expect(files.map((f) => f.extension)).toEqual(['pdf']);
    const received = fake.portal(portal.portalId).all('notes').filter((n) => n.properties.hs_note_body?.includes('Document received in Parley'));
    expect(received).toHaveLength(1);
    expect(received[0]!.properties.hs_note_body).toContain('Proof of address · Proof: sent by the customer and accepted; the file is attached.');
    expect(received[0]!.properties.hs_attachment_ids).toBe(files[0]!.id);
    expect(fake.portal(portal.portalId).associated('notes', received[0]!.id, 'contacts').map((a) => a.toId)).toEqual([c.contact.id]);
    expect(q.deadLettered).toEqual([]);
  });

  it('makes each note and uploads each PDF once when HubSpot carried a call out but its answer was lost', async () => {
    const c = await sessionWithItems(0);
    const signed = await sealedDocument(org, c);
    // The notes batch and the upload go through, then the answers are lost (a 502 from a proxy), once each.
    const lost = new Set(['notes/batch/create', 'files/upload']);
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await fake.fetch(input, init);
      const kind = fake.calls.at(-1)?.kind ?? '';
      if (lost.delete(kind)) return new Response('{"status":"error","message":"Bad Gateway","category":"BAD_GATEWAY"}', { status: 502 });
      return res;
    });
    const q = queue();
    q.send(await eventsOf([c]));
    await q.drain();
    expect(lost.size).toBe(0);
    // And a full replay later changes nothing.
    q.send(await eventsOf([c]));
    await q.drain();

    expect(q.deadLettered).toEqual([]);
    expect(notesFor(`started:${c.sessionId}`)).toHaveLength(1);
    expect(fake.portal(portal.portalId).files.size).toBe(1);
    expect(notesFor(`document:${signed.itemId}:${signed.sha256.slice(0, 8)}`)).toHaveLength(1);
    // The lost notes were found by reading the record's notes, not made again.
    expect(fake.calls.some((x) => x.kind === 'associations/contacts/notes/read')).toBe(true);
    expect(fake.calls.filter((x) => x.kind === 'files/search').length).toBeGreaterThan(0);
  });

  it('an older session never overwrites the record a newer session shows', async () => {
    const older = await sessionWithItems(1);
    const newer = await sessionWithItems(2, { objectType: 'contacts', recordId: older.contact.id });
    const q = queue();
    q.send(await eventsOf([newer]));
    await q.drain();
    expect(record('contacts', older.contact.id).properties.parley_session_id).toBe(newer.sessionId);
    // The older session is written late, and changes again: the record keeps showing the newer one.
    q.send(await eventsOf([older]));
    await q.drain();
    await fiveChanges(older, older.items[0]!);
    q.send(await eventsOf([older]));
    await q.drain();
    expect(record('contacts', older.contact.id).properties).toMatchObject({ parley_session_id: newer.sessionId, parley_items_progress: '0/2' });
    // Both sessions' milestones are noted on the record all the same.
    expect(notesFor(`started:${older.sessionId}`)).toHaveLength(1);
    expect(notesFor(`started:${newer.sessionId}`)).toHaveLength(1);
    // The newer session moves on: it still writes.
    await fiveChanges(newer, newer.items[0]!);
    q.send(await eventsOf([newer]));
    await q.drain();
    expect(record('contacts', older.contact.id).properties.parley_items_progress).toBe('1/2');
  });

  it('writes to deals, companies and tickets with the documented note associations', async () => {
    const deal = fake.createRecord(portal.portalId, 'deals', { dealname: 'Renewal' });
    const c = await sessionWithItems(1, { objectType: 'deal', recordId: deal.id });
    const q = queue();
    q.send(await eventsOf([c]));
    await q.drain();
    expect(record('deals', deal.id).properties.parley_session_id).toBe(c.sessionId);
    const [note] = notesFor(`started:${c.sessionId}`);
    expect(fake.portal(portal.portalId).associated('notes', note!.id, 'deals').map((a) => a.typeId)).toEqual([214]);
    expect(fake.portal(portal.portalId).associated('notes', note!.id, 'contacts').map((a) => a.toId)).toEqual([c.contact.id]);
  });

  it('notes a payment paid once, and each refund as it comes, with the amounts in the currency', async () => {
    const stripe = new FakeStripe();
    stripe.addKey('sk_test_51ParleyHubSpotKey0000000');
    // Stripe's calls go to the fake Stripe, the rest to the fake HubSpot.
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => (new Request(input, init).url.startsWith('https://api.stripe.com/') ? stripe.fetch(input, init) : fake.fetch(input, init)));
    const account = { secretKey: 'sk_test_51ParleyHubSpotKey0000000', webhookSecret: 'whsec_ParleyHubSpotSecret00000', publishableKey: 'pk_test_51ParleyHubSpotKey0000000', currencies: ['eur'], minAmount: 1, maxAmount: 1000 };
    expect((await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: account })).status).toBe(200);
    const c = await sessionWithItems(0);
    const itemId = (await call('POST', `/api/v1/sessions/${c.sessionId}/payments`, { token: org.alice.token, body: { amount: 12_500, currency: 'eur', description: 'Deposit' } })).json.item.id as string;
    const secret = (await c.browser.request('GET', `/room/api/payments/${itemId}`)).json.checkout.clientSecret as string;
    stripe.confirm(secret.split('_secret_')[0]!, 'pm_card_visa', 'https://parley.test/room');
    await stripe.deliverEvents(`https://parley.test/hooks/stripe/${org.id}`, account.webhookSecret, (r) => exports.default.fetch(r));
    const refund = (amount: number) => call('POST', `/api/v1/sessions/${c.sessionId}/payments/${itemId}/refund`, { token: org.admin.token, body: { amount } });
    expect((await refund(2000)).status).toBe(200);
    const q = queue();
    q.send(await eventsOf([c]));
    await q.drain();
    const [paid] = notesFor(`paid:${itemId}`);
    expect(paid!.properties.hs_note_body).toContain('Payment received in Parley');
    expect(paid!.properties.hs_note_body).toContain('Deposit: 125.00 EUR paid.');
    expect(notesFor(`refunded:${itemId}:2000`)[0]!.properties.hs_note_body).toContain('Deposit: 20.00 EUR of 125.00 EUR refunded in all.');
    expect(fake.portal(portal.portalId).associated('notes', paid!.id, 'contacts').map((a) => a.toId)).toEqual([c.contact.id]);

    // A second refund is a note of its own; the payment and the first refund are not noted again.
    expect((await refund(500)).status).toBe(200);
    q.send(await eventsOf([c]));
    await q.drain();
    expect(notesFor(`paid:${itemId}`)).toHaveLength(1);
    expect(notesFor(`refunded:${itemId}:2000`)).toHaveLength(1);
    expect(notesFor(`refunded:${itemId}:2500`)[0]!.properties.hs_note_body).toContain('Deposit: 25.00 EUR of 125.00 EUR refunded in all.');
    expect(q.deadLettered).toEqual([]);
  });

  it("notes a finished workflow once, with every step's outcome", async () => {
    const workflow = await call('POST', '/api/v1/workflows', {
      token: org.admin.token,
      body: { name: 'Onboarding', steps: [{ kind: 'document_request', documents: [{ category: 'passport' }] }, { kind: 'document_request', documents: [{ category: 'proof_of_address' }], optional: true }] },
    });
    expect(workflow.status, workflow.text).toBe(201);
    const c = await sessionWithItems(0);
    const sent = await call('POST', `/api/v1/sessions/${c.sessionId}/workflows`, { token: org.alice.token, body: { workflowId: workflow.json.id } });
    expect(sent.status, sent.text).toBe(201);
    const wf = sent.json.workflow.id as string;
    const [passport, address] = sent.json.steps as { id: string; name: string }[];
    // The passport is sent and accepted; the agent skips the optional proof of address: the workflow completes.
    const slot = (await call('GET', `/api/v1/sessions/${c.sessionId}/document-requests/${passport!.id}`, { token: org.alice.token })).json.slots[0].id as string;
    const form = new FormData();
    form.append('file', new File([makeJpegHeader(1600, 1000)], 'passport.jpg'));
    expect((await c.browser.request('PUT', `/room/api/requests/${passport!.id}/slots/${slot}/file`, form)).status).toBe(200);
    expect((await call('POST', `/api/v1/sessions/${c.sessionId}/document-requests/${passport!.id}/slots/${slot}/accept`, { token: org.alice.token })).status).toBe(200);
    expect((await call('POST', `/api/v1/sessions/${c.sessionId}/items/${address!.id}/status`, { token: org.alice.token, body: { status: 'cancelled' } })).status).toBe(200);
    const q = queue();
    q.send(await eventsOf([c]));
    await q.drain();
    q.send(await eventsOf([c]));
    await q.drain();
    const notes = notesFor(`workflow:${wf}`);
    expect(notes).toHaveLength(1);
    const body = notes[0]!.properties.hs_note_body!;
    expect(body).toContain('Workflow completed in Parley');
    expect(body).toContain(`Step 1 of 2, ${passport!.name}: Completed`);
    expect(body).toContain(`Step 2 of 2, ${address!.name} (optional): Cancelled`);
    expect(q.deadLettered).toEqual([]);
  });

  it('ends a session with its note', async () => {
    const c = await sessionWithItems(0);
    const ended = await call('POST', `/api/v1/sessions/${c.sessionId}/end`, { token: org.alice.token, body: {} });
    expect(ended.status).toBe(200);
    const q = queue();
    q.send(await eventsOf([c]));
    await q.drain();
    expect(record('contacts', c.contact.id).properties.parley_session_status).toBe('ended');
    expect(notesFor(`ended:${c.sessionId}`)).toHaveLength(1);
  });

  it('reports a record deleted in HubSpot and does not retry it; the others land', async () => {
    const gone = await sessionWithItems(0);
    const kept = await sessionWithItems(0);
    fake.deleteRecord(portal.portalId, gone.contact.id);
    const q = queue();
    q.send(await eventsOf([gone, kept]));
    await q.drain();
    expect(q.runs).toBe(1);
    expect(record('contacts', kept.contact.id).properties.parley_session_id).toBe(kept.sessionId);
    const list = await failures();
    expect(list).toEqual([expect.objectContaining({ system: 'hubspot', sessionId: gone.sessionId, record: `contacts/${gone.contact.id}` })]);
    expect(list[0]!.reason).toMatch(/no contacts record with this id/);
  });

  it('refuses a link HubSpot cannot hold, naming why', async () => {
    const s = await startSession(org.alice, { name: 'Odd Link', email: 'odd@example.com' }, { crmRecord: { system: 'hubspot', objectType: 'invoices', recordId: '12' } });
    const q = queue();
    q.send(await publishedEvents(org.alice, org.id, s.session.id));
    await q.drain();
    expect(q.pending).toHaveLength(0);
    expect((await failures())[0]!.reason).toMatch(/object type "invoices" is not one Parley writes to/);
  });

  it('makes its properties again when an admin deleted them', async () => {
    const other = await makeOrg('Properties Ready');
    fake = new FakeHubSpot();
    vi.stubGlobal('fetch', fake.fetch);
    org = other;
    portal = await connectHubSpot(other, fake, { propertiesReady: true });
    const c = await sessionWithItems(1);
    const q = queue();
    q.send(await eventsOf([c]));
    await q.drain();
    expect(fake.calls.filter((x) => x.kind === 'contacts/batch/update').map((x) => x.status)).toEqual([400, 200]);
    expect(record('contacts', c.contact.id).properties.parley_session_id).toBe(c.sessionId);
    expect(q.deadLettered).toEqual([]);
  });

  it('an uninstalled app: the refused token and refresh token show the connection broken, write-back waits 15 minutes at a time and asks HubSpot nothing', async () => {
    const c = await sessionWithItems(0);
    fake.revoke(portal.portalId);
    const q = queue();
    q.send(await eventsOf([c]));
    await q.drain(1);
    expect(q.pending.length).toBeGreaterThan(0);
    expect(q.delays.every((d) => d === 900)).toBe(true);
    // The data call's 401 led to one refresh, which HubSpot refused: the connection is marked broken, admins see why.
    expect(fake.tokenRequests.filter((t) => t.grantType === 'refresh_token').map((t) => t.error)).toEqual(['BAD_REFRESH_TOKEN']);
    const connection = (await findHubSpotConnection(env.DB, org.id))!;
    expect(connection.brokenAt).not.toBeNull();
    expect(connection.brokenReason).toMatch(/BAD_REFRESH_TOKEN/);
    expect((await failures())[0]!.reason).toMatch(/refused Parley's refresh token/);

    const before = fake.apiCalls + fake.tokenRequests.length;
    await q.drain(2);
    expect(fake.apiCalls + fake.tokenRequests.length).toBe(before);
    expect(q.delays.every((d) => d === 900)).toBe(true);
    expect(q.deadLettered).toEqual([]);
  });

  it('an access token HubSpot stops honouring before its time is refreshed once, and the write lands', async () => {
    const c = await sessionWithItems(0);
    fake.expireAccessTokens();
    const q = queue();
    q.send(await eventsOf([c]));
    await q.drain();
    expect(q.runs).toBe(1);
    expect(record('contacts', c.contact.id).properties.parley_session_id).toBe(c.sessionId);
    expect(fake.tokenRequests.filter((t) => t.grantType === 'refresh_token' && t.status === 200)).toHaveLength(1);
    expect(fake.calls.filter((x) => x.status === 401)).toHaveLength(1);
    expect(await failures()).toEqual([]);
  });

  it('the connection check reads the properties and says where the portal is', async () => {
    const check = await hubspotConnector.check(hubspotEnv(), org.id, Date.now);
    expect(check).toEqual({ ok: true, instanceUrl: `https://app.hubspot.com/contacts/${portal.portalId}`, apiVersion: '2026-03' });
    expect((await findHubSpotConnection(env.DB, org.id))!.propertiesReadyAt).not.toBeNull();
    fake.revoke(portal.portalId);
    const refused = await hubspotConnector.check(hubspotEnv(), org.id, Date.now);
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/BAD_REFRESH_TOKEN/) });
    expect(await hubspotConnector.check(hubspotEnv(), (await makeOrg('No HubSpot')).id, Date.now)).toBeNull();
  });
});
