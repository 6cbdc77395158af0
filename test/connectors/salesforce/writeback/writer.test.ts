// Write-back to Salesforce end to end: sessions driven through the Worker's
// API, their published events through the crm-writeback queue (simulated
// deliveries, the real consumer), and a fake Salesforce that speaks the
// documented REST API and counts calls.
import { env, exports } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CrmEvent, CrmMessage } from '../../../../worker/src/crm/messages';
import { FakeSalesforce } from '../../../fakes/salesforce/fake-salesforce';
import { FakeStripe } from '../../../fakes/stripe/fake-stripe';
import { connectSalesforce, testConnectedAppKeys, TEST_CONNECTED_APP } from '../../../helpers/salesforce';
import { publishedEvents, WritebackQueue } from '../../../helpers/writeback-queue';
import { SimulatedQueue } from '../../../helpers/simulated-queue';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../../helpers/world';
import { sealedDocument } from '../../../helpers/sealed-document';
import { makeJpegHeader } from '../../../helpers/images';
import { forgetTokens } from '../../../../connectors/salesforce/writeback/salesforce-api';
import { MAX_ATTEMPTS } from '../../../../worker/src/crm/dispatch';

const CONTACT = '003000000000001AAA';

let fake: FakeSalesforce;
let org: Org;

beforeEach(async () => {
  // The client must never lean on the package's version-guard trigger: the fake runs without it.
  fake = new FakeSalesforce({ versionGuard: false });
  fake.registerConnectedApp({ clientId: TEST_CONNECTED_APP.clientId, publicKeyPem: (await testConnectedAppKeys()).publicKeyPem, username: TEST_CONNECTED_APP.username });
  vi.stubGlobal('fetch', fake.fetch);
  forgetTokens();
  org = await makeOrg();
  await connectSalesforce(org);
});
afterEach(() => vi.unstubAllGlobals());

interface Customer {
  sessionId: string;
  browser: Browser;
  items: string[];
}

async function sessionWithItems(n: number, crmRecord: unknown = { system: 'salesforce', objectType: 'Contact', recordId: CONTACT }, owner: Org = org): Promise<Customer> {
  const s = await startSession(owner.alice, { name: `Cora ${crypto.randomUUID().slice(0, 6)}`, email: `c-${crypto.randomUUID()}@example.com` }, { crmRecord });
  const browser = new Browser();
  await browser.open((await outboxFor(s.session.id))[0]!.link);
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const made = await call('POST', `/api/v1/sessions/${s.session.id}/items`, { token: owner.alice.token, body: { kind: 'task', name: `ID photo ${i + 1}` } });
    items.push(made.json.id);
  }
  return { sessionId: s.session.id, browser, items };
}

/** Five status changes of one item: the customer starts, the agent rejects and asks again, the customer starts again, the agent accepts. */
async function fiveChanges(c: Customer, itemId: string) {
  const step = async (who: 'customer' | 'agent', status: string, reason?: string) => {
    const body = { status, ...(reason ? { reason } : {}) };
    const res =
      who === 'customer'
        ? await c.browser.request('POST', `/room/api/items/${itemId}/status`, body)
        : await call('POST', `/api/v1/sessions/${c.sessionId}/items/${itemId}/status`, { token: org.alice.token, body });
    if (res.status !== 200) throw new Error(`${status}: ${res.status} ${res.text}`);
  };
  await step('customer', 'in_progress');
  await step('agent', 'rejected', 'blurred');
  await step('agent', 'sent');
  await step('customer', 'in_progress');
  await step('agent', 'completed');
}

async function eventsOf(customers: Customer[]): Promise<CrmEvent[]> {
  return (await Promise.all(customers.map((c) => publishedEvents(org.alice, org.id, c.sessionId)))).flat();
}

/** Interleave the sessions' events as a busy org produces them: each session in order, sessions mixed. */
function interleave(events: CrmEvent[]): CrmEvent[] {
  const bySession = new Map<string, CrmEvent[]>();
  for (const e of events) bySession.set(e.sessionId, [...(bySession.get(e.sessionId) ?? []), e]);
  const lanes = [...bySession.values()];
  const out: CrmEvent[] = [];
  for (let i = 0; out.length < events.length; i++) for (const lane of lanes) if (lane[i]) out.push(lane[i]!);
  return out;
}

/**
 * The version each record must end at: the last event that changed it, worked
 * out from the log alone. An item's change reaches the session record only
 * when it moves the session's progress counts (to do, done, not counted).
 */
