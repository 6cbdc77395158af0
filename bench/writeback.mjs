// e. CRM write-back under a burst: 1,000 item status changes over 50 sessions
// against a Parley under `wrangler dev` (its real crm-writeback queue and
// consumer), written to the fake Salesforce served on 127.0.0.1, and the same
// burst to the fake HubSpot (benchHubSpotWriteback, below). Reports the
// Salesforce API calls the burst cost (status changes per call, beside the
// one-call-per-change of a naive per-event write) and, per change, the time
// from the API answering the change to Salesforce holding that change or a
// later one.
import { FakeSalesforce } from '../test/fakes/salesforce/fake-salesforce.ts';
import { serveFakeSalesforce } from '../test/fakes/salesforce/serve.ts';
import { generateConnectedAppKeys } from '../test/fakes/salesforce/test-connected-app.ts';
import { pool } from './pool.mjs';

const SESSIONS = 50;
const ITEMS = 4; // 50 × 4 × 5 changes = 1,000
const CONCURRENCY = 8;
const QUIET_MS = 2_500;
const SETTLE_LIMIT_MS = 60_000;
const APP = { clientId: '3MVG9parley.bench.connected.app', username: 'parley-integration@bench.example' };
const CONTACT = '003000000000001AAA';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A call to Parley as the agent (`token`) or a participant (`cookie`); anything from 400 up throws, naming the call. */
export async function request(base, method, pathname, { token, cookie, body, timeoutMs = 15_000 } = {}) {
  const headers = { ...(body ? { 'Content-Type': 'application/json' } : {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (cookie) Object.assign(headers, { Cookie: cookie, 'X-Parley-Room': '1' });
  const res = await fetch(base + pathname, { method, headers, body: body ? JSON.stringify(body) : undefined, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${pathname} → ${res.status} ${text.slice(0, 300)}`);
  return { res, json: text.startsWith('{') ? JSON.parse(text) : null };
}

/**
 * A session the agent (`token`) starts on `crmRecord`, its customer in the
 * room (the invitation's button, a POST, enters; following the link alone
 * binds nothing), with `items` requests: { id, token, cookie, items }.
 */
export async function sessionWithItems(base, token, { customer, crmRecord, items }) {
  const started = await request(base, 'POST', '/api/v1/sessions', { token, body: { customer, crmRecord } });
  const id = started.json.session.id;
  const outbox = await request(base, 'GET', `/dev/outbox.json?session=${id}`);
  const join = await fetch(outbox.json.messages[0].link, { method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  await join.arrayBuffer();
  const made = [];
  for (let k = 0; k < items; k++) made.push((await request(base, 'POST', `/api/v1/sessions/${id}/items`, { token, body: { kind: 'task', name: `ID photo ${k + 1}` } })).json.id);
  return { id, token, cookie: join.headers.get('set-cookie').split(';')[0], items: made };
}

/** One item's five status changes: the customer starts, the agent rejects and asks again, the customer starts again, the agent accepts. */
const FIVE_CHANGES = [
  (base, s, item) => request(base, 'POST', `/room/api/items/${item}/status`, { cookie: s.cookie, body: { status: 'in_progress' } }),
  (base, s, item) => request(base, 'POST', `/api/v1/sessions/${s.id}/items/${item}/status`, { token: s.token, body: { status: 'rejected', reason: 'blurred' } }),
  (base, s, item) => request(base, 'POST', `/api/v1/sessions/${s.id}/items/${item}/status`, { token: s.token, body: { status: 'sent' } }),
  (base, s, item) => request(base, 'POST', `/room/api/items/${item}/status`, { cookie: s.cookie, body: { status: 'in_progress' } }),
  (base, s, item) => request(base, 'POST', `/api/v1/sessions/${s.id}/items/${item}/status`, { token: s.token, body: { status: 'completed' } }),
];

/** Each of a session's items changed five times, items one after the other, in order; `done(itemId, n)` after the n-th change of an item. */
export async function changeEveryItem(base, s, done) {
  for (const itemId of s.items) {
    for (let n = 0; n < FIVE_CHANGES.length; n++) {
      await FIVE_CHANGES[n](base, s, itemId);
      done(itemId, n);
    }
  }
}

/** Waits until Salesforce has seen no call for QUIET_MS (the queue drained), or gives up. */
export async function settle(fake, done = () => true) {
  const limit = Date.now() + SETTLE_LIMIT_MS;
  let last = -1;
  let quietSince = Date.now();
  while (Date.now() < limit) {
    if (fake.calls.length !== last) {
      last = fake.calls.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= QUIET_MS && done()) return true;
    await sleep(100);
  }
  return false;
}

export async function benchWriteback({ url: base, adminToken, agentToken }) {
  const fake = new FakeSalesforce({ versionGuard: false });
  const keys = await generateConnectedAppKeys();
  fake.registerConnectedApp({ clientId: APP.clientId, publicKeyPem: keys.publicKeyPem, username: APP.username });
  const served = await serveFakeSalesforce(fake);
  try {
    await request(base, 'PUT', '/api/v1/crm/salesforce', {
      token: adminToken,
      body: { loginUrl: served.url, instanceUrl: served.url, sfOrgId: '00D000000000001EAA', clientId: APP.clientId, username: APP.username, privateKey: keys.privateKeyPem },
    });

    // 50 sessions on a contact, 4 requests each, every customer in the room.
    const sessions = await pool(SESSIONS, CONCURRENCY, (i) =>
      sessionWithItems(base, agentToken, {
        customer: { name: `Writeback ${i}`, email: `writeback-${Date.now().toString(36)}-${i}@example.com` },
        crmRecord: { system: 'salesforce', objectType: 'Contact', recordId: CONTACT },
        items: ITEMS,
      }),
    );
    if (!(await settle(fake, () => fake.records('Parley_Item__c').length === SESSIONS * ITEMS))) throw new Error('the sessions never reached Salesforce');
    const callsBefore = fake.apiCalls;
    const tokensBefore = fake.tokenCalls;

    // The burst: each session's 20 changes in order, sessions in parallel.
    const changes = []; // { sessionId, itemId, n (per item), at }
    const burstStart = Date.now();
    await pool(SESSIONS, CONCURRENCY, (i) => changeEveryItem(base, sessions[i], (itemId, n) => changes.push({ sessionId: sessions[i].id, itemId, n, at: Date.now() })));
    const burstMs = Date.now() - burstStart;
    const settled = await settle(fake, () => fake.records('Parley_Item__c').every((r) => r.fields.Status__c === 'completed'));
    const calls = fake.apiCalls - callsBefore;

    const events = await statusChanges(base, agentToken, sessions);
    const latencies = [];
    let unwritten = 0;
    for (const c of changes) {
      const { version } = events.get(`${c.itemId}/${c.n}`);
      const landed = fake.writes('Parley_Item__c', c.itemId).find((w) => w.version !== null && w.version >= version && w.at >= c.at - 1);
      if (landed) latencies.push(landed.at - c.at);
      else unwritten++;
    }
    latencies.sort((a, b) => a - b);
    const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
    return {
      sessions: SESSIONS,
      changes: changes.length,
      burstSeconds: burstMs / 1000,
      settled,
      calls,
      signIns: fake.tokenCalls - tokensBefore,
      changesPerCall: changes.length / Math.max(1, calls),
      naiveCalls: changes.length,
      regressions: fake.versionRegressions().length,
      unwritten,
      latencyMs: { p50: at(50), p99: at(99), max: latencies.at(-1) },
    };
  } finally {
    await served.close();
  }
}

export function writebackBudgets(w) {
  return [
    { what: 'CRM write-back: status changes per Salesforce API call', budget: '≥ 20', value: `${w.changesPerCall.toFixed(1)} (${w.changes} in ${w.calls} calls)`, pass: w.settled && w.unwritten === 0 && w.changesPerCall >= 20 },
    { what: 'CRM write-back: calls per change', budget: '≤ 1', value: (w.calls / w.changes).toFixed(3), pass: w.calls <= w.changes },
    { what: 'CRM write-back: every change landed, none out of order', budget: '0 lost, 0 regressions', value: `${w.unwritten} lost, ${w.regressions} regressions`, pass: w.unwritten === 0 && w.regressions === 0 },
  ];
}

// ── The same burst written to HubSpot ──
//
// Its own Parley under `wrangler dev`, started with HUBSPOT_API_BASE on the
// fake HubSpot served on 127.0.0.1 and the app's client id and secret; the
// demo org connects through the real install flow (the install link's state,
// the fake's authorization code, Parley's /hooks/hubspot/oauth). 50
// sessions, each linked to its own contact, 4 requests each, 20 changes per
// session. Reports HubSpot API calls for the burst (properties, records,
// contacts and notes), changes per call, and, per change, the time from the
// API answering it to the contact's record receiving a write made after it.

const HUBSPOT_PORTAL = '20261203';

export async function benchHubSpotWriteback({ persistDir, vars = {}, track = () => {} }) {
  const { FakeHubSpot, TEST_APP } = await import('../test/fakes/hubspot/fake-hubspot.ts');
  const { serveFakeHubSpot } = await import('../test/fakes/hubspot/serve.ts');
  const { applyMigrations, freePort, seedDemoOrg, startWrangler } = await import('../scripts/lib/local-dev.mjs');
  const fake = new FakeHubSpot();
  const served = await serveFakeHubSpot(fake);
  let server = null;
  try {
    await applyMigrations(persistDir);
    server = await startWrangler({
      port: await freePort(),
      persistDir,
      vars: { ...vars, HUBSPOT_API_BASE: served.url, HUBSPOT_CLIENT_ID: TEST_APP.clientId, HUBSPOT_CLIENT_SECRET: TEST_APP.clientSecret, HUBSPOT_APP_ID: String(TEST_APP.appId) },
    });
    track(server);
    const base = server.url;
    const { adminToken, agentToken } = await seedDemoOrg(base, { ttlHours: 2 });

    // The install, as an admin makes it from Parley's install link.
    const status = await request(base, 'GET', '/api/v1/crm/hubspot', { token: adminToken });
    const install = new URL(status.json.installUrl);
    const code = fake.authorize({ portalId: HUBSPOT_PORTAL, userId: '501', userEmail: 'admin@bench.example', hubDomain: 'bench.hubspot.com' }, install.searchParams.get('redirect_uri'));
    const back = await fetch(`${install.searchParams.get('redirect_uri')}?${new URLSearchParams({ code, state: install.searchParams.get('state') })}`, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    if (back.status !== 200) throw new Error(`the HubSpot install was refused: ${back.status} ${(await back.text()).slice(0, 300)}`);
    const installCalls = fake.apiCalls;

    const sessions = await pool(SESSIONS, CONCURRENCY, async (i) => {
      const email = `writeback-${Date.now().toString(36)}-${i}@example.com`;
      const contact = fake.createRecord(HUBSPOT_PORTAL, 'contacts', { email });
      const crmRecord = { system: 'hubspot', objectType: 'contacts', recordId: contact.id };
      return { ...(await sessionWithItems(base, agentToken, { customer: { name: `Writeback ${i}`, email }, crmRecord, items: ITEMS })), contact };
    });
    const portal = fake.portal(HUBSPOT_PORTAL);
    const progress = (s) => portal.record('contacts', s.contact.id)?.properties.parley_items_progress;
    if (!(await settle(fake, () => sessions.every((s) => progress(s) === `0/${ITEMS}`)))) throw new Error('the sessions never reached HubSpot');
    const callsBefore = fake.apiCalls;
    const tokensBefore = fake.tokenRequests.length;

    const changes = []; // { session, itemId, n (per item) }
    const burstStart = Date.now();
    await pool(SESSIONS, CONCURRENCY, (i) => changeEveryItem(base, sessions[i], (itemId, n) => changes.push({ session: sessions[i], itemId, n })));
    const burstMs = Date.now() - burstStart;
    const settled = await settle(fake, () => sessions.every((s) => progress(s) === `${ITEMS}/${ITEMS}`));
    const calls = fake.apiCalls - callsBefore;

    const events = await statusChanges(base, agentToken, sessions);
    // A change has landed once its record received a write whose last activity is that change's time or later
    // (the change, or a later state): judged by what was written, not by when the bench heard back, which a
    // busy event loop can make later than the write itself.
    const latencies = [];
    let unwritten = 0;
    for (const c of changes) {
      const { at } = events.get(`${c.itemId}/${c.n}`); // epoch ms, Parley's clock
      const landed = portal
        .record('contacts', c.session.contact.id)
        .writes.find((w) => w.call >= 0 && w.properties.parley_last_activity && Date.parse(w.properties.parley_last_activity) >= at);
      if (landed) latencies.push(landed.at - at);
      else unwritten++;
    }
    latencies.sort((a, b) => a - b);
    const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
    const notStarted = sessions.filter((s) => portal.all('notes').filter((n) => (n.properties.hs_note_body ?? '').includes(`Parley ref: started:${s.id}`)).length !== 1).length;
    return {
      sessions: SESSIONS,
      changes: changes.length,
      burstSeconds: burstMs / 1000,
      settled,
      installCalls,
      calls,
      callsInAll: fake.apiCalls,
      tokenRefreshes: fake.tokenRequests.length - tokensBefore,
      rateLimited: fake.calls.filter((c) => c.status === 429).length,
      maxInputs: fake.maxInputs,
      changesPerCall: changes.length / Math.max(1, calls),
      naiveCalls: changes.length,
      unwritten,
      notesMissingOrDoubled: notStarted,
      latencyMs: { p50: at(50), p99: at(99), max: latencies.at(-1) },
    };
  } finally {
    await server?.stop();
    await served.close();
  }
}

/**
 * Each change's event from the sessions' logs: item.status_changed, keyed by
 * item and its place in that item's changes (`${itemId}/${n}`), with its
 * version and when it happened.
 */
export async function statusChanges(base, agentToken, sessions) {
  const found = new Map();
  for (const s of sessions) {
    const { json } = await request(base, 'GET', `/api/v1/sessions/${s.id}/events?limit=200`, { token: agentToken });
    const perItem = new Map();
    for (const e of json.events.filter((e) => e.type === 'item.status_changed')) {
      const n = perItem.get(e.data.item.id) ?? 0;
      perItem.set(e.data.item.id, n + 1);
      found.set(`${e.data.item.id}/${n}`, { version: e.version, at: e.at });
    }
  }
  return found;
}

export function hubspotWritebackBudgets(h) {
  return [
    { what: 'CRM write-back: status changes per HubSpot API call', budget: '≥ 15', value: `${h.changesPerCall.toFixed(1)} (${h.changes} in ${h.calls} calls)`, pass: h.settled && h.unwritten === 0 && h.changesPerCall >= 15 },
    { what: 'CRM write-back (HubSpot): calls per change', budget: '≤ 1', value: (h.calls / h.changes).toFixed(3), pass: h.calls <= h.changes },
    { what: 'CRM write-back (HubSpot): every change landed, each note once, no batch over 100', budget: '0 lost, 0 doubled, ≤ 100 inputs', value: `${h.unwritten} lost, ${h.notesMissingOrDoubled} notes missing or doubled, ${h.maxInputs} inputs at most`, pass: h.unwritten === 0 && h.notesMissingOrDoubled === 0 && h.maxInputs <= 100 },
  ];
}
