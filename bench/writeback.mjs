// e. CRM write-back under a burst: 1,000 item status changes over 50 sessions
// against a Parley under `wrangler dev` (its real crm-writeback queue and
// consumer), written to the fake Salesforce served on 127.0.0.1. Reports the
// Salesforce API calls the burst cost (status changes per call, beside the
// one-call-per-change of a naive per-event write) and, per change, the time
// from the API answering the change to Salesforce holding that change or a
// later one.
import { FakeSalesforce } from '../test/fakes/salesforce/fake-salesforce.ts';
import { serveFakeSalesforce } from '../test/fakes/salesforce/serve.ts';
import { generateConnectedAppKeys } from '../test/fakes/salesforce/test-connected-app.ts';
import { pool } from './pool.mjs';

const SESSIONS = 50;
const ITEMS = 4;
const CHANGES_PER_ITEM = 5; // 50 × 4 × 5 = 1,000
const CONCURRENCY = 8;
const QUIET_MS = 2_500;
const SETTLE_LIMIT_MS = 60_000;
const APP = { clientId: '3MVG9parley.bench.connected.app', username: 'parley-integration@bench.example' };
const CONTACT = '003000000000001AAA';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function request(base, method, pathname, { token, cookie, body } = {}) {
  const headers = { ...(body ? { 'Content-Type': 'application/json' } : {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (cookie) Object.assign(headers, { Cookie: cookie, 'X-Parley-Room': '1' });
  const res = await fetch(base + pathname, { method, headers, body: body ? JSON.stringify(body) : undefined, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${pathname} → ${res.status} ${text.slice(0, 300)}`);
  return { res, json: text.startsWith('{') ? JSON.parse(text) : null };
}

/** Waits until Salesforce has seen no call for QUIET_MS (the queue drained), or gives up. */
async function settle(fake, done = () => true) {
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
    const sessions = [];
    await pool(SESSIONS, CONCURRENCY, async (i) => {
      const started = await request(base, 'POST', '/api/v1/sessions', {
        token: agentToken,
        body: { customer: { name: `Writeback ${i}`, email: `writeback-${Date.now().toString(36)}-${i}@example.com` }, crmRecord: { system: 'salesforce', objectType: 'Contact', recordId: CONTACT } },
      });
      const id = started.json.session.id;
      const outbox = await request(base, 'GET', `/dev/outbox.json?session=${id}`);
      // The invitation's button (a POST) enters; following the link alone binds nothing.
      const join = await fetch(outbox.json.messages[0].link, { method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      await join.arrayBuffer();
      const cookie = join.headers.get('set-cookie').split(';')[0];
      const items = [];
      for (let k = 0; k < ITEMS; k++) items.push((await request(base, 'POST', `/api/v1/sessions/${id}/items`, { token: agentToken, body: { kind: 'document_request', name: `ID photo ${k + 1}` } })).json.id);
      sessions[i] = { id, cookie, items };
    });
    if (!(await settle(fake, () => fake.records('Parley_Item__c').length === SESSIONS * ITEMS))) throw new Error('the sessions never reached Salesforce');
    const callsBefore = fake.apiCalls;
    const tokensBefore = fake.tokenCalls;

    // The burst: each session's 20 changes in order, sessions in parallel.
    const steps = [
      (s, item) => request(base, 'POST', `/room/api/items/${item}/status`, { cookie: s.cookie, body: { status: 'in_progress' } }),
      (s, item) => request(base, 'POST', `/api/v1/sessions/${s.id}/items/${item}/status`, { token: agentToken, body: { status: 'rejected', reason: 'blurred' } }),
      (s, item) => request(base, 'POST', `/api/v1/sessions/${s.id}/items/${item}/status`, { token: agentToken, body: { status: 'sent' } }),
      (s, item) => request(base, 'POST', `/room/api/items/${item}/status`, { cookie: s.cookie, body: { status: 'in_progress' } }),
      (s, item) => request(base, 'POST', `/api/v1/sessions/${s.id}/items/${item}/status`, { token: agentToken, body: { status: 'completed' } }),
    ];
    const changes = []; // { sessionId, itemId, n (per item), at }
    const burstStart = Date.now();
    await pool(SESSIONS, CONCURRENCY, async (i) => {
      const s = sessions[i];
      for (let n = 0; n < ITEMS * CHANGES_PER_ITEM; n++) {
        const itemId = s.items[Math.floor(n / CHANGES_PER_ITEM)];
        await steps[n % CHANGES_PER_ITEM](s, itemId);
        changes.push({ sessionId: s.id, itemId, n: n % CHANGES_PER_ITEM, at: Date.now() });
      }
    });
    const burstMs = Date.now() - burstStart;
    const settled = await settle(fake, () => fake.records('Parley_Item__c').every((r) => r.fields.Status__c === 'completed'));
    const calls = fake.apiCalls - callsBefore;

    // Each change's version, from the session's event log (item.status_changed, in order per item).
    const versions = new Map();
    for (const s of sessions) {
      const { json } = await request(base, 'GET', `/api/v1/sessions/${s.id}/events?limit=200`, { token: agentToken });
      const perItem = new Map();
      for (const e of json.events.filter((e) => e.type === 'item.status_changed')) {
        const n = perItem.get(e.data.item.id) ?? 0;
        perItem.set(e.data.item.id, n + 1);
        versions.set(`${e.data.item.id}/${n}`, e.version);
      }
    }
    const latencies = [];
    let unwritten = 0;
    for (const c of changes) {
      const version = versions.get(`${c.itemId}/${c.n}`);
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