function expectedVersions(events: CrmEvent[]) {
  const progress = (status: string) => (['cancelled', 'draft'].includes(status) ? 0 : ['completed', 'pending_approval', 'approved', 'approval_declined'].includes(status) ? 2 : 1);
  const expected = new Map<string, number>();
  for (const e of events) {
    const data = e.data as { participant?: { id: string }; item?: { id: string; status: string; kind: string }; from?: string };
    if (e.type.startsWith('session.')) expected.set(`Parley_Session__c/${e.sessionId}`, e.version);
    if (e.type.startsWith('participant.') && data.participant) expected.set(`Parley_Participant__c/${data.participant.id}`, e.version);
    if ((e.type.startsWith('item.') || e.type === 'document.signed') && data.item) {
      expected.set(`Parley_Item__c/${data.item.id}`, e.version);
      const movesProgress = e.type === 'item.created' ? progress(data.item.status) !== 0 : e.type === 'item.status_changed' && progress(data.from!) !== progress(data.item.status);
      if (movesProgress && data.item.kind !== 'batch') expected.set(`Parley_Session__c/${e.sessionId}`, e.version);
    }
  }
  return expected;
}

function expectAllAtLatest(events: CrmEvent[]) {
  for (const [key, version] of expectedVersions(events)) {
    const [object, externalId] = key.split('/') as [string, string];
    expect(fake.record(object, externalId)?.fields.Version__c, key).toBe(version);
  }
  expect(fake.versionRegressions()).toEqual([]);
}

/** What was logged as `event` (log.ts writes one JSON object a line). */
function logged(spy: { mock: { calls: unknown[][] } }, event: string): Array<Record<string, unknown>> {
  return spy.mock.calls.flatMap(([line]) => {
    try {
      const entry = JSON.parse(String(line));
      return entry.event === event ? [entry] : [];
    } catch {
      return [];
    }
  });
}

/** Salesforce as the fake answers it, after `hook` has seen each request's body (empty for a GET) and let it go on. */
function beforeEachWrite(hook: (body: string) => Promise<void>) {
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    await hook(request.method === 'GET' ? '' : await request.clone().text());
    return fake.fetch(request);
  });
}

/** Salesforce down for the query that looks for uploaded files, and only for it: the records land, the files wait. */
function fileQueriesDown() {
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('/query') && url.includes('ContentVersion')) return Promise.resolve(new Response('[{"message":"down","errorCode":"SERVER_UNAVAILABLE"}]', { status: 503 }));
    return fake.fetch(input, init);
  });
}

describe('write-back to Salesforce', () => {
  it('lands the session, its participant and items on records linked to the CRM record', async () => {
    const c = await sessionWithItems(2);
    await fiveChanges(c, c.items[0]!);
    const queue = new WritebackQueue();
    queue.send(await eventsOf([c]));
    await queue.drain();

    const session = fake.record('Parley_Session__c', c.sessionId)!;
    expect(session.fields).toMatchObject({ Status__c: 'active', Contact__c: CONTACT, Record_Id__c: CONTACT, Items_Total__c: 2, Items_Completed__c: 1, Agent_Email__c: expect.stringContaining('alice@') });
    const [participant] = fake.records('Parley_Participant__c');
    expect(participant!.fields).toMatchObject({ Status__c: 'entered', Primary__c: true, Session__c: session.id });
    expect(fake.record('Parley_Item__c', c.items[0]!)!.fields).toMatchObject({ Status__c: 'completed', Kind__c: 'task', Session__c: session.id });
    expect(fake.record('Parley_Item__c', c.items[1]!)!.fields.Status__c).toBe('sent');
    expectAllAtLatest(await eventsOf([c]));
    expect(queue.deadLettered).toEqual([]);

    // A replay of everything changes nothing.
    const before = JSON.stringify(fake.records('Parley_Item__c').map(({ fields: { LastModifiedDate: _m, SystemModstamp: _s, ...rest } }) => rest));
    queue.send(await eventsOf([c]));
    await queue.drain();
    expect(JSON.stringify(fake.records('Parley_Item__c').map(({ fields: { LastModifiedDate: _m, SystemModstamp: _s, ...rest } }) => rest))).toBe(before);
    const sync = await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token });
    expect(sync.json.writeback.lastSyncAt).not.toBeNull();
  });

  it("names who may read the session: the agent's Salesforce user, the team and the search space in force for it", async () => {
    // Alice as Salesforce made her (crm-agents.ts), in Team A, whose agents search the team's sessions.
    const salesforceUser = '005000000000042AAA';
    await env.DB.prepare("UPDATE agents SET origin = 'crm', crm_system = 'salesforce', crm_user_id = ? WHERE id = ?").bind(salesforceUser, org.alice.id).run();
    const teamSettings = await call('PATCH', `/api/v1/teams/${org.teamA}/settings`, { token: org.admin.token, body: { session: { searchSpace: 'team' } } });
    expect(teamSettings.status).toBe(200);
    const c = await sessionWithItems(0);
    const queue = new WritebackQueue();
    queue.send(await eventsOf([c]));
    await queue.drain();
    expect(fake.record('Parley_Session__c', c.sessionId)!.fields).toMatchObject({ Agent_User_Id__c: salesforceUser, Team__c: 'Team A', Search_Space__c: 'team' });

    // The org widens it to all for everyone: the next write says so.
    expect((await call('PATCH', `/api/v1/teams/${org.teamA}/settings`, { token: org.admin.token, body: { session: { searchSpace: 'inherit' } } })).status).toBe(200);
    expect((await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: { session: { searchSpace: 'all' } } })).status).toBe(200);
    expect((await call('POST', `/api/v1/sessions/${c.sessionId}/end`, { token: org.alice.token })).status).toBe(200);
    queue.send(await eventsOf([c]));
    await queue.drain();
    expect(fake.record('Parley_Session__c', c.sessionId)!.fields).toMatchObject({ Team__c: 'Team A', Search_Space__c: 'all' });
  });

  it('a burst of 1,000 status changes over 50 sessions reaches Salesforce in at most 50 API calls, every record at its latest version', async () => {
    const queue = new WritebackQueue();
    const delivered = new Set<string>();
    /** What the sessions published since the last delivery, through the queue, as a busy org's sessions interleave. */
    const deliver = async () => {
      const fresh = (await eventsOf(customers)).filter((e) => !delivered.has(`${e.sessionId}/${e.version}`));
      for (const e of fresh) delivered.add(`${e.sessionId}/${e.version}`);
      queue.send(interleave(fresh));
      await queue.drain();
      return fresh;
    };
    const customers: Customer[] = [];
    for (let i = 0; i < 50; i++) customers.push(await sessionWithItems(4));
    await deliver();
    const setupCalls = fake.apiCalls;

    // 1,000 status changes in ten waves of 100 (two per session), each wave
    // delivered as the queue would: in batches of up to 100 messages.
    const steps = [
      (c: Customer, item: string) => c.browser.request('POST', `/room/api/items/${item}/status`, { status: 'in_progress' }),
      (c: Customer, item: string) => call('POST', `/api/v1/sessions/${c.sessionId}/items/${item}/status`, { token: org.alice.token, body: { status: 'rejected', reason: 'blurred' } }),
      (c: Customer, item: string) => call('POST', `/api/v1/sessions/${c.sessionId}/items/${item}/status`, { token: org.alice.token, body: { status: 'sent' } }),
      (c: Customer, item: string) => c.browser.request('POST', `/room/api/items/${item}/status`, { status: 'in_progress' }),
      (c: Customer, item: string) => call('POST', `/api/v1/sessions/${c.sessionId}/items/${item}/status`, { token: org.alice.token, body: { status: 'completed' } }),
    ];
    let changes = 0;
    for (let wave = 0; wave < 10; wave++) {
      for (const c of customers) {
        for (let k = 0; k < 2; k++) {
          const n = wave * 2 + k; // this session's change number, 0…19
          const res = await steps[n % 5]!(c, c.items[Math.floor(n / 5)]!);
          if (res.status !== 200) throw new Error(res.text);
          changes++;
        }
      }
      await deliver();
    }
    const events = await eventsOf(customers);
    expect(changes).toBe(1000);
    expect(events.filter((e) => e.type === 'item.status_changed')).toHaveLength(1000);

    const calls = fake.apiCalls - setupCalls;
    expect(calls).toBeLessThanOrEqual(50);
    expect(fake.apiCalls).toBeLessThanOrEqual(50 + setupCalls);
    expect(fake.tokenRequests).toHaveLength(1); // signed in once, token reused
    expect(fake.records('Parley_Session__c')).toHaveLength(50);
    expect(fake.records('Parley_Item__c')).toHaveLength(200);
    expect(fake.records('Parley_Item__c').every((r) => r.fields.Status__c === 'completed')).toBe(true);
    expectAllAtLatest(events);
  }, 120_000); // 1,000 changes through 50 rooms: seconds on a quiet machine, more on a loaded 2-core one

  it('writes the orgs of one batch at once, from any write-back queue: one org held up by Salesforce does not hold up the other', async () => {
    const other = await makeOrg();
    await connectSalesforce(other);
    const slow = await sessionWithItems(2);
    const quick = await sessionWithItems(2, undefined, other);
    // The slow org's first record write waits until the other org's write arrives (at most 5 s): were orgs written one after the other, it would wait in vain.
    let release: () => void = () => {};
    const quickArrived = new Promise<void>((resolve) => (release = resolve));
    let heldUntilQuick = false;
    beforeEachWrite(async (body) => {
      if (body.includes(quick.sessionId)) release();
      if (body.includes(slow.sessionId) && !heldUntilQuick) {
        heldUntilQuick = await Promise.race([quickArrived.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
      }
    });
    const events = [...(await eventsOf([slow])), ...(await publishedEvents(other.alice, other.id, quick.sessionId))];
    const queue = new SimulatedQueue<CrmMessage>('crm-writeback-2', MAX_ATTEMPTS);
    queue.send(events);
    await queue.drain();
    expect(heldUntilQuick, "the other org's write reached Salesforce while the first org's waited").toBe(true);
    expect(queue.runs).toBe(1);
    expectAllAtLatest(events);
  });

  it('never writes a session from two runs at once: a run that finds it held retries shortly, and the newer state lands last', async () => {
    const c = await sessionWithItems(1);
    const first = await eventsOf([c]);
    // The first run's first write waits until the test lets it go, as a slow Salesforce would hold it.
    let letGo: () => void = () => {};
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    let held: () => void = () => {};
    const holding = new Promise<void>((resolve) => (held = resolve));
    let gated = false;
    beforeEachWrite(async (body) => {
      if (!gated && body.includes(c.sessionId)) {
        gated = true;
        held();
        await gate;
      }
    });
    const older = new WritebackQueue();
    older.send(first);
    const olderRun = older.drain();
    await holding;

    // Meanwhile the item changes five times, and a run of another queue gets those messages while the first still writes
    // (as when CRM_WRITEBACK_SHARDS changes while the org's older messages wait on its old queue).
    await fiveChanges(c, c.items[0]!);
    const later = (await eventsOf([c])).filter((e) => e.version > first.at(-1)!.version);
    const newer = new SimulatedQueue<CrmMessage>('crm-writeback-1', MAX_ATTEMPTS);
    newer.send(later);
    await newer.drain(1);
    expect(newer.pending.map((m) => m.attempts)).toEqual(later.map(() => 2));
    expect(new Set(newer.delays)).toEqual(new Set([2]));

    letGo();
    await olderRun;
    await newer.drain();
    expect(newer.deadLettered).toEqual([]);
    expectAllAtLatest([...first, ...later]);
    expect(fake.record('Parley_Item__c', c.items[0]!)?.fields.Status__c).toBe('completed');
  });

  it("acks a message naming another org, writes nothing for it, and leaves the session free for its own org's run", async () => {
    const c = await sessionWithItems(1);
    const events = await eventsOf([c]);
    const other = await makeOrg();
    await connectSalesforce(other);
    const misnamed = new WritebackQueue();
    misnamed.send(events.map((e) => ({ ...e, orgId: other.id })));
    await misnamed.drain();
    expect([misnamed.pending, misnamed.deadLettered, misnamed.delays]).toEqual([[], [], []]);
    expect(fake.record('Parley_Session__c', c.sessionId)).toBeUndefined();

    const own = new WritebackQueue();
    own.send(events);
    await own.drain();
    expect(own.delays, 'its own run did not find the session held').toEqual([]);
    expectAllAtLatest(events);
  });

  it('rides out 503s and 429s with Retry-After: nothing lost, nothing out of order, no duplicate files', async () => {
    const customers: Customer[] = [];
    for (let i = 0; i < 8; i++) customers.push(await sessionWithItems(2));
    const signed = await sealedDocument(org, customers[0]!);
    for (const c of customers) await fiveChanges(c, c.items[0]!);

    // Salesforce answers 503 and 429 (Retry-After: 7) for the next 9 calls, then recovers.
    fake.failNext(9, [{ status: 503 }, { status: 429, retryAfter: 7 }]);
    const queue = new WritebackQueue(10); // small batches: many runs meet the outage
    const first = await eventsOf(customers);
    queue.send(interleave(first));
    await queue.drain();
    // Changes keep coming during and after the outage, and everything is replayed once more.
    for (const c of customers) await fiveChanges(c, c.items[1]!);
    const all = await eventsOf(customers);
    queue.send(interleave(all.filter((e) => !first.some((f) => f.sessionId === e.sessionId && f.version === e.version))));
    queue.send(interleave(all));
    await queue.drain();

    expect(fake.calls.filter((c) => c.fault).length).toBe(9);
    expect(queue.delays).toContain(7);
    expect(queue.deadLettered).toEqual([]);
    expectAllAtLatest(all);
    const files = fake.files();
    expect(files).toHaveLength(1);
    expect(files[0]!.key).toBe(`${signed.itemId}.${signed.sha256.slice(0, 40)}`);
    // Published on the contact, linked to the Parley item too.
    const itemRecord = fake.record('Parley_Item__c', signed.itemId)!;
    expect(files[0]!.links.map((l) => l.linkedEntityId).sort()).toEqual(expect.arrayContaining([CONTACT, itemRecord.id]));
    expect(itemRecord.fields.Sealed_Sha256__c).toBe(signed.sha256);
  });

  it('signs in again when Salesforce expires the token, without losing the change', async () => {
    const c = await sessionWithItems(1);
    const queue = new WritebackQueue();
    queue.send(await eventsOf([c]));
    await queue.drain();
    fake.expireTokens();
    await fiveChanges(c, c.items[0]!);
    queue.send(await eventsOf([c]));
    await queue.drain();
    expect(fake.tokenRequests.filter((t) => t.status === 200)).toHaveLength(2);
    expect(fake.record('Parley_Item__c', c.items[0]!)!.fields.Status__c).toBe('completed');
    expect(queue.runs).toBe(2);
  });

  it('reports a record Salesforce refuses for good and does not retry it; the rest lands', async () => {
    const c = await sessionWithItems(2);
    // The org's admin added a validation rule that one item's name breaks.
    fake.addValidationRule('Parley_Item__c', (fields) => (fields.Name === 'ID photo 2' ? 'Name: photos are numbered from 1 only' : null));
    const queue = new WritebackQueue();
    queue.send(await eventsOf([c]));
    await queue.drain();
    expect(queue.runs).toBe(1);
    expect(queue.deadLettered).toEqual([]);
    expect(fake.record('Parley_Item__c', c.items[0]!)).toBeDefined();
    expect(fake.record('Parley_Item__c', c.items[1]!)).toBeUndefined();
    const status = await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token });
    expect(status.json.writeback.failures).toHaveLength(1);
    expect(status.json.writeback.failures[0]).toMatchObject({ sessionId: c.sessionId, record: c.items[1] });
    expect(status.json.writeback.failures[0].reason).toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION');
  });

  it('a whole call Salesforce refuses (the package not deployed) is retried with backoff until an admin fixes it', async () => {
    const c = await sessionWithItems(1);
    fake.failNext(2, { status: 400, body: [{ message: "sObject type 'Parley_Session__c' is not supported.", errorCode: 'INVALID_TYPE' }] });
    const queue = new WritebackQueue();
    queue.send(await eventsOf([c]));
    await queue.drain();
    expect([...new Set(queue.delays)]).toEqual([5, 10]);
    expect(fake.record('Parley_Session__c', c.sessionId)).toBeDefined();
    const status = await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token });
    expect(status.json.writeback.failures[0].reason).toContain('INVALID_TYPE');
  });

  it('dead-letters after the last try, and says why where admins look', async () => {
    const c = await sessionWithItems(1);
    fake.failNext(1000, { status: 503 });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const queue = new WritebackQueue();
    queue.send(await eventsOf([c]));
    await queue.drain();
    expect(queue.deadLettered.length).toBeGreaterThan(0);
    expect(queue.deadLettered.every((m) => m.attempts === MAX_ATTEMPTS)).toBe(true);
    // Backoff doubles up to an hour: the queue gave Salesforce about four hours.
    expect(queue.clock).toBeGreaterThan(3 * 3600_000);
    const status = await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token });
    expect(status.json.writeback.failures[0].reason).toMatch(/gave up after 13 tries: Salesforce answered 503/);
    // Logged once for the session, with the reason.
    expect(logged(errors, 'crm_dead_lettered')).toEqual([
      { level: 'error', event: 'crm_dead_lettered', sessionId: c.sessionId, orgId: org.id, system: 'salesforce', reason: status.json.writeback.failures[0].reason },
    ]);
    errors.mockRestore();
  });

  it('retries a refused sign-in slowly and tells admins what Salesforce said', async () => {
    fake.registerConnectedApp({ clientId: TEST_CONNECTED_APP.clientId, publicKeyPem: (await testConnectedAppKeys()).publicKeyPem, username: TEST_CONNECTED_APP.username, approved: false });
    const c = await sessionWithItems(1);
    const queue = new WritebackQueue();
    queue.send(await eventsOf([c]));
    await queue.drain(1);
    expect(queue.pending.length).toBeGreaterThan(0);
    expect(queue.delays.every((d) => d === 900)).toBe(true);
    const status = await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token });
    expect(status.json.writeback.failures[0].reason).toContain('Salesforce refused the sign-in');
    expect(fake.calls).toHaveLength(0);
  });

  it('goes on writing while SECRETS_KEY is rotated, and waits, saying why, when no key opens the stored one', async () => {
    const newKey = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    const c = await sessionWithItems(1);
    const rotated = new WritebackQueue(100, { ...env, SECRETS_KEY: newKey, SECRETS_KEY_PREVIOUS: env.SECRETS_KEY });
    rotated.send(await eventsOf([c]));
    await rotated.drain();
    expect(rotated.pending).toHaveLength(0);
    expect(fake.record('Parley_Session__c', c.sessionId)).toBeDefined();

    forgetTokens();
    const before = fake.calls.length;
    const lost = new WritebackQueue(100, { ...env, SECRETS_KEY: newKey });
    lost.send(await eventsOf([c]));
    await lost.drain(1);
    expect(lost.pending.length).toBeGreaterThan(0);
    expect(lost.delays.every((d) => d === 900)).toBe(true);
    expect(fake.calls.length).toBe(before);
    const status = await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token });
    expect(status.json.writeback.failures[0].reason).toMatch(/neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS/);
  });

  it('when no key opens the stored credentials, gives up after the last try like any other failure: logged, and said where admins look', async () => {
    const c = await sessionWithItems(1);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const lost = new WritebackQueue(100, { ...env, SECRETS_KEY: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))) });
    lost.send(await eventsOf([c]));
    await lost.drain();
    expect(lost.pending).toHaveLength(0);
    expect(lost.deadLettered.length).toBeGreaterThan(0);
    expect(lost.deadLettered.every((m) => m.attempts === MAX_ATTEMPTS)).toBe(true);
    expect(lost.delays.every((d) => d === 900)).toBe(true);
    const failures = (await call('GET', '/api/v1/crm/writeback', { token: org.admin.token })).json.failures as Array<{ sessionId: string | null; reason: string }>;
    const gaveUp = failures.find((f) => f.sessionId === c.sessionId);
    expect(gaveUp?.reason).toMatch(/^gave up after 13 tries: .*neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS/);
    expect(logged(errors, 'crm_dead_lettered')).toEqual([{ level: 'error', event: 'crm_dead_lettered', sessionId: c.sessionId, orgId: org.id, system: 'salesforce', reason: gaveUp!.reason }]);
    errors.mockRestore();
  });

  it('notes the last sync only once the run is over, sealed files attached included', async () => {
    const c = await sessionWithItems(0);
    const signed = await sealedDocument(org, c);
    fileQueriesDown();
    const queue = new WritebackQueue();
    queue.send(await eventsOf([c]));
    await queue.drain(1);
    expect(fake.record('Parley_Item__c', signed.itemId)).toBeDefined();
    expect(fake.files()).toHaveLength(0);
    expect(queue.pending.length).toBeGreaterThan(0);
    const lastSyncAt = async () => (await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token })).json.writeback.lastSyncAt;
    expect(await lastSyncAt()).toBeNull();

    vi.stubGlobal('fetch', fake.fetch);
    await queue.drain();
    expect(fake.files()).toHaveLength(1);
    expect(await lastSyncAt()).not.toBeNull();
  });

  it('files each document the agent accepted on the CRM record and its item, once, with its name; a rejected one never', async () => {
    const c = await sessionWithItems(0);
    const asked = await call('POST', `/api/v1/sessions/${c.sessionId}/document-requests`, { token: org.alice.token, body: { name: 'Your ID', documents: [{ category: 'id_card' }] } });
    const itemId = asked.json.item.id as string;
    const [front, back] = asked.json.slots as { id: string }[];
    const send = async (slotId: string, bytes: Uint8Array, name: string) => {
      const form = new FormData();
      form.append('file', new File([bytes], name));
      expect((await c.browser.request('PUT', `/room/api/requests/${itemId}/slots/${slotId}/file`, form)).status).toBe(200);
    };
    const decide = (slotId: string, action: 'accept' | 'reject', body?: unknown) => call('POST', `/api/v1/sessions/${c.sessionId}/document-requests/${itemId}/slots/${slotId}/${action}`, { token: org.alice.token, body });
    await send(front!.id, makeJpegHeader(1600, 1000), 'front.jpg');
    await send(back!.id, makeJpegHeader(1700, 1000), 'back.jpg');
    await decide(front!.id, 'accept');
    await decide(back!.id, 'reject', { reason: 'blurred' });
    const queue = new WritebackQueue();
    queue.send(await eventsOf([c]));
    await queue.drain();
    expect(fake.files().map((f) => [f.title, f.pathOnClient])).toEqual([['ID card (front) · Your ID', 'front.jpg']]);

    await send(back!.id, makeJpegHeader(1800, 1000), 'back-again.jpg');
    await decide(back!.id, 'accept');
    queue.send(await eventsOf([c]));
    await queue.drain();
    queue.send(await eventsOf([c])); // a replay files nothing twice
    await queue.drain();
    const files = fake.files();
    expect(files.map((f) => f.pathOnClient).sort()).toEqual(['back-again.jpg', 'front.jpg']);
    const itemRecord = fake.record('Parley_Item__c', itemId)!;
    expect(itemRecord.fields.Status__c).toBe('completed');
    for (const f of files) expect(f.links.map((l) => l.linkedEntityId)).toEqual(expect.arrayContaining([CONTACT, itemRecord.id]));
    expect(queue.deadLettered).toEqual([]);
  });

  it("writes a payment's amount, currency and Stripe's state on its item, paid and then partly refunded", async () => {
    const stripe = new FakeStripe();
    stripe.addKey('sk_test_51ParleyWritebackKey000000');
    // Stripe's calls go to the fake Stripe, the rest to the fake Salesforce.
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => (new Request(input, init).url.startsWith('https://api.stripe.com/') ? stripe.fetch(input, init) : fake.fetch(input, init)));
    await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: { secretKey: 'sk_test_51ParleyWritebackKey000000', webhookSecret: 'whsec_ParleyWritebackSecret0000', publishableKey: 'pk_test_51ParleyWritebackKey000000', currencies: ['kwd'], minAmount: 1, maxAmount: 1000 } });
    const c = await sessionWithItems(0);
    const itemId = (await call('POST', `/api/v1/sessions/${c.sessionId}/payments`, { token: org.alice.token, body: { amount: 12_340, currency: 'kwd', description: 'Deposit' } })).json.item.id as string;
    const secret = (await c.browser.request('GET', `/room/api/payments/${itemId}`)).json.checkout.clientSecret as string;
    stripe.confirm(secret.split('_secret_')[0]!, 'pm_card_visa', 'https://parley.test/room');
    await stripe.deliverEvents(`https://parley.test/hooks/stripe/${org.id}`, 'whsec_ParleyWritebackSecret0000', (r) => exports.default.fetch(r));
    await call('POST', `/api/v1/sessions/${c.sessionId}/payments/${itemId}/refund`, { token: org.admin.token, body: { amount: 2000 } });
    const queue = new WritebackQueue();
    queue.send(await eventsOf([c]));
    await queue.drain();
    // 12.340 KWD (three decimals), 2.000 refunded.
    expect(fake.record('Parley_Item__c', itemId)!.fields).toMatchObject({ Kind__c: 'payment', Status__c: 'completed', Payment_Amount__c: 12.34, Payment_Currency__c: 'KWD', Payment_State__c: 'partially_refunded', Amount_Refunded__c: 2 });
    expect(queue.deadLettered).toEqual([]);
  });

  it('brings the sessions from before the connection, and an admin resync writes everything again as it is now', async () => {
    // The org starts without Salesforce: agents link sessions to records all the same.
    const earlier = await makeOrg('Connected Later');
    const linked = await startSession(earlier.alice, { name: 'Lena Linked', email: 'lena@example.com' }, { crmRecord: { system: 'salesforce', objectType: 'Case', recordId: '500000000000001AAA' } });
    await call('POST', `/api/v1/sessions/${linked.session.id}/items`, { token: earlier.alice.token, body: { kind: 'task', name: 'Claim photos' } });
    await startSession(earlier.alice, { name: 'Hugo Hubspot', email: 'hugo@example.com' }, { crmRecord: { system: 'hubspot', objectType: 'contact', recordId: '42' } });
    const unlinked = await startSession(earlier.alice, { name: 'Una Unlinked', email: 'una@example.com' });
    // What the sessions publish in the background (the index) is done before the org connects.
    for (const s of [linked, unlinked]) await env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(s.session.id)).idle();
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM sessions WHERE org_id = ?').bind(earlier.id).first<{ n: number }>())!.n).toBe(3);

    const sent = vi.spyOn(env.CRM_WRITEBACK, 'sendBatch');
    await connectSalesforce(earlier);
    const resyncs = sent.mock.calls.flatMap(([batch]) => [...batch].map((m) => m.body)).filter((b) => b.type === 'crm.resync');
    expect(resyncs).toEqual([{ type: 'crm.resync', orgId: earlier.id, sessionId: linked.session.id, version: 0, crm: { system: 'salesforce', objectType: 'Case', recordId: '500000000000001AAA' } }]);
    const queue = new WritebackQueue();
    queue.send(resyncs);
    await queue.drain();
    expect(fake.record('Parley_Session__c', linked.session.id)?.fields).toMatchObject({ Case__c: '500000000000001AAA', Items_Total__c: 1 });
    expect(fake.records('Parley_Item__c')).toHaveLength(1);

    // After an outage longer than the retries, the admin resyncs: the same records, written again, no duplicates.
    sent.mockClear();
    const resync = await call('POST', '/api/v1/crm/salesforce/resync', { token: earlier.admin.token });
    expect(resync.status).toBe(202);
    expect(resync.json).toEqual({ queued: 1, truncated: false });
    expect((await call('POST', '/api/v1/crm/salesforce/resync', { token: earlier.alice.token })).status).toBe(403);
    queue.send(sent.mock.calls.flatMap(([batch]) => [...batch].map((m) => m.body)));
    await queue.drain();
    expect(fake.records('Parley_Item__c')).toHaveLength(1);
    expect(fake.versionRegressions()).toEqual([]);
    sent.mockRestore();
  });

  it('writes nothing, and keeps nothing, for an org without Salesforce', async () => {
    const other = await makeOrg('No CRM');
    const s = await startSession(other.alice, { name: 'Zed', email: 'zed@example.com' });
    const queue = new WritebackQueue();
    queue.send(await publishedEvents(other.alice, other.id, s.session.id));
    await queue.drain();
    expect(fake.calls).toHaveLength(0);
    expect(queue.runs).toBe(1);
    expect(queue.pending).toHaveLength(0);
    expect(queue.deadLettered).toHaveLength(0);
  });

  it("writes nothing to Salesforce for a session linked to a HubSpot record, and keeps nothing for an org that has not connected HubSpot", async () => {
    const c = await sessionWithItems(1, { system: 'hubspot', objectType: 'contacts', recordId: '1234' });
    const queue = new WritebackQueue();
    queue.send(await eventsOf([c]));
    await queue.drain();
    expect(fake.calls).toHaveLength(0);
    // Acked, not retried for hours: a first HubSpot connection backfills what came before it.
    expect(queue.deadLettered).toHaveLength(0);
    expect(queue.delays).toHaveLength(0);
    expect((await call('GET', '/api/v1/crm/writeback', { token: org.admin.token })).json.failures).toEqual([]);
    expect((await call('GET', '/api/v1/crm/writeback', { token: org.alice.token })).status).toBe(403);
  });

  it('the connection check signs in and picks the API version', async () => {
    const check = await call('POST', '/api/v1/crm/salesforce/check', { token: org.admin.token });
    expect(check.json).toEqual({ ok: true, instanceUrl: fake.instanceUrl, apiVersion: '64.0' });
    expect((await call('GET', '/api/v1/crm/salesforce', { token: org.admin.token })).json.connection.apiVersion).toBe('64.0');
    fake.registerConnectedApp({ clientId: TEST_CONNECTED_APP.clientId, publicKeyPem: (await testConnectedAppKeys()).publicKeyPem, username: 'someone-else@acme.example' });
    forgetTokens();
    const refused = await call('POST', '/api/v1/crm/salesforce/check', { token: org.admin.token });
    expect(refused.json.ok).toBe(false);
    expect(refused.json.error).toContain('Salesforce refused the sign-in');
  });
});

